package mode.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import mode.inspect.ChaosRun;
import mode.inspect.ChildChaosWorker;

/**
 * The stream under a long chaos workload: a worker in a child JVM whose random tree churns
 * (restarts, stops, crashes in hooks, runtime dependencies, timers, supervisors) while twenty
 * clients in this JVM read it — steady ones, stalled ones with small receive buffers, TCP clients
 * with the token, clients that come and go. Each round ends at a quiescent point where every
 * client's picture is compared with the worker's and the event counts must add up. Prints one line
 * per minute and a summary: events/s, gaps, resyncs (snapshots after the first), mismatches.
 *
 * <p>Options: {@code --minutes} (default 1), {@code --clients} (20), {@code --services} (60),
 * {@code --capacity} (the agent's per-client queue, default 64, small so that gaps happen),
 * {@code --seed} (random by default; printed).
 */
public final class SoakBench {

  private SoakBench() {}

  public static void main(String[] args) throws Exception {
    run(args, System.out);
  }

  static void run(String[] args, PrintStream out) throws Exception {
    Map<String, String> o = BenchSupport.options(args, Map.of(
        "minutes", "1", "clients", "20", "services", "60", "capacity", "64",
        "seed", Long.toString(new Random().nextLong())));
    BenchSupport.quietLogging();
    double minutes = Double.parseDouble(o.get("minutes"));
    long seed = Long.parseLong(o.get("seed"));
    int clients = Integer.parseInt(o.get("clients"));
    Random random = new Random(seed);
    Path folder = Files.createTempDirectory("mode-soak");
    out.printf("# soak: seed %d, %s min, %d clients, %s services, queue capacity %s%n",
        seed, o.get("minutes"), clients, o.get("services"), o.get("capacity"));
    try (ChildChaosWorker worker = new ChildChaosWorker(seed, Integer.parseInt(o.get("services")),
            Integer.parseInt(o.get("capacity")), folder, List.of("-Xmx512m"));
        ChaosRun run = new ChaosRun(random, worker, false, clients)) {
      run.connect(clients);
      long t0 = System.nanoTime();
      long end = t0 + (long) (minutes * 60e9);
      long nextReport = t0 + 60_000_000_000L;
      int rounds = 0;
      do {
        run.round(200);
        rounds++;
        if (System.nanoTime() >= nextReport) {
          line(out, "# ", run, rounds, System.nanoTime() - t0);
          nextReport += 60_000_000_000L;
        }
      } while (System.nanoTime() < end);
      run.close();
      double seconds = (System.nanoTime() - t0) / 1e9;
      out.printf(Locale.ROOT, "soak %.1f s: %d rounds, %.0f events/s, %d gaps, %d resyncs, %d pictures checked,"
              + " mismatches: %d%n",
          seconds, rounds, run.events() / seconds, run.gaps(), run.resyncs(),
          run.checks(), run.mismatches().size());
      run.report(out, "# ");
      run.mismatches().forEach(m -> out.println("# mismatch: " + m));
    } finally {
      try (var files = Files.list(folder)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(folder);
    }
  }

  private static void line(PrintStream out, String prefix, ChaosRun run, int rounds, long nanos) {
    double seconds = nanos / 1e9;
    out.printf(Locale.ROOT, "%s%.0f s: %d rounds, %.0f events/s, %d quiescent points, mismatches so far: %d%n",
        prefix, seconds, rounds, run.events() / seconds, run.quiescentPoints(), run.mismatches().size());
  }
}
