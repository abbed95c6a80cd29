/**
 * Observing the runtime: a subscriber receives the current state of a service tree, then every
 * change in order.
 *
 * <p>{@link mode.events.ServiceEvent} is the closed set of events; {@link
 * mode.events.ServiceInfo} describes one service at a moment. Listeners run on a dispatch thread
 * of their own, never while a runtime lock is held, and a slow listener cannot stall a service:
 * its queue is bounded, and on overflow it receives a {@link mode.events.ServiceEvent.Gap}
 * followed by a fresh {@link mode.events.ServiceEvent.Snapshot}.
 */
package mode.events;
