package mode.inspect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import mode.events.ServiceEvent;

/**
 * The one-pass decoder of the common line: an event whose envelope fields come first, in the
 * order the encoder writes them ({@code type}, {@code seq}, {@code ts}), then the event's fields,
 * bound by Jackson straight from the parser into the event record (a {@code transition} by {@link
 * TransitionDecoder}). Any other line (another order,
 * another message type, an envelope value of an unusual form, an error of any kind) gives {@code
 * null}, and {@link TreeDecoder} decides, so both accept and reject exactly the same lines with
 * the same results and messages. Thread-safe.
 */
final class StreamDecoder {

  /** A reader per event type, resolved once. */
  private static final Map<String, ObjectReader> EVENT_READERS = eventReaders();

  private StreamDecoder() {}

  private static Map<String, ObjectReader> eventReaders() {
    Map<String, ObjectReader> readers = new HashMap<>();
    for (String type : EventTypes.names()) {
      readers.put(type, MessageCodec.MAPPER.readerFor(EventTypes.classOf(type)));
    }
    return Map.copyOf(readers);
  }

  /**
   * The frame of the line {@code parser} reads, or {@code null} if the line is not a common
   * event line or is not valid. Reads the whole line, and checks nothing follows the object.
   *
   * @throws IOException if the parser finds malformed JSON (the caller then lets {@link
   *     TreeDecoder} name it)
   */
  static Frame decode(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT
        || !"type".equals(parser.nextFieldName()) || parser.nextToken() != JsonToken.VALUE_STRING) {
      return null;
    }
    String type = parser.getText();
    ObjectReader reader = EVENT_READERS.get(type);
    if (reader == null
        || !"seq".equals(parser.nextFieldName()) || parser.nextToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return null;
    }
    long seq = parser.getLongValue();
    if (seq < 0 || !"ts".equals(parser.nextFieldName()) || parser.nextToken() != JsonToken.VALUE_STRING) {
      return null;
    }
    Instant ts = IsoInstants.parseCommon(parser.getText());
    // The event's fields follow; an event without any (the parser at the object's end) is rare
    // enough to leave to the tree.
    if (ts == null || parser.nextToken() != JsonToken.FIELD_NAME) {
      return null;
    }
    // The most frequent event is read field by field; a transition of unusual form then goes to
    // the tree, like every other unusual line.
    ServiceEvent event = "transition".equals(type) ? TransitionDecoder.read(parser) : reader.readValue(parser);
    if (event == null || parser.nextToken() != null) {
      return null;
    }
    return new Frame(seq, ts, new InspectMessage.Event(event));
  }
}
