package mode.inspect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import mode.events.ServiceEvent;

/**
 * The one-pass decoder of the common line: an event whose envelope fields come first, in the
 * order the encoder writes them ({@code type}, {@code seq}, {@code ts}), then the event's fields,
 * read straight from the parser into the event record: a {@code transition} by {@link
 * TransitionDecoder}, any other event by Jackson's binder. Any other line (another order,
 * another message type, an envelope value of an unusual form, an error of any kind) gives {@code
 * null}, and {@link TreeDecoder} decides, so both accept and reject exactly the same lines with
 * the same results and messages. Thread-safe.
 */
final class StreamDecoder {

  /** Opens a parser on the line, each call a new one from its start. */
  @FunctionalInterface
  interface Source {
    JsonParser open(JsonFactory factory) throws IOException;
  }

  /**
   * Without duplicate-key detection, which costs a hash set per line: a transition is read only
   * when it has exactly its seven fields after the envelope, each once, so it cannot hide a
   * duplicate; every other line is read again with detection.
   */
  private static final JsonFactory TRANSITIONS =
      MessageCodec.MAPPER.getFactory().rebuild().disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

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
   * The frame of the line, or {@code null} if it is not a common event line or is not valid.
   * Reads the whole line, and checks nothing follows the object.
   *
   * @throws IOException if the parser finds malformed JSON (the caller then lets {@link
   *     TreeDecoder} name it)
   */
  static Frame decode(Source line) throws IOException {
    try (JsonParser parser = line.open(TRANSITIONS)) {
      Envelope envelope = envelope(parser);
      if (envelope == null) {
        return null;
      }
      if (envelope.type().equals("transition")) {
        return finish(parser, envelope, TransitionDecoder.read(parser));
      }
    }
    try (JsonParser parser = line.open(MessageCodec.MAPPER.getFactory())) {
      Envelope envelope = envelope(parser);
      return envelope == null ? null : finish(parser, envelope, envelope.reader().readValue(parser));
    }
  }

  /** The envelope of an event line. */
  private record Envelope(String type, ObjectReader reader, long seq, Instant ts) {}

  /**
   * Reads the envelope of an event line, leaving the parser at the event's first field name;
   * {@code null} if the line does not start so.
   */
  private static Envelope envelope(JsonParser parser) throws IOException {
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
    Instant ts = TransitionDecoder.instant(parser);
    // An event without fields (the parser at the object's end) is rare enough for the tree.
    return ts == null || parser.nextToken() != JsonToken.FIELD_NAME ? null : new Envelope(type, reader, seq, ts);
  }

  /** The frame, if the event was read and nothing follows the line's object. */
  private static Frame finish(JsonParser parser, Envelope envelope, ServiceEvent event) throws IOException {
    if (event == null || parser.nextToken() != null) {
      return null;
    }
    return new Frame(envelope.seq(), envelope.ts(), new InspectMessage.Event(event));
  }
}
