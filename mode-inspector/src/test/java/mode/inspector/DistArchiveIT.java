package mode.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import mode.BuildInfo;
import mode.inspect.InspectDirectory;
import mode.inspector.demo.DemoWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download, as a user gets it: the archive the {@code dist} profile built is unpacked into a
 * temporary folder, and its launchers run with a scrubbed environment (no JDK and no Maven on
 * {@code PATH}, no display) against the demo worker in a child JVM. Unpacked and started once for
 * the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistArchiveIT {
  @TempDir static Path tmp;
  Path home;
  Path inspectDir;
  Path emptyBin;
  Process worker;

  /** What one launcher run printed and returned. */
  record Run(int exitCode, String out, String err) {}

  @BeforeAll
  void unpackAndStartAWorker() throws Exception {
    String built = System.getProperty("mode.dist.archive");
    assumeTrue(built != null, "runs in the dist profile's integration-test phase, after the archive is built");
    Path archive = Path.of(built);
    assertThat(archive).exists();
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", tmp.toString()).inheritIO().start();
    assertThat(tar.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).isZero();
    home = Files.createDirectories(tmp.resolve("home"));
    inspectDir = tmp.resolve("inspect");
    emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
    worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dmode.inspect.dir=" + inspectDir, DemoWorker.class.getName())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("worker.log").toFile()).start();
    await().atMost(Duration.ofSeconds(120)).until(() ->
        Files.isDirectory(inspectDir) && InspectDirectory.open(inspectDir).workers().stream()
            .anyMatch(d -> d.pid() == worker.pid()));
  }

  @AfterAll
  void stopTheWorker() throws InterruptedException {
    if (worker == null) {
      return;
    }
    worker.destroy();
    if (!worker.waitFor(30, TimeUnit.SECONDS)) {
      worker.destroyForcibly();
    }
  }

  @Test
  void theUnpackedLaunchersRunWithNoJdkOnPath() throws Exception {
    String expected = BuildInfo.version() + ", commit " + BuildInfo.commit();
    assertThat(run("mode-inspect", "--version")).isEqualTo(new Run(0, "mode-inspect " + expected + " (protocol 1)\n", ""));
    assertThat(run("mode-inspector", "--version")).isEqualTo(new Run(0, "mode-inspector " + expected + "\n", ""));

    Run list = run("mode-inspect", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).containsPattern("(?m)^" + worker.pid() + " +" + DemoWorker.NAME + " ");

    Run dot = run("mode-inspect", "export-dot", "--pid", Long.toString(worker.pid()));
    assertThat(dot.exitCode()).isZero();
    assertThat(dot.out()).startsWith("digraph dependencies {").contains("\"App\"");

    Run noDisplay = run("mode-inspector");
    assertThat(noDisplay.exitCode()).isEqualTo(2);
    assertThat(noDisplay.err()).startsWith("mode-inspector: no display here").doesNotContain("Exception");
  }

  @Test
  void theInspectorAttachesToAWorkerAndRendersItsGraphWithoutADisplay() throws Exception {
    Path png = tmp.resolve("graph.png");
    Run shot = run("mode-inspector", "--attach", Long.toString(worker.pid()), "--screenshot", png.toString(),
        "--screenshot-delay", "1");
    assertThat(shot.exitCode()).isZero();
    // JavaFX runs as modules of the bundled runtime: no configuration or native-access warning.
    assertThat(shot.out() + shot.err()).doesNotContain("WARNING").doesNotContain("Exception");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo((int) InspectorApp.WIDTH);
    assertThat(image.getHeight()).isEqualTo((int) InspectorApp.HEIGHT);
  }

  private Run run(String launcher, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(tmp.resolve("mode-inspector/bin/" + launcher).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(Map.of("PATH", emptyBin.toString(), "HOME", home.toString(),
        InspectDirectory.DIRECTORY_ENV, inspectDir.toString()));
    File out = tmp.resolve(launcher + "-out.txt").toFile();
    File err = tmp.resolve(launcher + "-err.txt").toFile();
    Process process = builder.redirectOutput(out).redirectError(err).start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}
