package mode.inspect;

/**
 * A line or a message that breaks the inspect protocol: not JSON, not UTF-8, too long, a missing
 * envelope field, a field of the wrong type, a token that does not match. The message names the
 * offending value. Unchecked: callers decide whether a bad line ends the connection (the agent
 * does) or is only reported.
 */
public class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A violation described by {@code message}.
   *
   * @param message what was wrong, naming the offending value
   */
  public ProtocolException(String message) {
    super(message);
  }

  /**
   * A violation described by {@code message}, found while handling {@code cause}.
   *
   * @param message what was wrong, naming the offending value
   * @param cause the failure that revealed it
   */
  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
