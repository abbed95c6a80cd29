package mode;

import java.util.ArrayList;
import java.util.List;
import mode.internal.CrashHandler;

/**
 * What a crash does to the tree: the crashed service and its ancestors become CRASHED, up to the
 * nearest supervised service, whose supervisor is told at once.
 *
 * <p>Unlike mode, the dependencies (siblings, cousins) of the ancestors are not marked: they did
 * not fail, and whoever reacts to the crash (a supervisor's restart, the Worker's stop) stops
 * them anyway. Also unlike mode, a supervisor hears about a crash anywhere below the service it
 * supervises at once, not at its next 5-second poll.
 */
final class CrashPropagation {
  private CrashPropagation() {}

  static void crash(Service origin, Throwable reason) {
    State before = origin.machine.state();
    if (before == State.CRASHED) {
      origin.log().warn("Crashed again while already crashed: {}", reason.toString());
      return;
    }
    if (!origin.machine.tryCrash(reason)) {
      origin.log().warn("Crash ignored: the service is {}; reason: {}", before, reason.toString(), reason);
      return;
    }
    origin.log().error("Crashed reason={}", reason.toString(), reason);
    List<Service> path = new ArrayList<>();
    for (Service node = origin; node != null; node = node.deps.parent()) {
      path.add(node);
      CrashHandler supervisor = node.supervisor;
      if (supervisor != null) {
        markAncestors(path, reason);
        supervisor.onCrash(node, origin, reason);
        return;
      }
    }
    markAncestors(path, reason);
  }

  private static void markAncestors(List<Service> path, Throwable reason) {
    for (int i = 1; i < path.size(); i++) {
      Service s = path.get(i);
      if (s.machine.state() != State.CRASHED && s.machine.tryCrash(reason)) {
        s.log().debug("Crashed because {} crashed: {}", path.get(0).label(), reason.toString());
      }
    }
  }
}
