package mode.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import mode.State;
import mode.inspector.layout.Layout;
import mode.inspector.model.TransitionRecord;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.model.Trouble;
import mode.inspector.viewmodel.ExportFormat;
import mode.inspector.viewmodel.ProblemsViewModel;
import mode.inspector.viewmodel.StateFilter;
import mode.testing.DotTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole app, headless, attached to the real demo worker in a child JVM. */
@ExtendWith(ApplicationExtension.class)
class DemoAttachTest {
  static final List<String> DEMO_LABELS = List.of(
      "Worker", "App", "Web", "Router", "RouteTable", "RateLimiter", "Sessions", "SessionStore", "Auth", "TokenCache",
      "StaticFiles", "Cache", "Shard-1", "Shard-2", "Shard-3", "Shard-4", "Consumers", "OrdersConsumer",
      "PaymentsConsumer", "EmailConsumer", "AuditConsumer", "MetricsConsumer", "Scheduler", "NightlyReport",
      "CacheWarmer", "Cleanup", "Workers", "OneForOneSupervisor", "Flaky", "SlowStarter", "Blocker", "Indexer");

  @TempDir
  static Path inspectDir;
  private InspectorApp.Parts parts;

  @BeforeAll
  static void isolateInspectDirectory() {
    System.setProperty("mode.inspect.dir", inspectDir.toString());
  }

  @AfterAll
  static void restoreInspectDirectory() {
    System.clearProperty("mode.inspect.dir");
  }

  @Start
  void start(Stage stage) {
    parts = new InspectorApp.Parts(stage, 1200, 760);
    stage.show();
    parts.sessions.begin(Main.parse("--demo"));
  }

  @AfterEach
  void closeStopsTheDemo(FxRobot robot) {
    var demo = parts.sessions.demoProcess();
    robot.interact(parts::close);
    assertThat(demo).isNotNull();
    await().atMost(Duration.ofSeconds(15)).until(() -> !demo.isAlive());
  }

  private void awaitDemoShown() {
    await().atMost(Duration.ofSeconds(60)).until(() ->
        parts.vm.statusProperty().get() == ConnectionStatus.CONNECTED
            && parts.vm.graph().layoutProperty().get().size() == DEMO_LABELS.size()
            && parts.vm.graph().state(idOf("App")) == State.RUNNING);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private List<String> laidOutLabels() {
    Layout layout = parts.vm.graph().layoutProperty().get();
    // A supervisor's label carries its size and id: "OneForOneSupervisor: (1@26)".
    return IntStream.range(0, layout.size()).mapToObj(i -> parts.vm.graph().label(layout.id(i)))
        .map(l -> l.replaceFirst("^OneForOneSupervisor: \\(1@\\d+\\)$", "OneForOneSupervisor"))
        .toList();
  }

  private List<Long> laidOutIds() {
    Layout layout = parts.vm.graph().layoutProperty().get();
    return IntStream.range(0, layout.size()).mapToObj(layout::id).toList();
  }

  private long idOf(String label) {
    return parts.vm.shownModel().nodes().stream().filter(n -> n.label().equals(label)).findFirst().orElseThrow().id();
  }

  private void click(FxRobot robot, String label) {
    Point2D point = parts.view.canvas().screenPointOf(idOf(label));
    robot.clickOn(parts.view.canvas().localToScreen(point));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void demoGraphSelectionDetailsAndFilter(FxRobot robot) {
    awaitDemoShown();
    assertThat(laidOutLabels()).containsExactlyElementsOf(DEMO_LABELS);
    assertThat(robot.lookup("#connection-status").queryAs(Label.class).getText()).isEqualTo("Connected · mode-demo");

    click(robot, "OrdersConsumer");

    assertThat(robot.lookup("#details-title").queryAs(Label.class).getText()).isEqualTo("OrdersConsumer");
    assertThat(robot.lookup("#details-class").queryAs(Label.class).getText())
        .isEqualTo("mode.inspector.demo.DemoServices$Consumer");
    assertThat(robot.lookup("#details-state").queryAs(Label.class).getText()).startsWith("RUNNING for ");
    TableView<?> timers = robot.lookup("#details-timers").queryAs(TableView.class);
    assertThat(timers.getItems()).extracting(t -> ((mode.inspector.viewmodel.DetailsViewModel.TimerRow) t).name()).containsExactly("poll");

    robot.clickOn("#action-dump");
    await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#thread-dump").tryQuery().isPresent());
    String dump = robot.lookup("#thread-dump").queryAs(javafx.scene.control.TextArea.class).getText();
    assertThat(dump).contains("OrdersConsumer").contains("java.lang.Thread");
    assertThat(robot.lookup("#action-result").queryAs(Label.class).getText()).startsWith("Thread dump received (");
  }

  @Test
  void stopActionReachesTheWorkerAndTheDotExportReadsBack(FxRobot robot) throws Exception {
    awaitDemoShown();
    click(robot, "Shard-2");

    robot.clickOn("#action-stop");
    robot.clickOn("#confirm-action");

    long shard = idOf("Shard-2");
    await().atMost(Duration.ofSeconds(20)).until(() -> parts.vm.graph().state(shard) == State.SHUTDOWN);
    await().atMost(Duration.ofSeconds(5)).until(() ->
        robot.lookup("#action-result").queryAs(Label.class).getText().startsWith("Stop Shard-2: "));
    assertThat(parts.vm.history().stream().filter(t -> t.serviceId() == shard).map(TransitionRecord::to).toList())
        .containsSubsequence(State.STOPPING, State.SHUTDOWN);

    robot.interact(() -> parts.vm.graph().filterProperty().set(StateFilter.NOT_RUNNING));
    // Wait for the filtered layout itself: the full one also contains Shard-2.
    await().atMost(Duration.ofSeconds(10))
        .until(() -> laidOutLabels().contains("Shard-2") && !laidOutLabels().contains("Shard-1"));
    assertThat(laidOutLabels()).contains("Worker", "App", "Cache", "Shard-2").doesNotContain("Shard-1", "Web", "Consumers");
    assertThat(parts.vm.graph().isDimmed(idOf("Cache"))).isTrue();
    assertThat(parts.vm.graph().isDimmed(shard)).isFalse();
    // The flaky service may crash and restart meanwhile; the filter follows within a layout.
    await().atMost(Duration.ofSeconds(10)).until(() -> laidOutIds().stream()
        .allMatch(id -> parts.vm.graph().isDimmed(id) || parts.vm.graph().state(id) != State.RUNNING));

    Path dot = inspectDir.resolve("demo.dot");
    robot.interact(() -> parts.sessions.writeExport(dot, ExportFormat.DOT_ANNOTATED));
    assertThat(robot.lookup("#action-result").queryAs(Label.class).getText())
        .isEqualTo("Graph written to " + dot + " (" + ExportFormat.DOT_ANNOTATED.description() + ")");
    DotTools.requirePydotAndGraphviz();
    Process pydot = new ProcessBuilder(DotTools.PYTHON, "-c",
        "import sys, pydot\n"
            + "g = pydot.graph_from_dot_data(open(sys.argv[1]).read())[0]\n"
            + "print(len([n for n in g.get_nodes() if n.get_name() not in ('node', 'edge', 'graph')]))\n",
        dot.toString()).redirectErrorStream(true).start();
    String out = new String(pydot.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(pydot.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEqualTo(Integer.toString(DEMO_LABELS.size()));
    assertThat(Files.readString(dot)).contains("Shard-2");
  }

  /**
   * The demo shows each case the inspector is for: within a minute, a crash loop (Flaky crashes
   * every 10 s), a blocker (Blocker's timer sleeps past the 1 s blocking timeout every 12 s) and a
   * stuck start (Indexer brings in a SearchIndex after 30 s whose start never ends), all listed
   * under Problems, the blocking detector's warnings in the Log under Blocker's name; killing the
   * worker shows a disconnect.
   */
  @Test
  void theDemoShowsACrashLoopABlockerAStuckStartAndADisconnect(FxRobot robot) {
    awaitDemoShown();

    await().atMost(Duration.ofSeconds(120)).until(() -> problems().containsAll(List.of(
        "Flaky " + Trouble.Kind.CRASH_LOOP, "Blocker " + Trouble.Kind.BLOCKED, "SearchIndex " + Trouble.Kind.STUCK)));
    robot.clickOn((javafx.scene.Node n) -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
        && l.getText().startsWith("Problems (") && n.getStyleClass().contains("tab-label"));
    TableView<?> table = robot.lookup("#problems").queryAs(TableView.class);
    assertThat(table.isVisible()).isTrue();
    assertThat(table.getItems()).extracting(r -> ((ProblemsViewModel.Row) r).label())
        .contains("Flaky", "Blocker", "SearchIndex");
    assertThat(parts.vm.liveness().noticeProperty().get()).isEmpty();

    // The blocking detector's warnings in the Log carry the service that blocked: the one each
    // names (the demo's Blocker, and others that block in passing: SlowStarter, Indexer, ...).
    robot.clickOn((javafx.scene.Node n) -> n instanceof javafx.scene.control.Labeled l && "Log".equals(l.getText())
        && n.getStyleClass().contains("tab-label"));
    robot.clickOn("#log-filter").write("BlockingDetector");
    WaitForAsyncUtils.waitForFxEvents();
    TableView<?> log = robot.lookup("#log").queryAs(TableView.class);
    var serviceColumn = log.getColumns().stream().filter(c -> c.getText().equals("Service")).findFirst().orElseThrow();
    List<String> services = new java.util.ArrayList<>();
    for (int i = 0; i < log.getItems().size(); i++) {
      var entry = (mode.events.ServiceEvent.Log) log.getItems().get(i);
      String service = String.valueOf(serviceColumn.getCellData(i));
      assertThat(entry.logger()).isEqualTo("mode.worker.BlockingDetector");
      assertThat(entry.serviceId()).as(entry.message()).isNotNull();
      assertThat(entry.message()).contains(" of " + service + " has been running");
      services.add(service);
    }
    assertThat(services).contains("Blocker");
    assertThat(log.getItems()).allSatisfy(entry ->
        assertThat(((mode.events.ServiceEvent.Log) entry).serviceId() == idOf("Blocker")
            == ((mode.events.ServiceEvent.Log) entry).message().contains(" of Blocker has been running")).isTrue());

    // The worker killed outright (as a crashed JVM would end): the view says it is disconnected.
    var demo = parts.sessions.demoProcess();
    ProcessHandle.of(demo.pid()).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        parts.vm.liveness().noticeProperty().get().startsWith("Disconnected: last seen "));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#liveness-notice").queryAs(Label.class).isVisible()).isTrue();
    assertThat(robot.lookup("#liveness-notice").queryAs(Label.class).getText()).startsWith("Disconnected: last seen ");
  }

  /** The Problems list as "label KIND" strings. */
  private List<String> problems() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> parts.vm.problems().rows().stream().map(r -> r.label() + " " + r.worst()).toList()).get();
  }
}
