package mode.inspector.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mode.inspector.model.ServiceGraph;
import mode.inspector.model.ServiceNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording taken in production: the demo worker runs in a child JVM without the inspect
 * agent, {@code jcmd <pid> JFR.start settings=default} records it, {@code JFR.dump} copies what
 * was recorded, and the copy opens as the inspector opens any recording.
 */
class JcmdRecordingTest {
  @TempDir
  Path dir;

  private static String jcmd(long pid, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  @Test
  void aWorkerRecordedWithJcmdOpensWithItsWholeTree() throws Exception {
    try (DemoProcess demo = DemoProcess.start(dir.resolve("inspect"), "--no-inspect")) {
      long pid = demo.pid();
      // The child's attach listener answers once its JVM is up.
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> jcmd(pid, "JFR.check").contains("No available recordings")
          || jcmd(pid, "JFR.check").contains("Recording"));
      Path file = dir.resolve("run.jfr");
      assertThat(jcmd(pid, "JFR.start", "name=mode", "settings=default", "filename=" + dir.resolve("stop.jfr")))
          .contains("Started recording");
      // The tree is written a moment after the recording starts (when the Worker's watch follows it).
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
        jcmd(pid, "JFR.dump", "name=mode", "filename=" + file);
        return RecordingFiles.read(file).recording().replayTo(RecordingFiles.read(file).recording().end()).size() > 20;
      });

      RecordingFiles.Opened opened = RecordingFiles.read(file);
      assertThat(opened.name()).isEqualTo("Worker (JFR recording, pid " + pid + ")");
      ServiceGraph graph = opened.recording().replayTo(opened.recording().end());
      assertThat(graph.nodes()).extracting(ServiceNode::label)
          .contains("Worker", "App", "Web", "Router", "Cache", "Flaky", "SlowStarter");
      assertThat(graph.roots()).hasSize(1);
      assertThat(graph.node(graph.roots().getFirst()).label()).isEqualTo("Worker");
      // A tree: every service but the root is someone's dependency.
      assertThat(graph.nodes()).allMatch(n -> n.label().equals("Worker") || !graph.dependents(n.id()).isEmpty());
      jcmd(pid, "JFR.stop", "name=mode");
    }
  }
}
