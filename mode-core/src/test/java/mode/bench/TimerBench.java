package mode.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import mode.Service;

/**
 * Timer accuracy, as mode's reference benchmark measures it: one service with a {@code
 * @Service.Timer} of 10 ms runs for a while; each tick records {@code System.nanoTime()}. The
 * ideal schedule is {@code t0 + k·interval} with {@code t0} taken in {@code onStart} (the timer
 * starts right after it), after a warm-up run. Prints the ticks against the ideal count, the per-tick lateness
 * against that schedule (mean, max), mode's "drift" (gap between ticks minus the interval) and the
 * cumulative lag: how late the last tick is.
 *
 * <p>Run: {@code bin/bench timer [--seconds 5] [--runs 1] [--warmup-seconds 1]}.
 */
public final class TimerBench {
  private TimerBench() {}

  /** Records its ticks; the timer interval is fixed by the annotation (10 ms). */
  static final class Ticker extends Service {
    final long[] ticks;
    volatile int count;
    volatile long t0;

    Ticker(int capacity) {
      ticks = new long[capacity];
    }

    @Override
    protected void onStart() {
      t0 = System.nanoTime();
    }

    @Timer(0.01)
    void tick() {
      int i = count;
      if (i < ticks.length) {
        ticks[i] = System.nanoTime();
        count = i + 1;
      }
    }
  }

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    run(args, System.out);
  }

  /** Runs the benchmark, printing to {@code out}. */
  static void run(String[] args, PrintStream out) throws Exception {
    BenchSupport.quietLogging();
    Map<String, String> o = BenchSupport.options(args, Map.of("seconds", "5", "runs", "1", "warmup-seconds", "1"));
    double seconds = Double.parseDouble(o.get("seconds"));
    int runs = Integer.parseInt(o.get("runs"));
    long interval = 10_000_000L;
    int ideal = (int) Math.round(seconds * 1e9 / interval);
    out.printf(Locale.ROOT, "# timer interval=0.01s duration=%ss ideal_ticks=%d (java %s)%n",
        o.get("seconds"), ideal, Runtime.version());
    // A first timer in a fresh JVM also pays for loading the virtual-thread and timer classes.
    double warmup = Double.parseDouble(o.get("warmup-seconds"));
    if (warmup > 0) {
      run(warmup, interval);
    }
    for (int r = 0; r < runs; r++) {
      report(out, run(seconds, interval), interval, ideal);
    }
  }

  static Ticker run(double seconds, long interval) throws InterruptedException {
    Ticker t = new Ticker((int) (seconds * 1e9 / interval) * 2 + 16);
    t.start();
    Thread.sleep(Duration.ofNanos((long) (seconds * 1e9)));
    t.stop();
    return t;
  }

  static void report(PrintStream out, Ticker t, long interval, int ideal) {
    int n = t.count;
    double sumLate = 0;
    double maxLate = Double.NEGATIVE_INFINITY;
    double sumDrift = 0;
    double maxDrift = Double.NEGATIVE_INFINITY;
    long previous = t.t0;
    for (int k = 0; k < n; k++) {
      double late = (t.ticks[k] - (t.t0 + (k + 1) * interval)) / 1e6;
      double drift = (t.ticks[k] - previous - interval) / 1e6;
      previous = t.ticks[k];
      sumLate += late;
      maxLate = Math.max(maxLate, late);
      sumDrift += drift;
      maxDrift = Math.max(maxDrift, drift);
    }
    double finalLate = n == 0 ? Double.NaN : (t.ticks[n - 1] - (t.t0 + (long) n * interval)) / 1e6;
    out.printf(Locale.ROOT,
        "timer ticks=%d ideal=%d ticks_pct=%.1f mean_lateness_ms=%.3f max_lateness_ms=%.3f "
            + "mean_drift_ms=%.3f max_drift_ms=%.3f final_cumulative_lateness_ms=%.2f%n",
        n, ideal, 100.0 * n / ideal, sumLate / n, maxLate, sumDrift / n, maxDrift, finalLate);
  }
}
