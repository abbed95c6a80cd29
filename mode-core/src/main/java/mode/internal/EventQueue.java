package mode.internal;

import java.util.function.Consumer;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;

/**
 * A subscription to the event hub that its consumer drains on its own thread, instead of a
 * listener called on a thread of the subscription's: for a consumer that must order the events
 * with messages of its own (the inspect agent's writer puts command replies between them).
 *
 * <p>The queue is bounded and filled without blocking by the runtime; it is the only place where
 * events are dropped. When it is full, further events are only counted, and the next {@link
 * #drainTo} delivers, after the events queued before the overflow, a {@link ServiceEvent.Gap}
 * with the exact number missed and, right after it, a fresh {@link ServiceEvent.Snapshot}: a
 * consumer that writes what it is given in order can never put anything between the two.
 *
 * <p>Threading: one consumer thread, the one that subscribed, calls {@link #awaitEvents}, {@link
 * #isEmpty} and {@link #drainTo}; {@link #wake}, {@link #close} and {@link #dropped} may be called
 * from any thread.
 */
public interface EventQueue extends EventSubscription {

  /** Whether nothing waits to be delivered (neither an event, nor a gap, nor the first snapshot). */
  boolean isEmpty();

  /**
   * Parks the consumer until something is queued, {@link #wake} is called, or {@code maxNanos}
   * passed, whichever comes first; returns at once if something is queued.
   */
  void awaitEvents(long maxNanos);

  /** Unparks the consumer, from any thread (a message of its own is ready). */
  void wake();

  /**
   * Delivers to {@code sink}, in order, what is queued now: the first snapshot on the first call,
   * then events, each gap followed at once by a fresh snapshot. A snapshot after a gap waits until
   * the runtime pauses its changes for {@link EventHub#SNAPSHOT_QUIET_NANOS} (100 ms at most).
   * Exceptions of {@code sink} propagate; the events after the one that failed stay queued.
   *
   * @throws InterruptedException if the consumer is interrupted (the queue was closed)
   */
  void drainTo(Consumer<ServiceEvent> sink) throws InterruptedException;
}
