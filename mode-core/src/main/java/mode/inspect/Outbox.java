package mode.inspect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import mode.events.ServiceEvent;

/**
 * The messages waiting for one client's writer thread, in the order offered: control messages
 * (hello, replies, a closing error) and at most {@code capacity} events.
 * Offering never blocks, so a stalled client never slows the thread that delivers events. When
 * the events reach the capacity the client is marked as having overflowed: further events are counted as dropped, and once the queued events are written and the
 * burst has paused (1 ms without a drop, or 100 ms at most) the writer gets a {@link ServiceEvent.Gap} and starts a fresh subscription (whose snapshot repairs
 * the client's picture).
 *
 * <p>Events carry the generation of the subscription that produced them; events of an older
 * subscription are ignored, so nothing from before a gap arrives after it. Thread-safe.
 */
final class Outbox {

  /** What the writer does next. */
  sealed interface Item {}

  /** Write this message; if {@code thenClose}, close the connection after it. */
  record Send(InspectMessage message, boolean thenClose) implements Item {
    boolean isEvent() {
      return message instanceof InspectMessage.Event;
    }
  }

  /** Write this gap, then resubscribe with generation {@code nextGeneration}. */
  record Resubscribe(ServiceEvent.Gap gap, long nextGeneration) implements Item {}

  /** A pause in dropping this long ends an overflowing burst. */
  private static final long QUIET_NANOS = 1_000_000;
  /** Under steady overload, a gap and a fresh subscription at least this often. */
  private static final long MAX_RESYNC_DELAY_NANOS = 100_000_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final ArrayDeque<Send> queue = new ArrayDeque<>();
  private final int capacity;
  private int events;
  private long generation;
  private boolean overflowed;
  private long dropped;
  private long overflowSinceNanos;
  private long lastDropNanos;
  private boolean closed;

  Outbox(int capacity) {
    this.capacity = capacity;
  }

  /** Queues an event of subscription {@code gen}, or counts it as dropped. Never blocks. */
  void offerEvent(long gen, ServiceEvent event) {
    lock.lock();
    try {
      if (closed || gen != generation) {
        return;
      }
      if (overflowed || events >= capacity) {
        long now = System.nanoTime();
        if (!overflowed) {
          overflowed = true;
          overflowSinceNanos = now;
        }
        lastDropNanos = now;
        dropped++;
        return; // no wake-up: the writer has events to write, then waits for the burst to pause
      }
      queue.add(new Send(new InspectMessage.Event(event), false));
      events++;
      ready.signal();
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
        queue.add(new Send(message, thenClose));
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
        if (!queue.isEmpty()) {
          Send next = queue.poll();
          if (next.isEvent()) {
            events--;
          }
          return next;
        }
        if (overflowed) {
          // The new subscription's snapshot is taken under the runtime's event lock: wait until
          // the burst that overflowed pauses, so the snapshot neither stalls it nor is stale at once.
          long wait = Math.min(lastDropNanos + QUIET_NANOS, overflowSinceNanos + MAX_RESYNC_DELAY_NANOS)
              - System.nanoTime();
          if (wait > 0) {
            ready.awaitNanos(wait);
            continue;
          }
          Resubscribe gap = new Resubscribe(new ServiceEvent.Gap(Instant.now(), dropped), ++generation);
          overflowed = false;
          dropped = 0;
          return gap;
        }
        ready.await();
      }
    } finally {
      lock.unlock();
    }
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
