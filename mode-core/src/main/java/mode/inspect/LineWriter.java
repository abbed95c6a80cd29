package mode.inspect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;

/**
 * Writes protocol lines: each frame encoded by {@link MessageCodec}'s rules, as UTF-8, followed by
 * {@code \n}, written whole. Not thread-safe: one writer thread per connection, which also owns
 * the sequence numbers so they are strictly increasing on the wire.
 *
 * <p>{@link #write} sends one line at once. {@link #append} and {@link #flush} batch: lines
 * appended are encoded one after the other into one buffer and leave in as few write calls as
 * the channel allows, in order, none split between batches.
 */
final class LineWriter {

  private final WritableByteChannel channel;
  private final LineEncoder encoder = new LineEncoder();
  private long nextSeq = 1;

  LineWriter(WritableByteChannel channel) {
    this.channel = channel;
  }

  /**
   * Encodes {@code message} with the next sequence number and the current time and writes it,
   * after any lines appended before. Blocks while the peer does not read.
   *
   * @return the frame written
   * @throws IOException if the connection fails
   * @throws ProtocolException if the message cannot be encoded (nothing of it is written)
   */
  Frame write(InspectMessage message) throws IOException {
    Frame frame = append(message);
    flush();
    return frame;
  }

  /**
   * Encodes {@code message} with the next sequence number and the current time into the batch;
   * {@link #flush} writes it.
   *
   * @return the frame appended
   * @throws ProtocolException if the message cannot be encoded (the batch is left as it was)
   */
  Frame append(InspectMessage message) {
    Frame frame = new Frame(nextSeq, Instant.now(), message);
    encoder.append(frame);
    nextSeq++;
    return frame;
  }

  /** Bytes appended and not yet flushed. */
  int pendingBytes() {
    return encoder.size();
  }

  /**
   * Writes every line appended, in order. Blocks while the peer does not read.
   *
   * @throws IOException if the connection fails (what was not written is dropped)
   */
  void flush() throws IOException {
    try {
      writeFully(encoder.bytes());
    } finally {
      encoder.clear();
    }
  }

  /** The sequence number the next {@link #write} will use. */
  long nextSeq() {
    return nextSeq;
  }

  private void writeFully(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
