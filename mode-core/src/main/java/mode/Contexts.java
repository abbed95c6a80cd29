package mode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The resources bound to one service ({@link Service#addContext}): kept in the order they were
 * added and closed in reverse order when the service stops, after its background threads were
 * interrupted and waited for (mode's exit stack).
 *
 * <p>Thread-safe. The lock (shared with the service's {@link TaskRunner}: the one the stop takes)
 * guards the list and whether the stop already closed it, so an add either comes before the
 * close and is closed by it, or after and is refused. Closes run without it, so a slow close
 * never blocks an {@code addContext} on another thread.
 */
final class Contexts {
  private final Service service;
  private final ReentrantLock lock;
  /** Guarded by {@link #lock}; the last added is first. Null until the first add (most have none). */
  private ArrayDeque<AutoCloseable> open;
  /** Guarded by {@link #lock}: the stop (or a failed start) closed this run's resources. */
  private boolean closed;

  Contexts(Service service, ReentrantLock lock) {
    this.service = service;
    this.lock = lock;
  }

  /** Takes {@code resource} over; returns {@code false} (taking nothing) if this run's closed. */
  boolean add(AutoCloseable resource) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      if (open == null) {
        open = new ArrayDeque<>();
      }
      open.push(resource);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** A new start: resources may be added again. */
  void reopen() {
    lock.lock();
    try {
      closed = false;
    } finally {
      lock.unlock();
    }
  }

  /** How many resources wait to be closed. */
  int size() {
    lock.lock();
    try {
      return open == null ? 0 : open.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * With the lock held: if no resource is open, refuses later ones, as {@link #closeAll} does, and
   * returns {@code true} (there is then nothing else for it to do).
   */
  boolean closeIfEmptyLocked() {
    if (open != null && !open.isEmpty()) {
      return false;
    }
    closed = true;
    return true;
  }

  /**
   * Closes every resource, the last added first. A failing close is logged at ERROR, naming the
   * resource and the service, and the other closes go on.
   */
  void closeAll() {
    List<AutoCloseable> toClose;
    lock.lock();
    try {
      closed = true;
      if (open == null || open.isEmpty()) {
        return;
      }
      toClose = new ArrayList<>(open);
      open.clear();
    } finally {
      lock.unlock();
    }
    for (AutoCloseable resource : toClose) {
      try {
        resource.close();
      } catch (Exception | Error e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        // One broken resource must not keep the others open.
        service.log().error(
            "Context {} of service {} failed to close; closing the others", resource, service.label(), e);
      }
    }
  }
}
