package mode.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import mode.events.ServiceEvent;

/**
 * Writes a {@code transition} line, the most frequent by far, field by field with the generator,
 * without the binder's reflective accessors: the same bytes as the binder writes for any other
 * message (envelope, then the record's components in order, {@code null} when absent, except the
 * optional {@code cause} and {@code by}, left out when absent; states by name). Thread-safe.
 */
final class TransitionEncoder {

  private static final SerializableString TYPE = new SerializedString("type");
  private static final SerializableString TRANSITION = new SerializedString("transition");
  private static final SerializableString SEQ = new SerializedString("seq");
  private static final SerializableString TS = new SerializedString("ts");
  private static final SerializableString AT = new SerializedString("at");
  private static final SerializableString SERVICE_ID = new SerializedString("serviceId");
  private static final SerializableString FROM = new SerializedString("from");
  private static final SerializableString TO = new SerializedString("to");
  private static final SerializableString RESTART_COUNT = new SerializedString("restartCount");
  private static final SerializableString CRASH_REASON = new SerializedString("crashReason");
  private static final SerializableString CRASH_STACK = new SerializedString("crashStack");
  private static final SerializableString CAUSE = new SerializedString("cause");
  private static final SerializableString BY = new SerializedString("by");

  private TransitionEncoder() {}

  /** Writes the whole line object of a transition frame (without a newline). */
  static void write(JsonGenerator generator, Frame frame, ServiceEvent.Transition transition) throws IOException {
    generator.writeStartObject();
    generator.writeFieldName(TYPE);
    generator.writeString(TRANSITION);
    generator.writeFieldName(SEQ);
    generator.writeNumber(frame.seq());
    generator.writeFieldName(TS);
    IsoInstantModule.write(generator, frame.ts());
    generator.writeFieldName(AT);
    if (transition.at() == null) {
      generator.writeNull();
    } else {
      IsoInstantModule.write(generator, transition.at());
    }
    generator.writeFieldName(SERVICE_ID);
    generator.writeNumber(transition.serviceId());
    generator.writeFieldName(FROM);
    writeName(generator, transition.from());
    generator.writeFieldName(TO);
    writeName(generator, transition.to());
    generator.writeFieldName(RESTART_COUNT);
    generator.writeNumber(transition.restartCount());
    generator.writeFieldName(CRASH_REASON);
    generator.writeString(transition.crashReason());
    generator.writeFieldName(CRASH_STACK);
    generator.writeString(transition.crashStack());
    // Optional fields, left out when absent (as the binder does, see MessageCodec).
    if (transition.cause() != null) {
      generator.writeFieldName(CAUSE);
      generator.writeString(transition.cause());
    }
    if (transition.by() != null) {
      generator.writeFieldName(BY);
      generator.writeString(transition.by());
    }
    generator.writeEndObject();
  }

  private static void writeName(JsonGenerator generator, Enum<?> value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeString(value.name());
    }
  }
}
