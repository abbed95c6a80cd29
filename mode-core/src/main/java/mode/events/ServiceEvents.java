package mode.events;

import java.util.Objects;
import mode.Service;
import mode.internal.EventHub;

/**
 * Subscribing to a service tree: the entry point of the runtime's observability.
 *
 * <p>A subscriber first receives a {@link ServiceEvent.Snapshot} of every service reachable from
 * the root (the root first), then every change that follows, in order, with nothing lost or
 * repeated in between: state transitions, services joining or leaving the tree, dependency
 * edges, timer counters, the Worker's blocking reports, and WARN and ERROR log lines (attributed
 * to the service that wrote them through {@code Service.log()}; other lines go to every
 * subscriber). Log lines reach subscribers when logback is the SLF4J backend.
 *
 * <p>Each subscription has a bounded queue and a virtual dispatch thread of its own; the listener
 * is never called with a runtime lock held and a slow listener never slows the services. When
 * the queue overflows, further events are dropped, then the listener receives {@link
 * ServiceEvent.Gap} with the number dropped and a fresh {@link ServiceEvent.Snapshot}.
 *
 * <p>Timer counters ({@link ServiceEvent.TimerStats}) are coalesced: at most one event per timer
 * per second of the timer's clock, plus one on every overrun; snapshots always carry the current
 * counters.
 */
public final class ServiceEvents {
  /** The queue capacity of {@link #subscribe(Service, ServiceEventListener)}. */
  public static final int DEFAULT_QUEUE_CAPACITY = 16384;

  private ServiceEvents() {}

  /**
   * Subscribes {@code listener} to the tree under {@code root} with a queue of {@value
   * #DEFAULT_QUEUE_CAPACITY} events. Thread-safe.
   *
   * @param root the service whose tree is watched
   * @param listener receives the events, on the subscription's thread
   * @return the subscription; close it to stop delivery
   */
  public static EventSubscription subscribe(Service root, ServiceEventListener listener) {
    return subscribe(root, DEFAULT_QUEUE_CAPACITY, listener);
  }

  /**
   * Subscribes {@code listener} to the tree under {@code root} with a queue of {@code
   * queueCapacity} events. Thread-safe.
   *
   * @param root the service whose tree is watched
   * @param queueCapacity events kept for the listener before it counts as behind and gets a
   *     {@code Gap}
   * @param listener receives the events, on the subscription's thread
   * @return the subscription; close it to stop delivery
   * @throws IllegalArgumentException if {@code queueCapacity} is below 1 or above 2<sup>28</sup>
   * @throws NullPointerException if {@code root} or {@code listener} is null
   */
  public static EventSubscription subscribe(
      Service root, int queueCapacity, ServiceEventListener listener) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(listener, "listener");
    return EventHub.subscribe(root, queueCapacity, listener);
  }
}
