package mode.inspect;

import static mode.inspect.BurstHold.MAX_HOLD_NANOS;
import static mode.inspect.BurstHold.QUIET_NANOS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When held events may leave, decided on given clock readings alone (no waiting). */
class BurstHoldTest {

  static final long T = 5_000_000_000L;
  static final long LONG_AGO = T - 3_600_000_000_000L;

  @Test
  void eventsLeaveAtOnceWhenTheRuntimeIsQuiet() {
    assertThat(BurstHold.remaining(T, LONG_AGO, T)).isZero();
    assertThat(BurstHold.remaining(T, T - QUIET_NANOS, T)).isZero();
  }

  @Test
  void aLoneChangeLeavesOneQuietPeriodAfterIt() {
    long change = T - 300_000;
    assertThat(BurstHold.remaining(T, change, T)).isEqualTo(QUIET_NANOS - 300_000);
    assertThat(BurstHold.remaining(change + QUIET_NANOS, change, T)).isZero();
  }

  @Test
  void aBurstThatGoesOnIsLookedAtOnceMoreAtTheDeadlineNotAtEveryChange() {
    long held = T;
    long later = held + 2 * QUIET_NANOS; // looked once; changes kept coming
    assertThat(BurstHold.remaining(later, later - 10_000, held)).isEqualTo(held + MAX_HOLD_NANOS - later);
  }

  @Test
  void nothingWaitsPastTheDeadlineEvenIfTheBurstNeverEnds() {
    long held = T;
    long deadline = held + MAX_HOLD_NANOS;
    assertThat(BurstHold.remaining(deadline, deadline, held)).isZero();
    assertThat(BurstHold.remaining(deadline + 1, deadline + 1, held)).isZero();
    assertThat(BurstHold.remaining(held + QUIET_NANOS / 2, held + QUIET_NANOS / 2, held))
        .as("the first look never lies beyond the deadline").isLessThanOrEqualTo(MAX_HOLD_NANOS);
  }

  @Test
  void readingsNearTheWrapOfNanoTimeCompareAsDifferences() {
    long held = Long.MAX_VALUE - 1_000;
    long now = held + 2_000; // wrapped
    assertThat(BurstHold.remaining(now, now, held)).isEqualTo(QUIET_NANOS);
    long later = held + 2 * QUIET_NANOS;
    assertThat(BurstHold.remaining(later, later, held)).isEqualTo(MAX_HOLD_NANOS - 2 * QUIET_NANOS);
  }
}
