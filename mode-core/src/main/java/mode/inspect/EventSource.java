package mode.inspect;

import mode.events.EventSubscription;
import mode.events.ServiceEventListener;

/**
 * Where the agent's events come from: in a worker, {@code ServiceEvents.subscribe(root, ...)}.
 * Each call must deliver a snapshot first, then the changes after it, on a thread of its own.
 */
@FunctionalInterface
interface EventSource {
  EventSubscription subscribe(int queueCapacity, ServiceEventListener listener);
}
