package mode.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import mode.Service;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber: a bounded queue filled under the {@link EventHub} lock and drained by a virtual
 * thread of its own that calls the listener with no lock held.
 *
 * <p>When the queue is full the subscription drops every further event and puts a marker in the
 * one slot kept free for it. Reaching the marker, the dispatch thread delivers {@code Gap(dropped)}
 * and then a fresh {@code Snapshot} taken under the hub lock, and the stream resumes from there.
 */
final class Subscription implements EventSubscription {
  private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
  private static final Object RESYNC = new Object();
  private static final AtomicLong IDS = new AtomicLong();
  /** How long the dispatcher lets events accumulate after waking (latency added to delivery). */
  private static final Duration LINGER = Duration.ofNanos(200_000);
  /** A pause in dropping this long ends an overflowing burst. */
  private static final Duration QUIET = Duration.ofMillis(1);
  /** Under steady overload, a fresh snapshot at least this often. */
  private static final Duration MAX_RESYNC_DELAY = Duration.ofMillis(100);

  final Service root;
  /** Services reachable from root; guarded by the hub lock. */
  final Set<Service> members = EventHub.identitySet();

  private final ServiceEventListener listener;
  private final BlockingQueue<Object> queue;
  private final int capacity;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong droppedTotal = new AtomicLong();
  /** Guarded by the hub lock. */
  private boolean overflowing;
  /** Guarded by the hub lock. */
  private long droppedSinceGap;
  private Thread dispatcher;

  Subscription(Service root, int capacity, ServiceEventListener listener) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be >= 1, was " + capacity);
    }
    this.root = root;
    this.listener = listener;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity + 1);
  }

  /** Queues an event; called with the hub lock held, never blocks. */
  void offer(ServiceEvent event) {
    if (overflowing) {
      droppedSinceGap++;
      droppedTotal.incrementAndGet();
      return;
    }
    if (queue.size() >= capacity) {
      overflowing = true;
      droppedSinceGap = 1;
      droppedTotal.incrementAndGet();
      queue.offer(RESYNC);
      return;
    }
    queue.offer(event);
  }

  void start(ServiceEvent.Snapshot first) {
    dispatcher =
        Thread.ofVirtual()
            .name("mode-events-" + IDS.incrementAndGet() + "-" + root.shortLabel())
            .start(() -> dispatch(first));
  }

  private void dispatch(ServiceEvent.Snapshot first) {
    deliver(first);
    List<Object> batch = new ArrayList<>();
    try {
      while (!closed.get()) {
        batch.add(queue.take());
        // A dispatcher that waited again after each event would make the producer (the runtime,
        // under the hub lock) pay a wake-up per event in a burst: let the burst queue up first.
        Thread.sleep(LINGER);
        queue.drainTo(batch);
        for (Object next : batch) {
          if (next == RESYNC) {
            resync();
          } else {
            deliver((ServiceEvent) next);
          }
        }
        batch.clear();
      }
    } catch (InterruptedException closing) {
      // close() interrupts the dispatcher; nothing is left to do.
    }
  }

  /**
   * Delivers the gap and a fresh snapshot. The snapshot is taken under the hub lock, which every
   * state change needs, so it waits until the burst that overflowed the queue pauses (at most
   * {@link #MAX_RESYNC_DELAY}): taken in the middle of a burst it would stall the burst and be
   * stale at once.
   */
  private void resync() throws InterruptedException {
    long deadline = System.nanoTime() + MAX_RESYNC_DELAY.toNanos();
    for (long seen = -1; seen != droppedTotal.get() && System.nanoTime() < deadline; ) {
      seen = droppedTotal.get();
      Thread.sleep(QUIET);
    }
    long dropped;
    ServiceEvent.Snapshot fresh;
    EventHub.lock();
    try {
      dropped = droppedSinceGap;
      fresh = EventHub.snapshotLocked(this);
      droppedSinceGap = 0;
      overflowing = false;
    } finally {
      EventHub.unlock();
    }
    deliver(new ServiceEvent.Gap(Instant.now(), dropped));
    deliver(fresh);
  }

  private void deliver(ServiceEvent event) {
    assert !EventHub.heldByCurrentThread() : "a listener must never run under the hub lock";
    if (closed.get()) {
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
    if (closed.compareAndSet(false, true)) {
      EventHub.unsubscribe(this);
      queue.clear();
      if (dispatcher != null && dispatcher != Thread.currentThread()) {
        dispatcher.interrupt();
      }
    }
  }

  @Override
  public long dropped() {
    return droppedTotal.get();
  }
}
