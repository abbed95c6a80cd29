package mode.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import mode.Service;
import mode.State;
import mode.inspect.InspectAgent;
import mode.inspect.InspectOptions;
import mode.inspector.connection.RecordingFiles;
import mode.inspector.model.TransitionRecord;
import mode.inspector.connection.ConnectionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Attaching, going away, coming back, bad input: what the user reads in each case. */
@ExtendWith(ApplicationExtension.class)
class SessionsTest {
  @TempDir
  Path dir;
  private InspectorApp.Parts parts;
  private final java.util.List<AutoCloseable> cleanup = new java.util.ArrayList<>();

  /** A service with a label of our choice. */
  static final class Part extends Service {
    private final String label;

    Part(String label, Service... deps) {
      this.label = label;
      for (Service d : deps) {
        addDependency(d);
      }
    }

    @Override
    public String label() {
      return label;
    }
  }

  @Start
  void start(Stage stage) {
    parts = new InspectorApp.Parts(stage, 1000, 700);
    stage.show();
  }

  @AfterEach
  void close(FxRobot robot) throws Exception {
    robot.interact(parts::close);
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  @Test
  void theWindowDrawsItsLargePanesWithOneFillFocusedOrNot(FxRobot robot) {
    // Two or more fills make software rendering stretch a cached image over the whole pane
    // every frame; one fill is drawn directly.
    List<Region> panes = robot.from(parts.scene.getRoot())
        // The state filter's popup list (its skin names it "list-view") cannot take the focus.
        .lookup((java.util.function.Predicate<javafx.scene.Node>) n -> !"list-view".equals(n.getId())
            && (n instanceof SplitPane || n instanceof TableView || n instanceof ListView))
        .queryAll().stream().map(Region.class::cast).toList();
    assertThat(panes).extracting(p -> p.getId() == null ? p.getStyleClass().getFirst() : p.getId()).containsExactlyInAnyOrder(
        "root", "split-pane", "split-pane", "timeline-split", "worker-list", "timeline", "problems", "log", "log-split", "details-timers",
        "details-blocking", "details-dependencies", "details-dependents");
    for (Region pane : panes) {
      assertOneFillAndABorder(pane);
      if (showing(pane)) {
        robot.interact(pane::requestFocus);
        assertThat(pane.isFocused()).as(pane.getId() + " " + pane.getStyleClass()).isTrue();
        assertOneFillAndABorder(pane);
        robot.interact(() -> robot.lookup("#search").query().requestFocus());
      }
    }
    assertThat(panes.stream().filter(SessionsTest::showing)).hasSizeGreaterThanOrEqualTo(5);
  }

  private static boolean showing(javafx.scene.Node node) {
    for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return true;
  }

  private static void assertOneFillAndABorder(Region pane) {
    String what = pane.getId() + " " + pane.getStyleClass() + (pane.isFocused() ? " focused" : "");
    assertThat(pane.getBackground().getFills()).as(what).hasSize(1);
    assertThat(pane.getBorder().getStrokes()).as(what).hasSize(1);
  }

  private Service shop() {
    Service app = new Part("Shop", new Part("Web"), new Part("Cache"));
    app.start();
    cleanup.add(app::stop);
    return app;
  }

  private InspectAgent agent(Service root, boolean tcp) throws Exception {
    InspectOptions options = InspectOptions.defaults("shop").withDirectory(dir);
    if (tcp) {
      options = options.withTcp(new InetSocketAddress("127.0.0.1", 0), false);
    }
    InspectAgent agent = InspectAgent.start(root, options);
    cleanup.add(agent);
    return agent;
  }

  private String message() {
    return parts.vm.statusMessageProperty().get();
  }

  private void awaitStatus(ConnectionStatus status) {
    await().atMost(Duration.ofSeconds(15)).until(() -> parts.vm.statusProperty().get() == status);
  }

  @Test
  void wrongTokenIsRefusedWithTheWorkersReason(FxRobot robot) throws Exception {
    InspectAgent agent = agent(shop(), true);
    var tcp = agent.descriptor().tcpTarget().orElseThrow();

    robot.interact(() -> parts.sessions.attach(tcp.host() + ":" + tcp.port(), "not-the-token"));

    await().atMost(Duration.ofSeconds(15)).until(() -> "The worker refused the connection: wrong token".equals(message()));
    assertThat(parts.vm.statusProperty().get()).isEqualTo(ConnectionStatus.DISCONNECTED);
    assertThat(parts.vm.shownModel().size()).isZero();
  }

  @Test
  void rightTokenAttachesOverTcp(FxRobot robot) throws Exception {
    InspectAgent agent = agent(shop(), true);
    var tcp = agent.descriptor().tcpTarget().orElseThrow();

    robot.interact(() -> parts.sessions.attach(tcp.host() + ":" + tcp.port(), tcp.token()));

    awaitStatus(ConnectionStatus.CONNECTED);
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.shownModel().size() == 3);
    assertThat(parts.vm.workerNameProperty().get()).isEqualTo("shop");
  }

  @Test
  void unreachableAddressAndUnknownPidSayWhatIsWrong(FxRobot robot) {
    robot.interact(() -> parts.sessions.begin(Main.parse()));
    robot.interact(() -> parts.sessions.attach("127.0.0.1:1", "token"));
    await().atMost(Duration.ofSeconds(15)).until(() -> message().startsWith("Cannot attach to 127.0.0.1:1: "));
    assertThat(parts.vm.statusProperty().get()).isEqualTo(ConnectionStatus.DISCONNECTED);

    robot.interact(() -> parts.sessions.attach("127.0.0.1:7070", ""));
    assertThat(message()).isEqualTo(
        "Attaching to 127.0.0.1:7070 over TCP needs the worker's token (--token, from its descriptor)");

    robot.interact(() -> parts.sessions.attach("nonsense", null));
    assertThat(message()).isEqualTo("'nonsense' is neither a pid nor host:port");
  }

  @Test
  void workerThatGoesAwayIsReattachedWhenOneOfTheSameNameComesBack(FxRobot robot) throws Exception {
    System.setProperty("mode.inspect.dir", dir.toString());
    try {
      Service first = shop();
      InspectAgent firstAgent = agent(first, false);
      robot.interact(() -> parts.sessions.begin(Main.parse("--attach", Long.toString(ProcessHandle.current().pid()))));
      awaitStatus(ConnectionStatus.CONNECTED);
      await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.shownModel().size() == 3);
      long oldCache = parts.vm.shownModel().nodes().stream().filter(n -> n.label().equals("Cache")).findFirst().orElseThrow().id();
      robot.interact(() -> parts.vm.graph().select(oldCache));
      first.dependencies().get(1).stop();
      await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.history().size() == 2);

      firstAgent.close();
      awaitStatus(ConnectionStatus.RECONNECTING);
      assertThat(message()).startsWith("Worker shop (pid " + ProcessHandle.current().pid() + ") went away at ")
          .endsWith("; the history is kept; waiting for a worker named shop to come back");

      agent(shop(), false);
      awaitStatus(ConnectionStatus.CONNECTED);
      await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.shownModel().size() == 3
          && parts.vm.shownModel().nodes().stream().noneMatch(n -> n.id() == oldCache));
      assertThat(parts.vm.history()).extracting(TransitionRecord::label, TransitionRecord::to)
          .startsWith(org.assertj.core.groups.Tuple.tuple("Cache", State.STOPPING),
              org.assertj.core.groups.Tuple.tuple("Cache", State.SHUTDOWN));
      Long selected = parts.vm.graph().selectedProperty().get();
      assertThat(selected).isNotEqualTo(oldCache);
      assertThat(parts.vm.graph().label(selected)).isEqualTo("Cache");
    } finally {
      System.clearProperty("mode.inspect.dir");
    }
  }

  @Test
  void workerListShowsLocalWorkersAndAttachesOnDoubleClick(FxRobot robot) throws Exception {
    System.setProperty("mode.inspect.dir", dir.toString());
    try {
      agent(shop(), false);
      robot.interact(() -> parts.sessions.begin(Main.parse()));
      javafx.scene.control.ListView<?> list = robot.lookup("#worker-list").queryAs(javafx.scene.control.ListView.class);
      await().atMost(Duration.ofSeconds(10)).until(() -> list.getItems().size() == 1);
      assertThat(list.getItems().getFirst()).hasToString("shop  (pid " + ProcessHandle.current().pid() + ")");

      // The list's model has the worker before its cell is laid out (a pooled cell holding the
      // same text stays hidden until a later pulse): wait until the robot can see it.
      String entry = "shop  (pid " + ProcessHandle.current().pid() + ")";
      await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup(entry)
          .match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent());
      robot.doubleClickOn(entry);

      awaitStatus(ConnectionStatus.CONNECTED);
      await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.shownModel().size() == 3);

      robot.interact(() -> parts.sessions.attach("999999999", null));
      assertThat(message()).isEqualTo(
          "No mode worker with pid 999999999 runs as this user (looked in " + dir.toAbsolutePath() + ")");
    } finally {
      System.clearProperty("mode.inspect.dir");
    }
  }

  @Test
  void malformedRecordingNamesTheLine(FxRobot robot) throws Exception {
    Path file = dir.resolve("broken.jsonl");
    Files.writeString(file, "{\"type\":\"gap\",\"seq\":1,\"ts\":\"2026-11-28T06:00:00Z\",\"at\":\"2026-11-28T06:00:00Z\",\"dropped\":3}\n{oops\n");

    robot.interact(() -> parts.sessions.open(file));

    await().atMost(Duration.ofSeconds(10)).until(() -> message().startsWith(
        "Cannot open " + file + ": broken.jsonl is not a mode recording: line 2: malformed JSON line"));
    assertThat(parts.vm.statusProperty().get()).isEqualTo(ConnectionStatus.DISCONNECTED);
  }

  @Test
  void emptyRecordingIsRefused(FxRobot robot) throws Exception {
    Path file = dir.resolve("empty.jsonl");
    Files.writeString(file, "\n");

    robot.interact(() -> parts.sessions.open(file));

    await().atMost(Duration.ofSeconds(10)).until(() ->
        ("Cannot open " + file + ": empty.jsonl is not a mode recording: it holds no events").equals(message()));
  }

  @Test
  void savedSessionOpensAgainAndReplaysToAnyMoment(FxRobot robot) throws Exception {
    InspectAgent agent = agent(shop(), true);
    var tcp = agent.descriptor().tcpTarget().orElseThrow();
    robot.interact(() -> parts.sessions.attach(tcp.host() + ":" + tcp.port(), tcp.token()));
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.shownModel().size() == 3);
    long web = parts.vm.shownModel().nodes().stream().filter(n -> n.label().equals("Web")).findFirst().orElseThrow().id();
    robot.interact(() -> parts.vm.graph().select(web));
    robot.interact(parts.vm.actions()::restart);
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.actions().resultProperty().get().startsWith("Restart Web: "));
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.history().size() == 5);

    Path file = dir.resolve("session.jsonl");
    robot.interact(() -> parts.sessions.writeRecording(file));
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.actions().resultProperty().get().startsWith("Recording of"));
    List<mode.events.ServiceEvent> saved = RecordingFiles.read(file).recording().events();
    assertThat(saved).isEqualTo(parts.vm.recording().events());

    robot.interact(() -> parts.sessions.open(file));
    awaitStatus(ConnectionStatus.REPLAY);
    assertThat(parts.vm.workerNameProperty().get()).startsWith("shop (recorded, pid ");
    assertThat(parts.vm.history()).extracting(TransitionRecord::to)
        .containsExactly(State.STOPPING, State.SHUTDOWN, State.INIT, State.STARTING, State.RUNNING);
    TransitionRecord stopped = parts.vm.history().get(1);
    robot.interact(() -> parts.vm.replayTo(stopped.at()));
    assertThat(parts.vm.graph().state(web)).isEqualTo(State.SHUTDOWN);
    assertThat(parts.vm.timeline().transitions()).hasSize(2);
  }
}
