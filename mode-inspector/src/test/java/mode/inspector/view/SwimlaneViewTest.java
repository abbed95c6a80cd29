package mode.inspector.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import mode.State;
import mode.inspector.connection.FxPump;
import mode.inspector.model.Streams;
import mode.inspector.viewmodel.InspectorViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The swimlanes in the real window, headless: a click on a crash marker replays to that crash. */
@ExtendWith(ApplicationExtension.class)
class SwimlaneViewTest {
  private final ExecutorService layouts = Executors.newSingleThreadExecutor();
  private InspectorViewModel vm;
  private FxPump pump;

  @Start
  void start(Stage stage) {
    pump = new FxPump(batch -> vm.accept(batch), Throwable::printStackTrace);
    vm = new InspectorViewModel(layouts, pump, InstantSource.system(), System::nanoTime);
    stage.setScene(new Scene(new InspectorView(vm, new NoFiles()), 1200, 760));
    stage.show();
  }

  @AfterEach
  void stopLayouts() {
    layouts.shutdownNow();
  }

  @Test
  void clickingACrashMarkerReplaysTheSessionToThatCrash(FxRobot robot) throws Exception {
    pump.offer(Streams.appSnapshot());
    pump.offer(Streams.move(1_000, 3, State.RUNNING, State.STOPPING, 0));
    pump.offer(Streams.crash(4_000, 3, State.STOPPING, "cache full"));
    pump.offer(Streams.move(8_000, 3, State.CRASHED, State.STARTING, 1));
    pump.offer(Streams.move(10_000, 4, State.RUNNING, State.STOPPING, 0));
    SwimlaneView lanes = robot.lookup("#swimlanes").queryAs(SwimlaneView.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> lanes.crashMarker(3)) != null);

    double[] marker = onFx(() -> lanes.crashMarker(3));
    Point2D onScreen = onFx(() -> lanes.localToScreen(marker[0], marker[1]));
    robot.moveTo(onScreen).clickOn();

    await().atMost(Duration.ofSeconds(10)).until(() -> vm.replayMomentProperty().get() != null);
    assertThat(vm.replayMomentProperty().get()).isEqualTo(Streams.at(4_000));
    assertThat(onFx(() -> vm.shownModel().node(3).state())).isEqualTo(State.CRASHED);
    assertThat(vm.graph().selectedProperty().get()).isEqualTo(3L);
    assertThat(robot.lookup(".replay-crash-marker").queryAll()).hasSize(1);
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
    return WaitForAsyncUtils.asyncFx(call).get();
  }

  private static final class NoFiles implements InspectorView.FileCommands {
    @Override public void exportGraph() {}

    @Override public void saveRecording() {}
  }
}
