package mode.inspect;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A client at the byte level, for sending what a well-behaved client never would. */
final class RawConnection implements AutoCloseable {

  final SocketChannel channel;
  private final LineReader reader;

  private RawConnection(SocketChannel channel) {
    this.channel = channel;
    this.reader = new LineReader(channel, InspectClient.MAX_LINE_BYTES);
  }

  static RawConnection unix(Descriptor descriptor) throws IOException {
    return new RawConnection(SocketChannel.open(UnixDomainSocketAddress.of(descriptor.socket())));
  }

  static RawConnection tcp(Descriptor descriptor) throws IOException {
    return new RawConnection(SocketChannel.open(new InetSocketAddress(descriptor.tcpHost(), descriptor.tcpPort())));
  }

  /** Writes raw bytes; an agent that already hung up may make this fail, which callers allow. */
  void write(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  void writeLine(String line) throws IOException {
    write((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Writes bytes, ignoring a failure because the agent closed first. */
  void writeQuietly(byte[] bytes) {
    try {
      write(bytes);
    } catch (IOException agentHungUp) {
      // Expected when the agent rejects the input before reading all of it.
    }
  }

  String readLine() throws IOException {
    return reader.readLine();
  }

  /** Every line until the agent closes the connection, decoded. */
  List<Frame> readUntilClosed() throws IOException {
    List<Frame> frames = new ArrayList<>();
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        frames.add(MessageCodec.decode(line));
      }
    } catch (IOException reset) {
      // A reset after the error line also ends the stream.
    }
    return frames;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
