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

/**
 * The swimlanes in the real window, headless: each state a span in its colour, and a click on a
 * crash marker replays to that crash.
 */
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

  @Test
  void eachLaneDrawsItsStatesAsSpansInTheirColours(FxRobot robot) throws Exception {
    pump.offer(Streams.appSnapshot());
    pump.offer(Streams.move(1_000, 3, State.RUNNING, State.STOPPING, 0));
    pump.offer(Streams.crash(4_000, 3, State.STOPPING, "cache full"));
    pump.offer(Streams.move(8_000, 3, State.CRASHED, State.STARTING, 1));
    pump.offer(Streams.move(10_000, 4, State.RUNNING, State.STOPPING, 0));
    SwimlaneView lanes = robot.lookup("#swimlanes").queryAs(SwimlaneView.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> lanes.lanePoint(3, Streams.at(9_000))) != null);
    WaitForAsyncUtils.waitForFxEvents();

    javafx.scene.image.WritableImage image = onFx(() -> lanes.snapshot(null, null));
    // Between the axis' tick lines (on whole and half seconds here). Cache: stopping from 1 s,
    // crashed from 4 s (its marker at the lane's top), starting from 8 s.
    assertThat(colourAt(lanes, image, 3, 2_300)).isEqualTo(colour(State.STOPPING));
    assertThat(colourAt(lanes, image, 3, 6_300)).isEqualTo(colour(State.CRASHED));
    assertThat(colourAt(lanes, image, 3, 9_300)).isEqualTo(colour(State.STARTING));
    // Router: running until it stops at 10 s.
    assertThat(colourAt(lanes, image, 4, 5_300)).isEqualTo(colour(State.RUNNING));
  }

  @Test
  void untilTheUserZoomsTheLanesShowTheWholeSessionAsItGrows(FxRobot robot) throws Exception {
    pump.offer(Streams.appSnapshot());
    pump.offer(Streams.move(1_000, 3, State.RUNNING, State.STOPPING, 0));
    SwimlaneView lanes = robot.lookup("#swimlanes").queryAs(SwimlaneView.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> lanes.lanePoint(3, Streams.at(1_000))) != null);

    pump.offer(Streams.crash(4_000, 3, State.STOPPING, "cache full"));
    pump.offer(Streams.move(8_000, 3, State.CRASHED, State.STARTING, 1));
    pump.offer(Streams.move(10_000, 4, State.RUNNING, State.STOPPING, 0));
    await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> lanes.lanePoint(4, Streams.at(10_000))) != null);

    // From the first transition to the last, and the crash marker among them.
    double[] first = onFx(() -> lanes.lanePoint(3, Streams.at(1_000)));
    double[] last = onFx(() -> lanes.lanePoint(3, Streams.at(10_000)));
    assertThat(first).as("the first transition still in sight").isNotNull();
    assertThat(first[0]).isCloseTo(SwimlaneView.NAMES, org.assertj.core.api.Assertions.within(1.0));
    assertThat(last[0]).isGreaterThan(first[0] + 300);
    assertThat(onFx(() -> lanes.crashMarker(3))).isNotNull();
  }

  /** The colour drawn on the lane of {@code id} at {@code millis}, a little below its middle. */
  private static String colourAt(SwimlaneView lanes, javafx.scene.image.WritableImage image, long id, long millis)
      throws Exception {
    double[] p = onFx(() -> lanes.lanePoint(id, Streams.at(millis)));
    return hex(image.getPixelReader().getColor((int) Math.round(p[0]), (int) Math.round(p[1] + 3)));
  }

  private static String colour(State state) {
    return hex(Palette.fill(state));
  }

  private static String hex(javafx.scene.paint.Color c) {
    return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
        Math.round(c.getBlue() * 255));
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
    return WaitForAsyncUtils.asyncFx(call).get();
  }

  private static final class NoFiles implements InspectorView.FileCommands {
    @Override public void exportGraph() {}

    @Override public void saveRecording() {}
  }
}
