package mode.inspect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's own messages for one client (hello, command replies, a closing error), waiting for
 * the client's writer thread. Events do not pass through here: the writer drains the client's
 * event queue itself and writes these messages after the events queued before them, so a reply
 * comes after the changes its command made.
 *
 * <p>Bounded by what the client asks for: once {@link #MAX_PENDING} messages wait, the thread that
 * offers one more (the client's reader, answering a ping, or a command thread) waits for room, so
 * a client that sends requests and reads nothing stops being read; a closing error never waits.
 * Offering wakes the writer through the given callback. Thread-safe.
 */
final class Outbox {

  /** A message to write; if {@code thenClose}, the connection closes after it. */
  record Send(InspectMessage message, boolean thenClose) {}

  /** Messages that may wait before offering one more waits for room. */
  static final int MAX_PENDING = 1024;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition room = lock.newCondition();
  private final ArrayDeque<Send> queue = new ArrayDeque<>();
  private final Runnable wakeWriter;
  private boolean closed;

  /** An outbox that calls {@code wakeWriter} (from the offering thread) after each offer. */
  Outbox(Runnable wakeWriter) {
    this.wakeWriter = wakeWriter;
  }

  /**
   * Queues {@code message}; with {@code thenClose} (a closing error) the writer closes the
   * connection after writing it. Waits while {@link #MAX_PENDING} messages wait (unless {@code
   * thenClose}); does nothing once closed.
   *
   * @throws InterruptedException if interrupted while waiting for room
   */
  void offer(InspectMessage message, boolean thenClose) throws InterruptedException {
    lock.lock();
    try {
      while (!thenClose && !closed && queue.size() >= MAX_PENDING) {
        room.await();
      }
      if (closed) {
        return;
      }
      queue.add(new Send(message, thenClose));
    } finally {
      lock.unlock();
    }
    wakeWriter.run();
  }

  /** Whether no message waits. */
  boolean isEmpty() {
    lock.lock();
    try {
      return queue.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /** Takes every waiting message, in the order offered; empty once closed. */
  List<Send> drain() {
    lock.lock();
    try {
      List<Send> all = new ArrayList<>(queue);
      queue.clear();
      room.signalAll();
      return all;
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Discards everything, releases waiting offers and wakes the writer, which then ends. */
  void close() {
    lock.lock();
    try {
      closed = true;
      queue.clear();
      room.signalAll();
    } finally {
      lock.unlock();
    }
    wakeWriter.run();
  }
}
