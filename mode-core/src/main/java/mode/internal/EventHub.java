package mode.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import mode.Service;
import mode.State;
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
 * queued to the subscriptions in the same critical section. A new subscription reads the tree
 * under the same lock, so no change is lost or seen twice between the snapshot and the stream;
 * the snapshot's objects (labels, lists, timer counters) are built after the lock is released.
 * Listeners never run under the lock: each subscription has its own bounded, lock-free ring and
 * dispatch thread (see {@link Subscription}). Events are built only for subscriptions that queue
 * them: while a subscriber is dropping, a state change costs it one counter.
 */
public final class EventHub {
  /** A pause in changes this long ends a burst (see {@link #lastChangeNanos()}). */
  public static final long BURST_QUIET_NANOS = 1_000_000;
  /**
   * A fresh snapshot after a gap waits for a pause in changes this long (100 ms at most): its
   * reads hold the lock that every change needs, for about a millisecond per few thousand
   * services, and a burst that resumes right after a short pause would wait for them.
   */
  public static final long SNAPSHOT_QUIET_NANOS = 5_000_000;
  /** The longest the inspect agent holds a client's events back during a burst. */
  public static final long MAX_HOLD_NANOS = 20_000_000;

  private static final ReentrantLock LOCK = new ReentrantLock();
  /** Guarded by {@link #LOCK}. */
  private static final List<Subscription> SUBSCRIPTIONS = new ArrayList<>();
  /** When the last change was emitted (a {@code System.nanoTime()} stamp); written under the lock. */
  private static volatile long lastChangeNanos = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
  private static final VarHandle LAST_CHANGE;

  static {
    try {
      LAST_CHANGE = MethodHandles.lookup().findStaticVarHandle(EventHub.class, "lastChangeNanos", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

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

  /**
   * When the runtime last emitted a change while observed (a {@code System.nanoTime()} stamp; an
   * hour ago if never). Consumers use it to tell a burst of changes from a pause. Any thread.
   */
  public static long lastChangeNanos() {
    return (long) LAST_CHANGE.getOpaque();
  }

  /** Like {@link #publish} for a caller that holds the lock. */
  public static void emitLocked(Service service, ServiceEvent event) {
    LAST_CHANGE.setOpaque(System.nanoTime());
    for (int i = 0; i < SUBSCRIPTIONS.size(); i++) {
      Subscription sub = SUBSCRIPTIONS.get(i);
      if (service == null || sub.members.contains(service)) {
        sub.offerLocked(event);
      }
    }
  }

  /** Builds the full event of a move, for the moves a subscriber cannot rebuild (a crash). */
  public interface TransitionSource {
    /** The event of the move {@code from → to} at {@code nanos}; called under the hub lock. */
    ServiceEvent.Transition transitionLocked(long nanos, State from, State to);
  }

  /**
   * With the lock held, right after {@code service} moved {@code from → to} at {@code nanos} (a
   * {@code System.nanoTime()} stamp): queues the transition for {@code observers}, the
   * subscriptions that see the service (as kept by {@link ServiceAccess#observersLocked}). A plain move is queued as three values and becomes a {@code Transition} event on the
   * subscriber's thread; {@code full} builds the event here when it must carry more (a crash, or a
   * cause that names who made the move). The move's cause comes from the scope the calling thread
   * opened ({@link TransitionCauses}). Allocates nothing unless {@code full} is used.
   */
  public static void transitionLocked(Object observers,
      Service service, long nanos, State from, State to, int restartCount, TransitionSource full) {
    LAST_CHANGE.setOpaque(nanos);
    // Why it moved: the scope the calling thread opened, if any (one counter read when none is).
    String cause = null;
    String by = null;
    if (to == State.CRASHED) {
      cause = ServiceEvent.Transition.CRASH;
    } else {
      TransitionCauses.Scope scope = TransitionCauses.current();
      if (scope != null) {
        boolean own = scope.aimsAt(service);
        cause = own ? scope.cause() : ServiceEvent.Transition.PARENT;
        by = own ? scope.by() : null;
      }
    }
    boolean packed = to != State.CRASHED && by == null && Subscription.packable(restartCount);
    int causeCode = packed ? TransitionCauses.code(cause) : 0;
    if (observers instanceof Subscription sub) {
      offerTransitionLocked(sub, null, service, nanos, from, to, restartCount, packed, causeCode, cause, by, full);
      return;
    }
    ServiceEvent made = null;
    for (Object observer : (Object[]) observers) {
      made = offerTransitionLocked((Subscription) observer, made, service, nanos, from, to, restartCount, packed,
          causeCode, cause, by, full);
    }
  }

  /** Queues one transition to {@code sub}; returns the full event if one was built. */
  private static ServiceEvent offerTransitionLocked(Subscription sub, ServiceEvent made, Service service,
      long nanos, State from, State to, int restartCount, boolean packed, int causeCode, String cause, String by,
      TransitionSource full) {
    if (sub.droppedLocked()) {
      return made;
    }
    if (packed) {
      sub.offerTransitionLocked(service, nanos, from, to, restartCount, causeCode);
      return made;
    }
    ServiceEvent event = made;
    if (event == null) {
      ServiceEvent.Transition built = full.transitionLocked(nanos, from, to);
      event = cause == null ? built : built.withCause(cause, by);
    }
    sub.offerLocked(event);
    return event;
  }

  /**
   * With the lock held, right after {@code parent} gained the dependency {@code child}: tells every
   * subscription that sees {@code parent} about the services that join its tree (dependencies
   * first, so every id in a {@code ServiceAdded} is known) and about the new edge. Only plain
   * values are read here; each {@code ServiceAdded} is built on the subscription's own thread
   * (labels and timer descriptions are user code, which never runs under the lock).
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
        observeLocked(s, sub);
        sub.offerDeferredLocked(serviceAdded(at, ServiceAccess.captureLocked(s)));
      }
      sub.offerLocked(new ServiceEvent.DependencyAdded(at, parent.id(), child.id()));
    }
  }

  /** A {@code ServiceAdded} event that is built later, off the lock, from values read under it. */
  @FunctionalInterface
  interface DeferredEvent {
    ServiceEvent build();
  }

  private static DeferredEvent serviceAdded(Instant at, Supplier<ServiceInfo> captured) {
    return () -> new ServiceEvent.ServiceAdded(at, captured.get());
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
      sub.offerLocked(new ServiceEvent.DependencyRemoved(at, parent.id(), child.id()));
      Set<Service> reachable = reachable(sub.root);
      // Only services below child can have become unreachable; report them child first.
      for (Service s : preOrder(child)) {
        if (!reachable.contains(s) && sub.members.contains(s)) {
          sub.members.remove(s);
          unobserveLocked(s, sub);
          sub.offerLocked(new ServiceEvent.ServiceRemoved(at, s.id()));
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
    sub.start(register(sub).get());
    return sub;
  }

  /**
   * Registers a queue of at most {@code capacity} events that the calling thread drains (see
   * {@link EventQueue}); its first {@code drainTo} delivers the snapshot taken now, atomically with
   * the registration. For a consumer that writes the events in order with messages of its own.
   *
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  public static EventQueue subscribeQueue(Service root, int capacity) {
    Subscription sub = new Subscription(root, capacity, null);
    sub.bind(register(sub));
    return sub;
  }

  /** Adds {@code sub} and reads its first snapshot under the lock; builds nothing under it. */
  private static Supplier<ServiceEvent.Snapshot> register(Subscription sub) {
    LogEvents.install();
    Supplier<ServiceEvent.Snapshot> capture;
    LOCK.lock();
    try {
      capture = captureLocked(sub);
      SUBSCRIPTIONS.add(sub);
    } finally {
      LOCK.unlock();
    }
    return () -> {
      try {
        return capture.get();
      } catch (RuntimeException | Error e) {
        unsubscribe(sub);
        throw e;
      }
    };
  }

  static void unsubscribe(Subscription sub) {
    LOCK.lock();
    try {
      if (SUBSCRIPTIONS.remove(sub)) {
        for (Service s : sub.members) {
          unobserveLocked(s, sub);
        }
      }
    } finally {
      LOCK.unlock();
    }
  }

  /**
   * With the lock held: recomputes the subscription's members and reads what changes with events
   * for each, root first. The returned supplier builds the snapshot from that, without the lock:
   * the lock, which every state change needs, is held for the walk and the reads only.
   */
  static Supplier<ServiceEvent.Snapshot> captureLocked(Subscription sub) {
    for (Service s : sub.members) {
      unobserveLocked(s, sub);
    }
    sub.members.clear();
    Instant at = WallClock.now();
    // The walk's visited set is the members set itself: one identity hash per service, and a
    // set that keeps its capacity from one snapshot to the next.
    List<Service> order = preOrder(sub.root, sub.members);
    List<Supplier<ServiceInfo>> captured = new ArrayList<>(order.size());
    for (Service s : order) {
      observeLocked(s, sub);
      captured.add(ServiceAccess.captureLocked(s));
    }
    return () -> {
      List<ServiceInfo> infos = new ArrayList<>(captured.size());
      for (Supplier<ServiceInfo> c : captured) {
        infos.add(c.get());
      }
      return new ServiceEvent.Snapshot(at, infos);
    };
  }

  /**
   * With the lock held: {@code sub} sees {@code s} from now on. Each service keeps its observers
   * in an array of its own, so that a state change finds them with one field read (a lookup in
   * every subscription's member set would touch a large table, cold after a garbage collection).
   */
  private static void observeLocked(Service s, Subscription sub) {
    Object old = ServiceAccess.observersLocked(s);
    if (old == null) {
      ServiceAccess.setObserversLocked(s, sub);
    } else if (old instanceof Object[] many) {
      Object[] grown = Arrays.copyOf(many, many.length + 1);
      grown[many.length] = sub;
      ServiceAccess.setObserversLocked(s, grown);
    } else {
      ServiceAccess.setObserversLocked(s, new Object[] {old, sub});
    }
  }

  /** With the lock held: {@code sub} no longer sees {@code s}. */
  private static void unobserveLocked(Service s, Subscription sub) {
    Object old = ServiceAccess.observersLocked(s);
    if (old == sub) {
      ServiceAccess.setObserversLocked(s, null);
    } else if (old instanceof Object[] many) {
      List<Object> rest = new ArrayList<>(Arrays.asList(many));
      rest.remove(sub);
      ServiceAccess.setObserversLocked(s, rest.size() == 1 ? rest.get(0) : rest.toArray());
    }
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
      List<Service> deps = ServiceAccess.dependencies(s);
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
    for (Service dep : ServiceAccess.dependencies(s)) {
      collectNewPostOrder(dep, members, out);
    }
    out.add(s);
  }
}
