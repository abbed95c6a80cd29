package mode.inspector.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import mode.State;
import mode.events.ServiceEvent;
import mode.inspector.model.ServiceGraph;
import mode.inspector.model.ServiceNode;
import mode.inspector.model.TransitionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JFR recordings of real service trees, opened as the inspector opens them. */
class FlightRecordingsTest {
  @TempDir
  Path dir;

  private static ServiceNode node(ServiceGraph graph, String label) {
    return graph.nodes().stream().filter(n -> n.label().equals(label)).findFirst().orElseThrow();
  }

  private static List<String> edges(ServiceGraph graph) {
    return graph.graph().edgeSet().stream()
        .map(e -> graph.node(graph.graph().getEdgeSource(e)).label() + " -> "
            + graph.node(graph.graph().getEdgeTarget(e)).label())
        .map(s -> s.replaceAll(": \\(\\d+@\\d+\\)", ""))
        .sorted().toList();
  }

  private static List<RecordedEvent> modeEvents(Path file, String type) throws IOException {
    return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().equals(type))
        .sorted(Comparator.comparing(RecordedEvent::getStartTime)).toList();
  }

  @Test
  void aRecordedTreeOpensWithItsServicesEdgesStatesAndEveryTransition() throws Exception {
    JfrRuns.Run run = JfrRuns.record(dir.resolve("run.jfr"));

    RecordingFiles.Opened opened = RecordingFiles.read(run.file());

    assertThat(opened.name()).isEqualTo("Shop (JFR recording, pid " + ProcessHandle.current().pid() + ")");
    ServiceGraph end = opened.recording().replayTo(opened.recording().end());
    assertThat(edges(end)).containsExactly(
        "ForfeitOneForOneSupervisor -> Mailer",
        "OneForOneSupervisor -> Cache",
        "OneForOneSupervisor -> Web",
        "Shop -> ForfeitOneForOneSupervisor",
        "Shop -> Metrics",
        "Shop -> OneForOneSupervisor",
        "Web -> Router");
    Map<String, State> states = end.nodes().stream()
        .collect(Collectors.toMap(n -> n.label().replaceAll(": \\(\\d+@\\d+\\)", ""), ServiceNode::state));
    assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of(
        "Shop", State.RUNNING, "OneForOneSupervisor", State.RUNNING, "Web", State.RUNNING,
        "Router", State.RUNNING, "Cache", State.RUNNING, "ForfeitOneForOneSupervisor", State.RUNNING,
        "Mailer", State.SHUTDOWN, "Metrics", State.RUNNING));
    assertThat(node(end, "Web").restartCount()).isEqualTo(1);
    assertThat(node(end, "Web").crashReason()).isEqualTo(JfrRuns.WEB_CRASH);
    assertThat(node(end, "Mailer").crashReason()).isEqualTo(JfrRuns.MAILER_CRASH);
    assertThat(node(end, "Web").className()).isEqualTo(JfrRuns.Part.class.getName());

    // Every recorded transition is in the history, each service's in the order recorded (the
    // order across services within a millisecond follows JFR's finer timed starts and stops).
    Map<String, List<String>> recorded = modeEvents(run.file(), "mode.ServiceTransition").stream()
        .sorted(Comparator.comparing((RecordedEvent e) -> e.getLong("changedAt")).thenComparing(RecordedEvent::getStartTime))
        .collect(Collectors.groupingBy(e -> e.getString("label").replaceAll(": \\(\\d+@\\d+\\)", ""),
            Collectors.mapping(e -> e.getString("from") + "->" + e.getString("to"), Collectors.toList())));
    Map<String, List<String>> shown = end.history().stream()
        .collect(Collectors.groupingBy(t -> t.label().replaceAll(": \\(\\d+@\\d+\\)", ""),
            Collectors.mapping(t -> t.from() + "->" + t.to(), Collectors.toList())));
    assertThat(shown).isEqualTo(recorded);
    assertThat(end.history()).isSortedAccordingTo(Comparator.comparing(TransitionRecord::at));
    assertThat(end.history()).noneMatch(TransitionRecord::inferred);
    assertThat(end.history().stream().filter(t -> t.label().equals("Web")).map(t -> t.from() + "->" + t.to()))
        .containsExactly("INIT->STARTING", "STARTING->RUNNING", "RUNNING->CRASHED", "CRASHED->STOPPING",
            "STOPPING->SHUTDOWN", "SHUTDOWN->INIT", "INIT->STARTING", "STARTING->RUNNING");

    // The moment Web crashed, it is CRASHED, with its reason, in the replay.
    TransitionRecord crash = end.history().stream().filter(t -> t.label().equals("Web") && t.to() == State.CRASHED)
        .findFirst().orElseThrow();
    ServiceGraph atCrash = opened.recording().replayTo(crash.at());
    assertThat(node(atCrash, "Web").state()).isEqualTo(State.CRASHED);
    assertThat(node(atCrash, "Web").crashReason()).isEqualTo(JfrRuns.WEB_CRASH);
    assertThat(atCrash.nodes()).extracting(ServiceNode::label).doesNotContain("Metrics"); // added later
    // Before anything started, everything is INIT.
    ServiceGraph first = opened.recording().replayTo(opened.recording().start());
    assertThat(first.nodes()).extracting(ServiceNode::state).containsOnly(State.INIT);

    // Start durations are JFR's timed starts, not the millisecond transitions.
    RecordedEvent shopStart = modeEvents(run.file(), "mode.ServiceStart").stream()
        .filter(e -> e.getString("label").equals("Shop")).findFirst().orElseThrow();
    assertThat(node(end, "Shop").startDuration()).isEqualTo(shopStart.getDuration());
  }

  @Test
  void aRecordingWithoutModeEventsSaysSo() throws Exception {
    Path file = dir.resolve("jvm-only.jfr");
    try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
      recording.start();
      recording.stop();
      recording.dump(file);
    }

    assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(IOException.class)
        .hasMessage("jvm-only.jfr holds no mode events: record a JVM that runs a mode Worker "
            + "(or calls ModeFlightRecorder.watch), e.g. jcmd <pid> JFR.start settings=default");
  }

  @Test
  void aTruncatedRecordingIsRefusedAsTruncated() throws Exception {
    byte[] whole = Files.readAllBytes(JfrRuns.record(dir.resolve("whole.jfr")).file());
    Path file = dir.resolve("cut.jfr");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(IOException.class)
        .hasMessageStartingWith("cut.jfr is a truncated JFR recording");
  }

  @Test
  void aCorruptRecordingIsRefusedAsCorrupt() throws Exception {
    byte[] bytes = Files.readAllBytes(JfrRuns.record(dir.resolve("whole.jfr")).file());
    // The chunk header (magic, version, sizes, offsets) stays; what follows it is overwritten.
    Arrays.fill(bytes, 68, bytes.length, (byte) 0x7f);
    Path file = dir.resolve("garbled.jfr");
    Files.write(file, bytes);

    assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(IOException.class)
        .hasMessageStartingWith("garbled.jfr is a ");
  }

  @Test
  void aFileThatIsNotJfrButNamedSoIsRefused() throws Exception {
    Path file = dir.resolve("notes.jfr");
    Files.writeString(file, "just some notes\n");

    assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(IOException.class)
        .hasMessage("notes.jfr is not a JFR recording: it does not begin with the JFR magic bytes");
  }

  @Test
  void anEmptyFileNamedJfrIsRefused() throws Exception {
    Path file = dir.resolve("empty.jfr");
    Files.write(file, new byte[0]);

    assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(IOException.class)
        .hasMessage("empty.jfr is not a JFR recording: it does not begin with the JFR magic bytes");
  }
}
