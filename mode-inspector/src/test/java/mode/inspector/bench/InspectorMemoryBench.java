package mode.inspector.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import mode.Service;
import mode.State;
import mode.events.ServiceEvent;
import mode.inspector.model.Recording;
import mode.inspector.model.ServiceGraph;
import mode.inspector.viewmodel.InspectorViewModel;
import mode.inspector.viewmodel.TimelineViewModel;

/**
 * What the inspector's memory bounds cost: the heap (after a full collection) per event kept in a
 * {@link Recording}, per transition kept in a {@link ServiceGraph}'s history, per log event kept
 * (recording, history and log list), and the whole view-model at its default bounds with a graph
 * of N services, live and while a replayed moment is on screen.
 *
 * <p>Events are made as the connection decodes them: a fresh {@link Instant} per event; the
 * graph is a real snapshot of mode's reference tree of N started services (stopped and dropped
 * before measuring, so the worker's own objects are not counted). No JavaFX toolkit is needed:
 * the view-model runs its layouts on the calling thread.
 *
 * <p>Run: {@code bin/bench inspector-memory [--services 10000] [--events 500000]} (heap 512 MB,
 * as the app's launcher). Prints one line per figure.
 */
public final class InspectorMemoryBench {
  private static final State[] CYCLE = {State.RUNNING, State.STOPPING, State.SHUTDOWN, State.INIT, State.STARTING};
  private static final Executor DIRECT = Runnable::run;

  private InspectorMemoryBench() {}

  /** Runs the measurement; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    int services = 10_000;
    int events = 500_000;
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in pairs (--name value), got " + String.join(" ", args));
    }
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--services" -> services = Integer.parseInt(args[i + 1]);
        case "--events" -> events = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --services, --events");
      }
    }
    run(services, events, System.out);
    System.exit(0);
  }

  static void run(int services, int events, PrintStream out) throws InterruptedException {
    ServiceEvent.Snapshot snapshot = snapshot(services);
    long[] ids = snapshot.services().stream().mapToLong(s -> s.id()).toArray();
    out.printf(Locale.ROOT, "# inspector memory, %d services, %d events per figure (java %s, max heap %d MB)%n",
        services, events, Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);

    long before = usedAfterGc();
    perEvent(snapshot, ids, events, out);
    perLog(ids, events / 10, out);
    atTheBounds(snapshot, ids, before, out);
  }

  /** Bytes per event in a recording, and per transition in a graph's history. */
  private static void perEvent(ServiceEvent.Snapshot snapshot, long[] ids, int events, PrintStream out) {
    Recording recording = new Recording(events + 1, Long.MAX_VALUE);
    recording.add(snapshot);
    long withSnapshot = usedAfterGc();
    // The events as decoded: made here, then owned by the recording alone.
    List<ServiceEvent> fed = transitions(ids, 0, events);
    for (ServiceEvent e : fed) {
      recording.add(e);
    }
    fed = recording.events().subList(1, events + 1);
    long recorded = usedAfterGc();
    out.printf(Locale.ROOT, "recording_bytes_per_event %.0f (estimated %d)%n",
        (recorded - withSnapshot) / (double) events, Recording.estimatedBytes(fed.getFirst()));
    ServiceGraph graph = new ServiceGraph(events, 1);
    graph.apply(snapshot);
    long graphOnly = usedAfterGc();
    out.printf(Locale.ROOT, "graph_mb %.1f (one ServiceGraph of the snapshot)%n", (graphOnly - recorded) / 1048576.0);
    graph.applyAll(fed);
    long withHistory = usedAfterGc();
    out.printf(Locale.ROOT, "history_bytes_per_transition %.0f (the event's instant shared with the recording)%n",
        (withHistory - graphOnly) / (double) events);
    // Kept reachable until measured: compiled code may otherwise let the collector take them early.
    Reference.reachabilityFence(graph);
    Reference.reachabilityFence(recording);
    Reference.reachabilityFence(fed);
  }

  /** Bytes per log event kept in a recording and a graph's log list. */
  private static void perLog(long[] ids, int count, PrintStream out) {
    List<ServiceEvent.Log> fed = new ArrayList<>(count);
    long empty = usedAfterGc();
    fed.addAll(logs(ids, count));
    long made = usedAfterGc();
    Recording recording = new Recording(count, Long.MAX_VALUE);
    ServiceGraph graph = new ServiceGraph(1, count);
    for (ServiceEvent.Log log : fed) {
      recording.add(log);
      graph.apply(log);
    }
    long kept = usedAfterGc();
    out.printf(Locale.ROOT, "log_bytes_per_event %.0f (the event with a 90-character message: %.0f;"
        + " its places in a recording and a log list: %.0f; estimated %d)%n",
        (kept - empty) / (double) count, (made - empty) / (double) count, (kept - made) / (double) count,
        Recording.estimatedBytes(fed.getFirst()));
    Reference.reachabilityFence(graph);
    Reference.reachabilityFence(recording);
    Reference.reachabilityFence(fed);
  }

  /** The whole view-model filled past every default bound, live and replaying. */
  private static void atTheBounds(ServiceEvent.Snapshot snapshot, long[] ids, long before, PrintStream out) {
    long empty = usedAfterGc();
    InspectorViewModel vm = new InspectorViewModel(DIRECT, DIRECT, Instant::now, System::nanoTime);
    vm.accept(List.of(snapshot));
    long transitions = Recording.DEFAULT_CAPACITY + Recording.DEFAULT_CAPACITY / 5;
    int logCount = ServiceGraph.LOG_CAPACITY + ServiceGraph.LOG_CAPACITY / 5;
    List<ServiceEvent.Log> logs = logs(ids, logCount);
    int logEvery = (int) (transitions / logCount);
    List<ServiceEvent> batch = new ArrayList<>(1_000);
    for (long k = 0; k < transitions; k++) {
      batch.add(transition(ids, k));
      if (k % logEvery == 0 && k / logEvery < logCount) {
        batch.add(logs.get((int) (k / logEvery)));
      }
      if (batch.size() >= 1_000) {
        vm.accept(batch);
        batch = new ArrayList<>(1_000);
      }
    }
    vm.accept(batch);
    long live = usedAfterGc();
    Reference.reachabilityFence(vm);
    out.printf(Locale.ROOT, "at_bounds_mb live %.0f (recording %,d events, %,d folded, estimated %.0f MB;"
            + " history %,d; logs %,d; timeline rows %,d)%n",
        (live - empty) / 1048576.0, vm.recording().events().size(), vm.recording().folded(),
        vm.recording().bytes() / 1048576.0, vm.history().size(),
        vm.logs().size(), vm.timeline().transitions().size());
    Instant middle = vm.recording().start().plusMillis(
        java.time.Duration.between(vm.recording().start(), vm.recording().end()).toMillis() / 2);
    vm.replayTo(middle);
    long replaying = usedAfterGc();
    out.printf(Locale.ROOT, "at_bounds_mb replaying %.0f (a replayed moment on screen as well)%n",
        (replaying - empty) / 1048576.0);
    out.printf(Locale.ROOT, "heap_mb after_gc %.0f (with the snapshot event and the JVM's own)%n", replaying / 1048576.0);
    out.printf(Locale.ROOT, "memory_notice \"%s\"%n", vm.memoryNoticeProperty().get());
    out.printf(Locale.ROOT, "timeline_scrollback %d, unused baseline %.0f MB%n", TimelineViewModel.SCROLLBACK,
        before / 1048576.0);
  }

  private static ServiceEvent.Snapshot snapshot(int services) throws InterruptedException {
    List<Service> tree = InspectorBench.buildAndStart(services);
    ServiceEvent.Snapshot snapshot = InspectorBench.snapshotOf(tree.getFirst());
    tree.getFirst().stop();
    return snapshot;
  }

  /** Transitions {@code from} until {@code from + count}: every service cycles, round robin. */
  private static List<ServiceEvent> transitions(long[] ids, long from, int count) {
    List<ServiceEvent> out = new ArrayList<>(count);
    for (long k = from; k < from + count; k++) {
      out.add(transition(ids, k));
    }
    return out;
  }

  private static ServiceEvent.Transition transition(long[] ids, long k) {
    int i = (int) (k % ids.length);
    long round = k / ids.length;
    State from = CYCLE[(int) (round % CYCLE.length)];
    State to = CYCLE[(int) ((round + 1) % CYCLE.length)];
    return new ServiceEvent.Transition(Instant.now(), ids[i], from, to, (int) (round / CYCLE.length), null, null);
  }

  private static List<ServiceEvent.Log> logs(long[] ids, int count) {
    List<ServiceEvent.Log> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      out.add(new ServiceEvent.Log(Instant.now(), ids[k % ids.length], "WARN", "mode.timers.Timer",
          String.format(Locale.ROOT, "Timer poll is overlapping (interval 0.5 s, last run 0.73 s): run %9d skipped", k)));
    }
    return out;
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
