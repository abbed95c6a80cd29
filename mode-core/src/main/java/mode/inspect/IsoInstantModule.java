package mode.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Jackson (de)serializers for {@link Instant} through {@link IsoInstants}: the same ISO-8601 text
 * as the {@code JavaTimeModule} with dates not written as timestamps, without its formatter's
 * cost. Registered after that module, so these win; anything but a string of the common form is
 * read by that module's deserializer, with its rules and its errors.
 */
final class IsoInstantModule {

  private IsoInstantModule() {}

  /** The module to register after {@code JavaTimeModule}. */
  static SimpleModule create() {
    SimpleModule module = new SimpleModule("mode-iso-instants");
    module.addSerializer(Instant.class, new Serializer());
    module.addDeserializer(Instant.class, new Deserializer());
    return module;
  }

  /** Writes {@code instant} as the serializer does: its {@link Instant#toString()}, as a string. */
  static void write(JsonGenerator generator, Instant instant) throws IOException {
    char[] text = new char[IsoInstants.MAX_LENGTH];
    int length = IsoInstants.format(instant, text, 0);
    if (length < 0) {
      generator.writeString(instant.toString());
    } else {
      generator.writeString(text, 0, length);
    }
  }

  /** Writes {@link Instant#toString()}, without building the string. */
  private static final class Serializer extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      write(generator, value);
    }
  }

  /** Reads the common form itself and leaves every other input to {@code JavaTimeModule}. */
  private static final class Deserializer extends StdDeserializer<Instant> {
    private static final long serialVersionUID = 1L;
    private static final JsonDeserializer<Instant> FALLBACK = InstantDeserializer.INSTANT;

    Deserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.hasToken(JsonToken.VALUE_STRING)) {
        Instant instant = IsoInstants.parseCommon(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        if (instant != null) {
          return instant;
        }
      }
      return FALLBACK.deserialize(parser, context);
    }
  }
}
