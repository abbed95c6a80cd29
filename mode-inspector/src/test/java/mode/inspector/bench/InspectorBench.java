package mode.inspector.bench;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import mode.Service;
import mode.State;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import mode.inspector.InspectorApp;
import mode.inspector.connection.FxPump;
import mode.inspector.view.InspectorView;
import mode.inspector.viewmodel.InspectorViewModel;
import org.slf4j.LoggerFactory;

/**
 * The inspector under load, headless (Monocle, software rendering), with the real view-model and
 * view classes wired as the app wires them.
 *
 * <p>First frame: a real {@code Snapshot} of a started tree of N services (built as in mode's
 * reference benchmark) is handed to the pump; the time runs until the pulse after the one in
 * which the graph canvas painted the laid-out graph (so that pulse's rendering is included).
 *
 * <p>Pulses: then transitions are fed at a steady rate (services cycling through RUNNING,
 * STOPPING, SHUTDOWN, INIT, STARTING) through the pump, as the connection feeds them: first for a
 * warm-up that is not measured (the JIT compiles the hot paths), then for the measured window,
 * in which every pulse's start is stamped by an animation timer. A pulse that takes long delays
 * the next one (the FX thread also waits there for the renderer to finish the previous frame),
 * so the interval between pulses bounds each pulse's whole work: events, paint, CSS, layout and
 * rendering. Prints percentiles, and the CPU time the FX and render threads used per second of
 * the window (a figure less sensitive than intervals to other processes on the machine). Then
 * it waits until the timeline holds every transition fed, and fails if any is missing.
 * Heap: the peak use of the heap pools over the run, and the use after a full collection.
 *
 * <p>The window is the app's own ({@link InspectorApp.Parts}, at the app's size); events enter
 * through its pump, as the connection hands them over after decoding.
 *
 * <p>Run: {@code bin/bench inspector [--services 10000] [--rate 1000] [--warmup 5] [--seconds 20]}
 * (the script caps the heap at 512 MB).
 */
public final class InspectorBench {
  private InspectorBench() {}

  /** A trivial service. */
  static final class Node extends Service {}

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    run(args, System.out);
    Platform.exit();
    System.exit(0);
  }

  /** Runs the benchmark, printing to {@code out}; starts JavaFX unless it runs already. */
  static void run(String[] args, PrintStream out) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    int services = 10_000;
    int rate = 1_000;
    double warmup = 5;
    double seconds = 20;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--services" -> services = Integer.parseInt(args[i + 1]);
        case "--rate" -> rate = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Double.parseDouble(args[i + 1]);
        case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
        default -> throw new IllegalArgumentException(
            "unknown option " + args[i] + "; known: --services, --rate, --warmup, --seconds");
      }
    }
    headlessDefaults();
    List<Service> tree = buildAndStart(services);
    ServiceEvent.Snapshot snapshot = snapshotOf(tree.getFirst());
    startFx();
    Ui ui = Ui.open();
    out.printf(Locale.ROOT, "# inspector, headless Monocle + software rendering, %.0fx%.0f window, %d services,"
        + " %d transitions/s, %.1f s warm-up then %.1f s measured (java %s, max heap %d MB)%n",
        ui.stage.getWidth(), ui.stage.getHeight(), services, rate, warmup, seconds, Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20);
    double firstFrameMs = ui.firstFrame(snapshot);
    out.printf(Locale.ROOT, "first_frame_ms %.0f%n", firstFrameMs);
    Window window = ui.pulsesUnder(tree, rate, warmup, seconds);
    long[] pulses = window.intervals();
    out.printf(Locale.ROOT, "pulse_ms p50 %.1f p99 %.1f max %.1f pulses %d%n",
        percentile(pulses, 50), percentile(pulses, 99), percentile(pulses, 100), pulses.length);
    out.printf(Locale.ROOT, "cpu_ms_per_s fx %.0f render %.0f%n",
        window.fxCpuNanos() / 1e6 / seconds, window.renderCpuNanos() / 1e6 / seconds);
    out.printf(Locale.ROOT, "timeline_rows %d (every transition fed is shown)%n", ui.awaitTimeline(window.expectedRows()));
    out.printf(Locale.ROOT, "heap_mb peak %.0f after_gc %.0f%n", peakHeapMb(), usedAfterGcMb());
    ui.close();
    tree.getFirst().stop();
  }

  private static void startFx() throws InterruptedException {
    CountDownLatch fxUp = new CountDownLatch(1);
    try {
      Platform.startup(fxUp::countDown);
    } catch (IllegalStateException alreadyRunning) {
      Platform.runLater(fxUp::countDown);
    }
    fxUp.await();
  }

  /** The Monocle headless flags of the module's tests, unless given on the command line. */
  private static void headlessDefaults() {
    String[][] flags = {{"glass.platform", "Monocle"}, {"monocle.platform", "Headless"},
        {"prism.order", "sw"}, {"prism.text", "native"}, {"java.awt.headless", "true"},
        // A headless screen as large as the app's window (Monocle's default is 1280x800).
        {"headless.geometry", (int) InspectorApp.WIDTH + "x" + (int) InspectorApp.HEIGHT + "-32"}};
    for (String[] f : flags) {
      if (System.getProperty(f[0]) == null) {
        System.setProperty(f[0], f[1]);
      }
    }
  }

  /** mode's reference tree: breadth-first, fanout ⌈N^(1/3)⌉; started. Root first. */
  static List<Service> buildAndStart(int n) {
    int fanout = Math.max(2, (int) Math.ceil(Math.pow(n, 1.0 / 3.0) - 1e-9));
    List<Service> nodes = new ArrayList<>(n);
    nodes.add(new Node());
    for (int parent = 0; nodes.size() < n; parent++) {
      for (int i = 0; i < fanout && nodes.size() < n; i++) {
        nodes.add(nodes.get(parent).addDependency(new Node()));
      }
    }
    nodes.getFirst().start();
    return nodes;
  }

  static ServiceEvent.Snapshot snapshotOf(Service root) throws InterruptedException {
    BlockingQueue<ServiceEvent> first = new ArrayBlockingQueue<>(1);
    try (EventSubscription sub = ServiceEvents.subscribe(root, 1, first::offer)) {
      ServiceEvent e = first.poll(30, TimeUnit.SECONDS);
      if (!(e instanceof ServiceEvent.Snapshot s)) {
        throw new IllegalStateException("expected a snapshot first, got " + e);
      }
      return s;
    }
  }

  /** The inspector window as the app builds it (same scene, same size), created on the FX thread. */
  private static final class Ui {
    InspectorApp.Parts parts;
    InspectorViewModel vm;
    FxPump pump;
    InspectorView view;
    Stage stage;

    static Ui open() throws InterruptedException {
      Ui ui = new Ui();
      CountDownLatch shown = new CountDownLatch(1);
      Platform.runLater(() -> {
        ui.stage = new Stage();
        // The app's size, unless JavaFX started earlier on a smaller screen (as in the smoke test).
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
        ui.parts = new InspectorApp.Parts(ui.stage, Math.min(InspectorApp.WIDTH, screen.getWidth()),
            Math.min(InspectorApp.HEIGHT, screen.getHeight()));
        ui.vm = ui.parts.vm();
        ui.pump = ui.parts.pump();
        ui.view = ui.parts.view();
        ui.stage.show();
        shown.countDown();
      });
      shown.await();
      return ui;
    }

    void close() throws InterruptedException {
      CountDownLatch closed = new CountDownLatch(1);
      Platform.runLater(() -> {
        stage.close();
        parts.close();
        closed.countDown();
      });
      closed.await();
    }

    /** From handing the snapshot over to the pulse after the first paint of its layout. */
    double firstFrame(ServiceEvent.Snapshot snapshot) throws InterruptedException {
      CountDownLatch rendered = new CountDownLatch(1);
      long[] t = new long[2];
      long[] framesAtLayout = {-1};
      CountDownLatch armed = new CountDownLatch(1);
      Platform.runLater(() -> {
        // Runs when the laid-out graph is published, before the canvas paints it.
        vm.graph().layoutProperty().addListener((obs, old, now) -> {
          if (framesAtLayout[0] < 0 && now.size() > 0) {
            framesAtLayout[0] = view.canvas().frames();
          }
        });
        new AnimationTimer() {
          boolean painted;

          @Override
          public void handle(long now) {
            if (painted) {
              t[1] = System.nanoTime();
              stop();
              rendered.countDown();
            } else if (framesAtLayout[0] >= 0 && view.canvas().frames() > framesAtLayout[0]) {
              painted = true;
            }
          }
        }.start();
        armed.countDown();
      });
      armed.await();
      t[0] = System.nanoTime();
      pump.offer(snapshot);
      if (!rendered.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no frame with the graph within 120 s");
      }
      return (t[1] - t[0]) / 1e6;
    }

    /** Feeds transitions for the warm-up, then stamps every pulse while feeding for {@code seconds}. */
    Window pulsesUnder(List<Service> tree, int rate, double warmup, double seconds) throws InterruptedException {
      long[] stamps = new long[(int) (seconds * 200) + 1000];
      int[] count = {0};
      AnimationTimer stamper = new AnimationTimer() {
        @Override
        public void handle(long now) {
          if (count[0] < stamps.length) {
            stamps[count[0]++] = System.nanoTime();
          }
        }
      };
      long rowsBefore = onFx(() -> vm.timeline().total());
      long warmupCount = (long) (rate * warmup);
      long total = warmupCount + (long) (rate * seconds);
      long[] cpuAtStart = new long[2];
      feed(pump, tree, rate, total, warmupCount, () -> {
        Platform.runLater(stamper::start);
        cpuAtStart[0] = cpuNanos(FX_THREAD);
        cpuAtStart[1] = cpuNanos(RENDER_THREAD);
      });
      long fxCpu = cpuNanos(FX_THREAD) - cpuAtStart[0];
      long renderCpu = cpuNanos(RENDER_THREAD) - cpuAtStart[1];
      CountDownLatch stopped = new CountDownLatch(1);
      Platform.runLater(() -> {
        stamper.stop();
        stopped.countDown();
      });
      stopped.await();
      long[] intervals = new long[Math.max(0, count[0] - 1)];
      for (int i = 1; i < count[0]; i++) {
        intervals[i - 1] = stamps[i] - stamps[i - 1];
      }
      return new Window(intervals, fxCpu, renderCpu, rowsBefore + total);
    }

    /** Waits until the timeline holds {@code expected} transitions; fails on fewer or more. */
    long awaitTimeline(long expected) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      long rows;
      do {
        rows = onFx(() -> vm.timeline().total());
        if (rows == expected) {
          return rows;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      } while (System.nanoTime() < deadline);
      throw new IllegalStateException("the timeline holds " + rows + " transitions, expected " + expected);
    }

    private static <T> T onFx(java.util.function.Supplier<T> query) throws InterruptedException {
      java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      Platform.runLater(() -> {
        result.set(query.get());
        done.countDown();
      });
      done.await();
      return result.get();
    }
  }

  /** The measured window: intervals between pulses (ns), CPU used, and the rows then expected. */
  private record Window(long[] intervals, long fxCpuNanos, long renderCpuNanos, long expectedRows) {}

  /** The FX thread (Monocle names it "Event Thread") and Prism's render thread. */
  private static final java.util.function.Predicate<String> FX_THREAD =
      name -> name.equals("JavaFX Application Thread") || name.equals("Event Thread");
  private static final java.util.function.Predicate<String> RENDER_THREAD = name -> name.startsWith("QuantumRenderer");

  private static long cpuNanos(java.util.function.Predicate<String> named) {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (named.test(t.getName())) {
        sum += Math.max(0, threads.getThreadCpuTime(t.threadId()));
      }
    }
    return sum;
  }

  /** Every service cycles RUNNING > STOPPING > SHUTDOWN > INIT > STARTING > RUNNING, round robin. */
  private static void feed(FxPump pump, List<Service> tree, int rate, long total, long mark, Runnable atMark) {
    State[] cycle = {State.RUNNING, State.STOPPING, State.SHUTDOWN, State.INIT, State.STARTING};
    int[] phase = new int[tree.size()];
    long begin = System.nanoTime();
    long periodNanos = 1_000_000_000L / rate;
    for (long k = 0; k < total; k++) {
      if (k == mark) {
        atMark.run();
      }
      long due = begin + k * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int i = (int) (k % tree.size());
      State from = cycle[phase[i]];
      phase[i] = (phase[i] + 1) % cycle.length;
      State to = cycle[phase[i]];
      pump.offer(new ServiceEvent.Transition(Instant.now(), tree.get(i).id(), from, to,
          (int) (k / (tree.size() * (long) cycle.length)), null, null));
    }
  }

  static double percentile(long[] nanos, double p) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  private static double peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / 1048576.0;
  }

  private static double usedAfterGcMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
  }
}
