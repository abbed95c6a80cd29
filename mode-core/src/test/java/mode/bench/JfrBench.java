package mode.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import mode.jfr.ModeFlightRecorder;

/**
 * The cost of mode's JFR events on the tree benchmark ({@link TreeBench}): rounds of runs with
 * no recording and rounds with a recording running (JDK's {@code default} settings plus every
 * {@code mode.*} event, the tree watched as a Worker watches its own), alternated in one JVM so
 * that both see the same machine load. Prints one line per size: {@code N start_off stop_off
 * start_on stop_on} (median ms over all runs of each kind) and the overhead in percent.
 *
 * <p>Transitions are committed by a writer thread, off the timed thread, so the wall time shows
 * only part of a recording's cost: a second line per size gives the CPU time per run of the timed
 * thread and of the writer (measured after the writer's next round), and what the recording adds
 * (Flight Recorder's own threads, which write the file, are not counted). The last line ({@code
 * floor_ns}) is the least Flight Recorder lets an event cost here, measured apart from mode: one
 * {@code System.nanoTime()} (a duration event reads the clock at its begin and its end), one
 * committed event with no fields, and one event of {@code mode.ServiceStart}'s shape timed and
 * committed; set against a service's timed start they show how much of the overhead no change to
 * mode can take away.
 *
 * <p>The cost of the lifecycle's hook while no recording runs cannot be measured against itself
 * in one JVM: compare {@code bin/bench tree} before and after (see the README).
 *
 * <p>Run: {@code bin/bench jfr [--sizes 1000,10000] [--rounds 6] [--runs 5] [--warmup 10]
 * [--events mode.ServiceTransition,...] [--threshold-ms 0] [--floor-reads 1000000]}: {@code
 * --events none} measures the JDK's default settings and the watch alone; {@code --threshold-ms}
 * sets the threshold of the start and stop events; {@code --floor-reads} how many events each
 * round of the floor commits.
 */
public final class JfrBench {
  private static final List<String> MODE_EVENTS = List.of("mode.ServiceTransition",
      "mode.ServiceStart", "mode.ServiceStop", "mode.Blocking", "mode.TimerOverrun", "mode.ServiceNode");

  /** The mode events the recording enables ({@code --events}, all of them by default). */
  private static List<String> events = MODE_EVENTS;
  /** The threshold of the start and stop events ({@code --threshold-ms}, 0 by default: every one). */
  private static Duration threshold = Duration.ZERO;

  private JfrBench() {}

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    run(args, System.out);
  }

  static void run(String[] args, PrintStream out) throws Exception {
    BenchSupport.quietLogging();
    Map<String, String> o = BenchSupport.options(args,
        Map.of("sizes", "1000,10000", "rounds", "6", "runs", "5", "warmup", "10",
            "events", String.join(",", MODE_EVENTS), "threshold-ms", "0",
            "floor-reads", "1000000"));
    List<Integer> sizes = BenchSupport.ints(o.get("sizes"));
    int rounds = Integer.parseInt(o.get("rounds"));
    int runs = Integer.parseInt(o.get("runs"));
    int warmup = Integer.parseInt(o.get("warmup"));
    events = List.of(o.get("events").split(","));
    threshold = Duration.ofNanos(Math.round(Double.parseDouble(o.get("threshold-ms")) * 1e6));
    FlightRecorder.getFlightRecorder(); // Flight Recorder up before any timing, in both kinds
    for (int n : sizes) {
      round(n, warmup, false);
      round(n, warmup, true);
    }
    out.println("# cpu: " + cpuModel() + "; " + Runtime.getRuntime().availableProcessors() + " cores; mode events: "
        + String.join(",", events) + "; start/stop threshold " + threshold.toNanos() / 1e6 + " ms");
    out.printf("# N start_off stop_off start_on stop_on start_overhead stop_overhead   (median ms of %d runs"
        + " each, %d alternated rounds of %d; java %s)%n", rounds * runs, rounds, runs, Runtime.version());
    Map<Integer, Double> startsOff = new LinkedHashMap<>();
    for (int n : sizes) {
      double[][] off = new double[3][rounds * runs];
      double[][] on = new double[3][rounds * runs];
      for (int r = 0; r < rounds; r++) {
        copy(round(n, runs, false), off, r * runs);
        copy(round(n, runs, true), on, r * runs);
      }
      double startOff = BenchSupport.median(off[0]);
      double stopOff = BenchSupport.median(off[1]);
      double startOn = BenchSupport.median(on[0]);
      double stopOn = BenchSupport.median(on[1]);
      startsOff.put(n, startOff);
      out.printf(Locale.ROOT, "%d %.3f %.3f %.3f %.3f %+.1f%% %+.1f%%%n", n, startOff, stopOff, startOn,
          stopOn, 100 * (startOn / startOff - 1), 100 * (stopOn / stopOff - 1));
      double cpuOff = BenchSupport.median(off[2]);
      double cpuOn = BenchSupport.median(on[2]);
      out.printf(Locale.ROOT, "%d cpu_ms_per_run off %.3f on %.3f: the recording adds %.3f ms, %.0f ns a service"
          + " (start and stop), %+.1f%% of the timed start and stop without it%n", n, cpuOff, cpuOn, cpuOn - cpuOff,
          (cpuOn - cpuOff) * 1e6 / n, 100 * (cpuOn - cpuOff) / (startOff + stopOff));
      out.flush();
    }
    double[] floor = floorNanos(Integer.parseInt(o.get("floor-reads")));
    out.printf(Locale.ROOT, "floor_ns clock %.1f instant_event %.1f duration_event %.1f%n", floor[0], floor[1],
        floor[2]);
    out.println("# floor: what one System.nanoTime() costs here; what committing an event with no fields costs its"
        + " thread; what timing and committing an event shaped as mode.ServiceStart costs (begin, end, four fields);"
        + " both events with a recording taking them");
    startsOff.forEach((n, ms) -> out.printf(Locale.ROOT, "# N = %d: a service's timed start takes %.1f ns without a"
        + " recording (10 %% of it: %.1f ns); its start event alone, at the floor, adds %+.0f %%%n", n, ms * 1e6 / n,
        ms * 1e5 / n, 100 * floor[2] / (ms * 1e6 / n)));
  }

  /** An event with no fields: the least a committed event costs its thread. */
  @Name("mode.bench.Instant")
  @StackTrace(false)
  static final class InstantEvent extends Event {}

  /** An event shaped as {@code mode.ServiceStart}: timed on its thread, four fields. */
  @Name("mode.bench.Duration")
  @StackTrace(false)
  static final class DurationEvent extends Event {
    long serviceId;
    String label;
    Class<?> serviceClass;
    String outcome;
  }

  /**
   * {one clock read, one committed event with no fields, one timed and committed event of {@code
   * mode.ServiceStart}'s shape} in ns, each the median of 9 rounds of {@code perRound} (ten times
   * that for the clock), with a recording that takes both events running.
   */
  static double[] floorNanos(int perRound) throws Exception {
    double clock = clockReadNanos(10 * perRound);
    double[] instant = new double[9];
    double[] timed = new double[9];
    try (Recording r = new Recording()) {
      r.enable(InstantEvent.class).withoutStackTrace();
      r.enable(DurationEvent.class).withoutStackTrace().withThreshold(Duration.ZERO);
      r.start();
      for (int round = 0; round < instant.length; round++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          new InstantEvent().commit();
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          DurationEvent e = new DurationEvent();
          e.begin();
          e.end();
          if (e.shouldCommit()) {
            e.serviceId = i;
            e.label = "Node";
            e.serviceClass = JfrBench.class;
            e.outcome = "RUNNING";
            e.commit();
          }
        }
        long t2 = System.nanoTime();
        instant[round] = (t1 - t0) / (double) perRound;
        timed[round] = (t2 - t1) / (double) perRound;
      }
      r.stop();
    }
    return new double[] {clock, BenchSupport.median(instant), BenchSupport.median(timed)};
  }

  private static void copy(double[][] from, double[][] to, int at) {
    System.arraycopy(from[0], 0, to[0], at, from[0].length);
    System.arraycopy(from[1], 0, to[1], at, from[1].length);
    System.arraycopy(from[2], 0, to[2], at, from[2].length);
  }

  /**
   * {@code runs} runs of a fresh tree of {@code n}; returns {starts ms, stops ms, CPU ms per run of
   * the timed thread and the transitions' writer (the round's, spread evenly)}.
   */
  private static double[][] round(int n, int runs, boolean recording) throws Exception {
    double[][] times = new double[3][runs];
    long cpu = 0;
    Map<Long, Long> writerBefore = writerCpuNanos();
    Recording r = recording ? start() : null;
    try {
      for (int i = 0; i < runs; i++) {
        System.gc();
        TreeBench.Tree tree = TreeBench.build(n, TreeBench.fanout(n));
        try (AutoCloseable watch = recording ? ModeFlightRecorder.watch(tree.root()) : null) {
          long c0 = THREADS.getCurrentThreadCpuTime();
          long[] t = TreeBench.run(tree);
          cpu += THREADS.getCurrentThreadCpuTime() - c0;
          times[0][i] = BenchSupport.millis(t[0]);
          times[1][i] = BenchSupport.millis(t[1]);
        }
      }
      // The writer commits within its next round (20 ms): after 100 ms its work for these runs is done.
      Thread.sleep(100);
      Map<Long, Long> writerAfter = writerCpuNanos();
      for (Map.Entry<Long, Long> w : writerAfter.entrySet()) {
        cpu += w.getValue() - writerBefore.getOrDefault(w.getKey(), 0L);
      }
    } finally {
      if (r != null) {
        r.stop();
        r.close();
        Files.deleteIfExists(r.getDestination());
      }
    }
    Arrays.fill(times[2], BenchSupport.millis(cpu) / runs);
    return times;
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** The CPU time of each thread that writes transitions into recordings, by thread id. */
  private static Map<Long, Long> writerCpuNanos() {
    Map<Long, Long> cpu = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("mode-jfr-transitions")) {
        cpu.put(t.threadId(), Math.max(0, THREADS.getThreadCpuTime(t.threadId())));
      }
    }
    return cpu;
  }

  /** What one {@code System.nanoTime()} costs, in ns (the median of 9 rounds of {@code perRound}). */
  static double clockReadNanos(int perRound) {
    double[] rounds = new double[9];
    long sink = 0;
    for (int r = 0; r < rounds.length; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < perRound; i++) {
        sink += System.nanoTime();
      }
      rounds[r] = (System.nanoTime() - t0) / (double) perRound;
    }
    if (sink == 42) {
      System.out.print(""); // keeps the reads
    }
    return BenchSupport.median(rounds);
  }

  /** The CPU's model name from {@code /proc/cpuinfo}, or "unknown". */
  static String cpuModel() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst().orElse("unknown");
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Recording start() throws Exception {
    Recording r = new Recording(Configuration.getConfiguration("default"));
    // An event the settings do not name is on by its annotations: switch off the ones not asked for.
    MODE_EVENTS.forEach(e -> {
      if (events.contains(e)) {
        r.enable(e).withThreshold(threshold);
      } else {
        r.disable(e);
      }
    });
    r.setDestination(Files.createTempFile("mode-bench", ".jfr"));
    r.setToDisk(true);
    r.start();
    return r;
  }
}
