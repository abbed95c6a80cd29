package mode.chaos;

import java.nio.file.Path;
import java.util.Random;

/**
 * The seeds of a chaos test: a random base (or {@code -Dchaos.seed=N} to replay one), {@code
 * -Dchaos.runs=N} runs from it (one when replaying). Each seed is printed before its run, and a
 * failure names it.
 */
public final class ChaosSeeds {

  /** One run of a chaos test with its seed and a folder of its own. */
  @FunctionalInterface
  public interface Body {
    void run(long seed, Path folder) throws Exception;
  }

  private ChaosSeeds() {}

  /** Runs {@code body} once per seed, {@code defaultRuns} times unless told otherwise. */
  public static void each(String test, int defaultRuns, Path dir, Body body) {
    Long fixed = Long.getLong("chaos.seed");
    long base = fixed != null ? fixed : new Random().nextLong();
    int runs = fixed != null ? 1 : Integer.getInteger("chaos.runs", defaultRuns);
    for (int i = 0; i < runs; i++) {
      long seed = base + i;
      System.out.println(test + ": seed " + seed + " (replay with -Dchaos.seed=" + seed + ")");
      try {
        body.run(seed, dir.resolve("run" + i));
      } catch (AssertionError | Exception e) {
        throw new AssertionError(test + " failed with seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }
}
