package mode.signals;

/**
 * A receiver that is handed its owner on every call, for {@link
 * BaseSignal#connectWeak(Object, OwnedReceiver)}.
 *
 * <p>The signal holds the owner weakly and this function strongly, so the function must not
 * capture the owner itself (use the {@code owner} parameter instead): a static method reference
 * such as {@code Dashboard::onStateChanged} or a lambda over the parameter is right. This is the
 * Java form of mode's weak bound methods.
 *
 * @param <O> the type of the owner
 * @param <S> the type of the sender
 * @param <T> the type of the value sent
 */
@FunctionalInterface
public interface OwnedReceiver<O, S, T> {
  /**
   * Handles one value on behalf of {@code owner}.
   *
   * @param owner the owner, alive for the duration of the call
   * @param sender the object that sent the value
   * @param value the value sent
   * @throws Exception any failure; it is collected and reported to the sender
   */
  void receive(O owner, S sender, T value) throws Exception;
}
