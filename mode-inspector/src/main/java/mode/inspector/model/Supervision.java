package mode.inspector.model;

import java.math.BigDecimal;
import java.time.Duration;
import mode.events.ServiceInfo.SupervisorInfo;

/**
 * A supervisor's policy in words, for the graph, the details and the legend: what its strategy
 * does when a supervised service crashes, and its restart limit.
 *
 * <p>Stateless; any thread.
 */
public final class Supervision {
  private Supervision() {}

  /**
   * The text of a supervisor's box: {@code "one-for-one supervisor · at most 1000 restarts in 1
   * min"}; for a strategy that never restarts, {@code "forfeit-one-for-one supervisor · never
   * restarts"}.
   *
   * @param supervisor the supervisor's description
   * @return one line
   */
  public static String boxText(SupervisorInfo supervisor) {
    return supervisor.strategy() + " supervisor · " + limit(supervisor);
  }

  /**
   * The restart limit, short: {@code "at most 1 restart in 26 s"}, {@code "no restarts"} (a limit
   * of 0), {@code "never restarts"} (a strategy that does not restart), {@code "lets crashes
   * through"} ({@code crashing}).
   *
   * @param supervisor the supervisor's description
   * @return a few words
   */
  public static String limit(SupervisorInfo supervisor) {
    if ("crashing".equals(supervisor.strategy())) {
      return "lets crashes through";
    }
    if (!supervisor.restarts()) {
      return "never restarts";
    }
    if (supervisor.maxRestarts() == 0) {
      return "no restarts";
    }
    return "at most " + restarts(supervisor.maxRestarts()) + " in " + window(supervisor.over());
  }

  /**
   * What the strategy does when a supervised service crashes, in a sentence without the limit.
   *
   * @param strategy a strategy's name as the protocol gives it
   * @return a sentence
   */
  public static String strategy(String strategy) {
    return switch (strategy) {
      case "one-for-one" -> "One-for-one: restarts only the service that crashed.";
      case "one-for-all" -> "One-for-all: when one service crashes, stops all of them and restarts them all.";
      case "rest-for-one" ->
          "Rest-for-one: restarts the service that crashed and every service added after it.";
      case "forfeit-one-for-one" -> "Forfeit-one-for-one: stops the service that crashed and never restarts it.";
      case "forfeit-one-for-all" -> "Forfeit-one-for-all: when one service crashes, stops all of them for good.";
      case "crashing" -> "Crashing: supervises nothing; a crash passes up to the services above, as with no supervisor.";
      default -> "A strategy of its own (" + strategy + ").";
    };
  }

  /**
   * The whole policy, for the details: the strategy's sentence, then the limit in a sentence.
   *
   * @param supervisor the supervisor's description
   * @return two sentences (one when the strategy never restarts)
   */
  public static String policy(SupervisorInfo supervisor) {
    String what = strategy(supervisor.strategy());
    if (!supervisor.restarts()) {
      return what;
    }
    if (supervisor.maxRestarts() == 0) {
      return what + " Its limit is 0 restarts: it gives up and crashes at the first crash.";
    }
    return what + " At most " + restarts(supervisor.maxRestarts()) + " within any " + window(supervisor.over())
        + "; one more and it gives up and crashes itself.";
  }

  /** {@code "1 restart"}, {@code "1000 restarts"}. */
  private static String restarts(int n) {
    return n + (n == 1 ? " restart" : " restarts");
  }

  /**
   * A restart window in the unit it was most likely given in: {@code 26 s}, {@code 1.5 s}, {@code
   * 1 min}, {@code 2 h}, {@code 250 ms}, {@code 90 s}.
   *
   * @param d a positive duration
   * @return the duration in words
   */
  public static String window(Duration d) {
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return trim(BigDecimal.valueOf(d.toNanos()).movePointLeft(6)) + " ms";
    }
    if (d.toNanosPart() == 0 && d.getSeconds() % 3600 == 0) {
      return d.getSeconds() / 3600 + " h";
    }
    if (d.toNanosPart() == 0 && d.getSeconds() % 60 == 0) {
      return d.getSeconds() / 60 + " min";
    }
    return trim(BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.toNanosPart()).movePointLeft(9))) + " s";
  }

  private static String trim(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
