package mode.inspector.viewmodel;

import mode.inspector.model.Texts;
import static mode.inspector.model.Streams.appSnapshot;
import static mode.inspector.model.Streams.at;
import static mode.inspector.model.Streams.crash;
import static mode.inspector.model.Streams.move;
import static mode.inspector.model.Streams.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import mode.inspector.connection.WorkerCommands;
import mode.inspector.connection.ConnectionStatus;
import mode.State;
import mode.events.ServiceEvent;
import mode.inspector.layout.Layout;
import mode.inspector.model.Recording;
import org.junit.jupiter.api.Test;

class InspectorViewModelTest {
  private static final Executor DIRECT = Runnable::run;
  private long nanos = 1_000_000_000L;
  private Instant now = at(10_000);
  private final InspectorViewModel vm =
      new InspectorViewModel(DIRECT, DIRECT, () -> now, () -> nanos);

  private List<Long> laidOut() {
    Layout layout = vm.graph().layoutProperty().get();
    return java.util.stream.IntStream.range(0, layout.size()).mapToObj(layout::id).toList();
  }

  @Test
  void snapshotIsLaidOutAndSelectionFillsTheDetails() {
    vm.accept(List.of(appSnapshot()));
    assertThat(laidOut()).containsExactly(1L, 2L, 4L, 5L, 3L);

    vm.graph().select(2L);

    DetailsViewModel details = vm.details();
    assertThat(details.titleProperty().get()).isEqualTo("Web");
    assertThat(details.classNameProperty().get()).isEqualTo("demo.Web");
    assertThat(details.stateProperty().get()).isEqualTo("RUNNING for 10.0 s");
    assertThat(details.uptimeProperty().get()).isEqualTo("up 10.0 s");
    assertThat(details.dependencies()).extracting(DetailsViewModel.ServiceRef::label).containsExactly("Router", "Sessions");
    assertThat(details.dependents()).extracting(DetailsViewModel.ServiceRef::label).containsExactly("App");
  }

  @Test
  void flagsOfTheSelectedServiceAreShownAndFollowFlagEvents() {
    vm.accept(List.of(appSnapshot()));
    vm.graph().select(2L);
    assertThat(vm.details().flagsProperty().get()).isEqualTo("none");

    vm.accept(List.of(new ServiceEvent.FlagChanged(at(1_000), 2, "FLUSHING", true),
        new ServiceEvent.FlagChanged(at(2_000), 2, "PAUSED", true)));
    String shown = vm.details().flagsProperty().get();
    vm.accept(List.of(new ServiceEvent.FlagChanged(at(3_000), 2, "FLUSHING", false)));

    java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
        .withZone(java.time.ZoneId.systemDefault());
    assertThat(shown).isEqualTo("FLUSHING since " + time.format(at(1_000)) + ", PAUSED since " + time.format(at(2_000)));
    assertThat(vm.details().flagsProperty().get()).isEqualTo("PAUSED since " + time.format(at(2_000)));
  }

  @Test
  void crashOfTheSelectedServiceShowsReasonStackAndFlashes() {
    vm.accept(List.of(appSnapshot()));
    vm.graph().select(3L);

    vm.accept(List.of(crash(9_000, 3, State.RUNNING, "java.io.IOException: disk gone")));

    assertThat(vm.details().stateProperty().get()).isEqualTo("CRASHED for 1.0 s");
    assertThat(vm.details().crashProperty().get()).startsWith("java.io.IOException: disk gone  (at ");
    assertThat(vm.details().crashStackProperty().get()).contains("Flaky.java:42");
    assertThat(vm.graph().flash(3, nanos)).isEqualTo(1.0);
    assertThat(vm.graph().flash(3, nanos + GraphViewModel.FLASH_NANOS / 2)).isEqualTo(0.5);
    assertThat(vm.graph().isFlashing(nanos + GraphViewModel.FLASH_NANOS)).isFalse();
    assertThat(vm.timeline().transitions()).extracting(t -> t.label() + ":" + t.from() + "->" + t.to())
        .containsExactly("Cache:RUNNING->CRASHED");
  }

  @Test
  void filterShowsMatchesWithTheirAncestorsDimmed() {
    vm.accept(List.of(appSnapshot(), crash(100, 5, State.RUNNING, "boom")));

    vm.graph().filterProperty().set(StateFilter.CRASHED);

    assertThat(laidOut()).containsExactly(1L, 2L, 5L);
    assertThat(vm.graph().isDimmed(1)).isTrue();
    assertThat(vm.graph().isDimmed(2)).isTrue();
    assertThat(vm.graph().isDimmed(5)).isFalse();

    vm.accept(List.of(move(200, 5, State.CRASHED, State.STARTING, 1)));
    assertThat(laidOut()).isEmpty();

    vm.graph().filterProperty().set(StateFilter.NOT_RUNNING);
    assertThat(laidOut()).containsExactly(1L, 2L, 5L);
  }

  @Test
  void largeFanOutStartsCollapsedWithACountAndExpandsOnToggle() {
    vm.accept(List.of(tree(GraphViewModel.FAN_OUT_LIMIT + 1, 1)));

    assertThat(laidOut()).containsExactly(1L);
    assertThat(vm.graph().hiddenBelow(1)).isEqualTo(GraphViewModel.FAN_OUT_LIMIT + 1);

    vm.graph().toggleCollapsed(1);

    assertThat(laidOut()).hasSize(GraphViewModel.FAN_OUT_LIMIT + 2);
    assertThat(vm.graph().hiddenBelow(1)).isZero();
  }

  @Test
  void searchRevealsTheNextMatchInsideACollapsedSubtree() {
    vm.accept(List.of(appSnapshot()));
    vm.graph().toggleCollapsed(2);
    assertThat(laidOut()).containsExactly(1L, 2L, 3L);

    vm.graph().searchProperty().set("sess");
    vm.graph().revealNextMatch();

    assertThat(vm.graph().matchCountProperty().get()).isEqualTo(1);
    assertThat(vm.graph().selectedProperty().get()).isEqualTo(5L);
    assertThat(vm.graph().revealRequestProperty().get()).isEqualTo(5L);
    assertThat(laidOut()).containsExactly(1L, 2L, 4L, 5L, 3L);
  }

  @Test
  void logEventsAreListedAndFollowTheReplay() {
    ServiceEvent.Log early = new ServiceEvent.Log(at(100), 3L, "WARN", "demo.Cache", "cache is cold");
    ServiceEvent.Log late = new ServiceEvent.Log(at(900), null, "ERROR", "mode.Worker", "worker stopping");
    vm.accept(List.of(appSnapshot(), early));
    vm.accept(List.of(late));

    assertThat(vm.logs()).containsExactly(early, late);
    assertThat(vm.label(early.serviceId())).isEqualTo("Cache");

    vm.replayTo(at(500));
    assertThat(vm.logs()).containsExactly(early);
    vm.goLive();
    assertThat(vm.logs()).containsExactly(early, late);
  }

  @Test
  void gapIsReportedInTheStatusLine() {
    vm.accept(List.of(appSnapshot()));
    vm.accept(List.of(new ServiceEvent.Gap(at(10), 4096), appSnapshot()));

    assertThat(vm.statusMessageProperty().get())
        .isEqualTo("Gap: the worker dropped 4,096 events because the inspector fell behind; a fresh snapshot follows");
  }

  @Test
  void replayShowsThePastAndGoLiveReturns() {
    vm.accept(List.of(appSnapshot()));
    vm.accept(List.of(move(1000, 4, State.RUNNING, State.STOPPING, 0), move(1100, 4, State.STOPPING, State.SHUTDOWN, 0)));

    vm.replayTo(at(1050));
    assertThat(vm.replayingProperty().get()).isTrue();
    assertThat(vm.graph().state(4)).isEqualTo(State.STOPPING);
    assertThat(vm.timeline().transitions()).hasSize(1);

    vm.accept(List.of(new ServiceEvent.ServiceRemoved(at(3000), 5)));
    assertThat(vm.graph().state(5)).isEqualTo(State.RUNNING);

    vm.goLive();
    assertThat(vm.graph().state(4)).isEqualTo(State.SHUTDOWN);
    assertThat(vm.graph().state(5)).isNull();
    assertThat(vm.timeline().transitions()).hasSize(2);
  }

  @Test
  void openedRecordingShowsItsLastMomentAsReplay() {
    vm.openRecording("demo.jsonl", new Recording(List.of(appSnapshot(), crash(500, 3, State.RUNNING, "x"))));

    assertThat(vm.statusProperty().get()).isEqualTo(ConnectionStatus.REPLAY);
    assertThat(vm.graph().state(3)).isEqualTo(State.CRASHED);
    assertThat(vm.workerNameProperty().get()).isEqualTo("demo.jsonl");
  }

  @Test
  void startupRowsComeInStartOrderWithTheirDurations() {
    vm.accept(List.of(new ServiceEvent.Snapshot(at(0), List.of(
        mode.inspector.model.Streams.info(1, "App", State.INIT, null, 2L),
        mode.inspector.model.Streams.info(2, "Slow", State.INIT, 1L)))));
    vm.accept(List.of(
        move(10, 1, State.INIT, State.STARTING, 0),
        move(20, 2, State.INIT, State.STARTING, 0),
        move(2020, 2, State.STARTING, State.RUNNING, 0),
        move(2030, 1, State.STARTING, State.RUNNING, 0)));

    assertThat(vm.startup().rows()).extracting(r -> r.label() + " " + r.start() + " " + r.duration() + " " + r.self())
        .containsExactly("App " + at(10) + " PT2.02S PT0.02S", "Slow " + at(20) + " PT2S PT2S");
    assertThat(vm.startup().slowest(1)).extracting(StartupViewModel.StartupRow::label).containsExactly("Slow");
  }

  @Test
  void actionsReportTheWorkersAnswerOrError() {
    vm.accept(List.of(appSnapshot()));
    vm.graph().select(3L);
    vm.actions().restart();
    assertThat(vm.actions().resultProperty().get()).isEqualTo("Restart: Not attached to a worker");

    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    vm.actions().setCommands(new WorkerCommands() {
      public CompletableFuture<String> start(long id) { return CompletableFuture.completedFuture("ok"); }
      public CompletableFuture<String> stop(long id) {
        return CompletableFuture.failedFuture(new IllegalStateException("Cache is already stopping"));
      }
      public CompletableFuture<String> restart(long id) { return CompletableFuture.completedFuture(""); }
      public CompletableFuture<String> threadDump() { return CompletableFuture.completedFuture("\"main\"\n\tat x\n"); }
    });
    vm.actions().restart();
    assertThat(vm.actions().resultProperty().get()).isEqualTo("Cache restarted");
    vm.actions().stop();
    assertThat(vm.actions().resultProperty().get()).isEqualTo("Stop Cache failed: Cache is already stopping");
    vm.actions().threadDump();
    assertThat(vm.actions().threadDumpProperty().get()).isEqualTo("\"main\"\n\tat x\n");
    assertThat(vm.actions().resultProperty().get()).isEqualTo("Thread dump received (2 lines)");
  }

  @Test
  void disconnectedTheViewFreezesAtTheLastSightingAndActionsSayWhy() {
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    vm.actions().setCommands(new WorkerCommands() {
      public CompletableFuture<String> start(long id) { return CompletableFuture.completedFuture(""); }
      public CompletableFuture<String> stop(long id) { return CompletableFuture.completedFuture(""); }
      public CompletableFuture<String> restart(long id) { return CompletableFuture.completedFuture(""); }
      public CompletableFuture<String> threadDump() { return CompletableFuture.completedFuture(""); }
    });
    vm.accept(List.of(appSnapshot()));
    vm.graph().select(2L);
    assertThat(vm.liveness().liveProperty().get()).isTrue();
    assertThat(vm.graph().staleProperty().get()).isFalse();
    assertThat(vm.actions().whyNotProperty(ActionRules.Action.STOP).get()).isEmpty();

    vm.connection(ConnectionStatus.RECONNECTING, null, "Worker went away");
    Instant lastSeen = now;
    now = now.plusSeconds(30);
    vm.tick();

    assertThat(vm.liveness().liveProperty().get()).isFalse();
    assertThat(vm.graph().staleProperty().get()).isTrue();
    assertThat(vm.liveness().noticeProperty().get())
        .isEqualTo("Disconnected: last seen " + Texts.clock(lastSeen) + " — what you see may have changed since");
    assertThat(vm.details().stateProperty().get()).isEqualTo("RUNNING for 10.0 s");
    assertThat(vm.actions().whyNotProperty(ActionRules.Action.STOP).get()).startsWith("Disconnected: last seen ");

    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached again");
    assertThat(vm.liveness().liveProperty().get()).isTrue();
    assertThat(vm.liveness().noticeProperty().get()).isEmpty();
    assertThat(vm.details().stateProperty().get()).isEqualTo("RUNNING for 40.0 s");
    assertThat(vm.actions().whyNotProperty(ActionRules.Action.STOP).get()).isEmpty();
  }

  @Test
  void anOpenedRecordingReadsItsOwnTimeNotTheWallClock() {
    Recording recording = new Recording(List.of(appSnapshot(), move(2_000, 3, State.RUNNING, State.STOPPING, 0)));
    vm.openRecording("demo (recorded)", recording);
    vm.graph().select(2L);
    now = now.plusSeconds(3600);
    vm.tick();

    assertThat(vm.liveness().liveProperty().get()).isFalse();
    assertThat(vm.liveness().noticeProperty().get()).startsWith("Recording: recorded at " + Texts.clock(at(2_000)));
    assertThat(vm.details().stateProperty().get()).isEqualTo("RUNNING for 2.0 s");
  }

  @Test
  void aReplayedMomentIsNotLiveAndGoingLiveIs() {
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    vm.accept(List.of(appSnapshot(), move(2_000, 3, State.RUNNING, State.STOPPING, 0)));
    vm.replayTo(at(1_000));
    assertThat(vm.liveness().noticeProperty().get()).isEqualTo("Replay: the graph as it was at " + Texts.time(at(1_000)));
    vm.goLive();
    assertThat(vm.liveness().liveProperty().get()).isTrue();
  }
}
