package mode.ratelimit;

import java.time.Duration;

/** A rate-limited action was refused: its {@link TokenBucket} had no token. */
public class RateLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The wait until the next token, as reported by the bucket. */
  private final Duration retryAfter;

  /**
   * Refused by {@code bucket}, which expects a token after {@code retryAfter}.
   *
   * @param bucket the bucket that refused; its label goes in the message
   * @param retryAfter how long until it expects its next token
   */
  public RateLimitExceededException(TokenBucket bucket, Duration retryAfter) {
    super("Rate limit exceeded: " + bucket + " has no token; the next one in " + retryAfter);
    this.retryAfter = retryAfter;
  }

  /** {@return how long until the bucket expected its next token when this was thrown} */
  public Duration retryAfter() {
    return retryAfter;
  }
}
