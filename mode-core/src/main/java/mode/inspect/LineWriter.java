package mode.inspect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes protocol lines: each frame encoded by {@link MessageCodec}, as UTF-8, followed by {@code
 * \n}, written whole. Not thread-safe: one writer thread per connection, which also owns the
 * sequence numbers so they are strictly increasing on the wire.
 */
final class LineWriter {

  private final WritableByteChannel channel;
  private long nextSeq = 1;

  LineWriter(WritableByteChannel channel) {
    this.channel = channel;
  }

  /**
   * Encodes {@code message} with the next sequence number and the current time and writes it.
   * Blocks while the peer does not read.
   *
   * @return the frame written
   * @throws IOException if the connection fails
   */
  Frame write(InspectMessage message) throws IOException {
    Frame frame = new Frame(nextSeq++, Instant.now(), message);
    writeLine(MessageCodec.encode(frame));
    return frame;
  }

  /** The sequence number the next {@link #write} will use. */
  long nextSeq() {
    return nextSeq;
  }

  /** Writes one already encoded line and its newline. */
  void writeLine(String line) throws IOException {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
