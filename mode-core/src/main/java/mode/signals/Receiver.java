package mode.signals;

/**
 * Receives what a signal sends.
 *
 * <p>Called on the sender's thread by a {@link SyncSignal}, on a virtual thread by a {@link
 * Signal}. May throw: the signal collects the failure (see {@link SignalDeliveryException}) and
 * still calls the other receivers.
 *
 * @param <S> the type of the sender
 * @param <T> the type of the value sent
 */
@FunctionalInterface
public interface Receiver<S, T> {
  /**
   * Handles one value.
   *
   * @param sender the object that sent it (never null)
   * @param value the value sent (may be null if the signal's users send null)
   * @throws Exception any failure; it is collected and reported to the sender
   */
  void receive(S sender, T value) throws Exception;
}
