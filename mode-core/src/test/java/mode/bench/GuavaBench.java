package mode.bench;

import com.google.common.util.concurrent.AbstractService;
import com.google.common.util.concurrent.ServiceManager;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mode.State;

/**
 * N independent trivial services started and stopped, mode for Java against Guava's {@code
 * ServiceManager}. Ours: each service's {@code start()} then each one's {@code stop()}, in a loop
 * on one thread (the whole cost of the call, nothing deferred). Guava's: {@code AbstractService}s
 * whose {@code doStart}/{@code doStop} count and notify at once (its lightest kind of service),
 * managed by one {@code ServiceManager}: {@code startAsync().awaitHealthy()} and {@code
 * stopAsync().awaitStopped()}. A fresh set of services per run; medians after a warm-up.
 *
 * <p>Prints {@code # ...} comments and one line per contender: {@code name N start_ms stop_ms}.
 * Run: {@code bin/bench guava [--services 10000] [--repeat 11] [--warmup 20]}.
 */
public final class GuavaBench {

  private GuavaBench() {}

  /** Guava's: starts and stops synchronously, counting. */
  static final class GuavaTrivial extends AbstractService {
    @Override
    protected void doStart() {
      TreeBench.STARTED.incrementAndGet();
      notifyStarted();
    }

    @Override
    protected void doStop() {
      TreeBench.STOPPED.incrementAndGet();
      notifyStopped();
    }
  }

  static long[] runMode(int n) {
    List<TreeBench.Node> services = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      services.add(new TreeBench.Node());
    }
    TreeBench.STARTED.set(0);
    TreeBench.STOPPED.set(0);
    long t0 = System.nanoTime();
    for (TreeBench.Node s : services) {
      s.start();
    }
    long t1 = System.nanoTime();
    TreeBench.check(TreeBench.STARTED.get() == n && services.getLast().state() == State.RUNNING, "mode start");
    long t2 = System.nanoTime();
    for (TreeBench.Node s : services) {
      s.stop();
    }
    long t3 = System.nanoTime();
    TreeBench.check(TreeBench.STOPPED.get() == n && services.getLast().state() == State.SHUTDOWN, "mode stop");
    return new long[] {t1 - t0, t3 - t2};
  }

  static long[] runGuava(int n) throws Exception {
    List<GuavaTrivial> services = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      services.add(new GuavaTrivial());
    }
    ServiceManager manager = new ServiceManager(services);
    TreeBench.STARTED.set(0);
    TreeBench.STOPPED.set(0);
    long t0 = System.nanoTime();
    manager.startAsync().awaitHealthy(1, TimeUnit.MINUTES);
    long t1 = System.nanoTime();
    TreeBench.check(TreeBench.STARTED.get() == n && manager.isHealthy(), "guava start");
    long t2 = System.nanoTime();
    manager.stopAsync().awaitStopped(1, TimeUnit.MINUTES);
    long t3 = System.nanoTime();
    TreeBench.check(TreeBench.STOPPED.get() == n, "guava stop");
    return new long[] {t1 - t0, t3 - t2};
  }

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    run(args, System.out);
  }

  /** Runs the benchmark, printing to {@code out}. */
  static void run(String[] args, PrintStream out) throws Exception {
    BenchSupport.quietLogging();
    java.util.logging.Logger.getLogger(ServiceManager.class.getName()).setLevel(java.util.logging.Level.WARNING);
    Map<String, String> o = BenchSupport.options(args, Map.of("services", "10000", "repeat", "11", "warmup", "20"));
    int n = Integer.parseInt(o.get("services"));
    int repeat = Integer.parseInt(o.get("repeat"));
    int warmup = Integer.parseInt(o.get("warmup"));
    for (int i = 0; i < warmup; i++) {
      runMode(n);
      runGuava(n);
    }
    out.printf("# name N start_ms stop_ms   (median of %d runs after %d warm-up rounds; java %s)%n",
        repeat, warmup, Runtime.version());
    double[][] mode = new double[2][repeat];
    double[][] guava = new double[2][repeat];
    for (int r = 0; r < repeat; r++) {
      System.gc();
      record(mode, r, runMode(n));
      System.gc();
      record(guava, r, runGuava(n));
    }
    print(out, "mode-java", n, mode);
    print(out, "guava", n, guava);
  }

  private static void record(double[][] into, int r, long[] nanos) {
    into[0][r] = BenchSupport.millis(nanos[0]);
    into[1][r] = BenchSupport.millis(nanos[1]);
  }

  private static void print(PrintStream out, String name, int n, double[][] runs) {
    out.printf(Locale.ROOT, "%s %d %.2f %.2f%n", name, n,
        BenchSupport.median(runs[0]), BenchSupport.median(runs[1]));
  }
}
