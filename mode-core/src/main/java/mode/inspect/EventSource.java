package mode.inspect;

import java.util.concurrent.TimeUnit;
import mode.Service;
import mode.internal.EventHub;
import mode.internal.EventQueue;

/**
 * Where the agent's events come from: in a worker, the event hub's queue for the root. Each
 * client's writer thread subscribes and drains its own queue (see {@link EventQueue}), so a
 * client's events pass through one bounded buffer, dropped in one place, with one gap.
 */
interface EventSource {
  /**
   * A queue of at most {@code queueCapacity} events drained by the calling thread; its first
   * delivery is a snapshot, then the changes after it.
   */
  EventQueue subscribe(int queueCapacity);

  /**
   * When the source last emitted a change, as a {@code System.nanoTime()} stamp: the agent holds
   * events back while changes are still coming (see {@link BurstHold}). A source that cannot tell
   * says "long ago", and events then leave at once.
   */
  default long lastChangeNanos() {
    return System.nanoTime() - TimeUnit.HOURS.toNanos(1);
  }

  /** The events of the service tree under {@code root}. */
  static EventSource of(Service root) {
    return new EventSource() {
      @Override
      public EventQueue subscribe(int queueCapacity) {
        return EventHub.subscribeQueue(root, queueCapacity);
      }

      @Override
      public long lastChangeNanos() {
        return EventHub.lastChangeNanos();
      }
    };
  }
}
