package mode.inspector.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import mode.State;
import mode.events.ServiceEvent;

/**
 * Something wrong with one service at one moment, worth a marker on its node and a row in the
 * Problems list: a crash loop, a hook, task or timer blocked recently, or a start or stop that
 * takes too long. Each comes with a short text for the node's marker ("50 crashes · last 3 s
 * ago") and a longer one for the Problems list (with the rate, or what blocked).
 *
 * <p>Immutable; any thread. {@link #of} reads a node, so call it where the node is owned.
 */
public record Trouble(long serviceId, Kind kind, String marker, String text, Instant since, Duration howLong) {
  /** How many crashes make a loop. */
  public static final int CRASH_LOOP = 3;
  /** How recent a blocking report must be for the service to count as blocked now. */
  public static final Duration BLOCKED_RECENTLY = Duration.ofSeconds(30);
  /** How long a start or stop may take before it counts as stuck. */
  public static final Duration STUCK = Duration.ofSeconds(10);

  /** The kinds of trouble, worst first. */
  public enum Kind {
    /** Crashed again and again. */
    CRASH_LOOP("crash loop"),
    /** A hook, task or timer ran over the blocking timeout recently. */
    BLOCKED("blocked"),
    /** STARTING or STOPPING for longer than {@link #STUCK}. */
    STUCK("stuck");

    private final String title;

    Kind(String title) {
      this.title = title;
    }

    /** The kind in words. */
    public String title() {
      return title;
    }
  }

  /** Worst first, then the longest. */
  public static final Comparator<Trouble> WORST_FIRST =
      Comparator.comparing(Trouble::kind).thenComparing(Trouble::howLong, Comparator.reverseOrder());

  /** Everything wrong with {@code node} at {@code now}, worst first; empty when nothing is. */
  public static List<Trouble> of(ServiceNode node, Instant now) {
    List<Trouble> found = new ArrayList<>(1);
    int crashes = crashes(node);
    if (crashes >= CRASH_LOOP && node.crashedAt() != null) {
      String marker = crashes + " crashes · last " + Texts.age(Duration.between(node.crashedAt(), now)) + " ago";
      found.add(new Trouble(node.id(), Kind.CRASH_LOOP, marker, marker + rate(node), node.crashedAt(),
          Duration.between(node.crashedAt(), now)));
    }
    List<ServiceEvent.Blocking> blocking = node.blocking();
    if (!blocking.isEmpty()) {
      ServiceEvent.Blocking last = blocking.get(blocking.size() - 1);
      if (Duration.between(last.at(), now).compareTo(BLOCKED_RECENTLY) <= 0) {
        String marker = "blocked " + Texts.human(last.elapsed());
        found.add(new Trouble(node.id(), Kind.BLOCKED, marker, marker + " in " + last.what(),
            last.at(), last.elapsed()));
      }
    }
    if ((node.state() == State.STARTING || node.state() == State.STOPPING) && node.stateSince() != null) {
      Duration stuck = Duration.between(node.stateSince(), now);
      if (stuck.compareTo(STUCK) > 0) {
        found.add(new Trouble(node.id(), Kind.STUCK, "stuck " + Texts.age(stuck),
            "stuck " + node.state().name().toLowerCase(Locale.ROOT) + " for " + Texts.human(stuck), node.stateSince(), stuck));
      }
    }
    return found;
  }

  /**
   * The crashes to count: those seen, or the restarts when the snapshot says it crashed before,
   * without the restarts seen that no crash caused (an operator's, a parent's).
   */
  private static int crashes(ServiceNode node) {
    return node.crashReason() == null ? node.crashesSeen()
        : Math.max(node.crashesSeen(), node.restartCount() - node.calmRestartsSeen());
  }

  /** {@code " · 6.0/min"}: how often the crashes the inspector saw came; empty below two. */
  private static String rate(ServiceNode node) {
    if (node.crashesSeen() < 2 || node.firstCrashSeenAt() == null) {
      return "";
    }
    long seconds = Math.max(1, Duration.between(node.firstCrashSeenAt(), node.crashedAt()).getSeconds());
    return String.format(Locale.ROOT, " · %.1f/min", (node.crashesSeen() - 1) * 60.0 / seconds);
  }
}
