package mode.inspect;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * The shape of one line for the encoder: the envelope fields first, then the payload record's
 * own fields inlined after them, in the payload's component order.
 *
 * @param type the wire type
 * @param seq the sender's sequence number
 * @param ts when the sender wrote the line
 * @param payload the message record, or for an event the {@link mode.events.ServiceEvent} itself
 */
@JsonPropertyOrder({"type", "seq", "ts", "payload"})
record WireLine(String type, long seq, Instant ts, @JsonUnwrapped Object payload) {

  /**
   * The line of a frame.
   *
   * @throws ProtocolException for an {@link InspectMessage.Unknown}, which has no fields to write
   */
  static WireLine of(Frame frame) {
    if (frame.message() instanceof InspectMessage.Unknown unknown) {
      throw new ProtocolException("cannot encode a message of unknown type '" + unknown.type() + "'");
    }
    Object payload = frame.message() instanceof InspectMessage.Event event ? event.event() : frame.message();
    return new WireLine(frame.type(), frame.seq(), frame.ts(), payload);
  }
}
