package mode.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import mode.State;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.connection.JfrRuns;
import mode.inspector.model.ServiceNode;
import mode.inspector.model.TransitionRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A real JFR recording opened in the real window, as File → Open recording… and --open do. */
@ExtendWith(ApplicationExtension.class)
class JfrRecordingViewTest {
  @TempDir
  Path dir;
  private InspectorApp.Parts parts;

  @Start
  void start(Stage stage) {
    parts = new InspectorApp.Parts(stage, 1200, 800);
    stage.show();
  }

  @AfterEach
  void close(FxRobot robot) {
    robot.interact(parts::close);
  }

  private Map<String, State> states() {
    return parts.vm.shownModel().nodes().stream()
        .collect(Collectors.toMap(n -> n.label().replaceAll(": \\(\\d+@\\d+\\)", ""), ServiceNode::state));
  }

  private void dragThumb(FxRobot robot, double by) {
    Node thumb = robot.lookup("#replay-slider .thumb").query();
    robot.drag(thumb).moveBy(by, 0).drop();
  }

  @Test
  void aJfrRecordingShowsItsGraphRecordedAndReplaysEveryTransition(FxRobot robot) throws Exception {
    JfrRuns.Run run = JfrRuns.record(dir.resolve("shop.jfr"));

    robot.interact(() -> parts.sessions.open(run.file()));

    await().atMost(Duration.ofSeconds(15)).until(() -> parts.vm.statusProperty().get() == ConnectionStatus.REPLAY);
    assertThat(parts.vm.workerNameProperty().get()).startsWith("Shop (JFR recording, pid ");
    assertThat(states()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "Shop", State.RUNNING, "OneForOneSupervisor", State.RUNNING, "Web", State.RUNNING,
        "Router", State.RUNNING, "Cache", State.RUNNING, "ForfeitOneForOneSupervisor", State.RUNNING,
        "Mailer", State.SHUTDOWN, "Metrics", State.RUNNING));
    // The view says it is a recording, and when it was recorded.
    String notice = parts.vm.liveness().noticeProperty().get();
    assertThat(notice).startsWith("Recording: recorded at ").endsWith(" — not live");
    assertThat(robot.lookup((Node n) -> n instanceof Labeled l && notice.equals(l.getText())).tryQuery()).isPresent();
    // The timeline holds every transition, the crashes with their reasons.
    int transitions = parts.vm.history().size();
    assertThat(parts.vm.timeline().transitions()).hasSize(transitions);
    assertThat(parts.vm.timeline().transitions()).filteredOn(t -> t.to() == State.CRASHED)
        .extracting(TransitionRecord::label, TransitionRecord::crashReason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("Web", JfrRuns.WEB_CRASH),
            org.assertj.core.groups.Tuple.tuple("Mailer", JfrRuns.MAILER_CRASH));

    // The slider at its start: the tree as first recorded, before anything started.
    dragThumb(robot, -3000);
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.replayingProperty().get());
    assertThat(parts.vm.replayMomentProperty().get()).isEqualTo(parts.vm.recording().start());
    assertThat(states()).containsOnlyKeys("Shop", "OneForOneSupervisor", "Web", "Router", "Cache",
        "ForfeitOneForOneSupervisor", "Mailer");
    assertThat(states().values()).containsOnly(State.INIT);
    assertThat(parts.vm.timeline().transitions()).isEmpty();

    // At its end: every transition again.
    dragThumb(robot, 3000);
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.vm.timeline().transitions().size() == transitions);
    // The slider moves in whole milliseconds; the last transition is within the last one.
    assertThat(parts.vm.replayMomentProperty().get()).isAfterOrEqualTo(parts.vm.recording().end().minusMillis(1));
    assertThat(states()).containsEntry("Web", State.RUNNING).containsEntry("Mailer", State.SHUTDOWN);
  }
}
