package mode.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import mode.Service;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEventListener;
import mode.events.ServiceInfo;

/**
 * Where every runtime event goes through: state transitions, graph changes, timer counters, and
 * the Worker's blocking and log reports.
 *
 * <p>One short lock (this class's) guards every change that subscribers see: a service's state
 * and timings and the dependency edges are written with it held, and the matching event is
 * queued to the subscriptions in the same critical section. A new subscription takes its
 * snapshot under the same lock, so no change is lost or seen twice between the snapshot and the
 * stream. Listeners never run under the lock: each subscription has its own bounded queue and
 * dispatch thread (see {@link Subscription}).
 */
public final class EventHub {
  private static final ReentrantLock LOCK = new ReentrantLock();
  /** Guarded by {@link #LOCK}. */
  private static final List<Subscription> SUBSCRIPTIONS = new ArrayList<>();

  private EventHub() {}

  /** Takes the hub lock; pair with {@link #unlock()} in a {@code finally} block. */
  public static void lock() {
    LOCK.lock();
  }

  /** Releases the hub lock. */
  public static void unlock() {
    LOCK.unlock();
  }

  /** Whether the calling thread holds the hub lock (listeners must never run while it does). */
  public static boolean heldByCurrentThread() {
    return LOCK.isHeldByCurrentThread();
  }

  /** Whether any subscription exists; call with the lock held to skip building unseen events. */
  public static boolean observedLocked() {
    return !SUBSCRIPTIONS.isEmpty();
  }

  /**
   * Publishes {@code event} about {@code service} (or about no service: {@code null}, delivered to
   * every subscription) to the subscriptions that see it. Used by the Worker for {@code Blocking}
   * and {@code Log} events. Thread-safe; never blocks on a listener.
   */
  public static void publish(Service service, ServiceEvent event) {
    LOCK.lock();
    try {
      emitLocked(service, event);
    } finally {
      LOCK.unlock();
    }
  }

  /** Like {@link #publish} for a caller that holds the lock. */
  public static void emitLocked(Service service, ServiceEvent event) {
    for (Subscription sub : SUBSCRIPTIONS) {
      if (service == null || sub.members.contains(service)) {
        sub.offer(event);
      }
    }
  }

  /**
   * With the lock held, right after {@code parent} gained the dependency {@code child}: tells every
   * subscription that sees {@code parent} about the services that join its tree (dependencies
   * first, so every id in a {@code ServiceAdded} is known) and about the new edge.
   */
  public static void dependencyAddedLocked(Service parent, Service child) {
    Instant at = null;
    for (Subscription sub : SUBSCRIPTIONS) {
      if (!sub.members.contains(parent)) {
        continue;
      }
      at = at == null ? Instant.now() : at;
      List<Service> joined = new ArrayList<>();
      collectNewPostOrder(child, sub.members, joined);
      for (Service s : joined) {
        sub.offer(new ServiceEvent.ServiceAdded(at, ServiceAccess.info(s)));
      }
      sub.offer(new ServiceEvent.DependencyAdded(at, parent.id(), child.id()));
    }
  }

  /**
   * With the lock held, right after the edge {@code parent → child} was removed: tells every
   * subscription that saw {@code parent} about the edge and about the services that left its tree.
   */
  public static void dependencyRemovedLocked(Service parent, Service child) {
    Instant at = null;
    for (Subscription sub : SUBSCRIPTIONS) {
      if (!sub.members.contains(parent)) {
        continue;
      }
      at = at == null ? Instant.now() : at;
      sub.offer(new ServiceEvent.DependencyRemoved(at, parent.id(), child.id()));
      Set<Service> reachable = reachable(sub.root);
      // Only services below child can have become unreachable; report them child first.
      for (Service s : preOrder(child)) {
        if (!reachable.contains(s) && sub.members.contains(s)) {
          sub.members.remove(s);
          sub.offer(new ServiceEvent.ServiceRemoved(at, s.id()));
        }
      }
    }
  }

  /**
   * Registers a subscription and gives it its first snapshot, atomically (see {@code
   * mode.events.ServiceEvents}).
   *
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  public static EventSubscription subscribe(Service root, int capacity, ServiceEventListener listener) {
    Subscription sub = new Subscription(root, capacity, listener);
    LogEvents.install();
    ServiceEvent.Snapshot first;
    LOCK.lock();
    try {
      first = snapshotLocked(sub);
      SUBSCRIPTIONS.add(sub);
    } finally {
      LOCK.unlock();
    }
    sub.start(first);
    return sub;
  }

  static void unsubscribe(Subscription sub) {
    LOCK.lock();
    try {
      SUBSCRIPTIONS.remove(sub);
    } finally {
      LOCK.unlock();
    }
  }

  /** With the lock held: recomputes the subscription's members and describes them, root first. */
  static ServiceEvent.Snapshot snapshotLocked(Subscription sub) {
    sub.members.clear();
    // The walk's visited set is the members set itself: one identity hash per service, and a
    // set that keeps its capacity from one snapshot to the next.
    List<Service> order = preOrder(sub.root, sub.members);
    List<ServiceInfo> infos = new ArrayList<>(order.size());
    for (Service s : order) {
      infos.add(ServiceAccess.info(s));
    }
    return new ServiceEvent.Snapshot(Instant.now(), infos);
  }

  static Set<Service> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private static List<Service> preOrder(Service root) {
    return preOrder(root, identitySet());
  }

  /** The services reachable from {@code root}, root first; adds each to {@code seen}. */
  private static List<Service> preOrder(Service root, Set<Service> seen) {
    List<Service> order = new ArrayList<>();
    Deque<Service> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Service s = stack.pop();
      if (!seen.add(s)) {
        continue;
      }
      order.add(s);
      List<Service> deps = s.dependencies();
      for (int i = deps.size() - 1; i >= 0; i--) {
        stack.push(deps.get(i));
      }
    }
    return order;
  }

  private static Set<Service> reachable(Service root) {
    Set<Service> set = identitySet();
    set.addAll(preOrder(root));
    return set;
  }

  private static void collectNewPostOrder(Service s, Set<Service> members, List<Service> out) {
    if (!members.add(s)) {
      return;
    }
    for (Service dep : s.dependencies()) {
      collectNewPostOrder(dep, members, out);
    }
    out.add(s);
  }
}
