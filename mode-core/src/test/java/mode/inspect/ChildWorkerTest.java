package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mode.BuildInfo;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.inspect.cli.InspectCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attaching to workers in child JVMs over their real sockets. */
class ChildWorkerTest {

  @TempDir Path tmp;

  Path dir() {
    return tmp.resolve("inspect");
  }

  static ServiceEvent.Snapshot snapshotOf(RecordingClient client) throws InterruptedException {
    assertThat(client.awaitFrames(2)).isTrue();
    return (ServiceEvent.Snapshot) ((InspectMessage.Event) client.frames.get(1).message()).event();
  }

  static long idOf(ServiceEvent.Snapshot snapshot, String label) {
    return snapshot.services().stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow().id();
  }

  static List<ServiceEvent.Transition> transitions(List<Frame> frames) {
    return frames.stream()
        .filter(f -> f.message() instanceof InspectMessage.Event(ServiceEvent.Transition t))
        .map(f -> (ServiceEvent.Transition) ((InspectMessage.Event) f.message()).event())
        .toList();
  }

  static List<String> restartOf(long id, int restartCount) {
    return List.of(id + " RUNNING->STOPPING " + (restartCount - 1), id + " STOPPING->SHUTDOWN " + (restartCount - 1),
        id + " SHUTDOWN->INIT " + restartCount, id + " INIT->STARTING " + restartCount,
        id + " STARTING->RUNNING " + restartCount);
  }

  static String describe(ServiceEvent.Transition t) {
    return t.serviceId() + " " + t.from() + "->" + t.to() + " " + t.restartCount();
  }

  @Test
  void snapshotThenDeltasArriveInOrderAndTheDotIsTheWorkersOwn() throws Exception {
    Path dot = tmp.resolve("in-process.dot");
    try (ChildWorker child = ChildWorker.start(dir(), List.of(), InspectTestWorker.class, "--dot", dot.toString())) {
      Descriptor descriptor = child.awaitDescriptor();
      assertThat(descriptor.name()).isEqualTo("TestWorker");
      assertThat(descriptor.mainClass()).isEqualTo(InspectTestWorker.class.getName());
      try (RecordingClient client = new RecordingClient(descriptor.unixTarget())) {
        ServiceEvent.Snapshot snapshot = snapshotOf(client);
        InspectMessage.Hello hello = (InspectMessage.Hello) client.frames.getFirst().message();
        assertThat(hello.client()).matches("client \\d+");
        assertThat(hello).isEqualTo(new InspectMessage.Hello(1, child.process.pid(),
            "TestWorker", InspectTestWorker.class.getName(), descriptor.startedAt(), BuildInfo.version(), BuildInfo.commit(),
            hello.client()));
        assertThat(snapshot.services()).extracting(ServiceInfo::label).containsExactly("Worker", "App", "Web", "Cache");
        assertThat(snapshot.services()).extracting(ServiceInfo::state).containsOnly(State.RUNNING);
        long cache = idOf(snapshot, "Cache");

        InspectMessage.Reply reply = client.client.request(new InspectMessage.Restart(cache)).get(30, TimeUnit.SECONDS);

        assertThat(reply.message()).isEqualTo("restarted Cache (id " + cache + "), now RUNNING");
        assertThat(client.awaitFrames(frames -> transitions(frames).size() == 5)).isTrue();
        assertThat(transitions(client.frames)).extracting(ChildWorkerTest::describe).isEqualTo(restartOf(cache, 1));
      }
      StringWriter out = new StringWriter();
      int code = InspectCli.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
          .execute("export-dot", "--pid", Long.toString(child.process.pid()), "--dir", dir().toString());
      assertThat(code).isZero();
      assertThat(out.toString()).isEqualTo(Files.readString(dot));
    }
  }

  @Test
  void tcpNeedsTheTokenFromTheDescriptor() throws Exception {
    try (ChildWorker child = ChildWorker.start(dir(), List.of(), InspectTestWorker.class, "--inspect=127.0.0.1:0")) {
      Descriptor descriptor = child.awaitDescriptor();
      InspectTarget.Tcp tcp = descriptor.tcpTarget().orElseThrow();
      assertThat(tcp.host()).isEqualTo("127.0.0.1");
      try (RecordingClient wrong = new RecordingClient(new InspectTarget.Tcp(tcp.host(), tcp.port(), tcp.token() + "x"))) {
        assertThat(wrong.closed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.messages()).containsExactly(new InspectMessage.ErrorMessage("wrong token"));
      }
      try (RawConnection none = RawConnection.tcp(descriptor)) {
        none.writeLine("{\"type\":\"threadDump\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\"}");
        assertThat(none.readUntilClosed()).extracting(Frame::message).containsExactly(
            new InspectMessage.ErrorMessage("a token is required first on TCP, got a threadDump message"));
      }
      try (RecordingClient right = new RecordingClient(tcp)) {
        ServiceEvent.Snapshot snapshot = snapshotOf(right);
        assertThat(snapshot.services()).hasSize(4);
        long web = idOf(snapshot, "Web");
        assertThat(right.client.request(new InspectMessage.Restart(web)).get(30, TimeUnit.SECONDS).ok()).isTrue();
        assertThat(right.awaitFrames(frames -> transitions(frames).size() == 5)).isTrue();
        assertThat(transitions(right.frames)).extracting(ChildWorkerTest::describe).isEqualTo(restartOf(web, 1));
      }
    }
  }

  @Test
  void aFloodOfConnectionsIsCappedAndTheWorkerServesAgainAfterwards() throws Exception {
    try (ChildWorker child = ChildWorker.start(dir(), List.of(), InspectTestWorker.class)) {
      Descriptor descriptor = child.awaitDescriptor();
      List<RawConnection> flood = new ArrayList<>();
      try {
        for (int i = 0; i < 50; i++) {
          flood.add(RawConnection.unix(descriptor));
        }
        List<String> firstLines = new ArrayList<>();
        for (RawConnection connection : flood) {
          firstLines.add(MessageCodec.decode(connection.readLine()).type());
        }
        assertThat(firstLines.subList(0, InspectOptions.DEFAULT_MAX_CLIENTS)).containsOnly("hello");
        assertThat(firstLines.subList(InspectOptions.DEFAULT_MAX_CLIENTS, 50)).containsOnly("error");
      } finally {
        for (RawConnection connection : flood) {
          connection.close();
        }
      }
      org.awaitility.Awaitility.await().until(() -> {
        try (RawConnection again = RawConnection.unix(descriptor)) {
          return MessageCodec.decode(again.readLine()).type().equals("hello");
        }
      });
      assertThat(child.process.isAlive()).isTrue();
    }
  }

  @Test
  void aStalledClientChangesNothingForTheWorkerAndLaterGetsGapAndSnapshot() throws Exception {
    int restarts = 600;
    try (ChildWorker child = ChildWorker.start(dir(), List.of("-D" + InspectOptions.QUEUE_CAPACITY_PROPERTY + "=16"),
            InspectTestWorker.class);
        RawConnection stalled = RawConnection.unix(child.awaitDescriptor());
        RecordingClient active = new RecordingClient(child.awaitDescriptor().unixTarget())) {
      long cache = idOf(snapshotOf(active), "Cache");
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= restarts; i++) {
        InspectMessage.Reply reply = active.client.request(new InspectMessage.Restart(cache)).get(30, TimeUnit.SECONDS);
        assertThat(reply.ok()).as(reply.message()).isTrue();
        int done = i;
        assertThat(active.awaitFrames(frames -> transitions(frames).size() == 5 * done)).isTrue();
        expected.addAll(restartOf(cache, i));
      }
      assertThat(transitions(active.frames)).extracting(ChildWorkerTest::describe).isEqualTo(expected);

      List<Frame> got = readUntilRestarted(stalled, cache, restarts);
      List<String> types = got.stream().map(Frame::type).toList();
      assertThat(types.subList(0, 2)).containsExactly("hello", "snapshot");
      assertThat(types).contains("gap");
      for (int i = 0; i < types.size(); i++) {
        if (types.get(i).equals("gap")) {
          assertThat(types.get(i + 1)).isEqualTo("snapshot");
        }
      }
      assertThat(transitions(got).size()).isLessThan(5 * restarts);
    }
  }

  /** Reads until the stream shows the last restart done (as a transition or in a snapshot). */
  static List<Frame> readUntilRestarted(RawConnection connection, long id, int restarts) throws IOException {
    List<Frame> got = new ArrayList<>();
    while (true) {
      Frame frame = MessageCodec.decode(connection.readLine());
      got.add(frame);
      if (frame.message() instanceof InspectMessage.Event(ServiceEvent event)) {
        boolean done = switch (event) {
          case ServiceEvent.Transition t -> t.serviceId() == id && t.restartCount() == restarts && t.to() == State.RUNNING;
          case ServiceEvent.Snapshot s -> got.size() > 2 && s.services().stream()
              .anyMatch(i -> i.id() == id && i.restartCount() == restarts && i.state() == State.RUNNING);
          default -> false;
        };
        if (done) {
          return got;
        }
      }
    }
  }

  @Test
  void theWorkersExitRemovesItsSocketAndDescriptor() throws Exception {
    try (ChildWorker child = ChildWorker.start(dir(), List.of(), InspectTestWorker.class)) {
      Descriptor descriptor = child.awaitDescriptor();
      Path socket = Path.of(descriptor.socket());
      assertThat(socket).exists();
      assertThat(child.terminate()).isZero();
      assertThat(socket).doesNotExist();
      try (var files = Files.list(dir())) {
        assertThat(files.toList()).isEmpty();
      }
    }
  }

  @Test
  void aCrashedWorkerAlsoRemovesItsFiles() throws Exception {
    try (ChildWorker child = ChildWorker.start(dir(), List.of(), InspectTestWorker.class, "--crash")) {
      int exit = child.awaitExit();
      assertThat(exit).as(String.join("\n", child.output)).isEqualTo(1);
      assertThat(String.join("\n", child.output)).contains("crash requested by --crash");
      try (var files = Files.list(dir())) {
        assertThat(files.toList()).isEmpty();
      }
    }
  }

  @Test
  void aWorkerWhoseInspectFolderIsUnusableRunsWithoutTheAgent() throws Exception {
    Path notAFolder = Files.writeString(tmp.resolve("file"), "in the way");
    try (ChildWorker child = ChildWorker.start(notAFolder, List.of(), InspectTestWorker.class)) {
      child.awaitReady();
      assertThat(child.output).anyMatch(l -> l.contains("[WARNING]")
          && l.contains("Inspect agent not started, the worker runs without it: inspect directory " + notAFolder));
      assertThat(child.terminate()).isZero();
    }
  }

  @Test
  void noInspectMeansNoSocketAndNoDescriptor() throws Exception {
    try (ChildWorker child = ChildWorker.start(dir(), List.of(), InspectTestWorker.class, "--no-inspect")) {
      child.awaitReady();
      assertThat(dir()).doesNotExist();
      assertThat(child.terminate()).isZero();
    }
  }

  @Test
  void aNonLoopbackAddressIsRefusedWithoutAllowRemote() throws Exception {
    try (ChildWorker child = ChildWorker.start(dir(), List.of(), InspectTestWorker.class, "--inspect=0.0.0.0:0")) {
      assertThat(child.awaitExit()).isEqualTo(1);
      assertThat(String.join("\n", child.output))
          .contains("inspect address 0.0.0.0 is not loopback; pass --inspect-allow-remote to listen on it anyway");
      try (var files = Files.list(dir())) {
        assertThat(files.toList()).isEmpty();
      }
    }
  }

  @Test
  void aMalformedInspectAddressIsAUsageError() throws Exception {
    try (ChildWorker child = ChildWorker.start(dir(), List.of(), InspectTestWorker.class, "--inspect=localhost")) {
      assertThat(child.awaitExit()).isEqualTo(2);
      assertThat(String.join("\n", child.output))
          .contains("Invalid value for option '--inspect': --inspect needs HOST:PORT, got 'localhost'");
    }
  }

  @Test
  void aKilledWorkersDescriptorIsStaleAndCleanedByTheNextReader() throws Exception {
    try (ChildWorker child = ChildWorker.start(dir(), List.of(), InspectTestWorker.class)) {
      Descriptor descriptor = child.awaitDescriptor();
      child.process.destroyForcibly();
      child.process.waitFor(30, TimeUnit.SECONDS);
      try (var files = Files.list(dir())) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
            .containsExactly(child.process.pid() + "-1.json", child.process.pid() + "-1.sock");
      }
      assertThat(InspectDirectory.open(dir()).workers()).doesNotContain(descriptor).isEmpty();
      try (var files = Files.list(dir())) {
        assertThat(files.toList()).isEmpty();
      }
    }
  }
}
