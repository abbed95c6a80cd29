package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.events.ServiceInfo.TimerInfo;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  static final Instant T0 = Instant.parse("2026-11-28T05:12:15.084Z");

  /** One frame of every message type, in the order of golden-lines.jsonl. */
  static List<Frame> everyMessage() {
    Instant t1 = T0.plusMillis(1);
    ServiceInfo app =
        new ServiceInfo(1, "App", "App", "demo.App", State.RUNNING, null, List.of(2L, 3L), T0,
            T0, Duration.ofMillis(12), null, 0, null, null,
            List.of(new TimerInfo("flush", "timer", "0.5", 10, 1)), java.util.Map.of("FLUSHING", T0));
    ServiceInfo web =
        new ServiceInfo(2, "Web: port 8080", "Web", "demo.Web", State.CRASHED, 1L, List.of(),
            T0, null, null, null, 1, "java.io.IOException: \"port\" in use",
            "java.io.IOException: \"port\" in use\n\tat demo.Web.onStart(Web.java:12)\n", List.of());
    return List.of(
        new Frame(1, T0, new InspectMessage.Hello(1, 4242, "App", "demo.Main", T0.minusSeconds(3), "0.1.0", "3f2a9c1d0b7e",
            "client 3")),
        new Frame(2, T0, new InspectMessage.Event(new ServiceEvent.Snapshot(T0, List.of(app, web)))),
        new Frame(3, t1, new InspectMessage.Event(new ServiceEvent.ServiceAdded(t1, web))),
        new Frame(4, t1, new InspectMessage.Event(new ServiceEvent.ServiceRemoved(t1, 2))),
        new Frame(5, t1, new InspectMessage.Event(new ServiceEvent.DependencyAdded(t1, 1, 3))),
        new Frame(6, t1, new InspectMessage.Event(new ServiceEvent.DependencyRemoved(t1, 1, 3))),
        new Frame(7, t1, new InspectMessage.Event(
            new ServiceEvent.Transition(t1, 3, State.STARTING, State.RUNNING, 0, null, null))),
        new Frame(8, t1, new InspectMessage.Event(new ServiceEvent.Transition(t1, 2, State.RUNNING,
            State.CRASHED, 1, "java.lang.IllegalStateException: boom",
            "java.lang.IllegalStateException: boom\n\tat demo.Web.serve(Web.java:40)\n"))),
        new Frame(9, t1, new InspectMessage.Event(new ServiceEvent.TimerStats(t1, 1, "flush", 11, 1))),
        new Frame(10, t1, new InspectMessage.Event(new ServiceEvent.Blocking(t1, 1, "onStart",
            Duration.ofMillis(1500), "\tat java.base/java.lang.Thread.sleep(Thread.java:509)\n"))),
        new Frame(11, t1, new InspectMessage.Event(
            new ServiceEvent.Log(t1, 2L, "WARN", "demo.Web", "slow request: ünïcödé ✓"))),
        new Frame(12, t1, new InspectMessage.Event(new ServiceEvent.Log(t1, null, "ERROR", "mode.Worker", "no root"))),
        new Frame(13, t1, new InspectMessage.Event(new ServiceEvent.Gap(t1, 1024))),
        new Frame(14, t1, new InspectMessage.Reply(3, true, "restarted Web: port 8080 (id 2)", null)),
        new Frame(15, t1, new InspectMessage.Reply(4, true, "thread dump", "\"main\" #1\n")),
        new Frame(16, t1, new InspectMessage.ErrorMessage("unknown command 'reboot'")),
        new Frame(17, t1, new InspectMessage.Event(new ServiceEvent.FlagChanged(t1, 1, "FLUSHING", false))),
        new Frame(18, t1, new InspectMessage.Event(new ServiceEvent.Transition(t1, 2, State.SHUTDOWN, State.INIT, 2,
            null, null, ServiceEvent.Transition.OPERATOR, "client 3"))),
        new Frame(19, t1, new InspectMessage.Event(new ServiceEvent.Transition(t1, 3, State.SHUTDOWN, State.INIT, 2,
            null, null, ServiceEvent.Transition.PARENT, null))),
        new Frame(1, t1, new InspectMessage.Auth("3q2+7w==")),
        new Frame(2, t1, new InspectMessage.Start(2)),
        new Frame(3, t1, new InspectMessage.Stop(2)),
        new Frame(4, t1, new InspectMessage.Restart(2)),
        new Frame(5, t1, new InspectMessage.ThreadDump()),
        new Frame(6, t1, new InspectMessage.Ping()),
        new Frame(7, t1, new InspectMessage.Stacks(2)),
        new Frame(18, t1, new InspectMessage.Reply(7, true, "Web (id 2): 1 thread running its code",
            "Web (id 2): 1 thread running its code\n", List.of(new ThreadStack("Web.serve", 31, true, "TIMED_WAITING",
                "task serve", T0, List.of("java.base/java.lang.Thread.sleep(Thread.java:509)",
                    "demo.Web.serve(Web.java:40)"), 3)))),
        new Frame(19, t1, new InspectMessage.Reply(8, false, "stacks: no service with id 99 under App", null)),
        // A timer's optional run fields: a failed run (nothing scheduled after it), and a timer
        // that ran and is due again.
        new Frame(20, t1, new InspectMessage.Event(
            new ServiceEvent.TimerStats(t1, 1, "flush", 12, 1, 1, t1, null))),
        new Frame(21, t1, new InspectMessage.Event(new ServiceEvent.ServiceAdded(t1,
            new ServiceInfo(4, "Poller", "Poller", "demo.Poller", State.RUNNING, 1L, List.of(), T0, T0,
                Duration.ofMillis(3), null, 0, null, null,
                List.of(new TimerInfo("poll", "timer", "0.5", 7, 0, 2, t1, t1.plusMillis(500))))))),
        new Frame(22, t1, new InspectMessage.Event(new ServiceEvent.ServiceAdded(t1, new ServiceInfo(26,
            "OneForOneSupervisor: (1@26)", "OneForOneSupervisor: (1@26)", "mode.supervisors.OneForOneSupervisor",
            State.RUNNING, 1L, List.of(27L), T0, T0, Duration.ofMillis(3), null, 0, null, null, List.of(),
            java.util.Map.of(), new ServiceInfo.SupervisorInfo("one-for-one", true, 1, Duration.ofSeconds(26),
                List.of(27L)))))));
  }

  static List<String> goldenLines() throws IOException {
    try (InputStream in = MessageCodecTest.class.getResourceAsStream("golden-lines.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void everyMessageEncodesToItsGoldenLine() throws IOException {
    List<String> encoded = everyMessage().stream().map(MessageCodec::encode).toList();
    assertThat(encoded).containsExactlyElementsOf(goldenLines());
  }

  @Test
  void everyGoldenLineDecodesToItsMessage() throws IOException {
    List<Frame> decoded = goldenLines().stream().map(MessageCodec::decode).toList();
    assertThat(decoded).containsExactlyElementsOf(everyMessage());
  }

  @Test
  void unknownTypeDecodesToUnknownKeepingTheLine() {
    String line = "{\"type\":\"metrics\",\"seq\":9,\"ts\":\"2026-11-28T05:12:15.084Z\",\"cpu\":0.5}";
    assertThat(MessageCodec.decode(line))
        .isEqualTo(new Frame(9, T0, new InspectMessage.Unknown("metrics", line)));
  }

  @Test
  void fieldsOfALaterVersionAreIgnored() {
    String line = "{\"type\":\"gap\",\"seq\":3,\"ts\":\"2026-11-28T05:12:15.084Z\","
        + "\"at\":\"2026-11-28T05:12:15.084Z\",\"dropped\":7,\"reason\":\"queue full\"}";
    assertThat(MessageCodec.decode(line).message())
        .isEqualTo(new InspectMessage.Event(new ServiceEvent.Gap(T0, 7)));
  }

  @Test
  void aHelloWithoutVersionFromAnOlderAgentDecodesWithEmptyVersionAndCommit() {
    String line = "{\"type\":\"hello\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\",\"protocol\":1,\"pid\":4242,"
        + "\"name\":\"App\",\"mainClass\":\"demo.Main\",\"startedAt\":\"2026-11-28T05:12:15.084Z\"}";
    assertThat(MessageCodec.decode(line).message())
        .isEqualTo(new InspectMessage.Hello(1, 4242, "App", "demo.Main", T0, "", ""));
  }

  @Test
  void malformedJsonIsRejectedNamingTheLine() {
    assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"ping\",\"seq\":1,"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("malformed JSON line '{\"type\":\"ping\",\"seq\":1,'");
  }

  @Test
  void aLineThatIsNotAnObjectIsRejected() {
    assertThatThrownBy(() -> MessageCodec.decode("[1,2]"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("a line must hold a JSON object, got '[1,2]'");
  }

  @Test
  void trailingDataAfterTheObjectIsRejected() {
    assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"ping\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\"} {}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("malformed JSON line");
  }

  @Test
  void trailingDataAfterAnEventIsRejected() {
    String line = "{\"type\":\"gap\",\"seq\":3,\"ts\":\"2026-11-28T05:12:15.084Z\","
        + "\"at\":\"2026-11-28T05:12:15.084Z\",\"dropped\":7} x";
    assertThatThrownBy(() -> MessageCodec.decode(line))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("malformed JSON line");
  }

  @Test
  void envelopeFieldsAreRequiredAndChecked() {
    assertThatThrownBy(() -> MessageCodec.decode("{\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\"}"))
        .hasMessage("missing or invalid 'type' in '{\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\"}'");
    assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"ping\",\"seq\":-1,\"ts\":\"2026-11-28T05:12:15.084Z\"}"))
        .hasMessage("missing or invalid 'seq' -1 in a ping message");
    assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"ping\",\"seq\":1.5,\"ts\":\"2026-11-28T05:12:15.084Z\"}"))
        .hasMessage("missing or invalid 'seq' 1.5 in a ping message");
    assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"ping\",\"seq\":1,\"ts\":\"yesterday\"}"))
        .hasMessage("invalid 'ts' \"yesterday\" in a ping message");
  }

  @Test
  void commandsNeedANumericServiceId() {
    assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"restart\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\",\"service\":\"Web\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("missing or invalid 'service' \"Web\" in a restart command");
  }

  @Test
  void aKnownMessageWithAFieldOfTheWrongTypeIsRejectedNamingIt() {
    String line = "{\"type\":\"transition\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\","
        + "\"at\":\"2026-11-28T05:12:15.084Z\",\"serviceId\":3,\"from\":\"RUNNING\",\"to\":\"EXPLODED\"}";
    assertThatThrownBy(() -> MessageCodec.decode(line))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("invalid transition message")
        .hasMessageContaining("EXPLODED");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"ping\",\"type\":\"stop\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Duplicate field 'type'");
  }

  @Test
  void anUnknownMessageCannotBeEncoded() {
    assertThatThrownBy(() -> MessageCodec.encode(new Frame(1, T0, new InspectMessage.Unknown("metrics", "{}"))))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("cannot encode a message of unknown type 'metrics'");
  }
  @Test
  void everyGoldenEventLineIsReadInOnePassToWhatTheTreeReads() throws IOException {
    List<String> lines = goldenLines();
    for (int i = 0; i < lines.size(); i++) {
      Frame expected = everyMessage().get(i);
      Frame streamed = streamDecode(lines.get(i));
      if (expected.message() instanceof InspectMessage.Event) {
        assertThat(streamed).as(lines.get(i)).isEqualTo(expected).isEqualTo(TreeDecoder.decode(lines.get(i)));
      } else {
        assertThat(streamed).as("not an event, left to the tree: " + lines.get(i)).isNull();
      }
    }
  }

  @Test
  void everyGoldenLineDecodesFromItsBytesToItsMessage() throws IOException {
    List<Frame> decoded = goldenLines().stream().map(line -> {
      byte[] bytes = ("xx" + line + "\n").getBytes(StandardCharsets.UTF_8);
      return MessageCodec.decode(bytes, 2, bytes.length - 3);
    }).toList();
    assertThat(decoded).containsExactlyElementsOf(everyMessage());
  }

  @Test
  void anEventLineWithItsEnvelopeLastDecodesAsWithItFirst() {
    String line = "{\"at\":\"2026-11-28T05:12:15.084Z\",\"dropped\":7,"
        + "\"ts\":\"2026-11-28T05:12:15.084Z\",\"seq\":3,\"type\":\"gap\"}";
    assertThat(streamDecode(line)).isNull();
    assertThat(MessageCodec.decode(line)).isEqualTo(new Frame(3, T0, new InspectMessage.Event(new ServiceEvent.Gap(T0, 7))));
  }

  @Test
  void aTransitionWithItsFieldsInAnotherOrderIsReadInOnePass() {
    String line = "{\"type\":\"transition\",\"seq\":7,\"ts\":\"2026-11-28T05:12:15.084Z\",\"crashStack\":\"at x\\n\","
        + "\"to\":\"CRASHED\",\"crashReason\":\"boom\",\"from\":\"RUNNING\",\"restartCount\":2,\"serviceId\":3,"
        + "\"at\":\"2026-11-28T05:12:15.084Z\"}";
    Frame expected = new Frame(7, T0, new InspectMessage.Event(
        new ServiceEvent.Transition(T0, 3, State.RUNNING, State.CRASHED, 2, "boom", "at x\n")));
    assertThat(streamDecode(line)).isEqualTo(expected);
    assertThat(MessageCodec.decode(line)).isEqualTo(expected);
  }

  @Test
  void aTransitionWithAnExtraFieldDecodesAndOneMissingAFieldFailsAsInTheTree() {
    String extra = "{\"type\":\"transition\",\"seq\":7,\"ts\":\"2026-11-28T05:12:15.084Z\",\"at\":\"2026-11-28T05:12:15.084Z\","
        + "\"serviceId\":3,\"from\":\"STARTING\",\"to\":\"RUNNING\",\"restartCount\":0,\"crashReason\":null,"
        + "\"crashStack\":null,\"origin\":{\"by\":\"operator\"}}";
    String missing = "{\"type\":\"transition\",\"seq\":7,\"ts\":\"2026-11-28T05:12:15.084Z\",\"at\":\"2026-11-28T05:12:15.084Z\","
        + "\"serviceId\":3,\"from\":\"STARTING\",\"to\":\"RUNNING\"}";
    Frame expected = new Frame(7, T0, new InspectMessage.Event(
        new ServiceEvent.Transition(T0, 3, State.STARTING, State.RUNNING, 0, null, null)));
    assertThat(MessageCodec.decode(extra)).isEqualTo(expected).isEqualTo(TreeDecoder.decode(extra));
    assertThatThrownBy(() -> MessageCodec.decode(missing))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(catchThrowable(() -> TreeDecoder.decode(missing)).getMessage())
        .hasMessageEndingWith(": field 'restartCount' must be an integer, got nothing (the field is missing)");
  }

  @Test
  void aMalformedHelloNamesTheRuleItBreaksNotTheJsonLibrarysMessage() {
    String envelope = "{\"type\":\"hello\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\"";
    assertThatThrownBy(() -> MessageCodec.decode(envelope + "}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageEndingWith(": field 'protocol' must be an integer, got nothing (the field is missing)");
    assertThatThrownBy(() -> MessageCodec.decode(envelope + ",\"protocol\":null,\"pid\":1}"))
        .hasMessageEndingWith(": field 'protocol' must be an integer, got null");
    assertThatThrownBy(() -> MessageCodec.decode(envelope + ",\"protocol\":\"one\",\"pid\":1}"))
        .hasMessageEndingWith(": field 'protocol' must be an integer, got \"one\"");
    assertThatThrownBy(() -> MessageCodec.decode(envelope + ",\"protocol\":1,\"pid\":1,\"name\":\"w\",\"mainClass\":\"\"}"))
        .hasMessageEndingWith(": field 'startedAt' is required, got nothing or null");
    assertThatThrownBy(() -> MessageCodec.decode(envelope + ",\"protocol\":1,\"pid\":1,\"name\":\"w\",\"mainClass\":\"\","
        + "\"startedAt\":\"yesterday\"}"))
        .hasMessageStartingWith("invalid hello message")
        .hasMessageNotContaining("Cannot ").hasMessageNotContaining("DeserializationFeature");
  }

  @Test
  void aDuplicateKeyAmongAnEventsFieldsIsRejected() {
    String line = "{\"type\":\"gap\",\"seq\":3,\"ts\":\"2026-11-28T05:12:15.084Z\","
        + "\"at\":\"2026-11-28T05:12:15.084Z\",\"dropped\":7,\"dropped\":8}";
    assertThatThrownBy(() -> MessageCodec.decode(line))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("malformed JSON line")
        .hasMessageContaining("Duplicate field 'dropped'");
  }

  @Test
  void aDuplicateKeyInATransitionIsRejectedWhetherAFieldOrTheEnvelopeIsRepeated() {
    String line = "{\"type\":\"transition\",\"seq\":7,\"ts\":\"2026-11-28T05:12:15.084Z\",\"at\":\"2026-11-28T05:12:15.084Z\","
        + "\"serviceId\":3,\"from\":\"STARTING\",\"to\":\"RUNNING\",\"restartCount\":0,\"crashReason\":null,"
        + "\"crashStack\":null";
    assertThatThrownBy(() -> MessageCodec.decode(line + ",\"to\":\"STOPPING\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("malformed JSON line")
        .hasMessageContaining("Duplicate field 'to'");
    assertThatThrownBy(() -> MessageCodec.decode(line + ",\"seq\":8}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Duplicate field 'seq'");
  }

  @Test
  void anEventWithAFieldOfTheWrongTypeIsRejectedAsByTheTreeFromTextAndFromBytes() {
    String line = "{\"type\":\"transition\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\","
        + "\"at\":\"2026-11-28T05:12:15.084Z\",\"serviceId\":3,\"from\":\"RUNNING\",\"to\":\"EXPLODED\"}";
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    String expected = catchThrowable(() -> TreeDecoder.decode(line)).getMessage();
    assertThat(expected).startsWith("invalid transition message").contains("EXPLODED");
    assertThatThrownBy(() -> MessageCodec.decode(line)).isInstanceOf(ProtocolException.class).hasMessage(expected);
    assertThatThrownBy(() -> MessageCodec.decode(bytes, 0, bytes.length))
        .isInstanceOf(ProtocolException.class).hasMessage(expected);
  }

  @Test
  void aByteOrderMarkBeforeTheObjectIsRejectedFromBytesAsFromText() throws IOException {
    String line = "\ufeff" + goldenLines().get(12);
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    String expected = catchThrowable(() -> MessageCodec.decode(line)).getMessage();
    assertThat(expected).startsWith("malformed JSON line");
    assertThatThrownBy(() -> MessageCodec.decode(bytes, 0, bytes.length))
        .isInstanceOf(ProtocolException.class).hasMessage(expected);
  }

  @Test
  void bytesThatAreNotUtf8AreRejectedNamingTheOffset() {
    byte[] bytes = "xx{\"type\":\"ping\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\",\"n\":\"\u00e9\"}"
        .getBytes(StandardCharsets.UTF_8);
    int bad = bytes.length - 3; // the second byte of the two of é
    bytes[bad] = '(';
    assertThatThrownBy(() -> MessageCodec.decode(bytes, 2, bytes.length - 2))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("line is not valid UTF-8 (bad byte at offset " + (bad - 1 - 2) + ")");
  }

  static Frame streamDecode(String line) {
    try {
      return StreamDecoder.decode(factory -> factory.createParser(line));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
