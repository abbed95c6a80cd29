package mode.inspect;

import static mode.inspect.ScriptedEvents.T0;
import static mode.inspect.ScriptedEvents.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mode.State;
import mode.events.ServiceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectAgentTest {

  @TempDir Path dir;

  final ScriptedEvents events = new ScriptedEvents()
      .with(info(1, "App", State.RUNNING, null, List.of(2L)))
      .with(info(2, "Web", State.RUNNING, 1L, List.of()));
  final List<InspectMessage.Command> executed = new CopyOnWriteArrayList<>();
  final CountDownLatch releaseRestart = new CountDownLatch(1);
  InspectAgent agent;

  InspectAgent start(InspectOptions options) throws IOException {
    agent = InspectAgent.start(options, events, (re, command, client) -> {
      executed.add(command);
      if (command instanceof InspectMessage.Restart) {
        awaitQuietly(releaseRestart);
      }
      return new InspectMessage.Reply(re, true, command.type() + " done", null);
    });
    return agent;
  }

  InspectOptions options() {
    return InspectOptions.defaults("TestWorker").withMainClass("demo.Main").withDirectory(dir);
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterEach
  void stopAgent() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void aClientGetsHelloThenSnapshotThenDeltasInOrder() throws IOException {
    start(options());
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget())) {
      await().until(() -> client.frames.size() == 2);
      events.transition(2, State.STOPPING);
      events.transition(2, State.SHUTDOWN);
      events.publish(new ServiceEvent.DependencyRemoved(T0, 1, 2));
      await().until(() -> client.frames.size() == 5);

      InspectMessage.Hello hello = (InspectMessage.Hello) client.frames.get(0).message();
      assertThat(hello.protocol()).isEqualTo(1);
      assertThat(hello.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(hello.name()).isEqualTo("TestWorker");
      assertThat(hello.mainClass()).isEqualTo("demo.Main");
      assertThat(client.messages().subList(1, 5)).containsExactly(
          new InspectMessage.Event(new ServiceEvent.Snapshot(T0, List.of(
              info(1, "App", State.RUNNING, null, List.of(2L)), info(2, "Web", State.RUNNING, 1L, List.of())))),
          new InspectMessage.Event(new ServiceEvent.Transition(T0, 2, State.RUNNING, State.STOPPING, 0, null, null)),
          new InspectMessage.Event(new ServiceEvent.Transition(T0, 2, State.STOPPING, State.SHUTDOWN, 0, null, null)),
          new InspectMessage.Event(new ServiceEvent.DependencyRemoved(T0, 1, 2)));
      assertThat(client.frames).extracting(Frame::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(client.errors).isEmpty();
    }
  }

  @Test
  void theSocketDescriptorAndFolderAreReadableByTheOwnerOnly() throws IOException {
    start(options());
    Path socket = Path.of(agent.descriptor().socket());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agent.descriptorFile())))
        .isEqualTo("rw-------");
    assertThat(InspectDirectory.read(agent.descriptorFile())).isEqualTo(agent.descriptor());
    assertThat(agent.descriptor().token()).isNull();
  }

  @Test
  void closingTheAgentRemovesSocketAndDescriptorAndEndsClients() throws IOException, InterruptedException {
    start(options());
    Path socket = Path.of(agent.descriptor().socket());
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget())) {
      await().until(() -> client.frames.size() == 2);
      agent.close();
      assertThat(client.closed.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(socket).doesNotExist();
    assertThat(agent.descriptorFile()).doesNotExist();
    assertThat(InspectDirectory.open(dir).workers()).isEmpty();
  }

  @Test
  void commandsRunOffTheReaderSoAPingIsAnsweredWhileARestartIsRunning() throws Exception {
    start(options());
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget());
        RecordingClient other = new RecordingClient(agent.descriptor().unixTarget())) {
      var restart = client.client.request(new InspectMessage.Restart(2));
      InspectMessage.Reply pong = client.client.request(new InspectMessage.Ping()).get(10, TimeUnit.SECONDS);
      InspectMessage.Reply otherPong = other.client.request(new InspectMessage.Ping()).get(10, TimeUnit.SECONDS);
      assertThat(restart).isNotDone();
      releaseRestart.countDown();
      assertThat(restart.get(10, TimeUnit.SECONDS)).isEqualTo(new InspectMessage.Reply(1, true, "restart done", null));
      assertThat(pong).isEqualTo(new InspectMessage.Reply(2, true, "pong", null));
      assertThat(otherPong).isEqualTo(new InspectMessage.Reply(1, true, "pong", null));
      assertThat(executed).containsExactly(new InspectMessage.Restart(2));
    }
  }

  @Test
  void aReplyComesAfterTheEventsDeliveredBeforeIt() throws Exception {
    agent = InspectAgent.start(options(), events, (re, command, client) -> {
      events.transition(2, State.STOPPING);
      events.transition(2, State.SHUTDOWN);
      return new InspectMessage.Reply(re, true, "stopped", null);
    });
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget())) {
      assertThat(client.awaitFrames(2)).isTrue();
      client.client.request(new InspectMessage.Stop(2)).get(10, TimeUnit.SECONDS);
      assertThat(client.types()).containsExactly("hello", "snapshot", "transition", "transition", "reply");
    }
  }

  @Test
  void aThreadDumpListsVirtualAndPlatformThreads() throws Exception {
    start(options());
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget())) {
      InspectMessage.Reply reply = client.client.request(new InspectMessage.ThreadDump()).get(30, TimeUnit.SECONDS);
      assertThat(reply.ok()).isTrue();
      assertThat(reply.text())
          .contains("\"main\"")
          .contains("mode-inspect-writer-")
          .contains(InspectAgentTest.class.getName());
    }
  }

  @Test
  void malformedInputGetsAnErrorAndClosesOnlyThatConnection() throws Exception {
    start(options());
    try (RecordingClient good = new RecordingClient(agent.descriptor().unixTarget());
        RawConnection bad = RawConnection.unix(agent.descriptor())) {
      assertThat(MessageCodec.decode(bad.readLine()).type()).isEqualTo("hello");
      assertThat(MessageCodec.decode(bad.readLine()).type()).isEqualTo("snapshot");
      bad.writeLine("{\"type\":\"ping\",\"seq\":1,");
      List<Frame> frames = bad.readUntilClosed();
      assertThat(frames).extracting(Frame::type).containsExactly("error");
      assertThat(((InspectMessage.ErrorMessage) frames.get(0).message()).message())
          .startsWith("malformed JSON line '{\"type\":\"ping\",\"seq\":1,'");
      assertThat(good.client.request(new InspectMessage.Ping()).get(10, TimeUnit.SECONDS).ok()).isTrue();
    }
  }

  @Test
  void everyKindOfBadInputIsNamedInTheError() throws Exception {
    start(options());
    byte[] oversized = new byte[ClientSession.MAX_LINE_BYTES + 10];
    java.util.Arrays.fill(oversized, (byte) 'x');
    assertThat(errorFor(oversized)).isEqualTo("line longer than the maximum of 1048576 bytes");
    assertThat(errorFor(new byte[] {'{', (byte) 0xff, '}', '\n'})).isEqualTo("line is not valid UTF-8 (bad byte at offset 1)");
    assertThat(errorFor(line("{\"type\":\"reboot\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\"}")))
        .isEqualTo("unknown command 'reboot'");
    assertThat(errorFor(line("{\"type\":\"snapshot\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\",\"at\":\"2026-11-28T05:12:15.084Z\",\"services\":[]}")))
        .isEqualTo("a client may not send 'snapshot' messages");
    assertThat(errorFor(line("{\"type\":\"ping\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\"}\n"
        + "{\"type\":\"ping\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\"}")))
        .isEqualTo("seq 1 breaks the rule that seq starts at 1 and grows by exactly 1: expected 2 after 1");
    assertThat(errorFor(line("{\"type\":\"auth\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\",\"token\":\"x\"}")))
        .isEqualTo("a client may not send 'auth' messages");
  }

  @Test
  void seqStartsAtOneAndGrowsByExactlyOne() throws Exception {
    start(options());
    String rule = "breaks the rule that seq starts at 1 and grows by exactly 1: ";
    assertThat(errorFor(line(ping(0)))).isEqualTo("seq 0 " + rule + "the first line must have seq 1");
    assertThat(errorFor(line(ping(5)))).isEqualTo("seq 5 " + rule + "the first line must have seq 1");
    assertThat(errorFor(line(ping(1) + "\n" + ping(2) + "\n" + ping(4)))).isEqualTo("seq 4 " + rule + "expected 3 after 2");
    assertThat(errorFor(line(ping(1) + "\n" + ping(2) + "\n" + ping(1)))).isEqualTo("seq 1 " + rule + "expected 3 after 2");
  }

  static String ping(long seq) {
    return "{\"type\":\"ping\",\"seq\":" + seq + ",\"ts\":\"2026-11-28T05:12:15.084Z\"}";
  }

  static byte[] line(String text) {
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }

  String errorFor(byte[] input) throws IOException {
    try (RawConnection raw = RawConnection.unix(agent.descriptor())) {
      raw.writeQuietly(input);
      List<Frame> frames = raw.readUntilClosed();
      assertThat(frames.getLast().message()).isInstanceOf(InspectMessage.ErrorMessage.class);
      return ((InspectMessage.ErrorMessage) frames.getLast().message()).message();
    }
  }

  @Test
  void moreClientsThanTheLimitAreRefusedWithAnError() throws Exception {
    start(options().withMaxClients(2));
    try (RecordingClient first = new RecordingClient(agent.descriptor().unixTarget());
        RecordingClient second = new RecordingClient(agent.descriptor().unixTarget());
        RawConnection third = RawConnection.unix(agent.descriptor())) {
      await().until(() -> first.frames.size() == 2 && second.frames.size() == 2);
      assertThat(third.readUntilClosed()).extracting(Frame::message)
          .containsExactly(new InspectMessage.ErrorMessage("too many inspect clients (at most 2)"));
      assertThat(first.client.request(new InspectMessage.Ping()).get(10, TimeUnit.SECONDS).ok()).isTrue();
    }
  }

  @Test
  void tcpServesAClientThatSendsTheToken() throws Exception {
    start(options().withTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false));
    Descriptor descriptor = agent.descriptor();
    assertThat(descriptor.token()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(descriptor.tcpHost()).isEqualTo("127.0.0.1");
    try (RecordingClient client = new RecordingClient(descriptor.tcpTarget().orElseThrow())) {
      await().until(() -> client.frames.size() == 2);
      assertThat(client.types()).containsExactly("hello", "snapshot");
      assertThat(client.client.request(new InspectMessage.Ping()).get(10, TimeUnit.SECONDS).re()).isEqualTo(2);
    }
  }

  @Test
  void tcpWithAWrongTokenGetsOnlyAnError() throws Exception {
    start(options().withTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false));
    Descriptor d = agent.descriptor();
    try (RecordingClient client = new RecordingClient(new InspectTarget.Tcp(d.tcpHost(), d.tcpPort(), "guess"))) {
      assertThat(client.closed.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(client.messages()).containsExactly(new InspectMessage.ErrorMessage("wrong token"));
    }
  }

  @Test
  void tcpWithoutATokenGetsNoDataBeforeTheError() throws Exception {
    start(options().withTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false));
    try (RawConnection raw = RawConnection.tcp(agent.descriptor())) {
      raw.writeLine("{\"type\":\"ping\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\"}");
      assertThat(raw.readUntilClosed()).extracting(Frame::message).containsExactly(
          new InspectMessage.ErrorMessage("a token is required first on TCP, got a ping message"));
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(30)
  void aTcpClientThatNeverSendsTheTokenIsCutOffAndGetsNothing() throws Exception {
    agent = InspectAgent.start(options().withTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false),
        events, (re, command, client) -> new InspectMessage.Reply(re, true, "unused", null), java.time.Duration.ofMillis(200));
    try (RawConnection silent = RawConnection.tcp(agent.descriptor());
        RecordingClient other = new RecordingClient(agent.descriptor().unixTarget())) {
      assertThat(silent.readUntilClosed()).isEmpty();
      assertThat(other.client.request(new InspectMessage.Ping()).get(10, TimeUnit.SECONDS).ok()).isTrue();
    }
  }

  @Test
  void aNonLoopbackAddressNeedsAllowRemote() {
    InspectOptions remote = options().withTcp(new InetSocketAddress("0.0.0.0", 0), false);
    assertThatThrownBy(() -> start(remote))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inspect address 0.0.0.0 is not loopback; pass --inspect-allow-remote to listen on it anyway");
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void aStalledClientGetsAGapAndAFreshSnapshotWhileOthersGetEveryEvent() throws Exception {
    start(options().withQueueCapacity(16));
    int count = 5_000;
    String bulk = "x".repeat(1000);
    try (RawConnection stalled = RawConnection.unix(agent.descriptor());
        RecordingClient reader = new RecordingClient(agent.descriptor().unixTarget())) {
      await().until(() -> events.subscriptions() == 2 && reader.frames.size() == 2);
      // Batches smaller than the queue, each awaited, so the reading client never falls behind;
      // the publisher is never blocked by the stalled one (or this loop would not end).
      for (int i = 0; i < count; i++) {
        events.publish(new ServiceEvent.Log(T0, 2L, "WARN", "demo.Web", i + " " + bulk));
        if (i % 8 == 7) {
          assertThat(reader.awaitFrames(2 + i + 1)).isTrue();
        }
      }
      events.transition(2, State.STOPPING);
      assertThat(reader.awaitFrames(2 + count + 1)).isTrue();
      assertThat(reader.frames).hasSize(2 + count + 1);
      assertThat(reader.frames.subList(2, 2 + count)).extracting(f -> logIndex(f.message())).isEqualTo(range(count));

      List<Frame> got = readUntilWebIsStopping(stalled);
      assertThat(got).extracting(Frame::seq)
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, got.size()).boxed().toList());
      assertThat(got.get(0).type()).isEqualTo("hello");
      assertThat(got.get(1).type()).isEqualTo("snapshot");
      List<String> types = got.stream().map(Frame::type).toList();
      assertThat(types).contains("gap");
      for (int i = 0; i < types.size(); i++) {
        if (types.get(i).equals("gap")) {
          assertThat(types.get(i + 1)).as("what follows a gap").isEqualTo("snapshot");
          assertThat(((ServiceEvent.Gap) ((InspectMessage.Event) got.get(i).message()).event()).dropped()).isPositive();
        }
      }
      List<Integer> logs = got.stream().filter(f -> f.type().equals("log")).map(f -> logIndex(f.message())).toList();
      assertThat(logs).as("log events in publishing order, none twice").isSorted().doesNotHaveDuplicates();
      assertThat(logs.size()).isLessThan(count);
    }
  }

  /**
   * The shrunk case of the order bug: room for two events, a client that stops reading while a
   * burst overflows its queue and keeps sending pings. Whatever the interleaving, each gap is the
   * line right before a snapshot (no reply, no event between them), every log line is either read
   * or counted by a gap, exactly once, and every ping gets its reply.
   */
  @Test
  void withRoomForTwoEventsEachGapIsFollowedAtOnceByItsSnapshotAndTheCountsAddUp() throws Exception {
    start(options().withQueueCapacity(2));
    int count = 3_000;
    int pings = 50;
    String bulk = "x".repeat(2000);
    try (RawConnection stalled = RawConnection.unix(agent.descriptor())) {
      assertThat(MessageCodec.decode(stalled.readLine()).type()).isEqualTo("hello");
      assertThat(MessageCodec.decode(stalled.readLine()).type()).isEqualTo("snapshot");
      for (int i = 0; i < count; i++) {
        events.publish(new ServiceEvent.Log(T0, 2L, "WARN", "demo.Web", i + " " + bulk));
        if (i % (count / pings) == 0) {
          stalled.writeLine(MessageCodec.encode(new Frame(i / (count / pings) + 1, T0, new InspectMessage.Ping())));
        }
      }
      events.transition(2, State.STOPPING);

      List<Frame> got = new java.util.ArrayList<>();
      long logs = 0;
      long dropped = 0;
      int replies = 0;
      boolean stopping = false;
      while (!stopping || replies < pings) {
        Frame frame = MessageCodec.decode(stalled.readLine());
        got.add(frame);
        switch (frame.message()) {
          case InspectMessage.Event(ServiceEvent.Log log) -> logs++;
          case InspectMessage.Event(ServiceEvent.Gap gap) -> dropped += gap.dropped();
          case InspectMessage.Event(ServiceEvent.Transition t) -> stopping = true;
          case InspectMessage.Event(ServiceEvent.Snapshot snap) ->
              stopping |= snap.services().get(1).state() == State.STOPPING;
          case InspectMessage.Reply reply -> replies++;
          default -> { }
        }
      }
      List<String> types = got.stream().map(Frame::type).toList();
      assertThat(types).contains("gap");
      for (int i = 0; i < types.size(); i++) {
        if (types.get(i).equals("gap")) {
          assertThat(types.get(i + 1)).as("the line after gap number " + i).isEqualTo("snapshot");
        }
      }
      boolean transitionRead = types.contains("transition");
      assertThat(logs + dropped).as("log lines read plus those the gaps counted")
          .isEqualTo(count + (transitionRead ? 0 : 1));
      assertThat(replies).isEqualTo(pings);
    }
  }

  /** Reads until the last published change (Web to STOPPING) is known, delivered or in a snapshot. */
  static List<Frame> readUntilWebIsStopping(RawConnection connection) throws IOException {
    List<Frame> got = new java.util.ArrayList<>();
    while (true) {
      Frame frame = MessageCodec.decode(connection.readLine());
      got.add(frame);
      if (frame.message() instanceof InspectMessage.Event(ServiceEvent.Transition t) && t.to() == State.STOPPING) {
        return got;
      }
      if (got.size() > 2 && frame.message() instanceof InspectMessage.Event(ServiceEvent.Snapshot snapshot)
          && snapshot.services().get(1).state() == State.STOPPING) {
        return got;
      }
    }
  }

  static int logIndex(InspectMessage message) {
    String text = ((ServiceEvent.Log) ((InspectMessage.Event) message).event()).message();
    return Integer.parseInt(text.substring(0, text.indexOf(' ')));
  }

  static List<Integer> range(int n) {
    return java.util.stream.IntStream.range(0, n).boxed().toList();
  }
}
