package mode.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket (mode's {@code TokenBucket} and {@code rate_limit}): it holds at most {@code
 * capacity} tokens, refills continuously at {@code fillRate} tokens per second, and each permitted
 * action takes one token: over any time span T it permits at most {@code capacity + fillRate · T}.
 * {@link #rateLimit(double, Duration)} builds the common case, "at most {@code rate} actions per
 * {@code over}", with bursts up to {@code rate}: a token taken from it comes back {@code over}
 * after it was taken (not little by little), so that no span of length {@code over} — the first
 * one included — sees more than {@code rate}.
 *
 * <pre>{@code
 * TokenBucket bucket = TokenBucket.rateLimit(10, Duration.ofSeconds(1));
 * if (bucket.tryAcquire()) send(message); else drop(message);
 * bucket.acquire();          // or wait for a token
 * bucket.acquireOrThrow();   // or fail with RateLimitExceededException
 * }</pre>
 *
 * <p>Inside a service, wait so that a stop ends the wait: {@code while (!bucket.tryAcquire())
 * sleep(bucket.expectedTime());}.
 *
 * <p><b>Fixes over mode.</b> {@code rate_limit(rate, over)} in mode builds a bucket of capacity
 * {@code over} filled at {@code rate} per second, so its arguments do not mean what their names
 * say (with {@code over = 1} it is a bucket of one token refilled {@code rate} times a second:
 * at most {@code rate} in the first second, but no burst). Here {@code rateLimit(rate, over)}
 * permits a burst of {@code rate} and then never more than {@code rate} in any span of length
 * {@code over}: a full bucket that also refilled during its first period would let almost twice
 * as many through. mode credits the time since its last refill only when a refill happens, which
 * can over-fill after idling; here the refill is exact.
 *
 * <p>Thread-safe: a short lock guards the token count; {@link #acquire()} waits without it. The
 * clock and the way of waiting are injected, so tests need no real time. A {@code rateLimit}
 * bucket remembers each take of the last {@code over} (at most {@code rate} entries for takes of
 * one token).
 */
public final class TokenBucket {
  /** How {@link #acquire()} waits; tests pass one that moves a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    /**
     * Waits for {@code d}.
     *
     * @param d how long to wait
     * @throws InterruptedException if interrupted while waiting
     */
    void sleep(Duration d) throws InterruptedException;
  }

  private static final double NANOS_PER_SECOND = 1e9;

  private final double capacity;
  private final double fillRate;
  private final InstantSource clock;
  private final Sleeper sleeper;
  /** For a {@link #rateLimit} bucket: how long a taken token stays out; null for a plain one. */
  private final Duration window;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}. */
  private double tokens;
  /** Guarded by {@link #lock}: a {@code rateLimit} bucket's takes of the last window, oldest first. */
  private final ArrayDeque<Take> takes = new ArrayDeque<>();

  private record Take(Instant at, double n) {}
  /** Guarded by {@link #lock}: the instant {@link #tokens} was last brought up to date. */
  private Instant filledAt;

  /**
   * A full bucket on the system clock.
   *
   * @param capacity the most tokens it holds (and the largest burst); positive and finite
   * @param fillRate tokens added per second; positive and finite
   * @throws IllegalArgumentException if a value is out of range (the message names it)
   */
  public TokenBucket(double capacity, double fillRate) {
    this(capacity, fillRate, InstantSource.system(), Thread::sleep);
  }

  /**
   * A full bucket reading {@code clock} and waiting with {@code sleeper}.
   *
   * @param capacity the most tokens the bucket holds
   * @param fillRate the tokens added per second
   * @param clock the source of the current time
   * @param sleeper how the blocking methods wait
   * @throws IllegalArgumentException if {@code capacity} or {@code fillRate} is not positive and
   *     finite
   */
  public TokenBucket(double capacity, double fillRate, InstantSource clock, Sleeper sleeper) {
    this(capacity, fillRate, clock, sleeper, null);
  }

  private TokenBucket(double capacity, double fillRate, InstantSource clock, Sleeper sleeper, Duration window) {
    this.window = window;
    this.capacity = positive("capacity", capacity);
    this.fillRate = positive("fillRate", fillRate);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.tokens = capacity;
    this.filledAt = clock.instant();
  }

  /**
   * At most {@code rate} actions in any span of length {@code over}, the first one included:
   * capacity {@code rate}, starting full, each token back {@code over} after it was taken ({@link
   * #fillRate()} reports the average, {@code rate / over}).
   *
   * @param rate how many actions are allowed per {@code over}
   * @param over the period the rate is counted over
   * @return a full bucket
   * @throws IllegalArgumentException if {@code rate} is not positive and finite or {@code over} is
   *     not positive
   */
  public static TokenBucket rateLimit(double rate, Duration over) {
    return rateLimit(rate, over, InstantSource.system(), Thread::sleep);
  }

  /**
   * As {@link #rateLimit(double, Duration)}, on the given clock and sleeper.
   *
   * @param rate how many actions are allowed per {@code over}
   * @param over the period the rate is counted over
   * @param clock the source of the current time
   * @param sleeper how the blocking methods wait
   * @return a full bucket
   */
  public static TokenBucket rateLimit(double rate, Duration over, InstantSource clock, Sleeper sleeper) {
    Objects.requireNonNull(over, "over");
    if (over.isNegative() || over.isZero()) {
      throw new IllegalArgumentException("over must be positive, got " + over);
    }
    double seconds = over.toNanos() / NANOS_PER_SECOND;
    return new TokenBucket(positive("rate", rate), rate / seconds, clock, sleeper, over);
  }

  /** {@return the most tokens the bucket holds} */
  public double capacity() {
    return capacity;
  }

  /** {@return the tokens added per second} */
  public double fillRate() {
    return fillRate;
  }

  /** {@return the tokens available now} */
  public double tokens() {
    lock.lock();
    try {
      refill();
      return tokens;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes one token if one is available now (mode's {@code pour}).
   *
   * @return whether a token was taken
   */
  public boolean tryAcquire() {
    return tryAcquire(1);
  }

  /**
   * Takes {@code n} tokens if they are available now; otherwise takes none.
   *
   * @param n how many tokens to take
   * @return whether the tokens were taken
   * @throws IllegalArgumentException if {@code n} is not positive or exceeds the capacity
   */
  public boolean tryAcquire(double n) {
    checkRequest(n);
    lock.lock();
    try {
      refill();
      if (tokens < n) {
        return false;
      }
      tokens -= n;
      if (window != null) {
        takes.addLast(new Take(clock.instant(), n));
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** {@return how long until one token is available}; zero if one is available now. */
  public Duration expectedTime() {
    return expectedTime(1);
  }

  /**
   * How long until {@code n} tokens are available (if nobody else takes any); zero if they are
   * available now. Rounded up to the nanosecond.
   *
   * @param n how many tokens are wanted
   * @return the time to wait
   * @throws IllegalArgumentException if {@code n} is not positive or exceeds the capacity
   */
  public Duration expectedTime(double n) {
    checkRequest(n);
    lock.lock();
    try {
      refill();
      double missing = n - tokens;
      if (missing <= 0) {
        return Duration.ZERO;
      }
      if (window != null) {
        return untilReturned(missing);
      }
      return Duration.ofNanos((long) Math.ceil(missing / fillRate * NANOS_PER_SECOND));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes one token, waiting for it as long as needed (mode's {@code async with bucket}).
   *
   * @throws InterruptedException if interrupted while waiting (no token is taken)
   */
  public void acquire() throws InterruptedException {
    while (!tryAcquire()) {
      sleeper.sleep(expectedTime());
    }
  }

  /**
   * Takes one token or fails at once (mode's bucket with {@code raises}).
   *
   * @throws RateLimitExceededException if no token is available now; the message names the limit
   *     and how long until the next token
   */
  public void acquireOrThrow() {
    if (!tryAcquire()) {
      throw new RateLimitExceededException(this, expectedTime());
    }
  }

  @Override
  public String toString() {
    return "TokenBucket(capacity=" + capacity + ", fillRate=" + fillRate + "/s)";
  }

  /** How long until the oldest takes bring back {@code missing} tokens; lock held. */
  private Duration untilReturned(double missing) {
    Instant now = clock.instant();
    double back = 0;
    for (Take t : takes) {
      back += t.n();
      if (back >= missing) {
        return Duration.between(now, t.at().plus(window));
      }
    }
    return window; // unreachable while n <= capacity
  }

  private void refill() {
    if (window != null) {
      returnExpired();
      return;
    }
    Instant now = clock.instant();
    if (now.isAfter(filledAt)) {
      double seconds = Duration.between(filledAt, now).toNanos() / NANOS_PER_SECOND;
      tokens = Math.min(capacity, tokens + seconds * fillRate);
      filledAt = now;
    }
  }

  /** A rateLimit bucket: the takes at least one window old are back. */
  private void returnExpired() {
    Instant now = clock.instant();
    while (!takes.isEmpty() && !takes.peekFirst().at().plus(window).isAfter(now)) {
      tokens = Math.min(capacity, tokens + takes.pollFirst().n());
    }
  }

  private void checkRequest(double n) {
    if (!(n > 0) || n > capacity) {
      throw new IllegalArgumentException(
          "cannot take " + n + " tokens from " + this + ": need 0 < n <= capacity");
    }
  }

  private static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
    }
    return value;
  }
}
