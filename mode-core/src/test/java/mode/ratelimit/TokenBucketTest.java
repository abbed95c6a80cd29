package mode.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  final InstantSource clock = now::get;
  final List<Duration> sleeps = new ArrayList<>();
  /** Sleeping moves the fake clock by exactly the time asked for. */
  final TokenBucket.Sleeper sleeper = d -> {
    sleeps.add(d);
    advance(d);
  };

  void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  @Test
  void aBucketAllowsABurstOfItsCapacityThenRefillsAtItsFillRate() {
    // A plain token bucket: over a span T it allows capacity + fillRate * T (rateLimit does not).
    TokenBucket bucket = new TokenBucket(4, 2, clock, sleeper);
    List<Boolean> taken = new ArrayList<>();

    for (int i = 0; i < 5; i++) {
      taken.add(bucket.tryAcquire());
    }
    advance(Duration.ofMillis(499));
    taken.add(bucket.tryAcquire());
    advance(Duration.ofMillis(1));
    taken.add(bucket.tryAcquire());
    taken.add(bucket.tryAcquire());

    assertThat(taken).containsExactly(true, true, true, true, false, false, true, false);
    assertThat(bucket.capacity()).isEqualTo(4);
    assertThat(bucket.fillRate()).isEqualTo(2);
  }

  @Test
  void rateLimitNeverLetsMoreThanRateThroughInAnySpanOfOverTheFirstIncluded() {
    TokenBucket bucket = TokenBucket.rateLimit(20, Duration.ofSeconds(1), clock, sleeper);
    List<Instant> permitted = new ArrayList<>();
    Instant start = now.get();

    // A caller that tries every millisecond for three seconds.
    for (int ms = 0; ms < 3000; ms++) {
      if (bucket.tryAcquire()) {
        permitted.add(now.get());
      }
      advance(Duration.ofMillis(1));
    }

    assertThat(permitted.stream().filter(t -> t.isBefore(start.plusSeconds(1)))).hasSize(20);
    for (Instant from : permitted) {
      assertThat(permitted.stream().filter(t -> !t.isBefore(from) && t.isBefore(from.plusSeconds(1))))
          .as("permits in the second from %s", from).hasSizeLessThanOrEqualTo(20);
    }
    assertThat(permitted).hasSize(60);
    assertThat(bucket.fillRate()).isEqualTo(20);
  }

  @Test
  void rateLimitGivesATokenBackOverAfterItWasTakenAndWaitsForIt() throws InterruptedException {
    TokenBucket bucket = TokenBucket.rateLimit(2, Duration.ofSeconds(1), clock, sleeper);
    bucket.tryAcquire();
    advance(Duration.ofMillis(400));
    bucket.tryAcquire();

    assertThat(bucket.tryAcquire()).isFalse();
    assertThat(bucket.expectedTime()).isEqualTo(Duration.ofMillis(600));
    assertThat(bucket.expectedTime(2)).isEqualTo(Duration.ofMillis(1000));
    bucket.acquire();
    bucket.acquire();

    assertThat(sleeps).containsExactly(Duration.ofMillis(600), Duration.ofMillis(400));
    assertThat(bucket.tokens()).isZero();
  }

  @Test
  void refillStopsAtTheCapacity() {
    TokenBucket bucket = new TokenBucket(3, 1, clock, sleeper);
    bucket.tryAcquire(3);

    advance(Duration.ofHours(1));

    assertThat(bucket.tokens()).isEqualTo(3);
  }

  @Test
  void expectedTimeIsTheTimeUntilEnoughTokensAndZeroWhenAvailable() {
    TokenBucket bucket = new TokenBucket(2, 4, clock, sleeper);
    assertThat(bucket.expectedTime()).isZero();
    bucket.tryAcquire(2);

    assertThat(bucket.expectedTime()).isEqualTo(Duration.ofMillis(250));
    assertThat(bucket.expectedTime(2)).isEqualTo(Duration.ofMillis(500));
    advance(Duration.ofMillis(100));
    assertThat(bucket.expectedTime()).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void acquireWaitsForTheNextTokenWithTheSleeper() throws InterruptedException {
    TokenBucket bucket = new TokenBucket(2, 2, clock, sleeper);

    for (int i = 0; i < 4; i++) {
      bucket.acquire();
    }

    assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
  }

  @Test
  void acquireOrThrowRefusesWhenEmptyAndNamesTheLimitAndTheWait() {
    TokenBucket bucket = TokenBucket.rateLimit(1, Duration.ofSeconds(10), clock, sleeper);
    bucket.acquireOrThrow();

    assertThatThrownBy(bucket::acquireOrThrow)
        .isInstanceOf(RateLimitExceededException.class)
        .hasMessage("Rate limit exceeded: TokenBucket(capacity=1.0, fillRate=0.1/s) has no token;"
            + " the next one in PT10S")
        .extracting(e -> ((RateLimitExceededException) e).retryAfter())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aRefusedMultiTokenRequestTakesNothing() {
    TokenBucket bucket = new TokenBucket(5, 1, clock, sleeper);

    assertThat(bucket.tryAcquire(4)).isTrue();
    assertThat(bucket.tryAcquire(2)).isFalse();
    assertThat(bucket.tokens()).isEqualTo(1);
  }

  @Test
  void invalidLimitsAndRequestsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> new TokenBucket(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be positive and finite, got 0.0");
    assertThatThrownBy(() -> new TokenBucket(1, Double.NaN))
        .hasMessage("fillRate must be positive and finite, got NaN");
    assertThatThrownBy(() -> TokenBucket.rateLimit(1, Duration.ZERO))
        .hasMessage("over must be positive, got PT0S");
    TokenBucket bucket = new TokenBucket(2, 1, clock, sleeper);
    assertThatThrownBy(() -> bucket.tryAcquire(3))
        .hasMessage("cannot take 3.0 tokens from TokenBucket(capacity=2.0, fillRate=1.0/s): need 0 < n <= capacity");
  }
}
