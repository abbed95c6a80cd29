package mode.inspector.model;

import static mode.inspector.model.Streams.appSnapshot;
import static mode.inspector.model.Streams.at;
import static mode.inspector.model.Streams.crash;
import static mode.inspector.model.Streams.info;
import static mode.inspector.model.Streams.move;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo.TimerInfo;
import org.junit.jupiter.api.Test;

class ServiceGraphTest {

  @Test
  void snapshotBuildsTheDependencyGraphInInsertionOrder() {
    ServiceGraph graph = new ServiceGraph();
    ChangeSet changes = graph.apply(appSnapshot());

    assertThat(changes.structureChanged()).isTrue();
    assertThat(graph.roots()).containsExactly(1L);
    assertThat(graph.dependencies(1)).containsExactly(2L, 3L);
    assertThat(graph.dependencies(2)).containsExactly(4L, 5L);
    assertThat(graph.dependents(4)).containsExactly(2L);
    assertThat(graph.node(5).label()).isEqualTo("Sessions");
    assertThat(graph.history()).isEmpty();
  }

  @Test
  void crashAndRestartAreKeptInHistoryWithReasonAndDurations() {
    ServiceGraph graph = new ServiceGraph();
    graph.applyAll(List.of(
        appSnapshot(),
        crash(1000, 3, State.RUNNING, "java.lang.IllegalStateException: cache lost"),
        move(1200, 3, State.CRASHED, State.STARTING, 1),
        move(1450, 3, State.STARTING, State.RUNNING, 1)));

    assertThat(graph.history()).containsExactly(
        new TransitionRecord(at(1000), 3, "Cache", State.RUNNING, State.CRASHED, 0,
            "java.lang.IllegalStateException: cache lost", false),
        new TransitionRecord(at(1200), 3, "Cache", State.CRASHED, State.STARTING, 1, null, false),
        new TransitionRecord(at(1450), 3, "Cache", State.STARTING, State.RUNNING, 1, null, false));
    ServiceNode cache = graph.node(3);
    assertThat(cache.state()).isEqualTo(State.RUNNING);
    assertThat(cache.restartCount()).isEqualTo(1);
    assertThat(cache.startDuration()).isEqualTo(Duration.ofMillis(250));
    assertThat(cache.startedAt()).isEqualTo(at(1450));
    assertThat(cache.crashReason()).isEqualTo("java.lang.IllegalStateException: cache lost");
    assertThat(cache.crashStack()).contains("Flaky.java:42");
    assertThat(cache.crashedAt()).isEqualTo(at(1000));
  }

  @Test
  void addedAndRemovedServicesChangeTheStructure() {
    ServiceGraph graph = new ServiceGraph();
    graph.apply(appSnapshot());

    ChangeSet added = graph.apply(new ServiceEvent.ServiceAdded(at(10), info(6, "Metrics", State.INIT, 3L)));
    assertThat(added.structureChanged()).isTrue();
    assertThat(graph.dependencies(3)).containsExactly(6L);

    graph.apply(new ServiceEvent.DependencyAdded(at(20), 2, 6));
    assertThat(graph.dependents(6)).containsExactlyInAnyOrder(3L, 2L);

    graph.apply(new ServiceEvent.DependencyRemoved(at(30), 3, 6));
    assertThat(graph.dependents(6)).containsExactly(2L);

    graph.apply(new ServiceEvent.ServiceRemoved(at(40), 6));
    assertThat(graph.node(6)).isNull();
    assertThat(graph.dependencies(2)).containsExactly(4L, 5L);
    assertThat(graph.size()).isEqualTo(5);
  }

  @Test
  void eventsAboutUnknownServicesAreCountedAndIgnored() {
    ServiceGraph graph = new ServiceGraph();
    graph.apply(appSnapshot());

    graph.applyAll(List.of(
        move(10, 99, State.RUNNING, State.STOPPING, 0),
        new ServiceEvent.ServiceRemoved(at(11), 98),
        new ServiceEvent.DependencyAdded(at(12), 1, 97),
        new ServiceEvent.TimerStats(at(13), 96, "tick", 1, 0)));

    assertThat(graph.ignoredEvents()).isEqualTo(4);
    assertThat(graph.history()).isEmpty();
    assertThat(graph.size()).isEqualTo(5);
  }

  @Test
  void snapshotAfterGapRecordsMissedChangesAsInferredTransitions() {
    ServiceGraph graph = new ServiceGraph();
    graph.apply(appSnapshot());

    ChangeSet changes = graph.applyAll(List.of(
        new ServiceEvent.Gap(at(500), 1234),
        new ServiceEvent.Snapshot(at(501), List.of(
            info(1, "App", State.RUNNING, null, 2L),
            info(2, "Web", State.CRASHED, 1L, 4L),
            info(4, "Router", State.RUNNING, 2L)))));

    assertThat(changes.gaps()).isEqualTo(1);
    assertThat(changes.droppedInGaps()).isEqualTo(1234);
    assertThat(graph.history()).containsExactly(
        new TransitionRecord(at(501), 2, "Web", State.RUNNING, State.CRASHED, 0, null, true));
    assertThat(graph.graph().vertexSet()).containsExactlyInAnyOrder(1L, 2L, 4L);
    assertThat(graph.dependencies(1)).containsExactly(2L);
  }

  @Test
  void timerStatsAndBlockingReportsUpdateTheService() {
    ServiceGraph graph = new ServiceGraph();
    graph.apply(new ServiceEvent.Snapshot(at(0), List.of(new mode.events.ServiceInfo(
        7, "Consumer", "Consumer", "demo.Consumer", State.RUNNING, null, List.of(), at(0), at(0),
        Duration.ofMillis(3), null, 0, null, null,
        List.of(new TimerInfo("poll", "timer", "0.5", 0, 0))))));

    graph.applyAll(List.of(
        new ServiceEvent.TimerStats(at(600), 7, "poll", 1, 0),
        new ServiceEvent.TimerStats(at(1100), 7, "poll", 2, 1),
        new ServiceEvent.Blocking(at(1200), 7, "timer poll", Duration.ofMillis(1500), "at demo.Consumer.poll")));

    assertThat(graph.node(7).timers()).containsExactly(new TimerInfo("poll", "timer", "0.5", 2, 1));
    assertThat(graph.node(7).blocking()).hasSize(1);
    assertThat(graph.node(7).blocking().getFirst().what()).isEqualTo("timer poll");
  }

  @Test
  void recordingReplaysTheGraphAsItWasAtAnyMoment() {
    Recording recording = new Recording(List.of(
        appSnapshot(),
        move(1000, 4, State.RUNNING, State.STOPPING, 0),
        move(1100, 4, State.STOPPING, State.SHUTDOWN, 0),
        new ServiceEvent.ServiceRemoved(at(2000), 4)));

    assertThat(recording.replayTo(at(-1)).size()).isZero();
    assertThat(recording.replayTo(at(0)).node(4).state()).isEqualTo(State.RUNNING);
    assertThat(recording.replayTo(at(1050)).node(4).state()).isEqualTo(State.STOPPING);
    ServiceGraph at1500 = recording.replayTo(at(1500));
    assertThat(at1500.node(4).state()).isEqualTo(State.SHUTDOWN);
    assertThat(at1500.node(4).stopDuration()).isEqualTo(Duration.ofMillis(100));
    assertThat(recording.replayTo(at(2000)).node(4)).isNull();
    assertThat(recording.replayTo(at(2000)).history()).hasSize(2);
    assertThat(recording.start()).isEqualTo(at(0));
    assertThat(recording.end()).isEqualTo(at(2000));
  }

  @Test
  void historyAndLogsKeepTheNewestAndCountTheDiscarded() {
    ServiceGraph graph = new ServiceGraph(3, 2);
    graph.apply(appSnapshot());
    List<ServiceEvent.Log> logs = List.of(
        new ServiceEvent.Log(at(10), 3L, "WARN", "demo.Cache", "one"),
        new ServiceEvent.Log(at(20), 3L, "WARN", "demo.Cache", "two"),
        new ServiceEvent.Log(at(30), null, "ERROR", "mode.Worker", "three"));

    graph.applyAll(logs);
    graph.applyAll(List.of(
        move(100, 4, State.RUNNING, State.STOPPING, 0),
        move(110, 4, State.STOPPING, State.SHUTDOWN, 0),
        move(120, 4, State.SHUTDOWN, State.STARTING, 0),
        move(130, 4, State.STARTING, State.RUNNING, 1),
        move(140, 5, State.RUNNING, State.STOPPING, 0)));

    assertThat(graph.history()).extracting(t -> t.at() + " " + t.from() + "->" + t.to()).containsExactly(
        at(120) + " SHUTDOWN->STARTING", at(130) + " STARTING->RUNNING", at(140) + " RUNNING->STOPPING");
    assertThat(graph.historyDiscarded()).isEqualTo(2);
    assertThat(graph.logs()).containsExactlyElementsOf(logs.subList(1, 3));
    assertThat(graph.logsDiscarded()).isEqualTo(1);
    // The services themselves lose nothing.
    assertThat(graph.node(4).state()).isEqualTo(State.RUNNING);
    assertThat(graph.node(4).restartCount()).isEqualTo(1);
  }

  @Test
  void byDefaultTheHistoryKeepsItsCapacityAndNothingIsDiscardedBelowIt() {
    ServiceGraph graph = new ServiceGraph();
    graph.apply(appSnapshot());
    State[] cycle = {State.RUNNING, State.STOPPING, State.SHUTDOWN, State.INIT, State.STARTING};
    int moves = ServiceGraph.HISTORY_CAPACITY + 7;
    for (int k = 0; k < moves; k++) {
      graph.apply(move(k, 1, cycle[k % 5], cycle[(k + 1) % 5], 0));
    }

    assertThat(graph.history()).hasSize(ServiceGraph.HISTORY_CAPACITY);
    assertThat(graph.historyDiscarded()).isEqualTo(7);
    assertThat(graph.history().getFirst().at()).isEqualTo(at(7));
    assertThat(graph.history().getLast().at()).isEqualTo(at(moves - 1));
  }

  @Test
  void blockingReportsKeepTheNewestPerService() {
    ServiceGraph graph = new ServiceGraph();
    graph.apply(appSnapshot());
    for (int k = 0; k < ServiceNode.BLOCKING_CAPACITY + 3; k++) {
      graph.apply(new ServiceEvent.Blocking(at(k), 2, "tick " + k, Duration.ofSeconds(2), "at demo.Web.tick"));
    }

    assertThat(graph.node(2).blocking()).hasSize(ServiceNode.BLOCKING_CAPACITY);
    assertThat(graph.node(2).blocking().getFirst().what()).isEqualTo("tick 3");
  }
}
