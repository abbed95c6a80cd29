package mode.jfr;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import mode.Service;
import mode.State;

/**
 * Writes a tree as {@link ServiceNodeEvent}s, one per service, breadth-first from the root. A
 * service reached twice (a shared dependency) is written once, under the first parent; its other
 * parents still list it in their {@code dependencies}.
 *
 * <p>Threading: called on JFR's periodic thread; reads each service's state without a lock, so a
 * tree that changes meanwhile is written as it is met.
 */
final class TreeWriter {
  private static final AtomicLong SNAPSHOTS = new AtomicLong();

  /** A service met on the walk, with the id of the parent it was reached from. */
  private record Visit(Service service, long parentId, int depth) {}

  private TreeWriter() {}

  /** Writes the tree under {@code root}, if the event is enabled. */
  static void write(Service root) {
    if (!new ServiceNodeEvent().isEnabled()) {
      return;
    }
    long snapshot = SNAPSHOTS.incrementAndGet();
    Set<Service> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Visit> queue = new ArrayDeque<>();
    queue.add(new Visit(root, -1L, 0));
    seen.add(root);
    while (!queue.isEmpty()) {
      Visit next = queue.poll();
      List<Service> children = next.service().dependencies();
      commit(snapshot, next, children);
      for (Service child : children) {
        if (seen.add(child)) {
          queue.add(new Visit(child, next.service().id(), next.depth() + 1));
        }
      }
    }
  }

  private static void commit(long snapshot, Visit visit, List<Service> children) {
    Service s = visit.service();
    ServiceNodeEvent e = new ServiceNodeEvent();
    e.snapshotId = snapshot;
    e.serviceId = s.id();
    e.parentId = visit.parentId();
    e.depth = visit.depth();
    e.label = s.label();
    e.serviceClass = s.getClass().getName();
    State state = s.state();
    e.state = state.name();
    e.restartCount = s.restartCount();
    Throwable reason = state == State.CRASHED ? s.crashReason() : null;
    e.crashReason = reason == null ? null : reason.toString();
    e.dependencies = children.stream().map(c -> Long.toString(c.id())).collect(Collectors.joining(","));
    e.commit();
  }
}
