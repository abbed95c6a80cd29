package mode.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import mode.Service;
import mode.State;
import mode.inspect.InspectAgent;
import mode.inspect.InspectOptions;
import mode.inspector.model.ServiceNode;
import mode.inspector.model.TransitionRecord;
import mode.inspector.viewmodel.GraphViewModel.RestartBadge;
import mode.supervisors.OneForOneSupervisor;
import mode.supervisors.SupervisorStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window on a real service tree over the real socket: a restart asked for here reads
 * "by you" (grey badge, timeline, details), a crash and the supervisor's restart after it read as
 * a crash (red badge).
 */
@ExtendWith(ApplicationExtension.class)
class TransitionCauseViewTest {
  @TempDir
  Path dir;
  private InspectorApp.Parts parts;
  private Service app;
  private Service flaky;
  private SupervisorStrategy supervisor;
  private InspectAgent agent;

  static final class Shop extends Service {}

  static final class Web extends Service {}

  static final class Flaky extends Service {}

  @Start
  void start(Stage stage) {
    parts = new InspectorApp.Parts(stage, 1200, 760);
    stage.show();
  }

  @AfterEach
  void close(FxRobot robot) {
    robot.interact(parts::close);
    if (agent != null) {
      agent.close();
    }
    if (app != null) {
      app.stop();
    }
  }

  private void attach(FxRobot robot) throws Exception {
    app = new Shop();
    app.addDependency(new Web());
    supervisor = app.addDependency(new OneForOneSupervisor());
    flaky = new Flaky();
    supervisor.add(flaky);
    app.start();
    agent = InspectAgent.start(app, InspectOptions.defaults("shop").withDirectory(dir)
        .withTcp(new InetSocketAddress("127.0.0.1", 0), false));
    var tcp = agent.descriptor().tcpTarget().orElseThrow();
    robot.interact(() -> parts.sessions.attach(tcp.host() + ":" + tcp.port(), tcp.token()));
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.shownModel().size() == 4);
  }

  private long id(String label) {
    return parts.vm.shownModel().nodes().stream().filter(n -> n.label().equals(label)).findFirst()
        .map(ServiceNode::id).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<String> whyColumn(FxRobot robot) {
    TableView<TransitionRecord> table = robot.lookup("#timeline").queryAs(TableView.class);
    TableColumn<TransitionRecord, ?> why = table.getColumns().stream()
        .filter(c -> c.getText().equals("Why")).findFirst().orElseThrow();
    return table.getItems().stream().map(row -> String.valueOf(why.getCellObservableValue(row).getValue())).toList();
  }

  @Test
  void aRestartAskedForHereIsYoursAndACrashRestartIsACrash(FxRobot robot) throws Exception {
    attach(robot);
    long web = id("Web");
    robot.interact(() -> parts.vm.graph().select(web));
    robot.interact(parts.vm.actions()::restart);
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.actions().resultProperty().get().startsWith("Restart Web: "));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(whyColumn(robot)).containsExactly(
        "stopped by you", "stopped by you", "restarted by you", "started by you", "started by you");
    assertThat(parts.vm.graph().restartBadge(web)).isEqualTo(new RestartBadge("↻1 by you", false));
    await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#details-restarts").queryAs(Label.class).getText()
        .startsWith("1 (1 by you) · last: started by you at "));

    flaky.crash(new IllegalStateException("boom"));
    long flakyId = id("Flaky");
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.shownModel().node(flakyId).restartCount() == 1
        && parts.vm.shownModel().node(flakyId).state() == State.RUNNING);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(parts.vm.graph().restartBadge(flakyId)).isEqualTo(new RestartBadge("↻1", true));
    String by = "by supervisor " + supervisor.label() + " after a crash";
    assertThat(whyColumn(robot)).endsWith("crashed", "stopped " + by, "stopped " + by, "restarted " + by,
        "started " + by, "started " + by);
    assertThat(parts.vm.graph().restartBadge(web)).isEqualTo(new RestartBadge("↻1 by you", false));
  }
}
