package mode.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import mode.events.ServiceEvent;

/**
 * Encodes frames as protocol lines, each followed by {@code \n}, one after the other into a
 * growing byte buffer, with one reused JSON generator: no tree, no string, no copy per line.
 * {@link #bytes()} hands the buffer to the channel; {@link #clear()} starts over. Not
 * thread-safe: one per writer.
 */
final class LineEncoder {

  private static final ObjectWriter WRITER = MessageCodec.MAPPER.writerFor(WireLine.class);
  /**
   * A buffer grown beyond this (by a snapshot of a big tree) is given back after clearing, so an
   * idle connection keeps little; event lines and batches of them fit.
   */
  private static final int KEEP_BYTES = 64 * 1024;

  private final Buffer buffer = new Buffer();
  private JsonGenerator generator;

  /**
   * Appends the line of {@code frame} and its newline.
   *
   * @throws ProtocolException if the frame cannot be written as JSON (an {@link
   *     InspectMessage.Unknown}); the buffer then holds what it held before
   */
  void append(Frame frame) {
    WireLine line = WireLine.of(frame);
    int before = buffer.size;
    try {
      if (generator == null) {
        generator = MessageCodec.MAPPER.createGenerator(buffer);
        // Lines are separated by our newline, not by Jackson's default space between root values.
        generator.setRootValueSeparator(null);
      }
      write(generator, frame, line);
      generator.flush();
    } catch (IOException | RuntimeException e) {
      // A failure leaves the generator in the middle of a value: start a fresh one.
      generator = null;
      buffer.size = before;
      throw new ProtocolException("cannot encode a " + frame.type() + " message: " + e, e);
    }
    buffer.write('\n');
  }

  /**
   * Writes the line object of {@code frame}, whose {@link WireLine} is {@code line}, without a
   * newline: a transition by {@link TransitionEncoder}, anything else by the binder.
   */
  static void write(JsonGenerator generator, Frame frame, WireLine line) throws IOException {
    if (line.payload() instanceof ServiceEvent.Transition transition) {
      TransitionEncoder.write(generator, frame, transition);
    } else {
      WRITER.writeValue(generator, line);
    }
  }

  /** The bytes appended since the last {@link #clear()}, ready to be written. */
  ByteBuffer bytes() {
    return ByteBuffer.wrap(buffer.bytes, 0, buffer.size);
  }

  /** Number of bytes appended since the last {@link #clear()}. */
  int size() {
    return buffer.size;
  }

  /** Forgets the bytes appended. */
  void clear() {
    buffer.size = 0;
    if (buffer.bytes.length > KEEP_BYTES) {
      buffer.bytes = new byte[KEEP_BYTES];
    }
  }

  /** A growable byte array the generator flushes into. */
  private static final class Buffer extends OutputStream {
    byte[] bytes = new byte[8192];
    int size;

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }
}
