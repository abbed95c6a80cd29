package mode.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import mode.Service;
import mode.State;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber: a bounded ring of events filled under the {@link EventHub} lock and drained by
 * one consumer thread with no lock held: either a virtual thread of the subscription's own that
 * calls a listener, or (an {@link EventQueue}) the thread that subscribed, which drains it when it
 * chooses.
 *
 * <p>The ring has one producer at a time (the hub lock serializes them) and one consumer, so it
 * needs no lock of its own: the producer publishes a slot with a release store of {@code tail},
 * the consumer frees it with a release store of {@code head}. The runtime thread that changes a
 * state therefore never waits for the subscriber.
 *
 * <p>When the ring is full the subscription drops every further event, only counting it, and puts
 * a marker in the one slot kept free for it. Reaching the marker, the consumer delivers {@code
 * Gap(dropped)} and then, at once, a fresh {@code Snapshot}, and the stream resumes from there. The
 * ring is the only place where events are dropped, and the drop counter the only count of them.
 */
final class Subscription implements EventQueue {
  private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
  private static final Object RESYNC = new Object();
  private static final AtomicLong IDS = new AtomicLong();
  private static final State[] STATES = State.values();
  private static final VarHandle HEAD;
  private static final VarHandle TAIL;
  private static final VarHandle DROPPED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(Subscription.class, "head", long.class);
      TAIL = lookup.findVarHandle(Subscription.class, "tail", long.class);
      DROPPED = lookup.findVarHandle(Subscription.class, "droppedTotal", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** How long the dispatcher lets events accumulate after waking (latency added to delivery). */
  private static final Duration LINGER = Duration.ofNanos(200_000);
  /** Under steady overload, a fresh snapshot at least this often. */
  private static final Duration MAX_RESYNC_DELAY = Duration.ofMillis(100);
  /**
   * The longest an idle dispatcher parks without a wake-up. The producer wakes it when it sees it
   * waiting; the check is not fenced (a fence per event would cost the runtime more than the
   * whole offer), so in a rare race the wake-up is missed and this bounds the delay.
   */
  private static final long BACKSTOP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  final Service root;
  /** Services reachable from root; guarded by the hub lock. */
  final Set<Service> members = EventHub.identitySet();

  /** The listener a dispatch thread calls, or {@code null} for a queue its consumer drains. */
  private final ServiceEventListener listener;
  private final int capacity;
  /**
   * The queued items: an event, the resync marker, or (for a plain transition, the bulk of all
   * events) the {@link Service} itself, its move packed in {@link #moves} and its time in {@link
   * #stamps}. The runtime then stores three values and allocates nothing; the dispatcher builds
   * the {@code Transition} event.
   */
  private final Object[] ring;
  private final int[] moves;
  private final long[] stamps;
  private final int mask;
  /** Next slot to read; written by the dispatcher only. */
  @SuppressWarnings("unused") // through HEAD
  private volatile long head;
  /** Next slot to write; written under the hub lock only. */
  @SuppressWarnings("unused") // through TAIL
  private volatile long tail;
  /** Events dropped in all; written under the hub lock only (opaque: read by any thread). */
  @SuppressWarnings("unused") // through DROPPED
  private volatile long droppedTotal;
  /** The dispatcher is about to park or parked; the producer then unparks it. */
  private volatile boolean waiting;
  private volatile boolean closed;
  /**
   * The producer's last read of {@code head} (guarded by the hub lock): the ring has at least
   * this much room, so the consumer's cache line is read only when the ring looks full.
   */
  private long headSeen;
  /** Guarded by the hub lock. */
  private boolean overflowing;
  /** {@code droppedTotal} when the last gap was delivered (the next gap reports the difference); guarded by the hub lock. */
  private long droppedAtGap;
  /** The thread that drains the ring: the one the producer unparks. */
  private volatile Thread consumer;
  /** The snapshot a queue delivers first; written and read by its consumer only. */
  private Supplier<ServiceEvent.Snapshot> first;

  /**
   * A subscription whose dispatch thread calls {@code listener} (see {@link #start}), or, with a
   * {@code null} listener, a queue that the calling thread drains (see {@link #bind}).
   */
  Subscription(Service root, int capacity, ServiceEventListener listener) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be >= 1, was " + capacity);
    }
    if (capacity > 1 << 28) {
      throw new IllegalArgumentException("queue capacity must be <= " + (1 << 28) + ", was " + capacity);
    }
    this.root = root;
    this.listener = listener;
    this.capacity = capacity;
    // One slot more than the capacity, for the resync marker.
    int slots = Integer.highestOneBit(capacity) << 1;
    this.ring = new Object[slots];
    this.moves = new int[slots];
    this.stamps = new long[slots];
    this.mask = slots - 1;
  }

  /**
   * With the hub lock held: whether this subscription only counts events now (it overflowed); if
   * so, counts one. Lets the hub skip building events nobody queues.
   */
  boolean droppedLocked() {
    if (overflowing) {
      countDropLocked();
      return true;
    }
    return false;
  }

  /** Queues an event; called with the hub lock held, never blocks. */
  void offerLocked(ServiceEvent event) {
    if (droppedLocked()) {
      return;
    }
    long t = claimLocked();
    if (t >= 0) {
      publish(t, event);
    }
  }

  /** Queues an event built on this subscription's thread when delivered; hub lock held. */
  void offerDeferredLocked(EventHub.DeferredEvent event) {
    if (droppedLocked()) {
      return;
    }
    long t = claimLocked();
    if (t >= 0) {
      publish(t, event);
    }
  }

  /**
   * Queues the transition {@code from → to} of {@code service} at {@code nanos} (a {@code
   * System.nanoTime()} stamp), without building the event; called with the hub lock held, after
   * {@link #droppedLocked()} said no. Not for moves to CRASHED (they carry the crash's details).
   * {@code cause} is the code of the move's cause ({@link TransitionCauses#code}), 0 for none.
   */
  void offerTransitionLocked(Service service, long nanos, State from, State to, int restartCount, int cause) {
    long t = claimLocked();
    if (t < 0) {
      return;
    }
    int slot = (int) t & mask;
    moves[slot] = from.ordinal() | to.ordinal() << 3 | cause << 6 | restartCount << 9;
    stamps[slot] = nanos;
    publish(t, service);
  }

  /** Whether {@link #offerTransitionLocked} can carry a move with this restart count. */
  static boolean packable(int restartCount) {
    return restartCount >= 0 && restartCount < 1 << 22;
  }

  /**
   * The position of the next slot to fill, or -1 if the ring is full: it then overflows (the
   * resync marker takes the slot kept free for it). The consumer's position is read only when the
   * ring looks full.
   */
  private long claimLocked() {
    long t = (long) TAIL.getOpaque(this);
    if (t - headSeen >= capacity && t - (headSeen = (long) HEAD.getAcquire(this)) >= capacity) {
      overflow(t);
      return -1;
    }
    return t;
  }

  private void overflow(long t) {
    overflowing = true;
    countDropLocked();
    publish(t, RESYNC);
  }

  private void publish(long t, Object item) {
    ring[(int) t & mask] = item;
    TAIL.setRelease(this, t + 1);
    if (waiting) {
      waiting = false;
      LockSupport.unpark(consumer);
    }
  }

  private void countDropLocked() {
    DROPPED.setOpaque(this, (long) DROPPED.getOpaque(this) + 1);
  }

  /** Starts the dispatch thread, which first delivers {@code first} to the listener. */
  void start(ServiceEvent.Snapshot first) {
    String name = "mode-events-" + IDS.incrementAndGet() + "-" + root.shortLabel();
    Thread t = Thread.ofVirtual().name(name).unstarted(() -> dispatch(first));
    consumer = t;
    t.start();
  }

  /** Makes the calling thread this queue's consumer; its first {@link #drainTo} delivers {@code first}. */
  void bind(Supplier<ServiceEvent.Snapshot> first) {
    this.first = first;
    consumer = Thread.currentThread();
  }

  private void dispatch(ServiceEvent.Snapshot first) {
    deliver(first);
    try {
      while (!closed) {
        awaitEvents();
        // A dispatcher that parked again after each event would make the producer (the runtime,
        // under the hub lock) pay a wake-up per event in a burst: let it queue up.
        Thread.sleep(LINGER);
        drain(this::deliver);
      }
    } catch (InterruptedException closing) {
      // close() interrupts the dispatcher; nothing is left to do.
    } catch (RuntimeException | Error e) {
      // Describing a service failed (a label() that throws): without a snapshot the stream
      // cannot go on correctly, so it ends here rather than dropping events forever.
      LOG.error("Event subscription to {} ends: a snapshot failed", root.label(), e);
      close();
    }
  }

  /** Parks until the ring holds something. */
  private void awaitEvents() throws InterruptedException {
    long h = (long) HEAD.getOpaque(this);
    while ((long) TAIL.getAcquire(this) == h) {
      parkForEvents(h, BACKSTOP_NANOS);
      if (closed || Thread.interrupted()) {
        throw new InterruptedException("closed");
      }
    }
  }

  /** Parks once, at most {@code nanos}, unless the ring moved past {@code h}. */
  private void parkForEvents(long h, long nanos) {
    waiting = true;
    if ((long) TAIL.getAcquire(this) == h) {
      LockSupport.parkNanos(this, Math.min(nanos, BACKSTOP_NANOS));
    }
    waiting = false;
  }

  @Override
  public boolean isEmpty() {
    return first == null && (long) TAIL.getAcquire(this) == (long) HEAD.getOpaque(this);
  }

  @Override
  public void awaitEvents(long maxNanos) {
    if (isEmpty() && !closed) {
      parkForEvents((long) HEAD.getOpaque(this), maxNanos);
    }
  }

  @Override
  public void wake() {
    LockSupport.unpark(consumer);
  }

  @Override
  public void drainTo(Consumer<ServiceEvent> sink) throws InterruptedException {
    if (first != null) {
      ServiceEvent.Snapshot snapshot = first.get();
      first = null;
      sink.accept(snapshot);
    }
    drain(sink);
  }

  /**
   * Delivers what the ring holds now, in order. The slots are handed back to the producer in one
   * store after the batch (and before a resync): a store per event would bounce the cache line
   * between the two threads.
   */
  private void drain(Consumer<ServiceEvent> sink) throws InterruptedException {
    long h = (long) HEAD.getOpaque(this);
    long t = (long) TAIL.getAcquire(this);
    try {
      while (h != t && !closed) {
        int slot = (int) h & mask;
        Object next = ring[slot];
        if (next == RESYNC) {
          ring[slot] = null;
          HEAD.setRelease(this, ++h);
          resync(sink);
        } else {
          ServiceEvent event = switch (next) {
            case Service service -> transition(service, moves[slot], stamps[slot]);
            case EventHub.DeferredEvent deferred -> deferred.build();
            default -> (ServiceEvent) next;
          };
          sink.accept(event);
          ring[slot] = null;
          h++;
        }
      }
    } finally {
      HEAD.setRelease(this, h);
    }
  }

  /**
   * Delivers the gap and a fresh snapshot, one right after the other. The snapshot's reads are
   * made under the hub lock, which every state change needs, so it waits until the runtime has
   * paused its changes for {@link EventHub#SNAPSHOT_QUIET_NANOS} (at most {@link
   * #MAX_RESYNC_DELAY}): taken in the middle of a burst it would stall the burst and be stale at
   * once.
   */
  private void resync(Consumer<ServiceEvent> sink) throws InterruptedException {
    long deadline = System.nanoTime() + MAX_RESYNC_DELAY.toNanos();
    while (!closed) {
      long wait = Math.min(EventHub.lastChangeNanos() + EventHub.SNAPSHOT_QUIET_NANOS, deadline) - System.nanoTime();
      if (wait <= 0) {
        break;
      }
      Thread.sleep(Duration.ofNanos(wait));
    }
    long dropped;
    Supplier<ServiceEvent.Snapshot> fresh;
    EventHub.lock();
    try {
      long total = (long) DROPPED.getOpaque(this);
      dropped = total - droppedAtGap;
      droppedAtGap = total;
      fresh = EventHub.captureLocked(this);
      overflowing = false;
    } finally {
      EventHub.unlock();
    }
    ServiceEvent.Snapshot snapshot = fresh.get();
    sink.accept(new ServiceEvent.Gap(WallClock.now(), dropped));
    sink.accept(snapshot);
  }

  private static ServiceEvent.Transition transition(Service service, int move, long nanos) {
    State[] states = STATES;
    return new ServiceEvent.Transition(WallClock.instantAt(nanos), service.id(), states[move & 7],
        states[move >>> 3 & 7], move >>> 9, null, null, TransitionCauses.name(move >>> 6 & 7), null);
  }

  /** Calls the listener, which may not stop the subscription by failing. */
  private void deliver(ServiceEvent event) {
    assert !EventHub.heldByCurrentThread() : "a listener must never run under the hub lock";
    if (closed) {
      return;
    }
    try {
      listener.onEvent(event);
    } catch (RuntimeException | Error e) {
      LOG.warn("Event listener {} failed on {}; the subscription goes on", listener, event, e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    EventHub.unsubscribe(this);
    Thread t = consumer;
    if (listener != null && t != null && t != Thread.currentThread()) {
      t.interrupt();
    } else if (t != null) {
      LockSupport.unpark(t);
    }
  }

  @Override
  public long dropped() {
    return (long) DROPPED.getOpaque(this);
  }
}
