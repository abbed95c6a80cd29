package mode.inspector.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Where the opening snapshot of a JFR file lies: strictly before the first transition, whose
 * time is whole milliseconds while the tree's is nanoseconds.
 */
class FlightRecordingEventsTest {
  private static final Instant MS = Instant.parse("2026-12-06T01:00:00.123Z");

  @Test
  void aTransitionInTheTreesMillisecondComesAfterTheSnapshot() {
    // The tree was written at .123400 and the service started within that millisecond: the
    // transition reads .123000, before the tree. Replaying to the start must show it unstarted.
    Instant tree = MS.plusNanos(400_000);

    Instant start = FlightRecordingEvents.snapshotInstant(tree, MS);

    assertThat(start).isBefore(MS).isEqualTo(MS.minusNanos(1));
  }

  @Test
  void aTransitionAtTheTreesVeryInstantComesAfterTheSnapshot() {
    assertThat(FlightRecordingEvents.snapshotInstant(MS, MS)).isBefore(MS);
  }

  @Test
  void aTreeWrittenBeforeTheFirstTransitionGivesTheSnapshotItsTime() {
    Instant tree = MS.minusMillis(5);

    assertThat(FlightRecordingEvents.snapshotInstant(tree, MS)).isEqualTo(tree);
  }

  @Test
  void withoutTransitionsTheTreeGivesTheTime() {
    assertThat(FlightRecordingEvents.snapshotInstant(MS, null)).isEqualTo(MS);
  }

  @Test
  void withoutTreesTheSnapshotPrecedesTheFirstTransition() {
    assertThat(FlightRecordingEvents.snapshotInstant(null, MS)).isEqualTo(MS.minusNanos(1));
  }
}
