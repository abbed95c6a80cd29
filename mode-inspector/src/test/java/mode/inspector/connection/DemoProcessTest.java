package mode.inspector.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mode.inspect.InspectDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo worker's life tied to the process that started it, with real JVMs. */
class DemoProcessTest {
  @TempDir
  Path tmp;

  @Test
  void theDemoStopsGracefullyWhenTheProcessThatStartedItIsKilled() throws Exception {
    Path inspectDir = tmp.resolve("inspect");
    Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DemoParent.class.getName(), inspectDir.toString())
        .redirectErrorStream(true).start();
    long demoPid = -1;
    try {
      String first = CompletableFuture.supplyAsync(() -> firstLine(parent)).get(60, TimeUnit.SECONDS);
      assertThat(first).startsWith("DEMO ");
      demoPid = Long.parseLong(first.substring("DEMO ".length()));
      long pid = demoPid;
      ProcessHandle demo = ProcessHandle.of(pid).orElseThrow();
      // Running and published: the kill below hits a worker that is up, not one still starting.
      await().atMost(Duration.ofSeconds(60)).until(() ->
          InspectDirectory.open(inspectDir).workers().stream().anyMatch(d -> d.pid() == pid));

      parent.destroyForcibly();
      assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();

      await().atMost(Duration.ofSeconds(60)).until(() -> !demo.isAlive());
      // A graceful stop removes the worker's descriptor and socket; a killed worker leaves them.
      try (var files = Files.list(inspectDir)) {
        assertThat(files.toList()).isEqualTo(List.of());
      }
    } finally {
      parent.destroyForcibly();
      if (demoPid > 0) {
        ProcessHandle.of(demoPid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  private static String firstLine(Process process) {
    try {
      return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
