package mode.inspect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import mode.events.ServiceEvent;

/**
 * The messages waiting for one client's writer thread: control messages (hello, replies, errors)
 * and at most {@code capacity} events. Offering never blocks, so a stalled client never slows
 * the thread that delivers events. When the event queue is full the client is marked as having
 * overflowed: further events are counted as dropped, and once the queued events are written the
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
  record Send(InspectMessage message, boolean thenClose) implements Item {}

  /** Write this gap, then resubscribe with generation {@code nextGeneration}. */
  record Resubscribe(ServiceEvent.Gap gap, long nextGeneration) implements Item {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final ArrayDeque<Send> control = new ArrayDeque<>();
  private final ArrayDeque<ServiceEvent> events = new ArrayDeque<>();
  private final int capacity;
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
      if (overflowed || events.size() >= capacity) {
        overflowed = true;
        dropped++;
      } else {
        events.add(event);
      }
      ready.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Queues a control message; written before queued events. */
  void offerControl(InspectMessage message, boolean thenClose) {
    lock.lock();
    try {
      if (!closed) {
        control.add(new Send(message, thenClose));
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
        if (!control.isEmpty()) {
          return control.poll();
        }
        if (!events.isEmpty()) {
          return new Send(new InspectMessage.Event(events.poll()), false);
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
      control.clear();
      events.clear();
      ready.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
