package mode.inspector.model;

import static mode.inspector.model.Streams.appSnapshot;
import static mode.inspector.model.Streams.at;
import static mode.inspector.model.Streams.crash;
import static mode.inspector.model.Streams.move;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mode.State;
import mode.events.ServiceEvent;
import org.junit.jupiter.api.Test;

class TroubleTest {
  private final ServiceGraph graph = new ServiceGraph();

  private List<Trouble> of(long id, long nowMillis) {
    return Trouble.of(graph.node(id), at(nowMillis));
  }

  @Test
  void aHealthyServiceHasNone() {
    graph.applyAll(List.of(appSnapshot()));
    assertThat(of(3, 60_000)).isEmpty();
  }

  @Test
  void aCrashLoopSaysHowManyHowOftenAndHowLongAgo() {
    graph.applyAll(List.of(appSnapshot()));
    List<ServiceEvent> loop = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long t = 60_000L * i;
      loop.add(crash(t + 1, 3, State.RUNNING, "java.lang.IllegalStateException: flaky"));
      loop.add(move(t + 2, 3, State.CRASHED, State.STARTING, i + 1));
      loop.add(move(t + 3, 3, State.STARTING, State.RUNNING, i + 1));
    }
    graph.applyAll(loop);

    assertThat(of(3, 240_001 + 3_000)).extracting(Trouble::kind, Trouble::text)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Trouble.Kind.CRASH_LOOP,
            "5 crashes · last 3 s ago · 1.0/min"));
    assertThat(of(3, 243_001).getFirst().marker()).isEqualTo("5 crashes · last 3 s ago");
  }

  @Test
  void twoCrashesAreNotYetALoop() {
    graph.applyAll(List.of(appSnapshot(), crash(1, 3, State.RUNNING, "x"), move(2, 3, State.CRASHED, State.STARTING, 1),
        move(3, 3, State.STARTING, State.RUNNING, 1), crash(4, 3, State.RUNNING, "x")));
    assertThat(of(3, 10)).isEmpty();
  }

  @Test
  void aRecentBlockingReportMeansBlockedNowAndAnOldOneDoesNot() {
    graph.applyAll(List.of(appSnapshot(),
        new ServiceEvent.Blocking(at(1_000), 3, "timer work", Duration.ofMillis(2_500), "at demo.Blocker.work")));
    assertThat(of(3, 20_000)).extracting(Trouble::kind, Trouble::text)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Trouble.Kind.BLOCKED, "blocked 2.5 s in timer work"));
    assertThat(of(3, 20_000).getFirst().marker()).isEqualTo("blocked 2.5 s");
    assertThat(of(3, 1_000 + Trouble.BLOCKED_RECENTLY.toMillis() + 1)).isEmpty();
  }

  @Test
  void aStartThatTakesTooLongIsStuck() {
    graph.applyAll(List.of(appSnapshot(), move(1_000, 3, State.RUNNING, State.STOPPING, 0),
        move(2_000, 3, State.STOPPING, State.SHUTDOWN, 0), move(3_000, 3, State.SHUTDOWN, State.STARTING, 1)));
    assertThat(of(3, 3_000 + Trouble.STUCK.toMillis())).isEmpty();
    assertThat(of(3, 45_000)).extracting(Trouble::kind, Trouble::text)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Trouble.Kind.STUCK, "stuck starting for 42.0 s"));
    assertThat(of(3, 45_000).getFirst().marker()).isEqualTo("stuck 42 s");
  }

  @Test
  void operatorRestartsAfterOneCrashAreNoCrashLoopAndSayWhoDidThem() {
    graph.client("client 3");
    List<ServiceEvent> events = new ArrayList<>(List.of(appSnapshot(),
        crash(1, 3, State.RUNNING, "java.lang.IllegalStateException: once").withCause(ServiceEvent.Transition.CRASH, null)));
    events.addAll(restart(2, 3, State.CRASHED, 1, ServiceEvent.Transition.SUPERVISOR, "OneForOneSupervisor"));
    for (int i = 2; i <= 5; i++) {
      events.addAll(restart(10L * i, 3, State.RUNNING, i, ServiceEvent.Transition.OPERATOR, "client 3"));
    }
    graph.applyAll(events);

    ServiceNode cache = graph.node(3);
    assertThat(cache.restartCount()).isEqualTo(5);
    assertThat(cache.calmRestartsSeen()).isEqualTo(4);
    assertThat(cache.operatorRestartsBy("client 3")).isEqualTo(4);
    assertThat(of(3, 100)).isEmpty(); // one crash, not five
    assertThat(graph.history()).extracting(t -> t.why("client 3")).containsSubsequence(
        "crashed", "stopped by supervisor OneForOneSupervisor after a crash",
        "restarted by supervisor OneForOneSupervisor after a crash", "restarted by you");
    assertThat(cache.lastCaused().why("client 4")).isEqualTo("started by client 3");
  }

  /** A restart's five moves (from {@code from}), each with {@code cause} and {@code by}. */
  private static List<ServiceEvent> restart(long millis, long id, State from, int count, String cause, String by) {
    return List.of(
        move(millis, id, from, State.STOPPING, count - 1).withCause(cause, by),
        move(millis + 1, id, State.STOPPING, State.SHUTDOWN, count - 1).withCause(cause, by),
        move(millis + 2, id, State.SHUTDOWN, State.INIT, count).withCause(cause, by),
        move(millis + 3, id, State.INIT, State.STARTING, count).withCause(cause, by),
        move(millis + 4, id, State.STARTING, State.RUNNING, count).withCause(cause, by));
  }
}
