package mode.inspector.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import mode.State;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.connection.FxPump;
import mode.inspector.connection.WorkerCommands;
import mode.inspector.model.Streams;
import mode.inspector.viewmodel.InspectorViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The view never shows the past as the present, and offers an action only where it can succeed. */
@ExtendWith(ApplicationExtension.class)
class LivenessAndActionsViewTest {
  private final ExecutorService layouts = Executors.newSingleThreadExecutor();
  private final List<String> sent = new ArrayList<>();
  private InspectorViewModel vm;
  private FxPump pump;

  @Start
  void start(Stage stage) {
    pump = new FxPump(batch -> vm.accept(batch), Throwable::printStackTrace);
    vm = new InspectorViewModel(layouts, pump, InstantSource.system(), System::nanoTime);
    vm.actions().setCommands(new WorkerCommands() {
      public CompletableFuture<String> start(long id) { return answer("start " + id); }
      public CompletableFuture<String> stop(long id) { return answer("stop " + id); }
      public CompletableFuture<String> restart(long id) { return answer("restart " + id); }
      public CompletableFuture<String> threadDump() { return answer("dump"); }
    });
    stage.setScene(new Scene(new InspectorView(vm, new NoFiles()), 1200, 760));
    stage.show();
  }

  private CompletableFuture<String> answer(String command) {
    sent.add(command);
    return CompletableFuture.completedFuture("");
  }

  @AfterEach
  void stopLayouts() {
    layouts.shutdownNow();
  }

  private void attachedWithAppSelected(FxRobot robot, long selected) {
    robot.interact(() -> {
      vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
      vm.accept(List.of(Streams.appSnapshot()));
      vm.graph().select(selected);
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.graph().layoutProperty().get().size() == 5);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static Button button(FxRobot robot, String id) {
    return robot.lookup("#" + id).queryAs(Button.class);
  }

  private static String tooltip(FxRobot robot, String id) {
    return robot.lookup("#" + id + "-wrapper").queryAs(Label.class).getTooltip().getText();
  }

  @Test
  void aLostWorkerFreezesTheViewDisablesActionsWithTheReasonAndReconnectionRestoresIt(FxRobot robot) {
    attachedWithAppSelected(robot, 3L);
    Label notice = robot.lookup("#liveness-notice").queryAs(Label.class);
    assertThat(notice.isVisible()).isFalse();
    assertThat(button(robot, "action-stop").isDisabled()).isFalse();

    robot.interact(() -> vm.connection(ConnectionStatus.RECONNECTING, null, "Worker went away"));

    assertThat(notice.isVisible()).isTrue();
    assertThat(notice.getText()).startsWith("Disconnected: last seen ");
    assertThat(vm.graph().staleProperty().get()).isTrue();
    for (String action : List.of("action-start", "action-stop", "action-restart", "action-dump")) {
      assertThat(button(robot, action).isDisabled()).as(action).isTrue();
      assertThat(tooltip(robot, action)).as(action).contains("is not possible: Disconnected: last seen ");
    }

    robot.interact(() -> vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached again"));

    assertThat(notice.isVisible()).isFalse();
    assertThat(vm.graph().staleProperty().get()).isFalse();
    assertThat(button(robot, "action-stop").isDisabled()).isFalse();
    assertThat(tooltip(robot, "action-stop")).isEqualTo("Stop the selected service");
  }

  @Test
  void aStoppedServiceOffersRestartInsteadOfStart(FxRobot robot) {
    attachedWithAppSelected(robot, 3L);
    assertThat(button(robot, "action-start").isDisabled()).isTrue();
    assertThat(tooltip(robot, "action-start")).isEqualTo("Start is not possible: Cache is already running");

    robot.interact(() -> vm.accept(List.of(Streams.move(1_000, 3, State.RUNNING, State.STOPPING, 0),
        Streams.move(1_100, 3, State.STOPPING, State.SHUTDOWN, 0))));

    assertThat(button(robot, "action-start").isDisabled()).isTrue();
    assertThat(tooltip(robot, "action-start"))
        .isEqualTo("Start is not possible: Cache is stopped: a stopped service starts again with Restart");
    assertThat(button(robot, "action-stop").isDisabled()).isTrue();
    assertThat(button(robot, "action-restart").isDisabled()).isFalse();
  }

  @Test
  void stopAsksOnceUntilTheUserSaysNotToAskAgain(FxRobot robot) {
    attachedWithAppSelected(robot, 3L);

    robot.clickOn("#action-stop");
    robot.clickOn(robot.lookup(".dialog-pane .button").lookup((Button b) -> b.getText().equals("Cancel"))
        .queryAs(Button.class));
    assertThat(sent).isEmpty();

    robot.clickOn("#action-stop");
    robot.clickOn(robot.lookup("#dont-ask-again").queryAs(CheckBox.class));
    robot.clickOn("#confirm-action");
    assertThat(sent).containsExactly("stop 3");

    robot.clickOn("#action-restart");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#confirm-action").tryQuery()).isEmpty();
    assertThat(sent).containsExactly("stop 3", "restart 3");
  }

  @Test
  void aFailedActionShowsItsWholeError(FxRobot robot) {
    attachedWithAppSelected(robot, 3L);
    String error = "Expected the service Cache to be INIT, but was SHUTDOWN; it was stopped by the worker's"
        + " shutdown hook at 13:45:02 and a stopped service starts again only with a restart";
    robot.interact(() -> {
      vm.actions().setCommands(new WorkerCommands() {
        public CompletableFuture<String> start(long id) { return CompletableFuture.failedFuture(new IllegalStateException(error)); }
        public CompletableFuture<String> stop(long id) { return CompletableFuture.failedFuture(new IllegalStateException(error)); }
        public CompletableFuture<String> restart(long id) { return CompletableFuture.failedFuture(new IllegalStateException(error)); }
        public CompletableFuture<String> threadDump() { return CompletableFuture.failedFuture(new IllegalStateException(error)); }
      });
      vm.actions().dontAskAgain();
    });

    robot.clickOn("#action-restart");
    WaitForAsyncUtils.waitForFxEvents();

    Label result = robot.lookup("#action-result").queryAs(Label.class);
    assertThat(result.getText()).isEqualTo("Restart Cache failed: " + error);
    assertThat(result.getTooltip().getText()).isEqualTo("Restart Cache failed: " + error);
  }

  private static final class NoFiles implements InspectorView.FileCommands {
    @Override public void exportGraph() {}
    @Override public void saveRecording() {}
  }
}
