package mode.inspect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into protocol lines: UTF-8 text ended by {@code \n}, at most {@code
 * maxLineBytes} bytes without the newline. Waits for a whole line however the bytes arrive (one
 * at a time or many lines per read). Not thread-safe: one reader thread per connection.
 *
 * <p>Bytes {@code 7B 7D 0A} ({@code "{}\n"}) give the line {@code "{}"}; a line of more than
 * {@code maxLineBytes} bytes, bytes that are not UTF-8, or the stream ending in the middle of a
 * line give a {@link ProtocolException} naming the problem.
 *
 * <p>{@link #readLine(Sink)} hands each line over as bytes, straight from the read buffer when
 * the line lies whole in it (the usual case when many lines arrive per read), so a reader that
 * decodes bytes makes no copy and no string per line.
 */
final class LineReader {

  /** Receives one line as bytes; they are only valid during the call. */
  @FunctionalInterface
  interface Sink {
    /** Takes the line held by {@code bytes} from {@code offset}, {@code length} bytes long. */
    void accept(byte[] bytes, int offset, int length);
  }

  private final ReadableByteChannel channel;
  private final int maxLineBytes;
  private final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
  /** A line buffer grown beyond this is given back after its line; event lines fit. */
  private static final int KEEP_BYTES = 64 * 1024;
  private static final int INITIAL_BYTES = 1024;
  private byte[] line = new byte[INITIAL_BYTES];
  private int length;

  LineReader(ReadableByteChannel channel, int maxLineBytes) {
    this.channel = channel;
    this.maxLineBytes = maxLineBytes;
    chunk.flip();
  }

  /**
   * The next line without its newline, or {@code null} when the stream ended cleanly between
   * lines. Blocks until a whole line has arrived.
   *
   * @throws ProtocolException if the line is too long, not UTF-8, or cut off by the end of stream
   * @throws IOException if reading fails
   */
  String readLine() throws IOException {
    String[] text = new String[1];
    return readLine((bytes, offset, count) -> text[0] = new String(bytes, offset, count, StandardCharsets.UTF_8))
        ? text[0] : null;
  }

  /**
   * Passes the next line, without its newline and checked to be UTF-8, to {@code sink}; returns
   * {@code false} instead when the stream ended cleanly between lines. Blocks until a whole line
   * has arrived. What {@code sink} throws comes out of this call; the reader stays usable.
   *
   * @throws ProtocolException if the line is too long, not UTF-8, or cut off by the end of stream
   * @throws IOException if reading fails
   */
  boolean readLine(Sink sink) throws IOException {
    while (true) {
      byte[] array = chunk.array();
      int start = chunk.position();
      int end = chunk.limit();
      int newline = indexOfNewline(array, start, end);
      if (newline >= 0) {
        chunk.position(newline + 1);
        if (length == 0) {
          checkLength(newline - start);
          deliver(sink, array, start, newline - start);
        } else {
          append(array, start, newline);
          int whole = length;
          length = 0;
          byte[] assembled = line;
          if (assembled.length > KEEP_BYTES) {
            // The snapshot of a big tree is megabytes long: not kept for the connection's life.
            line = new byte[INITIAL_BYTES];
          }
          deliver(sink, assembled, 0, whole);
        }
        return true;
      }
      append(array, start, end);
      if (!fill()) {
        if (length > 0) {
          throw new ProtocolException("stream ended in the middle of a line (" + length + " bytes without a newline)");
        }
        return false;
      }
    }
  }

  private static int indexOfNewline(byte[] array, int from, int to) {
    for (int i = from; i < to; i++) {
      if (array[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static void deliver(Sink sink, byte[] bytes, int offset, int count) {
    Utf8.check(bytes, offset, count);
    sink.accept(bytes, offset, count);
  }

  /** Reads more bytes into the emptied chunk; {@code false} at the end of the stream. */
  private boolean fill() throws IOException {
    chunk.clear();
    int n = channel.read(chunk);
    chunk.flip();
    return n >= 0;
  }

  private void checkLength(int count) {
    if (count > maxLineBytes) {
      throw new ProtocolException("line longer than the maximum of " + maxLineBytes + " bytes");
    }
  }

  /** Adds the bytes to the line being assembled, failing as soon as it grows too long. */
  private void append(byte[] array, int from, int to) {
    int count = to - from;
    checkLength(length + count);
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + count)));
    }
    System.arraycopy(array, from, line, length, count);
    length += count;
  }
}
