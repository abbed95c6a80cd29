package mode.signals;

/**
 * The handle of one connection of a receiver to a signal, as returned by {@code connect}.
 *
 * <p>Thread-safe. {@link #close()} is {@link #disconnect()}, so a connection can scope a
 * receiver with try-with-resources.
 */
public interface SignalConnection extends AutoCloseable {
  /**
   * Removes this connection: later sends no longer reach the receiver. Idempotent; a send
   * already in progress may still deliver to it once.
   *
   * @return true if this call removed the connection, false if it was already gone (disconnected
   *     before, or a weak receiver that was collected)
   */
  boolean disconnect();

  /**
   * {@return whether the receiver is still connected}: not disconnected and, for a weak receiver,
   * not collected.
   */
  boolean isConnected();

  /** Same as {@link #disconnect()}. */
  @Override
  void close();
}
