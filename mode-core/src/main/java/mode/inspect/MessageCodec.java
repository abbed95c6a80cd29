package mode.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;

/**
 * Maps protocol lines to {@link Frame}s and back: the one codec of the agent, the CLI and the
 * inspector. Pure (no I/O, no state) and safe from any thread.
 *
 * <p>A line is one JSON object, UTF-8, without the terminating {@code \n}: the envelope fields
 * first, then the message's own fields, always all of them ({@code null} when absent), except a
 * transition's optional {@code cause} and {@code by}, which are left out when absent, a
 * timer's optional {@code failures} (left out when 0), {@code lastRun} and {@code nextRun}, and a
 * service object's optional {@code supervisor}, left out when absent. Instants
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
 *
 * <p>Speed: a line is written by Jackson straight from the message record, and an event line in
 * the encoder's field order is read in one pass straight into its record; only other lines are
 * read through a JSON tree. {@code LineEncoder} writes many lines into one reused buffer.
 */
public final class MessageCodec {

  // Shared with the descriptor files, so both speak the same JSON (ISO-8601 times).
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(IsoInstantModule.create())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          // Characters outside the BMP as their UTF-8 bytes, as text written as a string and then
          // encoded, not as escaped surrogate pairs.
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          // A transition's cause fields are optional on the wire: left out when absent.
          .addMixIn(ServiceEvent.Transition.class, TransitionMixIn.class)
          // A timer's failures and run times are optional too: left out while it has none.
          .addMixIn(ServiceInfo.TimerInfo.class, TimerRunsMixIn.class)
          .addMixIn(ServiceEvent.TimerStats.class, TimerRunsMixIn.class)
          // A service's supervisor object is optional on the wire too: only supervisors have one.
          .addMixIn(ServiceInfo.class, ServiceInfoMixIn.class)
          .build();

  /** Leaves a transition's {@code cause} and {@code by} out of its line when they are null. */
  abstract static class TransitionMixIn {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract String cause();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract String by();
  }

  /**
   * Leaves a timer's {@code failures} out of its object when 0, and {@code lastRun} and {@code
   * nextRun} when null, so a timer that never failed nor ran is written as earlier agents did; and
   * reads a missing {@code failures} (an earlier agent's line) as 0.
   */
  abstract static class TimerRunsMixIn {
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    abstract long failures();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract java.time.Instant lastRun();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract java.time.Instant nextRun();
  }

  /** Leaves a service object's {@code supervisor} out of its line when the service is none. */
  abstract static class ServiceInfoMixIn {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract ServiceInfo.SupervisorInfo supervisor();
  }

  private MessageCodec() {}

  /**
   * The line for a frame, without the terminating newline. Never contains a raw newline: line
   * breaks inside strings (stack traces) are escaped.
   *
   * @param frame the frame to write
   * @return the JSON line
   * @throws ProtocolException if the message cannot be written as JSON (an {@link
   *     InspectMessage.Unknown}; never for the other records of this package)
   */
  public static String encode(Frame frame) {
    WireLine line = WireLine.of(frame);
    StringWriter text = new StringWriter(256);
    try (JsonGenerator generator = MAPPER.createGenerator(text)) {
      LineEncoder.write(generator, frame, line);
    } catch (IOException e) {
      throw new ProtocolException("cannot encode a " + frame.type() + " message: " + e, e);
    }
    return text.toString();
  }

  /**
   * The frame a line holds.
   *
   * @param line one line without its newline
   * @return the decoded frame
   * @throws ProtocolException if the line is not a JSON object, lacks a valid {@code type},
   *     {@code seq} or {@code ts}, or a known message has fields of the wrong type or lacks
   *     required ones; the message names the offending value
   */
  public static Frame decode(String line) {
    try {
      Frame frame = StreamDecoder.decode(factory -> factory.createParser(line));
      if (frame != null) {
        return frame;
      }
    } catch (IOException | RuntimeException uncommon) {
      // Not a line of the common form: the general decoder decides, and names any problem.
    }
    return TreeDecoder.decode(line);
  }

  /**
   * The frame a line holds, given as its UTF-8 bytes; the same as {@link #decode(String)} of their
   * text, without building the text for a common event line.
   *
   * @param bytes holds the line, without its newline, at {@code offset}
   * @param offset where the line begins in {@code bytes}
   * @param length the line's length in bytes
   * @return the decoded frame
   * @throws ProtocolException as {@link #decode(String)}, and if the bytes are not valid UTF-8
   */
  public static Frame decode(byte[] bytes, int offset, int length) {
    Utf8.check(bytes, offset, length);
    return decodeUtf8(bytes, offset, length);
  }

  /** As {@link #decode(byte[], int, int)}, for bytes already checked to be UTF-8. */
  static Frame decodeUtf8(byte[] bytes, int offset, int length) {
    // Only a line that starts as the encoder's do: Jackson's byte parser would skip a leading
    // byte order mark and guess other encodings from zero bytes, where the text parser rejects.
    if (length > 1 && bytes[offset] == '{' && bytes[offset + 1] == '"') {
      try {
        Frame frame = StreamDecoder.decode(factory -> factory.createParser(bytes, offset, length));
        if (frame != null) {
          return frame;
        }
      } catch (IOException | RuntimeException uncommon) {
        // As in decode(String).
      }
    }
    return TreeDecoder.decode(new String(bytes, offset, length, StandardCharsets.UTF_8));
  }

  /** A line shortened for an error message, so a 1 MiB line does not become a 1 MiB message. */
  static String excerpt(String line) {
    int max = 120;
    return line.length() <= max ? "'" + line + "'" : "'" + line.substring(0, max) + "...' (" + line.length() + " chars)";
  }
}
