package mode.worker;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import mode.Service;

/**
 * The service tree as text, one line per service, indented as mode indents its log prefixes:
 *
 * <pre>
 * [^Worker] RUNNING
 * [^-App] RUNNING
 * [^--Web] STOPPING FLUSHING (since 2026-11-28T05:12:03.120Z)
 * </pre>
 *
 * <p>The diagnostic flags that are set follow the state, by name. A service reachable along several paths is written in full once and then as {@code
 * [^--Db] RUNNING (see above)}. Safe to call from any thread while the services run (states are
 * read once per line).
 */
public final class ServiceTreeDump {
  private ServiceTreeDump() {}

  /** The tree under {@code root}, one line per service, each ending in a newline. */
  public static String of(Service root) {
    StringBuilder out = new StringBuilder();
    write(root, 0, Collections.newSetFromMap(new IdentityHashMap<>()), out);
    return out.toString();
  }

  private static void write(Service service, int depth, Set<Service> seen, StringBuilder out) {
    out.append("[^").append("-".repeat(depth)).append(service.shortLabel()).append("] ")
        .append(service.state());
    service.diag().flags().forEach((flag, since) ->
        out.append(" ").append(flag).append(" (since ").append(since).append(')'));
    if (!seen.add(service)) {
      out.append(" (see above)\n");
      return;
    }
    out.append('\n');
    for (Service dependency : service.dependencies()) {
      write(dependency, depth + 1, seen, out);
    }
  }
}
