package mode.bench;

import java.io.PrintStream;
import java.lang.ref.Reference;
import java.util.Locale;
import java.util.Map;
import mode.Service;

/**
 * Heap bytes per service: N services are created (and started) while kept reachable, and the
 * used heap after full collections is compared with the one before. Three kinds: a new idle
 * service (INIT), a started idle service (RUNNING, no background work), and a started service
 * with one {@code @Service.Timer} (its virtual thread parked between ticks, whose stack then
 * lives in the heap too). Run with a stop-the-world collector, a fixed heap and {@code
 * -XX:MarkSweepDeadRatio=0} (bin/bench does): without that flag a full collection may leave dead
 * objects in place and count them as used, and every other measurement then reads the previous
 * one's garbage in its "before" (-4 bytes per service).
 *
 * <p>Prints {@code # ...} comments and one line per kind: {@code kind N bytes_per_service}.
 * Run: {@code bin/bench memory [--services 100000]}.
 */
public final class MemoryBench {
  private MemoryBench() {}

  /**
   * The services being measured, held by a static field as well as the local array, so that
   * nothing but this class decides when they become garbage.
   */
  @SuppressWarnings("unused")
  private static volatile Service[] measured;

  /** No hooks, no background work. */
  static final class Idle extends Service {}

  /** One timer that fires rarely, so it is parked while measured. */
  static final class WithTimer extends Service {
    @Timer(3600)
    void tick() {}
  }

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) {
    run(args, System.out);
  }

  /** Runs the benchmark, printing to {@code out}. */
  static void run(String[] args, PrintStream out) {
    BenchSupport.quietLogging();
    Map<String, String> o = BenchSupport.options(args, Map.of("services", "100000"));
    int n = Integer.parseInt(o.get("services"));
    // Warm up class loading and the per-class caches so they are not counted.
    measure(1000, false, Idle::new);
    measure(1000, true, WithTimer::new);
    out.printf("# kind N bytes_per_service   (median of 3; heap used after full GC, java %s, %s)%n",
        Runtime.version(), collectorName());
    print(out, "idle_new", n, median3(() -> measure(n, false, Idle::new)));
    print(out, "idle_running", n, median3(() -> measure(n, true, Idle::new)));
    print(out, "timer_running", n, median3(() -> measure(n, true, WithTimer::new)));
  }

  /** Heap figures move by a few percent from one measurement to the next: take the middle one. */
  private static double median3(java.util.function.DoubleSupplier measurement) {
    return BenchSupport.median(new double[] {
        measurement.getAsDouble(), measurement.getAsDouble(), measurement.getAsDouble()});
  }

  private static double measure(int n, boolean start, java.util.function.Supplier<Service> make) {
    Service[] services = new Service[n];
    measured = services;
    long before = BenchSupport.settledUsedHeap();
    for (int i = 0; i < n; i++) {
      services[i] = make.get();
      if (start) {
        services[i].start();
      }
    }
    long after = start ? afterBackgroundThreadsSettle() : BenchSupport.settledUsedHeap();
    // Without the fence the JIT may see that the array is dead and the collector frees it first.
    Reference.reachabilityFence(services);
    measured = null;
    double perService = (after - before) / (double) n;
    for (Service s : services) {
      if (start) {
        s.stop();
      }
    }
    return perService;
  }

  /**
   * The used heap once the started services' virtual threads have all run up to their first wait
   * (a parked virtual thread keeps its stack in the heap): measured until it stops growing.
   */
  private static long afterBackgroundThreadsSettle() {
    long used = BenchSupport.settledUsedHeap();
    for (int i = 0; i < 50; i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = BenchSupport.settledUsedHeap();
      if (Math.abs(now - used) < used / 500) {
        return now;
      }
      used = now;
    }
    return used;
  }

  private static void print(PrintStream out, String kind, int n, double bytes) {
    out.printf(Locale.ROOT, "%s %d %.0f%n", kind, n, bytes);
  }

  private static String collectorName() {
    StringBuilder sb = new StringBuilder();
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      sb.append(sb.isEmpty() ? "" : "+").append(gc.getName());
    }
    return sb.toString();
  }
}
