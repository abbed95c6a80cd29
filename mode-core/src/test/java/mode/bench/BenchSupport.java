package mode.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** What the benchmark mains share: quiet logging, argument parsing, medians. */
final class BenchSupport {
  private BenchSupport() {}

  /**
   * Logs only WARN and above, as mode's reference benchmark does (it configures no logging, so
   * Python's default WARNING applies): the lifecycle's INFO and DEBUG lines are not built.
   */
  static void quietLogging() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
  }

  /**
   * Parses {@code --name value} pairs over the given defaults.
   *
   * @throws IllegalArgumentException on an unknown option or a missing value, naming it
   */
  static Map<String, String> options(String[] args, Map<String, String> defaults) {
    Map<String, String> out = new LinkedHashMap<>(defaults);
    for (int i = 0; i < args.length; i++) {
      String key = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (key == null || !defaults.containsKey(key)) {
        throw new IllegalArgumentException(
            "unknown option " + args[i] + "; known: --" + String.join(", --", defaults.keySet()));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      out.put(key, args[++i]);
    }
    return out;
  }

  static List<Integer> ints(String csv) {
    return Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).map(String::trim).map(Integer::valueOf).toList();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** Full GCs until the used heap stops shrinking; returns the used bytes. */
  static long settledUsedHeap() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long now = rt.totalMemory() - rt.freeMemory();
      if (now >= used) {
        return Math.min(now, used);
      }
      used = now;
    }
    return used;
  }
}
