package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mode.Service;
import mode.inspect.cli.InspectCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mode-inspect} as a Unix user meets it: the CLI in a child JVM whose output is a pipe
 * that the reader may close, and workers in child JVMs that stop, crash or are killed.
 */
class CliProcessTest {

  static final class App extends Service {}

  static final class Cache extends Service {}

  @TempDir Path tmp;
  final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  Path dir() {
    return tmp.resolve("inspect");
  }

  /** {@code mode-inspect args...} in a child JVM; its standard error is collected. */
  record Cli(Process process, List<String> err) {
    static Cli start(String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), InspectCli.class.getName()));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).start();
      List<String> err = new CopyOnWriteArrayList<>();
      Thread.ofVirtual().start(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            err.add(line);
          }
        } catch (IOException ended) {
          // the child is gone
        }
      });
      return new Cli(process, err);
    }

    int awaitExit() throws InterruptedException {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the CLI exits; stderr: %s", err).isTrue();
      return process.exitValue();
    }
  }

  Cli cli(String... args) throws IOException {
    Cli cli = Cli.start(args);
    cleanup.add(() -> cli.process().destroyForcibly());
    return cli;
  }

  @Test
  void tailStopsQuietlyWhenItsReaderGoes() throws Exception {
    App app = new App();
    Cache cache = app.addDependency(new Cache());
    app.start();
    cleanup.add(app::stop);
    InspectAgent agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir()));
    cleanup.add(agent);
    Cli tail = cli("tail", "--color=never", "--dir", dir().toString());
    await().atMost(java.time.Duration.ofSeconds(30)).until(() -> tail.err().stream().anyMatch(l -> l.startsWith("attached")));
    cache.restart();
    BufferedReader out = new BufferedReader(new InputStreamReader(tail.process().getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).contains("RUNNING -> STOPPING");
    out.close(); // as head -1 does

    cache.restart(); // the next lines find the pipe closed

    assertThat(tail.awaitExit()).isZero();
    assertThat(tail.err()).containsExactly("attached to App (pid " + ProcessHandle.current().pid() + "); 2 services");
  }

  @Test
  void listStopsQuietlyOnAClosedPipe() throws Exception {
    App app = new App();
    app.start();
    cleanup.add(app::stop);
    cleanup.add(InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir())));
    Cli list = cli("list", "--dir", dir().toString());
    list.process().getInputStream().close();
    assertThat(list.awaitExit()).isZero();
    assertThat(list.err()).isEmpty();
  }

  @Test
  void stopOfTheWorkerSaysItStoppedAndSucceeds() throws Exception {
    try (ChildWorker child = ChildWorker.start(dir(), List.of(), InspectTestWorker.class)) {
      child.awaitDescriptor();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = InspectCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
          .execute("stop", "Worker", "--pid", Long.toString(child.process.pid()), "--dir", dir().toString());
      assertThat(err.toString()).isEmpty();
      assertThat(out.toString()).isEqualTo("worker TestWorker (pid " + child.process.pid() + ") stopped\n");
      assertThat(code).isZero();
      assertThat(child.awaitExit()).isZero();
    }
  }

  @Test
  void tailTellsAKilledWorkerFromOneThatStopped() throws Exception {
    for (String signal : List.of("TERM", "KILL")) {
      try (ChildWorker child = ChildWorker.start(dir(), List.of(), InspectTestWorker.class)) {
        long pid = child.awaitDescriptor().pid();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() ->
            InspectCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("tail", "--pid", Long.toString(pid), "--dir", dir().toString()));
        await().until(() -> err.toString().contains("attached"));
        if (signal.equals("TERM")) {
          child.process.destroy();
        } else {
          child.process.destroyForcibly();
        }
        String worker = "worker TestWorker (pid " + pid + ")";
        if (signal.equals("TERM")) {
          assertThat(tail.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
          assertThat(err.toString()).endsWith(worker + " stopped\n");
        } else {
          assertThat(tail.get(30, TimeUnit.SECONDS)).isEqualTo(1);
          assertThat(err.toString()).endsWith("lost " + worker + " while it was RUNNING: it was killed, or closed its"
              + " agent without stopping\n");
        }
      }
    }
  }
}
