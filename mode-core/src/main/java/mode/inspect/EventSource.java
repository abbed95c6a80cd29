package mode.inspect;

import java.util.concurrent.TimeUnit;
import mode.Service;
import mode.events.EventSubscription;
import mode.events.ServiceEventListener;
import mode.internal.EventHub;

/**
 * Where the agent's events come from: in a worker, the event hub's subscription to the root.
 * Each call must deliver a snapshot first, then the changes after it, on a thread of its own.
 */
@FunctionalInterface
interface EventSource {
  EventSubscription subscribe(int queueCapacity, ServiceEventListener listener);

  /**
   * The subscriber fell behind and will subscribe again: {@code subscription} may stop queueing
   * events (they count as dropped). Doing nothing is correct, only slower for the runtime.
   */
  default void suspend(EventSubscription subscription) {}

  /**
   * When the source last emitted a change, as a {@code System.nanoTime()} stamp: the agent holds
   * events back while changes are still coming (see {@link Outbox}). A source that cannot tell
   * says "long ago", and events then leave at once.
   */
  default long lastChangeNanos() {
    return System.nanoTime() - TimeUnit.HOURS.toNanos(1);
  }

  /** The events of the service tree under {@code root}. */
  static EventSource of(Service root) {
    return new EventSource() {
      @Override
      public EventSubscription subscribe(int queueCapacity, ServiceEventListener listener) {
        return EventHub.subscribe(root, queueCapacity, listener, true);
      }

      @Override
      public void suspend(EventSubscription subscription) {
        EventHub.suspend(subscription);
      }

      @Override
      public long lastChangeNanos() {
        return EventHub.lastChangeNanos();
      }
    };
  }
}
