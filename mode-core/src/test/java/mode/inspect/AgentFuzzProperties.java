package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * 1,000 connections of 10 random frames each (10,000 frames: valid commands, broken JSON,
 * random bytes, invalid UTF-8, unknown types, oversized lines) against a worker in a child JVM
 * over its Unix socket: each connection gets only well-formed lines and at most one error, last;
 * another client is served throughout, and the worker's services are untouched at the end. The
 * lifecycle commands name ids that do not exist, so they are answered without changing the tree.
 */
class AgentFuzzProperties {

  private static Path dir;
  private static ChildWorker worker;
  private static Descriptor descriptor;
  private static RecordingClient observer;

  /** One frame to send; {@code %SEQ%} is replaced by the frame's position + 1. */
  record FuzzFrame(String kind, byte[] bytes) {
    byte[] at(int seq) {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      return text.replace("%SEQ%", Integer.toString(seq)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
      return kind + ":" + new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.ISO_8859_1);
    }
  }

  @BeforeContainer
  static void startWorker() throws IOException {
    dir = Files.createTempDirectory("mode-fuzz");
    worker = ChildWorker.start(dir.resolve("inspect"), List.of(), InspectTestWorker.class);
    descriptor = worker.awaitDescriptor();
    observer = new RecordingClient(descriptor.unixTarget());
  }

  @AfterContainer
  static void stopWorker() throws Exception {
    try {
      assertThat(worker.process.isAlive()).isTrue();
      try (RecordingClient fresh = new RecordingClient(descriptor.unixTarget())) {
        assertThat(fresh.awaitFrames(2)).isTrue();
        ServiceEvent.Snapshot snapshot = (ServiceEvent.Snapshot) ((InspectMessage.Event) fresh.frames.get(1).message()).event();
        assertThat(snapshot.services()).extracting(ServiceInfo::state).containsOnly(State.RUNNING).hasSize(4);
      }
      observer.close();
      worker.terminate();
    } finally {
      worker.close();
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Property(tries = 1000)
  void randomFramesNeverDisturbTheAgentOrOtherClients(@ForAll("sessions") List<FuzzFrame> frames) throws Exception {
    List<Frame> received;
    try (RawConnection raw = RawConnection.unix(descriptor)) {
      for (int i = 0; i < frames.size(); i++) {
        raw.writeQuietly(frames.get(i).at(i + 1));
      }
      raw.channel.shutdownOutput();
      received = raw.readUntilClosed();
    } catch (IOException agentClosedFirst) {
      received = List.of();
    }
    assertWellFormedAnswer(received);
    assertThat(observer.client.request(new InspectMessage.Ping()).get(10, TimeUnit.SECONDS).ok()).isTrue();
  }

  private static void assertWellFormedAnswer(List<Frame> received) {
    if (received.isEmpty()) {
      return;
    }
    assertThat(received.getFirst().type()).isEqualTo("hello");
    for (int i = 0; i < received.size(); i++) {
      assertThat(received.get(i).seq()).isEqualTo(i + 1);
      if (received.get(i).message() instanceof InspectMessage.ErrorMessage) {
        assertThat(i).as("an error is the last line").isEqualTo(received.size() - 1);
      }
    }
    assertThat(received).extracting(Frame::type).allMatch(t -> List.of("hello", "snapshot", "reply", "log", "error").contains(t));
    // The agent logs a warning about the bad input, and a warning is an event this very client is
    // subscribed to: on a busy machine it can arrive before the error line. No other log may.
    assertThat(received).filteredOn(frame -> frame.type().equals("log"))
        .extracting(frame -> (ServiceEvent.Log) ((InspectMessage.Event) frame.message()).event())
        .allSatisfy(log -> {
          assertThat(log.level()).isEqualTo("WARN");
          assertThat(log.logger()).isEqualTo(ClientSession.class.getName());
          assertThat(log.message()).startsWith("inspect client ");
        });
  }

  @Provide
  Arbitrary<List<FuzzFrame>> sessions() {
    return frame().list().ofSize(10);
  }

  static final List<String> VALID = List.of(
      "{\"type\":\"ping\",\"seq\":%SEQ%,\"ts\":\"2026-11-28T05:12:15.084Z\"}",
      "{\"type\":\"start\",\"seq\":%SEQ%,\"ts\":\"2026-11-28T05:12:15.084Z\",\"service\":9001}",
      "{\"type\":\"restart\",\"seq\":%SEQ%,\"ts\":\"2026-11-28T05:12:15.084Z\",\"service\":-3}",
      "{\"type\":\"stop\",\"seq\":%SEQ%,\"ts\":\"2026-11-28T05:12:15.084Z\",\"service\":0}");

  static Arbitrary<FuzzFrame> frame() {
    return Arbitraries.frequencyOf(
        Tuple.of(30, Arbitraries.of(VALID).map(line -> frame("valid", line + "\n"))),
        Tuple.of(25, mutated()),
        Tuple.of(15, Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(b -> new FuzzFrame("bytes", withNewline(b)))),
        Tuple.of(10, Arbitraries.strings().all().ofMaxLength(120).map(s -> frame("text", s + "\n"))),
        Tuple.of(10, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(t ->
            frame("unknown", "{\"type\":\"" + t + "\",\"seq\":%SEQ%,\"ts\":\"2026-11-28T05:12:15.084Z\"}\n"))),
        Tuple.of(9, Arbitraries.of((byte) 0x80, (byte) 0xc3, (byte) 0xff, (byte) 0xed).map(b ->
            new FuzzFrame("utf8", new byte[] {'{', '"', b, '"', '}', '\n'}))),
        Tuple.of(1, Arbitraries.just(oversized())));
  }

  static Arbitrary<FuzzFrame> mutated() {
    return Arbitraries.of(VALID).flatMap(line -> Arbitraries.integers().between(0, line.length() - 1).flatMap(at ->
        Arbitraries.strings().withChars("{}[]\",:\\0123456789eE.-ntrufalse \t").ofMaxLength(4).map(insert ->
            frame("mutated", line.substring(0, at) + insert + line.substring(Math.min(line.length(), at + 1)) + "\n"))));
  }

  static FuzzFrame frame(String kind, String text) {
    return new FuzzFrame(kind, text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] withNewline(byte[] bytes) {
    byte[] line = Arrays.copyOf(bytes, bytes.length + 1);
    line[bytes.length] = '\n';
    return line;
  }

  static FuzzFrame oversized() {
    byte[] bytes = new byte[ClientSession.MAX_LINE_BYTES + 100];
    Arrays.fill(bytes, (byte) ' ');
    bytes[bytes.length - 1] = '\n';
    return new FuzzFrame("oversized", bytes);
  }

}
