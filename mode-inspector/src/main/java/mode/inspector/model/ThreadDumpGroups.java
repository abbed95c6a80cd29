package mode.inspector.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A worker's thread dump (the text of {@code HotSpotDiagnosticMXBean.dumpThreads}) split into its
 * threads and grouped by the service each runs code for, as told by the thread's name: mode names
 * a task or timer thread {@code Label.method} and a service thread {@code ServiceThread-Label}.
 * A name that matches several labels goes to the longest one ({@code Web.api.serve} to {@code
 * Web.api}, not {@code Web}). Threads of no service (the JVM's, the agent's, a pool's) form the
 * last group.
 *
 * <p>Plain Java; immutable results; any thread.
 */
public final class ThreadDumpGroups {
  private ThreadDumpGroups() {}

  /**
   * The threads of one service, or of none.
   *
   * @param service the service's label, or {@code null} for the threads of no service
   * @param threads each thread's part of the dump: its header line and its frames
   */
  public record Group(String service, List<String> threads) {
    /** Copies the threads. */
    public Group {
      threads = List.copyOf(threads);
    }

    /** The threads' parts of the dump, one blank line between two. */
    public String text() {
      return String.join("\n", threads.stream().map(t -> t.endsWith("\n") ? t : t + "\n").toList());
    }
  }

  /**
   * The groups of {@code dump}: one per service that has a thread, by label, then the threads of
   * no service (if any).
   *
   * @param dump the dump's text; blocks separated by blank lines, a thread's block starting with
   *     {@code #<id> "<name>"}; other blocks (the header) are left out
   * @param labels the labels of the worker's services
   */
  public static List<Group> of(String dump, Collection<String> labels) {
    Map<String, List<String>> byService = new TreeMap<>();
    List<String> none = new ArrayList<>();
    for (String block : dump.split("\\R\\s*\\R")) {
      String name = threadName(block.strip());
      if (name == null) {
        continue;
      }
      String service = serviceOf(name, labels);
      (service == null ? none : byService.computeIfAbsent(service, k -> new ArrayList<>())).add(block.strip() + "\n");
    }
    List<Group> groups = new ArrayList<>();
    byService.forEach((service, threads) -> groups.add(new Group(service, threads)));
    if (!none.isEmpty()) {
      groups.add(new Group(null, none));
    }
    return List.copyOf(groups);
  }

  /** The name in a thread's header line ({@code #31 "Blocker.work" virtual}), or null. */
  static String threadName(String block) {
    String header = block.lines().findFirst().orElse("");
    int open = header.indexOf('"');
    int close = header.lastIndexOf('"');
    return header.startsWith("#") && open > 0 && close > open ? header.substring(open + 1, close) : null;
  }

  /** The longest label the thread's name belongs to, or null. */
  static String serviceOf(String name, Collection<String> labels) {
    String best = null;
    for (String label : labels) {
      boolean matches = name.equals(label) || name.startsWith(label + ".") || name.equals("ServiceThread-" + label);
      if (matches && (best == null || label.length() > best.length())) {
        best = label;
      }
    }
    return best;
  }
}
