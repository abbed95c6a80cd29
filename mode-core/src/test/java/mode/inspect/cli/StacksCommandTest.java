package mode.inspect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mode.Service;
import mode.inspect.InspectAgent;
import mode.inspect.InspectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mode-inspect stacks} in this JVM against an agent in this JVM, over its real Unix socket. */
class StacksCommandTest {

  static final class App extends Service {}

  /** Its task waits for {@link #release} once it has begun. */
  static final class Loader extends Service {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Task
    void load() throws InterruptedException {
      entered.countDown();
      release.await();
    }
  }

  static final class Cache extends Service {}

  @TempDir Path dir;
  final App app = new App();
  final Loader loader = app.addDependency(new Loader());
  final Cache cache = app.addDependency(new Cache());
  InspectAgent agent;

  @BeforeEach
  void startWorker() throws IOException, InterruptedException {
    app.start();
    assertThat(loader.entered.await(30, TimeUnit.SECONDS)).isTrue();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir));
  }

  @AfterEach
  void stopWorker() {
    loader.release.countDown();
    agent.close();
    app.stop();
  }

  String[] cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = InspectCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void stacksByLabelPrintsWhatTheServiceRunsAndWhere() {
    String[] run = cli("stacks", "--dir", dir.toString(), "Loader");

    assertThat(run[0]).isEqualTo("0");
    assertThat(run[2]).isEmpty();
    assertThat(run[1].lines().toList()).first().isEqualTo("Loader (id " + loader.id() + "): 1 thread running its code");
    assertThat(run[1]).containsPattern("#\\d+ \"Loader\\.load\" virtual WAITING: task load for \\d+\\.\\d{3} s \\(since ")
        .contains("    at mode.inspect.cli.StacksCommandTest$Loader.load(StacksCommandTest.java:");
  }

  @Test
  void stacksOfAnIdleServiceSaySoAndAnUnknownOneIsAnError() {
    assertThat(cli("stacks", "--dir", dir.toString(), Long.toString(cache.id()))).containsExactly("0",
        "Cache (id " + cache.id() + ") is idle: no thread runs its hooks, tasks or timers now\n", "");
    String[] unknown = cli("stacks", "--dir", dir.toString(), "Nope");
    assertThat(unknown[0]).isEqualTo("1");
    assertThat(unknown[2]).startsWith("mode-inspect: no service 'Nope' in worker App (services: App (id ");
  }
}
