package mode.ratelimit;

import java.time.Duration;

/** A rate-limited action was refused: its {@link TokenBucket} had no token. */
public class RateLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The wait until the next token, as reported by the bucket. */
  private final Duration retryAfter;

  /** Refused by {@code bucket}, which expects a token after {@code retryAfter}. */
  public RateLimitExceededException(TokenBucket bucket, Duration retryAfter) {
    super("Rate limit exceeded: " + bucket + " has no token; the next one in " + retryAfter);
    this.retryAfter = retryAfter;
  }

  /** How long until the bucket expected its next token when this was thrown. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
