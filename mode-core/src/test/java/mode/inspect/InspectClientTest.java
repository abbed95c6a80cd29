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
import mode.State;
import mode.events.ServiceEvent;
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

  @Test
  void manyLinesPerReadAndLinesSplitAcrossReadsAreAllDecodedInOrder() throws Exception {
    Path socket = tmp.resolve("s.sock");
    List<Frame> sent = new java.util.ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 5000; i++) {
      ServiceEvent.Transition transition = new ServiceEvent.Transition(MessageCodecTest.T0.plusNanos(i), i,
          State.STARTING, State.RUNNING, i % 3, i % 100 == 0 ? "boom ✓ " + i : null, null);
      Frame frame = new Frame(i, MessageCodecTest.T0, new InspectMessage.Event(transition));
      sent.add(frame);
      text.append(MessageCodec.encode(frame)).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      try (RecordingClient client = new RecordingClient(new InspectTarget.Unix(socket));
          SocketChannel peer = server.accept()) {
        // Odd-sized pieces, so lines arrive whole, many at once, and cut anywhere (inside a ✓ too).
        for (int from = 0; from < bytes.length; from += 7919) {
          peer.write(ByteBuffer.wrap(bytes, from, Math.min(7919, bytes.length - from)));
        }
        peer.close();
        assertThat(client.closed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(client.errors).isEmpty();
        assertThat(client.frames).containsExactlyElementsOf(sent);
      }
    }
  }

  @Test
  void aClientThatRecordsLinesGetsEachLineExactlyAsSentBeforeItsFrame() throws Exception {
    Path socket = tmp.resolve("s.sock");
    String first = "{\"type\":\"error\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\",\"message\":\"ünï ✓\"}";
    String second = "{ \"type\" : \"gap\", \"seq\":2,\"ts\":\"2026-11-28T05:12:15.084Z\",\"at\":\"2026-11-28T05:12:15.084Z\",\"dropped\":3}";
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
      try (InspectClient client = InspectClient.connect(new InspectTarget.Unix(socket));
          SocketChannel peer = server.accept()) {
        client.onLine(line -> seen.add("line " + line))
            .onMessage(frame -> seen.add("frame " + frame.message()))
            .onError(error -> seen.add("error " + error))
            .onClose(closed::countDown)
            .startAsync();
        send(peer, first + "\n" + second + "\n");
        peer.close();
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
      }
    }
    assertThat(seen).containsExactly(
        "line " + first, "frame " + new InspectMessage.ErrorMessage("ünï ✓"),
        "line " + second, "frame " + new InspectMessage.Event(new ServiceEvent.Gap(MessageCodecTest.T0, 3)));
  }

  static void send(SocketChannel channel, String text) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

}
