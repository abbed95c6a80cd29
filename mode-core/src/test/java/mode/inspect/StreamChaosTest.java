package mode.inspect;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mode.chaos.ChaosSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream's promises under chaos, on seeded random workloads: a random tree churns (starts,
 * stops, restarts, crashes in hooks, runtime dependencies added and removed, timers, supervisors)
 * while clients attach, read, stall, leave and come back, over the Unix socket and over TCP, with
 * a per-client queue as small as one event. At every quiescent point each connected client's
 * picture, built only from what it read, equals the worker's own snapshot; every gap was followed
 * at once by a snapshot; between two quiescent points, what a client read plus what its gaps said
 * it missed is exactly what the runtime emitted; and the runtime never waited for a client (the
 * churn would not end). Each run prints its seed; {@code -Dchaos.seed=N} replays one (the runtime's
 * threads still interleave as they will), {@code -Dchaos.runs=N} sets how many, {@code
 * -Dchaos.capacity=N} fixes the queue capacity.
 */
class StreamChaosTest {

  private static final int[] CAPACITIES = {1, 1, 2, 3, 8, 64, 4096};

  @TempDir Path dir;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void everyClientsPictureEqualsTheWorkersAtEveryQuiescentPoint() throws Exception {
    ChaosSeeds.each("StreamChaosTest", 6, dir, StreamChaosTest::run);
  }

  static void run(long seed, Path folder) throws Exception {
    Random random = new Random(seed);
    int drawn = CAPACITIES[random.nextInt(CAPACITIES.length)];
    int capacity = Integer.getInteger("chaos.capacity", drawn); // -Dchaos.capacity=1: the smallest queue
    try (LocalChaosWorker worker = new LocalChaosWorker(random, 6 + random.nextInt(30), capacity, folder);
        ChaosRun run = new ChaosRun(random, worker, true, 8)) {
      run.connect(4);
      for (int round = 0; round < 8; round++) {
        run.round(60);
      }
      run.close();
      run.report(System.out, "StreamChaosTest: seed " + seed + ": queue capacity " + capacity + ", ");
    }
  }
}
