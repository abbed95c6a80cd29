package mode.inspect.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mode.BuildInfo;
import mode.Service;
import mode.graph.DependencyGraph;
import mode.graph.GraphFormatter;
import mode.inspect.Descriptor;
import mode.inspect.Frame;
import mode.inspect.InspectAgent;
import mode.inspect.InspectOptions;
import mode.inspect.MessageCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in this JVM against an agent in this JVM, over the agent's real Unix socket. */
class InspectCliTest {

  static final class App extends Service {}

  static final class Web extends Service {}

  static final class Cache extends Service {}

  @TempDir Path tmp;
  Path dir;
  final App app = new App();
  final Web web = app.addDependency(new Web());
  final Cache cache = app.addDependency(new Cache());
  InspectAgent agent;

  /** What one run of the CLI printed and returned. */
  record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void startWorker() throws IOException {
    dir = tmp.resolve("inspect");
    app.start();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withMainClass("demo.Main").withDirectory(dir));
  }

  @AfterEach
  void stopWorker() {
    agent.close();
    app.stop();
  }

  Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = InspectCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void versionNamesTheBuildItsCommitAndTheProtocol() {
    Run run = cli("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip())
        .isEqualTo("mode-inspect " + BuildInfo.version() + ", commit " + BuildInfo.commit() + " (protocol 1)");
  }

  @Test
  void listShowsTheWorkerWithItsServicesAndState() {
    Run run = cli("list", "--dir", dir.toString());
    long pid = ProcessHandle.current().pid();
    assertThat(run.exitCode()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("PID +NAME +UPTIME +SERVICES +STATE");
    assertThat(lines.get(1)).matches(pid + " +App +\\d+[smhd](\\d\\d[smh])? +3 +RUNNING");
  }

  @Test
  void listSaysSoWhenNoWorkerRuns() {
    agent.close();
    Run run = cli("list", "--dir", dir.toString());
    assertThat(run).isEqualTo(new Run(0, "no running workers in " + dir.toAbsolutePath() + "\n", ""));
  }

  /** The graph of the live tree, built in this JVM from the services themselves. */
  DependencyGraph inProcessGraph() {
    return DependencyGraph.of(app);
  }

  @Test
  void exportDotGivesWhatTheWorkerGivesInProcess() {
    assertThat(cli("export-dot", "--dir", dir.toString()))
        .isEqualTo(new Run(0, inProcessGraph().toDot(), ""));
    assertThat(cli("export-dot", "--states", "--dir", dir.toString()).out())
        .isEqualTo(inProcessGraph().toDot(GraphFormatter.defaults().withStateColors()));
  }

  @Test
  void exportDotWritesAFile() throws IOException {
    Path file = tmp.resolve("graph.dot");
    assertThat(cli("export-dot", "--dir", dir.toString(), "-o", file.toString())).isEqualTo(new Run(0, "", ""));
    assertThat(Files.readString(file)).isEqualTo(inProcessGraph().toDot());
  }

  @Test
  void restartByLabelRestartsThatService() {
    assertThat(cli("restart", "Cache", "--dir", dir.toString()))
        .isEqualTo(new Run(0, "restarted Cache (id " + cache.id() + "), now RUNNING\n", ""));
    assertThat(cache.restartCount()).isEqualTo(1);
    assertThat(cli("stop", Long.toString(web.id()), "--pid", Long.toString(ProcessHandle.current().pid()), "--dir", dir.toString()))
        .isEqualTo(new Run(0, "stopped Web (id " + web.id() + "), now SHUTDOWN\n", ""));
    assertThat(web.state()).isEqualTo(mode.State.SHUTDOWN);
  }

  @Test
  void stopOfTheRootSaysTheWorkerStopped() {
    assertThat(cli("stop", "App", "--dir", dir.toString()))
        .isEqualTo(new Run(0, "worker App (pid " + ProcessHandle.current().pid() + ") stopped\n", ""));
    assertThat(app.state()).isEqualTo(mode.State.SHUTDOWN);
  }

  @Test
  void anUnknownServiceIsAnErrorListingTheServices() {
    assertThat(cli("restart", "Db", "--dir", dir.toString())).isEqualTo(new Run(1, "",
        "mode-inspect: no service 'Db' in worker App (services: App (id " + app.id() + "), Web (id " + web.id()
            + "), Cache (id " + cache.id() + "))\n"));
  }

  @Test
  void noWorkerIsAClearError() throws IOException {
    Path empty = tmp.resolve("empty");
    assertThat(cli("threads", "--dir", empty.toString()))
        .isEqualTo(new Run(1, "", "mode-inspect: no running worker found in " + empty.toAbsolutePath() + "\n"));
  }

  @Test
  void threadsPrintsAThreadDump() {
    Run run = cli("threads", "--dir", dir.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"main\"").contains("mode-inspect-writer-");
  }

  @Test
  void recordWritesTheRawLines() throws IOException {
    Path file = tmp.resolve("session.jsonl");
    Run run = cli("record", "--count", "2", "-o", file.toString(), "--dir", dir.toString());
    assertThat(run).isEqualTo(new Run(0, "", "recording to " + file + ".partial (renamed to " + file
        + " when the recording ends)\nrecorded 2 lines to " + file + "\n"));
    List<Frame> frames = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(MessageCodec::decode).toList();
    assertThat(frames).extracting(Frame::type).containsExactly("hello", "snapshot");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(tmp.resolve("session.jsonl.partial")).doesNotExist();
  }

  @Test
  void recordNeverTouchesAnExistingFileBeforeItHasAttached() throws IOException {
    Path precious = Files.writeString(tmp.resolve("precious.jsonl"), "an earlier recording\n");
    assertThat(cli("record", "--pid", "999999", "-o", precious.toString(), "--dir", dir.toString()))
        .isEqualTo(new Run(1, "", "mode-inspect: no worker with pid 999999 found in " + dir.toAbsolutePath() + "\n"));
    agent.close();
    Files.writeString(dir.resolve("999999-1.json"), "{}"); // a worker that cannot be reached
    assertThat(cli("record", "--descriptor", tmp.resolve("gone.json").toString(), "-o", precious.toString()).exitCode())
        .isEqualTo(1);
    assertThat(precious).hasContent("an earlier recording");
    assertThat(tmp.resolve("precious.jsonl.partial")).doesNotExist();
  }

  @Test
  void recordReplacesAnExistingFileOnlyWhenTheRecordingEnds() throws Exception {
    Path file = Files.writeString(tmp.resolve("session.jsonl"), "an earlier recording\n");
    Path partial = tmp.resolve("session.jsonl.partial");
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> record = CompletableFuture.supplyAsync(() ->
        InspectCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
            .execute("record", "-o", file.toString(), "--dir", dir.toString()));
    await().until(() -> Files.exists(partial) && Files.readAllLines(partial).size() == 2);
    assertThat(file).hasContent("an earlier recording");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(partial))).isEqualTo("rw-------");
    app.stop();
    await().until(() -> Files.readAllLines(partial).stream().anyMatch(l -> l.contains("\"serviceId\":" + app.id()
        + ",\"from\":\"STOPPING\",\"to\":\"SHUTDOWN\"")));
    agent.close();
    assertThat(record.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(partial).doesNotExist();
    assertThat(Files.readAllLines(file).getFirst()).startsWith("{\"type\":\"hello\"");
    assertThat(err.toString()).endsWith("worker App (pid " + ProcessHandle.current().pid() + ") stopped\n");
  }

  @Test
  void aRecordingInProgressIsNeverOverwritten() throws IOException {
    Path file = tmp.resolve("session.jsonl");
    Files.writeString(tmp.resolve("session.jsonl.partial"), "kept from a killed recording\n");
    assertThat(cli("record", "-o", file.toString(), "--dir", dir.toString())).isEqualTo(new Run(1, "",
        "mode-inspect: cannot record to " + file + ": " + file + ".partial exists (an interrupted recording?);"
            + " move it away first\n"));
    assertThat(tmp.resolve("session.jsonl.partial")).hasContent("kept from a killed recording");
  }

  @Test
  void fileErrorsSayWhy() throws IOException {
    Path missing = tmp.resolve("missing/dir/x.dot");
    assertThat(cli("export-dot", "-o", missing.toString(), "--dir", dir.toString()))
        .isEqualTo(new Run(1, "", "mode-inspect: cannot write " + missing + ": No such file or directory\n"));
    Path record = tmp.resolve("missing/x.jsonl");
    assertThat(cli("record", "-o", record.toString(), "--dir", dir.toString()))
        .isEqualTo(new Run(1, "", "mode-inspect: cannot record to " + record + ": No such file or directory\n"));
    assertThat(tmp.resolve("missing")).doesNotExist();
  }

  @Test
  void aFolderWithoutWritePermissionSaysPermissionDenied() throws IOException {
    assumeThat(System.getProperty("user.name")).as("root may write anywhere").isNotEqualTo("root");
    Path locked = Files.createDirectory(tmp.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
    Path file = locked.resolve("x.dot");
    assertThat(cli("export-dot", "-o", file.toString(), "--dir", dir.toString()))
        .isEqualTo(new Run(1, "", "mode-inspect: cannot write " + file + ": Permission denied\n"));
    assertThat(cli("record", "-o", file.toString(), "--dir", dir.toString()))
        .isEqualTo(new Run(1, "", "mode-inspect: cannot record to " + file + ": Permission denied\n"));
  }

  @Test
  void exportReplacesAnExistingFileWhole() throws IOException {
    Path file = Files.writeString(tmp.resolve("graph.dot"), "old");
    assertThat(cli("export-dot", "--dir", dir.toString(), "-o", file.toString()).exitCode()).isZero();
    assertThat(Files.readString(file)).isEqualTo(inProcessGraph().toDot());
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("graph.dot", "inspect");
    }
  }

  @Test
  void recordRunsUntilTheWorkerGoesAndKeepsEveryLine() throws Exception {
    Path file = tmp.resolve("until-exit.jsonl");
    Path partial = tmp.resolve("until-exit.jsonl.partial");
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> record = CompletableFuture.supplyAsync(() ->
        InspectCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
            .execute("record", "-o", file.toString(), "--dir", dir.toString()));
    await().until(() -> Files.exists(partial) && Files.readAllLines(partial).size() == 2);
    web.restart();
    await().until(() -> Files.readAllLines(partial).size() == 7);
    agent.close();
    assertThat(record.get(10, TimeUnit.SECONDS)).isEqualTo(1); // closed under a running tree: lost, as if killed
    List<Frame> frames = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(MessageCodec::decode).toList();
    assertThat(frames).extracting(Frame::type).containsExactly(
        "hello", "snapshot", "transition", "transition", "transition", "transition", "transition", "log");
    assertThat(frames.getLast().message()).isEqualTo(new mode.inspect.InspectMessage.Event(new mode.events.ServiceEvent.Log(
        ((mode.events.ServiceEvent.Log) ((mode.inspect.InspectMessage.Event) frames.getLast().message()).event()).at(),
        null, "INFO", "mode.inspect", "the inspect agent is closing")));
    assertThat(err.toString()).endsWith("recorded 8 lines to " + file + "\n" + lost() + "\n");
  }

  String lost() {
    return "lost worker App (pid " + ProcessHandle.current().pid()
        + ") while it was RUNNING: it was killed, or closed its agent without stopping";
  }

  @Test
  void tailPrintsEachTransitionUntilTheWorkerGoes() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() ->
        InspectCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute("tail", "--color=never", "--dir", dir.toString()));
    await().until(() -> err.toString().contains("attached"));
    cache.restart();
    await().until(() -> out.toString().lines().count() == 5);
    agent.close();
    assertThat(tail.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    String c = "Cache \\(id " + cache.id() + "\\)  ";
    assertThat(out.toString().lines().toList()).satisfiesExactly(
        l -> assertThat(l).matches("\\S+Z  " + c + "RUNNING -> STOPPING"),
        l -> assertThat(l).matches("\\S+Z  " + c + "STOPPING -> SHUTDOWN"),
        l -> assertThat(l).matches("\\S+Z  " + c + "SHUTDOWN -> INIT"),
        l -> assertThat(l).matches("\\S+Z  " + c + "INIT -> STARTING"),
        l -> assertThat(l).matches("\\S+Z  " + c + "STARTING -> RUNNING"));
    assertThat(err.toString()).isEqualTo("attached to App (pid " + ProcessHandle.current().pid() + "); 3 services\n"
        + lost() + "\n");
  }

  @Test
  void tailTellsAStoppedWorkerFromACrashedOne() throws Exception {
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() ->
        InspectCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute("tail", "--color=never", "--dir", dir.toString()));
    await().until(() -> err.toString().contains("attached"));
    app.crash(new IllegalStateException("disk on fire"));
    await().until(() -> out.toString().contains("App (id " + app.id() + ")  RUNNING -> CRASHED"));
    agent.close();
    assertThat(tail.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(err.toString()).endsWith("worker App (pid " + ProcessHandle.current().pid()
        + ") crashed: java.lang.IllegalStateException: disk on fire\n");
  }

  @Test
  void tailAllPrintsDiagnosticFlagChanges() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() ->
        InspectCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute("tail", "--all", "--color=never", "--dir", dir.toString()));
    await().until(() -> err.toString().contains("attached"));
    try (var flushing = cache.diag().transitionsTo("FLUSHING")) {
      await().until(() -> out.toString().lines().count() == 1);
    }
    await().until(() -> out.toString().lines().count() == 2);
    app.stop();
    await().until(() -> out.toString().contains("App (id " + app.id() + ") STOPPING -> SHUTDOWN")
        || out.toString().contains("App (id " + app.id() + ")  STOPPING -> SHUTDOWN"));
    agent.close();
    assertThat(tail.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(err.toString()).endsWith("worker App (pid " + ProcessHandle.current().pid() + ") stopped\n");
    String c = "Cache \\(id " + cache.id() + "\\)";
    assertThat(out.toString().lines().limit(2).toList()).satisfiesExactly(
        l -> assertThat(l).matches("\\S+Z  " + c + " flag FLUSHING set"),
        l -> assertThat(l).matches("\\S+Z  " + c + " flag FLUSHING cleared"));
  }

  @Test
  void attachesByDescriptorFileAndOverTcpWithTheToken() throws IOException {
    String dot = inProcessGraph().toDot();
    assertThat(cli("export-dot", "--descriptor", agent.descriptorFile().toString())).isEqualTo(new Run(0, dot, ""));
    InspectOptions tcpOptions = InspectOptions.defaults("App").withDirectory(dir)
        .withTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false);
    try (InspectAgent tcp = InspectAgent.start(app, tcpOptions)) {
      Descriptor d = tcp.descriptor();
      String address = d.tcpHost() + ":" + d.tcpPort();
      assertThat(cli("export-dot", "--connect", address, "--token", d.token())).isEqualTo(new Run(0, dot, ""));
      assertThat(cli("export-dot", "--connect", address, "--token", "guess"))
          .isEqualTo(new Run(1, "", "mode-inspect: the worker refused: wrong token\n"));
      assertThat(cli("threads", "--connect", "localhost")).isEqualTo(
          new Run(1, "", "mode-inspect: --connect needs HOST:PORT, got 'localhost'\n"));
    }
  }

  @Test
  void twoWorkersNeedAChoice() throws IOException {
    try (InspectAgent second = InspectAgent.start(app, InspectOptions.defaults("Other").withDirectory(dir))) {
      long pid = ProcessHandle.current().pid();
      String both = pid + " (App, " + agent.descriptor().socket() + "), " + pid + " (Other, " + second.descriptor().socket() + ")";
      assertThat(cli("threads", "--dir", dir.toString()))
          .isEqualTo(new Run(1, "", "mode-inspect: 2 workers running; choose one with --pid: " + both + "\n"));
      assertThat(cli("threads", "--pid", Long.toString(pid), "--dir", dir.toString()))
          .isEqualTo(new Run(1, "", "mode-inspect: 2 workers running; choose one with --descriptor: " + both + "\n"));
    }
  }

  @Test
  void tailColoursEachLineByTheNewState() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() ->
        InspectCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute("tail", "--color=always", "--dir", dir.toString()));
    await().until(() -> err.toString().contains("attached"));
    cache.restart();
    await().until(() -> out.toString().lines().count() == 5);
    agent.close();
    assertThat(tail.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(out.toString().lines().map(l -> l.substring(0, l.indexOf('m') + 1) + "|" + l.endsWith("\u001b[0m")))
        .containsExactly("\u001b[33m|true", "\u001b[34m|true", "\u001b[39m|true", "\u001b[33m|true", "\u001b[32m|true");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : List.of("list", "tail", "export-dot", "record", "threads", "start", "stop", "restart")) {
      Run run = cli(command, "--help");
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).startsWith("Usage: mode-inspect " + command);
    }
    assertThat(cli("--help").out()).startsWith("Usage: mode-inspect").contains("export-dot");
  }
}
