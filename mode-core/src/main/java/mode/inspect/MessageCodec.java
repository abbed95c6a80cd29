package mode.inspect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.DateTimeException;
import java.time.Instant;
import mode.events.ServiceEvent;

/**
 * Maps protocol lines to {@link Frame}s and back: the one codec of the agent, the CLI and the
 * inspector. Pure (no I/O, no state) and safe from any thread.
 *
 * <p>A line is one JSON object, UTF-8, without the terminating {@code \n}: the envelope fields
 * first, then the message's own fields, always all of them ({@code null} when absent). Instants
 * are ISO-8601 UTC strings, durations ISO-8601 durations. For example:
 *
 * <pre>
 * {"type":"transition","seq":7,"ts":"2026-11-28T05:12:15.084Z","at":"2026-11-28T05:12:15.083Z",
 *  "serviceId":3,"from":"STARTING","to":"RUNNING","restartCount":0,"crashReason":null,"crashStack":null}
 * </pre>
 *
 * (shown on two lines here; on the wire it is one). Fields a message does not know are ignored,
 * so later versions can add fields; a type it does not know decodes to {@link
 * InspectMessage.Unknown}.
 */
public final class MessageCodec {

  // Shared with the descriptor files, so both speak the same JSON (ISO-8601 times).
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private MessageCodec() {}

  /**
   * The line for a frame, without the terminating newline. Never contains a raw newline: line
   * breaks inside strings (stack traces) are escaped.
   *
   * @throws ProtocolException if the message cannot be written as JSON (never for the records of
   *     this package)
   */
  public static String encode(Frame frame) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", frame.type());
    node.put("seq", frame.seq());
    node.put("ts", frame.ts().toString());
    if (frame.message() instanceof InspectMessage.Unknown unknown) {
      throw new ProtocolException("cannot encode a message of unknown type '" + unknown.type() + "'");
    }
    Object payload =
        frame.message() instanceof InspectMessage.Event event ? event.event() : frame.message();
    node.setAll((ObjectNode) MAPPER.valueToTree(payload));
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new ProtocolException("cannot encode a " + frame.type() + " message: " + e, e);
    }
  }

  /**
   * The frame a line holds.
   *
   * @param line one line without its newline
   * @throws ProtocolException if the line is not a JSON object, lacks a valid {@code type},
   *     {@code seq} or {@code ts}, or a known message has fields of the wrong type or lacks
   *     required ones; the message names the offending value
   */
  public static Frame decode(String line) {
    JsonNode node = parse(line);
    String type = envelopeType(node);
    long seq = envelopeSeq(node, type);
    Instant ts = envelopeTs(node, type);
    return new Frame(seq, ts, message(type, node, line));
  }

  private static JsonNode parse(String line) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new ProtocolException("malformed JSON line " + excerpt(line) + ": " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new ProtocolException("a line must hold a JSON object, got " + excerpt(line));
    }
    return node;
  }

  private static String envelopeType(JsonNode node) {
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual() || type.asText().isEmpty()) {
      throw new ProtocolException("missing or invalid 'type' in " + excerpt(node.toString()));
    }
    return type.asText();
  }

  private static long envelopeSeq(JsonNode node, String type) {
    JsonNode seq = node.get("seq");
    if (seq == null || !seq.canConvertToExactIntegral() || !seq.canConvertToLong() || seq.asLong() < 0) {
      throw new ProtocolException("missing or invalid 'seq' " + seq + " in a " + type + " message");
    }
    return seq.asLong();
  }

  private static Instant envelopeTs(JsonNode node, String type) {
    JsonNode ts = node.get("ts");
    if (ts == null || !ts.isTextual()) {
      throw new ProtocolException("missing or invalid 'ts' " + ts + " in a " + type + " message");
    }
    try {
      return Instant.parse(ts.asText());
    } catch (DateTimeException e) {
      throw new ProtocolException("invalid 'ts' " + ts + " in a " + type + " message", e);
    }
  }

  private static InspectMessage message(String type, JsonNode node, String line) {
    Class<? extends ServiceEvent> eventClass = EventTypes.classOf(type);
    if (eventClass != null) {
      return new InspectMessage.Event(bind(node, eventClass, type));
    }
    return switch (type) {
      case "hello" -> bind(node, InspectMessage.Hello.class, type);
      case "reply" -> bind(node, InspectMessage.Reply.class, type);
      case "error" -> bind(node, InspectMessage.ErrorMessage.class, type);
      case "auth" -> bind(node, InspectMessage.Auth.class, type);
      case "start" -> new InspectMessage.Start(serviceId(node, type));
      case "stop" -> new InspectMessage.Stop(serviceId(node, type));
      case "restart" -> new InspectMessage.Restart(serviceId(node, type));
      case "threadDump" -> new InspectMessage.ThreadDump();
      case "ping" -> new InspectMessage.Ping();
      default -> new InspectMessage.Unknown(type, line);
    };
  }

  private static long serviceId(JsonNode node, String type) {
    JsonNode service = node.get("service");
    if (service == null || !service.canConvertToExactIntegral() || !service.canConvertToLong()) {
      throw new ProtocolException("missing or invalid 'service' " + service + " in a " + type + " command");
    }
    return service.asLong();
  }

  private static <T> T bind(JsonNode node, Class<T> type, String wireType) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ProtocolException("invalid " + wireType + " message " + excerpt(node.toString()) + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : root.getMessage();
    return text == null ? root.getClass().getSimpleName() : text;
  }

  /** A line shortened for an error message, so a 1 MiB line does not become a 1 MiB message. */
  static String excerpt(String line) {
    int max = 120;
    return line.length() <= max ? "'" + line + "'" : "'" + line.substring(0, max) + "...' (" + line.length() + " chars)";
  }
}
