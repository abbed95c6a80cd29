package mode.inspect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import mode.events.ServiceEvent;
import mode.internal.EventHub;

/**
 * The messages waiting for one client's writer thread, in the order offered: control messages
 * (hello, replies, a closing error) and at most {@code capacity} events.
 *
 * <p>Offering never blocks, so a stalled client never slows the thread that delivers events. When
 * the events reach the capacity the client is marked as having overflowed: further events are
 * counted as dropped, and once the queued events are written and the burst has paused (5 ms
 * without a change, or 100 ms at most) the writer gets a {@link ServiceEvent.Gap} and starts a
 * fresh subscription (whose snapshot repairs the client's picture).
 *
 * <p>Events yield to the runtime: while it is in a burst of changes (its last change less than
 * {@link #QUIET_NANOS} ago) they wait, so that encoding and writing them does not take the CPU
 * from the runtime in the middle of the burst. The writer looks twice: one quiet period after the
 * last change (the events leave if the runtime paused) and, if the burst went on, when the oldest
 * event has waited {@link #MAX_HOLD_NANOS} (they leave then). Control messages behind held events
 * wait with them (order is kept).
 *
 * <p>Events carry the generation of the subscription that produced them; events of an older
 * subscription are ignored, so nothing from before a gap arrives after it. Thread-safe.
 */
final class Outbox {

  /** What the writer does next. */
  sealed interface Item {}

  /**
   * Write this message; if {@code thenClose}, close the connection after it. {@code queuedNanos}
   * is when it was offered.
   */
  record Send(InspectMessage message, boolean thenClose, long queuedNanos) implements Item {
    boolean isEvent() {
      return message instanceof InspectMessage.Event;
    }
  }

  /**
   * Write this gap, then resubscribe with generation {@code nextGeneration}. {@code gapsSeen} is
   * the sum of the {@code dropped} counts of the gaps the old subscription itself delivered (passed
   * on or counted here): of the old subscription's own drop count, those are already accounted for.
   */
  record Resubscribe(ServiceEvent.Gap gap, long nextGeneration, long gapsSeen) implements Item {}

  /** A pause in changes (or drops) this long ends a burst. */
  static final long QUIET_NANOS = EventHub.BURST_QUIET_NANOS;
  /** The longest an event is held back while the runtime is in a burst. */
  static final long MAX_HOLD_NANOS = EventHub.MAX_HOLD_NANOS;
  /** Under steady overload, a gap and a fresh subscription at least this often. */
  private static final long MAX_RESYNC_DELAY_NANOS = 100_000_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final ArrayDeque<Send> queue = new ArrayDeque<>();
  private final int capacity;
  private final LongSupplier lastChangeNanos;
  private int events;
  private long generation;
  private boolean overflowed;
  private long dropped;
  /** The sum of the subscription's own gaps seen in this generation (see {@link Resubscribe}). */
  private long gapsSeen;
  private long overflowSinceNanos;
  private long lastDropNanos;
  private boolean closed;
  /** The writer waits for anything at all (not for a deadline). */
  private boolean writerIdle;

  /**
   * An outbox for {@code capacity} events, holding them back while {@code lastChangeNanos} (the
   * source's last change, a {@code System.nanoTime()} stamp) is recent.
   */
  Outbox(int capacity, LongSupplier lastChangeNanos) {
    this.capacity = capacity;
    this.lastChangeNanos = lastChangeNanos;
  }

  /**
   * Queues an event of subscription {@code gen}, or counts it as dropped. Never blocks.
   *
   * @return {@code false} if the event was dropped because the client is behind (events of an
   *     old generation or of a closed outbox are ignored and return {@code true})
   */
  boolean offerEvent(long gen, ServiceEvent event) {
    lock.lock();
    try {
      if (closed || gen != generation) {
        return true;
      }
      if (event instanceof ServiceEvent.Gap g) {
        gapsSeen += g.dropped();
      }
      if (overflowed || events >= capacity) {
        long now = System.nanoTime();
        if (!overflowed) {
          overflowed = true;
          overflowSinceNanos = now;
        }
        lastDropNanos = now;
        // A gap of the subscription stands for the events it dropped; a snapshot for none.
        dropped += switch (event) {
          case ServiceEvent.Gap g -> g.dropped();
          case ServiceEvent.Snapshot s -> 0;
          default -> 1;
        };
        return false; // no wake-up: the writer has events to write, then waits for the burst to pause
      }
      queue.add(new Send(new InspectMessage.Event(event), false, System.nanoTime()));
      events++;
      if (writerIdle) {
        // Only an idle writer needs waking: one holding events back wakes on its own deadline,
        // and a wake-up per event in a burst would cost the CPU the hold is there to save.
        ready.signal();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues a control message after what is queued; with {@code thenClose} (a closing error) the
   * writer closes the connection after writing it.
   */
  void offerControl(InspectMessage message, boolean thenClose) {
    lock.lock();
    try {
      if (!closed) {
        queue.add(new Send(message, thenClose, System.nanoTime()));
        ready.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next thing to write, waiting for one; {@code null} once closed.
   *
   * @throws InterruptedException if the writer thread is interrupted while waiting
   */
  Item take() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (closed) {
          return null;
        }
        long now = System.nanoTime();
        long quietAt = lastChangeNanos.getAsLong() + QUIET_NANOS;
        Send next = queue.peek();
        if (next != null) {
          long wait = holdLocked(next, quietAt, now);
          if (wait > 0) {
            if (now - next.queuedNanos() >= QUIET_NANOS) {
              // It has waited a quiet period and the burst went on: wait for its deadline rather
              // than waking at each millisecond of the burst (each wake-up takes a CPU from it).
              wait = next.queuedNanos() + MAX_HOLD_NANOS - now;
            }
            ready.awaitNanos(wait);
            continue;
          }
          return removeLocked();
        }
        if (overflowed) {
          // The new subscription's snapshot reads the tree under the runtime's event lock: wait
          // until the burst that overflowed pauses, so the snapshot neither stalls it nor is stale
          // at once.
          long wait = Math.min(
                  Math.max(lastDropNanos + QUIET_NANOS, lastChangeNanos.getAsLong() + EventHub.SNAPSHOT_QUIET_NANOS),
                  overflowSinceNanos + MAX_RESYNC_DELAY_NANOS)
              - now;
          if (wait > 0) {
            ready.awaitNanos(wait);
            continue;
          }
          Resubscribe gap = new Resubscribe(new ServiceEvent.Gap(Instant.now(), dropped), ++generation, gapsSeen);
          overflowed = false;
          dropped = 0;
          gapsSeen = 0;
          return gap;
        }
        writerIdle = true;
        try {
          ready.await();
        } finally {
          writerIdle = false;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next message if one may leave now (queued and not held back), else {@code null}; never
   * waits. The writer drains what is ready with it before flushing, so a burst leaves in a few
   * write calls instead of one per line.
   */
  Send poll() {
    lock.lock();
    try {
      Send next = queue.peek();
      if (closed || next == null) {
        return null;
      }
      long now = System.nanoTime();
      return holdLocked(next, lastChangeNanos.getAsLong() + QUIET_NANOS, now) > 0 ? null : removeLocked();
    } finally {
      lock.unlock();
    }
  }

  /** How long {@code next} must still wait (see the class comment); 0 or less: it may leave. */
  private static long holdLocked(Send next, long quietAt, long now) {
    return next.isEvent() && !next.thenClose()
        ? Math.min(quietAt, next.queuedNanos() + MAX_HOLD_NANOS) - now
        : 0;
  }

  private Send removeLocked() {
    Send next = queue.poll();
    if (next.isEvent()) {
      events--;
    }
    return next;
  }

  /** The generation whose events are accepted now. */
  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /** Discards everything and wakes the writer, which then ends. */
  void close() {
    lock.lock();
    try {
      closed = true;
      queue.clear();
      events = 0;
      ready.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
