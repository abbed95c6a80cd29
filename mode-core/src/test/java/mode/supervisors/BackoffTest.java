package mode.supervisors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static List<Duration> delays(Backoff backoff, int upTo) {
    List<Duration> out = new ArrayList<>();
    for (int recent = 0; recent <= upTo; recent++) {
      out.add(backoff.delay(recent));
    }
    return out;
  }

  @Test
  void delaysDoubleWithEachRecentRestartUpToTheMaximum() {
    Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 0);
    assertThat(delays(backoff, 5)).containsExactly(
        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
        Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void jitterSpreadsTheDelayWithinItsBoundsAndNeverBeyondMax() {
    Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5, () -> 0.0);
    Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5, () -> 1.0);
    Backoff middle = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5, () -> 0.75);
    assertThat(delays(low, 4)).containsExactly(
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(400), Duration.ofMillis(500));
    assertThat(delays(high, 4)).containsExactly(
        Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofMillis(600),
        Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(middle.delay(1)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void noBackoffNeverWaits() {
    assertThat(delays(Backoff.NONE, 3)).containsOnly(Duration.ZERO);
    assertThat(Backoff.NONE).hasToString("no backoff");
  }

  @Test
  void manyRecentRestartsDoNotOverflow() {
    Backoff backoff = Backoff.exponential(Duration.ofNanos(1), Duration.ofDays(365), 0);
    assertThat(backoff.delay(10_000)).isEqualTo(Duration.ofDays(365));
  }

  @Test
  void badSettingsAreRejectedNamingTheValues() {
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .hasMessage("backoff needs 0 <= min <= max, got min=PT2S, max=PT1S");
    assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1), 1.5))
        .hasMessage("backoff jitter must be within [0, 1], got 1.5");
  }
}
