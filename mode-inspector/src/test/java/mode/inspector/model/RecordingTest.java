package mode.inspector.model;

import static mode.inspector.model.Streams.appSnapshot;
import static mode.inspector.model.Streams.at;
import static mode.inspector.model.Streams.crash;
import static mode.inspector.model.Streams.info;
import static mode.inspector.model.Streams.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import org.junit.jupiter.api.Test;

class RecordingTest {
  /** Everything a graph tells of its services, in one comparable list. */
  static List<String> state(ServiceGraph graph) {
    List<String> out = new ArrayList<>();
    for (ServiceInfo info : graph.toServiceInfos()) {
      ServiceNode node = graph.node(info.id());
      out.add(info + " dependents=" + graph.dependents(info.id()) + " crashedAt=" + node.crashedAt()
          + " firstStart=" + node.firstStartAt() + "/" + node.firstStartDuration() + " blocking=" + node.blocking());
    }
    out.add("roots=" + graph.roots() + " ignored=" + graph.ignoredEvents() + " gaps=" + graph.gaps()
        + " last=" + graph.lastEventAt());
    return out;
  }

  @Test
  void foldingKeepsTheCapacityAndCountsTheFoldedEvents() {
    List<ServiceEvent> session = Streams.session();
    Recording recording = new Recording(20, session);

    // From the 21st event on, each one folds the oldest first.
    assertThat(session).hasSize(61);
    assertThat(recording.folded()).isEqualTo(41);
    assertThat(recording.events()).hasSize(1 + 20);
    assertThat(recording.events().subList(1, 21)).containsExactlyElementsOf(session.subList(41, 61));
    assertThat(recording.start()).isEqualTo(at(400));
    assertThat(recording.end()).isEqualTo(at(600));
  }

  @Test
  void aFoldedRecordingStartsWithOneSnapshotOfTheGraphAfterTheFoldedEvents() {
    List<ServiceEvent> session = Streams.session();
    Recording recording = new Recording(20, session);
    Recording everything = new Recording(session);

    ServiceEvent first = recording.events().getFirst();

    assertThat(first).isInstanceOf(ServiceEvent.Snapshot.class);
    assertThat(first.at()).isEqualTo(at(400));
    assertThat(((ServiceEvent.Snapshot) first).services()).isEqualTo(everything.replayTo(at(400)).toServiceInfos());
    assertThat(recording.events().stream().filter(e -> e instanceof ServiceEvent.Snapshot)).hasSize(1);
  }

  @Test
  void replayFromTheBaseOnEqualsTheReplayOfTheWholeSession() {
    List<ServiceEvent> session = Streams.session();
    Recording recording = new Recording(20, session);
    Recording everything = new Recording(session);
    assertThat(everything.folded()).isZero();

    for (long millis = 400; millis <= 620; millis += 5) {
      ServiceGraph folded = recording.replayTo(at(millis));
      ServiceGraph whole = everything.replayTo(at(millis));
      assertThat(state(folded)).as("at %d ms", millis).isEqualTo(state(whole));
      List<TransitionRecord> all = whole.history();
      assertThat(folded.history()).as("history at %d ms", millis)
          .isEqualTo(all.subList(all.size() - folded.history().size(), all.size()));
      assertThat(folded.historyDiscarded() + folded.history().size()).isEqualTo(all.size());
      assertThat(folded.logsDiscarded() + folded.logs().size()).isEqualTo(whole.logs().size());
      assertThat(folded.logs()).isEqualTo(whole.logs().subList(whole.logs().size() - folded.logs().size(), whole.logs().size()));
    }
    // Some of the moments above had transitions folded and some kept, and a log on each side.
    assertThat(recording.replayTo(at(600)).history()).isNotEmpty();
    assertThat(recording.replayTo(at(600)).historyDiscarded()).isPositive();
    assertThat(recording.replayTo(at(600)).logs()).hasSize(1);
    assertThat(recording.replayTo(at(600)).logsDiscarded()).isEqualTo(1);
  }

  @Test
  void aMomentBeforeTheBaseGivesTheBaseState() {
    List<ServiceEvent> session = Streams.session();
    Recording recording = new Recording(20, session);
    List<String> base = state(new Recording(session).replayTo(at(400)));

    assertThat(state(recording.replayTo(at(395)))).isEqualTo(base);
    assertThat(state(recording.replayTo(at(0)))).isEqualTo(base);
    assertThat(state(recording.replayTo(Instant.EPOCH))).isEqualTo(base);
    assertThat(recording.replayTo(Instant.EPOCH).history()).isEmpty();
  }

  @Test
  void heavyEventsAreFoldedToKeepTheByteBudget() {
    String stack = "java.io.IOException: lost\n" + "\tat demo.Flaky.tick(Flaky.java:42)\n".repeat(60);
    List<ServiceEvent> session = new ArrayList<>(List.of(appSnapshot()));
    for (int k = 1; k <= 40; k++) {
      session.add(new ServiceEvent.Transition(at(20L * k), 4, State.RUNNING, State.CRASHED, k, "lost " + k, stack));
      session.add(move(20L * k + 10, 4, State.CRASHED, State.RUNNING, k));
    }
    long crashBytes = Recording.estimatedBytes(session.get(1));
    long budget = 10 * crashBytes;
    Recording recording = new Recording(1_000, budget, session);

    assertThat(crashBytes).isGreaterThan(stack.length());
    assertThat(recording.bytes()).isLessThanOrEqualTo(budget);
    assertThat(recording.folded()).isPositive();
    assertThat(recording.events().size() - 1 + recording.folded()).isEqualTo(session.size());
    assertThat(state(recording.replayTo(at(810)))).isEqualTo(state(new Recording(session).replayTo(at(810))));
  }

  @Test
  void aCopyIsIndependentOfTheRecording() {
    List<ServiceEvent> session = Streams.session();
    Recording recording = new Recording(20, session.subList(0, 50));
    Recording copy = recording.copy();

    session.subList(50, 61).forEach(recording::add);

    assertThat(copy.events()).isEqualTo(new Recording(20, session.subList(0, 50)).events());
    assertThat(copy.folded()).isEqualTo(new Recording(20, session.subList(0, 50)).folded());
    assertThat(recording.folded()).isEqualTo(41);
    assertThat(state(copy.replayTo(at(490)))).isEqualTo(state(new Recording(session).replayTo(at(490))));
  }

  @Test
  void anEmptyRecordingHasNoStartAndBadCapacitiesAreRejected() {
    Recording empty = new Recording(5);

    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.replayTo(at(0)).size()).isZero();
    assertThatThrownBy(empty::start).isInstanceOf(IllegalStateException.class)
        .hasMessage("The recording holds no events");
    assertThatThrownBy(() -> new Recording(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a recording needs room for at least one event, got capacity 0");
    assertThatThrownBy(() -> new Recording(3, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a recording needs a positive byte budget, got -1");
  }
}
