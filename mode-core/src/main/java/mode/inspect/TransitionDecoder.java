package mode.inspect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import mode.State;
import mode.events.ServiceEvent;

/**
 * Reads the fields of a {@code transition}, the event of which there are most by far (five per
 * service per restart), straight from the parser into the record, without the binder's
 * per-field machinery. Only the form the encoder writes is read here: each of the seven fields
 * once, and the optional {@code cause} and {@code by} at most once, in any order, with a value of
 * its usual JSON type; anything else (an unknown field, a
 * number where a name belongs, a missing field) gives {@code null} and the binder decides, so
 * the result is always the one the binder would give. Thread-safe.
 */
final class TransitionDecoder {

  private static final State[] STATES = State.values();
  private static final int AT = 1;
  private static final int SERVICE_ID = 2;
  private static final int FROM = 4;
  private static final int TO = 8;
  private static final int RESTART_COUNT = 16;
  private static final int CRASH_REASON = 32;
  private static final int CRASH_STACK = 64;
  private static final int CAUSE = 128;
  private static final int BY = 256;
  /** The fields every transition has; {@code cause} and {@code by} are optional. */
  private static final int ALL = 127;

  private TransitionDecoder() {}

  /** The values read so far; a field's bit is set once it has been read. */
  private static final class Fields {
    int seen;
    Instant at;
    long serviceId;
    State from;
    State to;
    int restartCount;
    String crashReason;
    String crashStack;
    String cause;
    String by;
  }

  /**
   * The transition whose fields follow; the parser is at the first field's name and is left at
   * the object's end. {@code null} if the fields are not exactly the usual seven (and the optional two).
   */
  static ServiceEvent.Transition read(JsonParser parser) throws IOException {
    Fields fields = new Fields();
    for (JsonToken token = parser.currentToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
      String name = parser.currentName();
      int bit = field(name, parser.nextToken(), parser, fields);
      if (bit == 0 || (fields.seen & bit) != 0) {
        return null;
      }
      fields.seen |= bit;
    }
    if ((fields.seen & ALL) != ALL || !parser.hasToken(JsonToken.END_OBJECT)) {
      return null;
    }
    return new ServiceEvent.Transition(fields.at, fields.serviceId, fields.from, fields.to, fields.restartCount,
        fields.crashReason, fields.crashStack, fields.cause, fields.by);
  }

  /** Reads the value of field {@code name} into {@code fields}; its bit, or 0 if unusual. */
  private static int field(String name, JsonToken value, JsonParser parser, Fields fields) throws IOException {
    switch (name) {
      case "at" -> {
        fields.at = value == JsonToken.VALUE_STRING ? instant(parser) : null;
        return fields.at == null ? 0 : AT;
      }
      case "serviceId" -> {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return 0;
        }
        fields.serviceId = parser.getLongValue();
        return SERVICE_ID;
      }
      case "from" -> {
        fields.from = value == JsonToken.VALUE_STRING ? state(parser) : null;
        return fields.from == null ? 0 : FROM;
      }
      case "to" -> {
        fields.to = value == JsonToken.VALUE_STRING ? state(parser) : null;
        return fields.to == null ? 0 : TO;
      }
      case "restartCount" -> {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
          return 0;
        }
        fields.restartCount = parser.getIntValue();
        return RESTART_COUNT;
      }
      case "crashReason" -> {
        return (fields.crashReason = text(value, parser)) != null || value == JsonToken.VALUE_NULL ? CRASH_REASON : 0;
      }
      case "crashStack" -> {
        return (fields.crashStack = text(value, parser)) != null || value == JsonToken.VALUE_NULL ? CRASH_STACK : 0;
      }
      case "cause" -> {
        return (fields.cause = known(text(value, parser))) != null || value == JsonToken.VALUE_NULL ? CAUSE : 0;
      }
      case "by" -> {
        return (fields.by = text(value, parser)) != null || value == JsonToken.VALUE_NULL ? BY : 0;
      }
      default -> {
        return 0;
      }
    }
  }

  /** The common-form instant of the current string value, or {@code null}; no string is built. */
  static Instant instant(JsonParser parser) throws IOException {
    return IsoInstants.parseCommon(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
  }

  /** The state named exactly by the current string value, or {@code null}; no string is built. */
  private static State state(JsonParser parser) throws IOException {
    char[] chars = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    for (State state : STATES) {
      String name = state.name();
      if (name.length() == length && sameChars(name, chars, offset)) {
        return state;
      }
    }
    return null;
  }

  private static boolean sameChars(String name, char[] chars, int offset) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }

  /** The shared constant for a cause of the vocabulary (one string per cause, not per event). */
  private static String known(String cause) {
    return switch (cause) {
      case null -> null;
      case ServiceEvent.Transition.OPERATOR -> ServiceEvent.Transition.OPERATOR;
      case ServiceEvent.Transition.SUPERVISOR -> ServiceEvent.Transition.SUPERVISOR;
      case ServiceEvent.Transition.PARENT -> ServiceEvent.Transition.PARENT;
      case ServiceEvent.Transition.WORKER -> ServiceEvent.Transition.WORKER;
      case ServiceEvent.Transition.CRASH -> ServiceEvent.Transition.CRASH;
      default -> cause;
    };
  }

  /** A string value's text; {@code null} for JSON null or any other value. */
  private static String text(JsonToken value, JsonParser parser) throws IOException {
    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
  }
}
