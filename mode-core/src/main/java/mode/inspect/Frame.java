package mode.inspect;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the protocol: a message with its envelope.
 *
 * @param seq the sender's sequence number, strictly increasing per connection and direction
 *     (the agent starts at 1; so does {@link InspectClient})
 * @param ts when the sender wrote the line (for an {@link InspectMessage.Event}, the event's own
 *     time is the event's {@code at})
 * @param message the message
 */
public record Frame(long seq, Instant ts, InspectMessage message) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code ts} or {@code message} is null
   * @throws IllegalArgumentException if {@code seq} is negative
   */
  public Frame {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(message, "message");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative, was " + seq);
    }
  }

  /** {@return the message's wire type} */
  public String type() {
    return message.type();
  }
}
