package mode.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mode.Service;
import mode.State;

/**
 * Tree start/stop, as mode's reference benchmark times it: a root and N - 1 services added
 * breadth-first with {@code addDependency}, fanout ⌈N^(1/3)⌉ (at least 2), every service with
 * trivial {@code onStart}/{@code onStop} hooks that count. Times {@code root.start()} and
 * {@code root.stop()} (fresh tree per run), after a warm-up, and prints one line per size:
 * {@code N start_ms stop_ms} (medians; ten times the runs below N = 1000), plus {@code #} comment
 * lines.
 *
 * <p>Run: {@code bin/bench tree [--sizes 100,1000,10000] [--repeat 11] [--warmup 20]}.
 */
public final class TreeBench {
  /** Starts and stops of the counting services ({@link Node}, and Guava's in {@link GuavaBench}). */
  static final AtomicInteger STARTED = new AtomicInteger();
  static final AtomicInteger STOPPED = new AtomicInteger();
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private TreeBench() {}

  /** A service whose hooks only count. */
  static final class Node extends Service {
    @Override
    protected void onStart() {
      STARTED.incrementAndGet();
    }

    @Override
    protected void onStop() {
      STOPPED.incrementAndGet();
    }
  }

  /** A built tree: its root, every service, and its depth (levels including the root). */
  record Tree(Service root, List<Service> nodes, int depth) {}

  static int fanout(int n) {
    return Math.max(2, (int) Math.ceil(Math.pow(n, 1.0 / 3.0) - 1e-9));
  }

  /** Builds the tree of mode's benchmark: breadth-first, each parent up to {@code fanout} children. */
  static Tree build(int n, int fanout) {
    Service root = new Node();
    List<Service> nodes = new ArrayList<>(n);
    nodes.add(root);
    List<Service> frontier = List.of(root);
    int depth = 1;
    while (nodes.size() < n) {
      List<Service> next = new ArrayList<>();
      for (Service parent : frontier) {
        for (int i = 0; i < fanout && nodes.size() < n; i++) {
          Service child = parent.addDependency(new Node());
          nodes.add(child);
          next.add(child);
        }
        if (nodes.size() >= n) {
          break;
        }
      }
      frontier = next;
      depth++;
    }
    return new Tree(root, nodes, depth);
  }

  /** One run: start then stop a fresh tree; returns {start_nanos, stop_nanos}. */
  static long[] run(int n) {
    return run(build(n, fanout(n)));
  }

  /**
   * Starts then stops {@code tree}; returns {start, stop} in wall-clock nanoseconds, then the
   * same in CPU nanoseconds of the calling thread (what it spent itself, waiting excluded).
   */
  static long[] run(Tree tree) {
    int n = tree.nodes().size();
    STARTED.set(0);
    STOPPED.set(0);
    long c0 = CPU.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    tree.root().start();
    long t1 = System.nanoTime();
    long c1 = CPU.getCurrentThreadCpuTime();
    check(STARTED.get() == n, "started " + STARTED.get() + " of " + n);
    for (Service s : tree.nodes()) {
      if (s.state() != State.RUNNING) {
        check(false, s + " is not RUNNING after start");
      }
    }
    long c2 = CPU.getCurrentThreadCpuTime();
    long t2 = System.nanoTime();
    tree.root().stop();
    long t3 = System.nanoTime();
    long c3 = CPU.getCurrentThreadCpuTime();
    check(STOPPED.get() == n, "stopped " + STOPPED.get() + " of " + n);
    return new long[] {t1 - t0, t3 - t2, c1 - c0, c3 - c2};
  }

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("benchmark run is wrong: " + what);
    }
  }

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) {
    run(args, System.out);
  }

  /** Runs the benchmark, printing to {@code out}. */
  static void run(String[] args, PrintStream out) {
    BenchSupport.quietLogging();
    Map<String, String> o = BenchSupport.options(args,
        Map.of("sizes", "100,1000,10000", "repeat", "11", "warmup", "20"));
    List<Integer> sizes = BenchSupport.ints(o.get("sizes"));
    int repeat = Integer.parseInt(o.get("repeat"));
    int warmup = Integer.parseInt(o.get("warmup"));
    int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
    for (int i = 0; i < warmup; i++) {
      run(largest);
      for (int n : sizes) {
        run(n);
      }
    }
    out.printf("# N start_ms stop_ms   (median of %d runs, %d below N = 1000, after %d warm-up rounds; java %s)%n",
        repeat, repeat * 10, warmup, Runtime.version());
    for (int n : sizes) {
      // A run of a small tree takes tens of microseconds, where one preemption by another process
      // moves a run by its whole length: ten times the runs keep its median as steady as a large
      // tree's (all of them are timed; none is dropped).
      int runs = n < 1000 ? repeat * 10 : repeat;
      double[] starts = new double[runs];
      double[] stops = new double[runs];
      double[] startsCpu = new double[runs];
      double[] stopsCpu = new double[runs];
      for (int r = 0; r < runs; r++) {
        System.gc();
        long[] t = run(n);
        starts[r] = BenchSupport.millis(t[0]);
        stops[r] = BenchSupport.millis(t[1]);
        startsCpu[r] = BenchSupport.millis(t[2]);
        stopsCpu[r] = BenchSupport.millis(t[3]);
      }
      out.printf(Locale.ROOT, "%d %.3f %.3f%n", n, BenchSupport.median(starts), BenchSupport.median(stops));
      out.printf(Locale.ROOT, "#   fanout=%d levels_incl_root=%d start_quartiles=%s stop_quartiles=%s%n",
          fanout(n), build(n, fanout(n)).depth(), quartiles(starts), quartiles(stops));
      // CPU time of the calling thread (the whole tree starts and stops on it): what the work
      // costs, without the time other processes of a loaded machine took the core away.
      out.printf(Locale.ROOT, "#   cpu_ms %d %.3f %.3f%n",
          n, BenchSupport.median(startsCpu), BenchSupport.median(stopsCpu));
      out.flush();
    }
  }

  /** The first quartile, the median and the third quartile, in ms. */
  private static String quartiles(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return String.format(Locale.ROOT, "[%.3f, %.3f, %.3f]",
        sorted[sorted.length / 4], BenchSupport.median(values), sorted[(3 * sorted.length) / 4]);
  }
}
