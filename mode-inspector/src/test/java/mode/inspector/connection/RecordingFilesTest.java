package mode.inspector.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mode.events.ServiceEvent;
import mode.inspect.InspectMessage;
import mode.inspector.model.Recording;
import mode.inspector.model.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFilesTest {
  @TempDir
  Path dir;

  @Test
  void aFoldedRecordingIsSavedWithItsBaseSnapshotAndOpensAsTheSame() throws IOException {
    List<ServiceEvent> session = Streams.session();
    Recording folded = new Recording(20, session);
    Path file = dir.resolve("folded.jsonl");

    RecordingFiles.write(file, RecordingFiles.unknownWorker("demo", folded), folded);
    RecordingFiles.Opened opened = RecordingFiles.read(file);

    assertThat(Files.readAllLines(file).get(1)).contains("\"snapshot\"");
    assertThat(opened.recording().events()).isEqualTo(folded.events());
    assertThat(opened.recording().events().getFirst()).isInstanceOf(ServiceEvent.Snapshot.class);
    assertThat(opened.recording().start()).isEqualTo(folded.start());
    assertThat(opened.recording().folded()).isZero();
    for (long millis = 400; millis <= 600; millis += 10) {
      assertThat(opened.recording().replayTo(Streams.at(millis)).toServiceInfos())
          .isEqualTo(folded.replayTo(Streams.at(millis)).toServiceInfos());
    }
    assertThat(opened.name()).startsWith("demo (recorded, pid ");
  }

  @Test
  void aSavedRecordingKeepsTheWorkersHelloItsPidNameAndStartNotTheInspectors() throws IOException {
    long workerPid = ProcessHandle.current().pid() + 7919; // any pid but the inspector's own
    InspectMessage.Hello worker = new InspectMessage.Hello(InspectMessage.PROTOCOL_VERSION, workerPid, "shop",
        "mode.examples.Shop", Streams.at(-5000), "0.1.0", "b6fd8ff24397", "client 3");
    Recording recording = new Recording(Streams.session());
    Path file = dir.resolve("session.jsonl");

    RecordingFiles.write(file, worker, recording);
    RecordingFiles.Opened opened = RecordingFiles.read(file);

    assertThat(opened.hello()).isEqualTo(worker);
    assertThat(opened.name()).isEqualTo("shop (recorded, pid " + workerPid + ")");
    assertThat(opened.recording().events()).isEqualTo(recording.events());
    assertThat(opened.recording().events()).extracting(ServiceEvent::at)
        .isEqualTo(recording.events().stream().map(ServiceEvent::at).toList());
  }
}
