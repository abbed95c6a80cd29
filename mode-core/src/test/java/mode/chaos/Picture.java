package mode.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;

/**
 * A client's picture of a worker's tree, built only from the events it read, in order, and the
 * protocol's promises checked on the way: the stream starts with a snapshot, every gap is followed
 * at once by a snapshot, a transition starts from the state the picture holds, a service is added
 * once and removed once, an edge joins known services. Not thread-safe: one reader feeds it.
 */
public final class Picture {

  /** One service as far as the picture goes: what a client can check against the worker. */
  public record Node(long id, String label, State state, int restartCount, List<Long> dependencies) {
    Node withState(State to, int restarts) {
      return new Node(id, label, to, restarts, dependencies);
    }

    Node withDependencies(List<Long> deps) {
      return new Node(id, label, state, restartCount, List.copyOf(deps));
    }

    static Node of(ServiceInfo info) {
      return new Node(info.id(), info.label(), info.state(), info.restartCount(), List.copyOf(info.dependencyIds()));
    }
  }

  private final Map<Long, Node> nodes = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();
  private boolean snapshotDue = true;
  private String last = "(nothing yet)";
  private long deltas;
  private long dropped;
  private long gaps;
  private long snapshots;

  /** Applies the next event of the stream. */
  public void apply(ServiceEvent event) {
    if (snapshotDue && !(event instanceof ServiceEvent.Snapshot)) {
      violation("expected a snapshot after " + last + ", got " + describe(event));
    }
    snapshotDue = false;
    switch (event) {
      case ServiceEvent.Snapshot s -> {
        snapshots++;
        nodes.clear();
        for (ServiceInfo info : s.services()) {
          nodes.put(info.id(), Node.of(info));
        }
      }
      case ServiceEvent.Gap g -> {
        gaps++;
        dropped += g.dropped();
        snapshotDue = true;
        if (g.dropped() < 1) {
          violation("a gap that dropped " + g.dropped() + " events");
        }
      }
      default -> {
        deltas++;
        applyDelta(event);
      }
    }
    last = describe(event);
  }

  private void applyDelta(ServiceEvent event) {
    switch (event) {
      case ServiceEvent.Transition t -> {
        Node n = nodes.get(t.serviceId());
        if (n == null) {
          violation("transition of unknown service " + t.serviceId());
        } else {
          if (n.state() != t.from()) {
            violation("transition " + t.from() + "->" + t.to() + " of " + n.label() + ", which the picture has " + n.state());
          }
          nodes.put(n.id(), n.withState(t.to(), t.restartCount()));
        }
      }
      case ServiceEvent.ServiceAdded a -> {
        if (nodes.containsKey(a.service().id())) {
          violation("service " + a.service().label() + " added twice");
        }
        nodes.put(a.service().id(), Node.of(a.service()));
      }
      case ServiceEvent.ServiceRemoved r -> {
        if (nodes.remove(r.serviceId()) == null) {
          violation("removal of unknown service " + r.serviceId());
        }
      }
      case ServiceEvent.DependencyAdded d -> edge(d.parentId(), d.childId(), true);
      case ServiceEvent.DependencyRemoved d -> edge(d.parentId(), d.childId(), false);
      default -> {
        // Timer statistics, logs, blocking reports and flags do not change the tree.
      }
    }
  }

  private void edge(long parentId, long childId, boolean add) {
    Node parent = nodes.get(parentId);
    if (parent == null || (add && !nodes.containsKey(childId))) {
      violation((add ? "edge to " : "removed edge to ") + childId + " from unknown " + parentId);
      return;
    }
    List<Long> deps = new ArrayList<>(parent.dependencies());
    if (add) {
      if (deps.contains(childId)) {
        violation("edge " + parentId + "->" + childId + " added twice");
      }
      deps.add(childId);
    } else if (!deps.remove(childId)) {
      violation("removal of missing edge " + parentId + "->" + childId);
    }
    nodes.put(parentId, parent.withDependencies(deps));
  }

  private void violation(String what) {
    if (violations.size() < 20) {
      violations.add(what);
    }
  }

  private static String describe(ServiceEvent event) {
    return event.getClass().getSimpleName();
  }

  /** The services as the picture has them, by id. */
  public Map<Long, Node> nodes() {
    return new TreeMap<>(nodes);
  }

  /** The tree of a snapshot, in the same form as {@link #nodes()}. */
  public static Map<Long, Node> of(ServiceEvent.Snapshot snapshot) {
    Map<Long, Node> map = new TreeMap<>();
    for (ServiceInfo info : snapshot.services()) {
      map.put(info.id(), Node.of(info));
    }
    return map;
  }

  /** Broken promises seen so far (the first 20). */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** Events other than snapshots and gaps applied so far. */
  public long deltas() {
    return deltas;
  }

  /** The sum of the gaps' {@code dropped} counts so far. */
  public long dropped() {
    return dropped;
  }

  /** Gaps seen so far. */
  public long gaps() {
    return gaps;
  }

  /** Snapshots seen so far (the first one included). */
  public long snapshots() {
    return snapshots;
  }
}
