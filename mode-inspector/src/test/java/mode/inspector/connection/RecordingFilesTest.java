package mode.inspector.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mode.events.ServiceEvent;
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

    RecordingFiles.write(file, "demo", folded);
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
}
