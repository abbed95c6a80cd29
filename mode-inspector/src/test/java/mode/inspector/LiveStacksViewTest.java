package mode.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import mode.Service;
import mode.inspect.InspectAgent;
import mode.inspect.InspectOptions;
import mode.inspector.connection.ConnectionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "What is it doing now?" in the whole app, headless, attached over TCP to a worker tree in this
 * JVM whose Blocker is held in its task by a latch (as the demo's Blocker blocks in its timer).
 */
@ExtendWith(ApplicationExtension.class)
class LiveStacksViewTest {

  static final class App extends Service {}

  static final class Web extends Service {}

  /** Its task waits for {@link #release} once it has begun. */
  static final class Blocker extends Service {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Task
    void work() throws InterruptedException {
      entered.countDown();
      release.await();
    }
  }

  @TempDir Path dir;
  private InspectorApp.Parts parts;
  private final App app = new App();
  private final Web web = app.addDependency(new Web());
  private final Blocker blocker = app.addDependency(new Blocker());
  private InspectAgent agent;

  @Start
  void start(Stage stage) {
    parts = new InspectorApp.Parts(stage, 1200, 760);
    stage.show();
  }

  @AfterEach
  void stop(FxRobot robot) {
    robot.interact(parts::close);
    blocker.release.countDown();
    if (agent != null) {
      agent.close();
    }
    app.stop();
  }

  private void attach(FxRobot robot) throws Exception {
    app.start();
    assertThat(blocker.entered.await(30, TimeUnit.SECONDS)).isTrue();
    agent = InspectAgent.start(app, InspectOptions.defaults("shop").withDirectory(dir)
        .withTcp(new InetSocketAddress("127.0.0.1", 0), false));
    var tcp = agent.descriptor().tcpTarget().orElseThrow();
    robot.interact(() -> parts.sessions.attach(tcp.host() + ":" + tcp.port(), tcp.token()));
    await().atMost(Duration.ofSeconds(20)).until(() ->
        parts.vm.statusProperty().get() == ConnectionStatus.CONNECTED && parts.vm.shownModel().size() == 3);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private String text(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(TextArea.class).getText();
  }

  @Test
  void theBlockedServicesStackIsShownOnDemandAndSearchable(FxRobot robot) throws Exception {
    attach(robot);
    robot.interact(() -> parts.vm.graph().select(blocker.id()));

    robot.clickOn("#live-stacks-ask");

    await().atMost(Duration.ofSeconds(20)).until(() -> text(robot, "#live-stacks").contains("Blocker.work"));
    TextArea area = robot.lookup("#live-stacks").queryAs(TextArea.class);
    assertThat(area.isVisible()).isTrue();
    assertThat(area.getText())
        .startsWith("Blocker (id " + blocker.id() + "): 1 thread running its code\n")
        .contains("\"Blocker.work\" virtual WAITING: task work for ")
        .contains("    at mode.inspector.LiveStacksViewTest$Blocker.work(LiveStacksViewTest.java:");
    assertThat(robot.lookup("#live-stacks-title").queryAs(Label.class).getText())
        .isEqualTo("Live stacks of Blocker (id " + blocker.id() + ")");

    robot.clickOn("#live-stacks-find").write("blocker.WORK");
    assertThat(robot.lookup("#live-stacks-matches").queryAs(Label.class).getText()).isEqualTo("1 of 2");
    assertThat(area.getSelectedText()).isEqualTo("Blocker.work");
    robot.type(KeyCode.ENTER);
    assertThat(robot.lookup("#live-stacks-matches").queryAs(Label.class).getText()).isEqualTo("2 of 2");
    assertThat(area.getText().substring(area.getSelection().getStart())).startsWith("Blocker.work(LiveStacksViewTest.java:");
    robot.type(KeyCode.ENTER);
    assertThat(robot.lookup("#live-stacks-matches").queryAs(Label.class).getText()).isEqualTo("1 of 2");
    robot.interact(() -> robot.lookup("#live-stacks-find").queryAs(javafx.scene.control.TextField.class).setText("no such frame"));
    assertThat(robot.lookup("#live-stacks-matches").queryAs(Label.class).getText()).isEqualTo("not found");

    robot.interact(() -> parts.vm.graph().select(web.id()));
    robot.clickOn("#live-stacks-ask");
    await().atMost(Duration.ofSeconds(20)).until(() -> text(robot, "#live-stacks").startsWith("Web (id "));
    assertThat(text(robot, "#live-stacks"))
        .isEqualTo("Web (id " + web.id() + ") is idle: no thread runs its hooks, tasks or timers now\n");
  }

  @Test
  void theThreadDumpIsGroupedByService(FxRobot robot) throws Exception {
    attach(robot);

    robot.clickOn("#action-dump");

    await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#thread-dump-groups").tryQuery().isPresent());
    @SuppressWarnings("unchecked")
    ListView<Object> groups = robot.lookup("#thread-dump-groups").queryAs(ListView.class);
    java.util.List<String> titles = groups.getItems().stream().map(Object::toString).toList();
    assertThat(titles.getFirst()).contains("All threads (");
    assertThat(titles).anyMatch(t -> t.contains("title=Blocker (1)"));
    assertThat(titles.getLast()).contains("title=No service (");
    assertThat(text(robot, "#thread-dump")).contains("\"main\"").contains("Blocker.work");

    robot.interact(() -> groups.getSelectionModel().select(
        titles.indexOf(titles.stream().filter(t -> t.contains("title=Blocker (1)")).findFirst().orElseThrow())));
    String blockerGroup = text(robot, "#thread-dump");
    assertThat(blockerGroup).startsWith("#").contains("\"Blocker.work\"")
        .contains("mode.inspector.LiveStacksViewTest$Blocker.work(").doesNotContain("\"main\"");

    robot.clickOn("#thread-dump-find").write("LiveStacksViewTest$Blocker");
    assertThat(robot.lookup("#thread-dump-matches").queryAs(Label.class).getText()).isEqualTo("1 of 1");
  }
}
