package mode.supervisors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RestartWindowTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T06:00:00Z"));
  private final InstantSource clock = now::get;

  private void advance(long millis) {
    now.set(now.get().plusMillis(millis));
  }

  @Test
  void allowsExactlyMaxRestartsWithinTheWindow() {
    RestartWindow window = new RestartWindow(3, Duration.ofSeconds(10), clock);
    List<Boolean> allowed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      allowed.add(window.tryRecord());
      advance(1000);
    }
    assertThat(allowed).containsExactly(true, true, true, false, false);
  }

  @Test
  void windowSlidesSoOldRestartsStopCounting() {
    RestartWindow window = new RestartWindow(2, Duration.ofSeconds(10), clock);
    List<String> history = new ArrayList<>();
    for (long step : new long[] {0, 4000, 5000, 1000, 4000, 1, 9999}) {
      advance(step);
      history.add(window.tryRecord() + "/" + window.recent());
    }
    // t=0 ok, t=4 ok, t=9 refused (2 within 10 s), t=10 ok (t=0 left the window),
    // t=14 ok (t=4 left), t=14.001 refused, t=24 ok.
    assertThat(history).containsExactly("true/1", "true/2", "false/2", "true/2", "true/2", "false/2", "true/1");
  }

  @Test
  void zeroMaxRestartsRefusesTheFirstRestart() {
    assertThat(new RestartWindow(0, Duration.ofSeconds(1), clock).tryRecord()).isFalse();
  }

  @Test
  void badLimitsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> new RestartWindow(-1, Duration.ofSeconds(1), clock))
        .hasMessage("maxRestarts must not be negative, got -1");
    assertThatThrownBy(() -> new RestartWindow(1, Duration.ZERO, clock))
        .hasMessage("restart window must be positive, got PT0S");
  }
}
