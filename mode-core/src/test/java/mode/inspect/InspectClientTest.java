package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted server that sends what a real agent would not. */
class InspectClientTest {

  @TempDir Path tmp;

  @Test
  void unknownTypesAndBadLinesAreReportedAndReadingGoesOn() throws Exception {
    Path socket = tmp.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      try (RecordingClient client = new RecordingClient(new InspectTarget.Unix(socket));
          SocketChannel peer = server.accept()) {
        String unknown = "{\"type\":\"metrics\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\",\"cpu\":1}";
        send(peer, unknown + "\n{oops\n{\"type\":\"error\",\"seq\":3,\"ts\":\"2026-11-28T05:12:15.084Z\",\"message\":\"bye\"}\n");
        peer.close();
        assertThat(client.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(client.messages()).containsExactly(
            new InspectMessage.Unknown("metrics", unknown), new InspectMessage.ErrorMessage("bye"));
        assertThat(client.errors).singleElement().satisfies(e ->
            assertThat(e).isInstanceOf(ProtocolException.class).hasMessageStartingWith("malformed JSON line '{oops'"));
      }
    }
  }

  @Test
  void pendingRequestsFailWhenTheConnectionEnds() throws Exception {
    Path socket = tmp.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      try (RecordingClient client = new RecordingClient(new InspectTarget.Unix(socket));
          SocketChannel peer = server.accept()) {
        var reply = client.client.request(new InspectMessage.Ping());
        LineReader reader = new LineReader(peer, 1000);
        assertThat(MessageCodec.decode(reader.readLine()).message()).isEqualTo(new InspectMessage.Ping());
        peer.close();
        assertThat(client.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(reply).failsWithin(10, TimeUnit.SECONDS)
            .withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .withCauseInstanceOf(IOException.class)
            .withMessageContaining("connection to socket " + socket + " closed");
        assertThat(client.errors).isEmpty();
      }
    }
  }

  @Test
  void connectingToNothingNamesTheTarget() {
    Path socket = tmp.resolve("none.sock");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> InspectClient.connect(new InspectTarget.Unix(socket)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot attach to socket " + socket);
  }

  static void send(SocketChannel channel, String text) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

}
