package mode.inspect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
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
 */
final class LineReader {

  private final ReadableByteChannel channel;
  private final int maxLineBytes;
  private final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] line = new byte[1024];
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
    while (true) {
      while (chunk.hasRemaining()) {
        byte b = chunk.get();
        if (b == '\n') {
          return takeLine();
        }
        append(b);
      }
      chunk.clear();
      int n = channel.read(chunk);
      chunk.flip();
      if (n < 0) {
        if (length > 0) {
          throw new ProtocolException("stream ended in the middle of a line (" + length + " bytes without a newline)");
        }
        return null;
      }
    }
  }

  private void append(byte b) {
    if (length == maxLineBytes) {
      throw new ProtocolException("line longer than the maximum of " + maxLineBytes + " bytes");
    }
    if (length == line.length) {
      line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
    }
    line[length++] = b;
  }

  private String takeLine() {
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
    length = 0;
    try {
      CharBuffer chars = decoder.reset().decode(bytes);
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolException("line is not valid UTF-8 (bad byte at offset " + bytes.position() + ")", e);
    }
  }
}
