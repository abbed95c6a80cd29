package mode.inspector.viewmodel;

import static mode.inspector.model.Streams.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import mode.State;
import mode.inspector.model.Texts;
import mode.inspector.model.TransitionRecord;
import mode.inspector.viewmodel.Swimlanes.Crash;
import mode.inspector.viewmodel.Swimlanes.Lane;
import mode.inspector.viewmodel.Swimlanes.Span;
import mode.inspector.viewmodel.Swimlanes.Tick;
import org.junit.jupiter.api.Test;

class SwimlanesTest {
  private static TransitionRecord move(long ms, long id, State from, State to) {
    return new TransitionRecord(at(ms), id, "s" + id, from, to, 0, null, false);
  }

  private static TransitionRecord crash(long ms, long id, String reason, int restarts) {
    return new TransitionRecord(at(ms), id, "s" + id, State.RUNNING, State.CRASHED, restarts, reason, false);
  }

  private static final List<TransitionRecord> HISTORY = List.of(
      move(100, 1, State.INIT, State.STARTING),
      move(200, 1, State.STARTING, State.RUNNING),
      move(250, 2, State.STARTING, State.RUNNING),
      crash(400, 1, "boom", 0),
      move(500, 1, State.CRASHED, State.STARTING),
      move(600, 1, State.STARTING, State.RUNNING));

  @Test
  void eachLaneCoversTheWindowWithItsStatesAndCrashes() {
    List<Lane> lanes = Swimlanes.lanes(HISTORY, List.of(1L, 2L, 3L), id -> id == 3 ? State.SHUTDOWN : null, at(0), at(1000));

    assertThat(lanes).containsExactly(
        new Lane(1, List.of(
            new Span(at(0), at(100), State.INIT, null),
            new Span(at(100), at(200), State.STARTING, at(100)),
            new Span(at(200), at(400), State.RUNNING, at(200)),
            new Span(at(400), at(500), State.CRASHED, at(400)),
            new Span(at(500), at(600), State.STARTING, at(500)),
            new Span(at(600), at(1000), State.RUNNING, at(600))),
            List.of(new Crash(at(400), "boom", 0))),
        // Before its first transition a service was in that transition's source state.
        new Lane(2, List.of(
            new Span(at(0), at(250), State.STARTING, null),
            new Span(at(250), at(1000), State.RUNNING, at(250))), List.of()),
        // No transition: its current state the whole window.
        new Lane(3, List.of(new Span(at(0), at(1000), State.SHUTDOWN, null)), List.of()));
  }

  @Test
  void aWindowCutsSpansAtItsEdgesAndKeepsOnlyItsCrashes() {
    List<Lane> lanes = Swimlanes.lanes(HISTORY, List.of(1L), id -> null, at(300), at(550));

    assertThat(lanes).containsExactly(new Lane(1, List.of(
        new Span(at(300), at(400), State.RUNNING, at(200)),
        new Span(at(400), at(500), State.CRASHED, at(400)),
        new Span(at(500), at(550), State.STARTING, at(500))),
        List.of(new Crash(at(400), "boom", 0))));
    assertThat(Swimlanes.lanes(HISTORY, List.of(1L), id -> null, at(450), at(480)).getFirst().crashes()).isEmpty();
  }

  @Test
  void aServiceWhoseStateIsUnknownHasAnEmptyLane() {
    assertThat(Swimlanes.lanes(HISTORY, List.of(9L), id -> null, at(0), at(1000)))
        .containsExactly(new Lane(9, List.of(), List.of()));
  }

  @Test
  void aRecordThatGoesBackInTimeCountsAsAtItsPredecessorsTime() {
    List<TransitionRecord> skewed = List.of(
        move(200, 1, State.STARTING, State.RUNNING),
        move(150, 1, State.RUNNING, State.STOPPING));

    assertThat(Swimlanes.lanes(skewed, List.of(1L), id -> null, at(0), at(300)).getFirst().spans()).containsExactly(
        new Span(at(0), at(200), State.STARTING, null),
        new Span(at(200), at(300), State.STOPPING, at(200)));
  }

  @Test
  void ticksFallOnRoundMomentsAndSayMillisecondsOnlyWhenCloserThanASecond() {
    Instant from = Instant.ofEpochMilli(1_000_000_250);
    List<Tick> seconds = Swimlanes.ticks(from, from.plusSeconds(9), 10);
    assertThat(seconds).extracting(Tick::at).containsExactly(
        java.util.stream.IntStream.rangeClosed(1, 9).mapToObj(s -> Instant.ofEpochMilli(1_000_000_000 + s * 1000L)).toArray(Instant[]::new));
    assertThat(seconds.getFirst().label()).isEqualTo(Texts.clock(Instant.ofEpochMilli(1_000_001_000)));

    List<Tick> millis = Swimlanes.ticks(from, from.plusMillis(900), 5);
    assertThat(millis).extracting(t -> t.at().toEpochMilli() - 1_000_000_000)
        .containsExactly(400L, 600L, 800L, 1000L);
    assertThat(millis.getFirst().label()).isEqualTo(Texts.time(Instant.ofEpochMilli(1_000_000_400)));
  }

  @Test
  void theTickStepIsTheSmallestRoundOneThatFits() {
    assertThat(Swimlanes.tickStep(1_000, 10)).isEqualTo(100);
    assertThat(Swimlanes.tickStep(60_000, 5)).isEqualTo(15_000);
    assertThat(Swimlanes.tickStep(3_600_000, 8)).isEqualTo(600_000);
    assertThat(Swimlanes.tickStep(30L * 86_400_000, 10)).isEqualTo(4 * 86_400_000L);
  }

  @Test
  void stepsGoToTheNextAndPreviousTransition() {
    assertThat(Swimlanes.next(HISTORY, at(200))).isEqualTo(HISTORY.get(2));
    assertThat(Swimlanes.next(HISTORY, at(0))).isEqualTo(HISTORY.get(0));
    assertThat(Swimlanes.next(HISTORY, at(600))).isNull();
    assertThat(Swimlanes.previous(HISTORY, at(400))).isEqualTo(HISTORY.get(2));
    assertThat(Swimlanes.previous(HISTORY, at(401))).isEqualTo(HISTORY.get(3));
    assertThat(Swimlanes.previous(HISTORY, at(100))).isNull();
  }

  @Test
  void crashesAreTheMovesIntoCrashed() {
    assertThat(Swimlanes.crashes(HISTORY)).containsExactly(HISTORY.get(3));
  }
}
