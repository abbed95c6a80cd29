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
 * the events reach the capacity the client is marked as having overflowed: further events are counted as dropped, and once the queued events are written the
 * writer gets a {@link ServiceEvent.Gap} and starts a fresh subscription (whose snapshot repairs
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

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final ArrayDeque<Send> queue = new ArrayDeque<>();
  private final int capacity;
  private int events;
  private long generation;
  private boolean overflowed;
  private long dropped;
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
        overflowed = true;
        dropped++;
      } else {
        queue.add(new Send(new InspectMessage.Event(event), false));
        events++;
      }
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
