/**
 * Typed observer signals: a sender announces a value, every connected receiver gets it.
 *
 * <p>{@link mode.signals.SyncSignal} calls its receivers in the sender's thread, one after the
 * other, in the order they were connected. {@link mode.signals.Signal} delivers on virtual
 * threads and hands back a {@link java.util.concurrent.CompletableFuture} that completes when
 * every receiver has run.
 *
 * <p>A receiver may be connected for every sender or only for one sender; strongly, or weakly so
 * that the signal alone does not keep it (or its owner) alive. {@link
 * mode.signals.SignalConnection#disconnect()} and {@code disconnect(receiver)} both work, for
 * strong and weak receivers alike (mode's {@code disconnect} silently does nothing for strong
 * receivers and raises {@code KeyError} when a sender is given).
 *
 * <p>All operations are thread-safe: the receiver list is copy-on-write, so a send iterates over
 * the receivers connected when it began, and receivers may connect or disconnect from inside a
 * delivery.
 */
package mode.signals;
