package mode.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import mode.events.ServiceEvent;

/**
 * The general decoder: reads a line into a JSON tree, then checks the envelope and binds the
 * message. It accepts any field order and names every problem precisely; {@link StreamDecoder}
 * handles the common lines in one pass and leaves everything else, errors included, to this one.
 * Pure and thread-safe.
 */
final class TreeDecoder {

  private TreeDecoder() {}

  /** The frame {@code line} holds; see {@link MessageCodec#decode(String)}. */
  static Frame decode(String line) {
    JsonNode node = parse(line);
    String type = envelopeType(node);
    long seq = envelopeSeq(node, type);
    Instant ts = envelopeTs(node, type);
    return new Frame(seq, ts, message(type, node, line));
  }

  private static JsonNode parse(String line) {
    JsonNode node;
    try {
      node = MessageCodec.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new ProtocolException("malformed JSON line " + MessageCodec.excerpt(line) + ": " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new ProtocolException("a line must hold a JSON object, got " + MessageCodec.excerpt(line));
    }
    return node;
  }

  private static String envelopeType(JsonNode node) {
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual() || type.asText().isEmpty()) {
      throw new ProtocolException("missing or invalid 'type' in " + MessageCodec.excerpt(node.toString()));
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
      return IsoInstants.parse(ts.asText());
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
      case "stacks" -> new InspectMessage.Stacks(serviceId(node, type));
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
      return MessageCodec.MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ProtocolException("invalid " + wireType + " message " + MessageCodec.excerpt(node.toString())
          + ": " + BindErrors.describe(node, e), e);
    }
  }
}
