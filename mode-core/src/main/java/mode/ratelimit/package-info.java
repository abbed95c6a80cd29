/**
 * Rate limiting, as mode's {@code rate_limit}: {@link mode.ratelimit.TokenBucket} and the
 * exception a refused action throws.
 */
package mode.ratelimit;
