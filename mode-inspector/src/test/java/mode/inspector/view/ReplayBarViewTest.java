package mode.inspector.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import mode.State;
import mode.inspector.connection.FxPump;
import mode.inspector.model.Streams;
import mode.inspector.model.Texts;
import mode.inspector.viewmodel.InspectorViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The replay bar in the real window, headless: the step and play buttons move the replay from
 * transition to transition, the slider's thumb and the time beside it follow the moment however
 * it was chosen (a step, play, a click in the swimlanes), and the crash markers under the slider
 * stand where the thumb stands when that crash is replayed.
 *
 * <p>The session: a snapshot at 0 ms of App(1) → {Web(2) → {Router(4), Sessions(5)}, Cache(3)},
 * then Cache stops (1 s), crashes (4 s), Sessions crashes (6 s), Cache starts again (8 s) and
 * Router stops (10 s): the slider runs from 0 to 10 s.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayBarViewTest {
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

  private void session(FxRobot robot) throws Exception {
    pump.offer(Streams.appSnapshot());
    pump.offer(Streams.move(1_000, 3, State.RUNNING, State.STOPPING, 0));
    pump.offer(Streams.crash(4_000, 3, State.STOPPING, "cache full"));
    pump.offer(Streams.crash(6_000, 5, State.RUNNING, "lost"));
    pump.offer(Streams.move(8_000, 3, State.CRASHED, State.STARTING, 1));
    pump.offer(Streams.move(10_000, 4, State.RUNNING, State.STOPPING, 0));
    await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> vm.liveHistory().size()) == 5
        && vm.graph().layoutProperty().get().size() == 5
        && robot.lookup(".replay-crash-marker").queryAll().size() == 2);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void stepButtonsMoveTheReplayFromTransitionToTransitionAndTheSliderFollows(FxRobot robot) throws Exception {
    session(robot);
    assertThat(slider(robot).getValue()).isEqualTo(1.0);
    assertThat(momentText(robot)).isEqualTo("Live");

    robot.clickOn("#replay-forward");
    assertShowing(robot, 1_000);
    assertThat(onFx(() -> vm.shownModel().node(3).state())).isEqualTo(State.STOPPING);

    robot.clickOn("#replay-forward");
    assertShowing(robot, 4_000);
    assertThat(onFx(() -> vm.shownModel().node(3).state())).isEqualTo(State.CRASHED);
    assertThat(onFx(() -> vm.shownModel().node(5).state())).isEqualTo(State.RUNNING);
    assertThumbOnMarker(robot, 0);

    robot.clickOn("#replay-forward");
    assertShowing(robot, 6_000);
    assertThat(onFx(() -> vm.shownModel().node(5).state())).isEqualTo(State.CRASHED);
    assertThumbOnMarker(robot, 1);

    robot.clickOn("#replay-forward").clickOn("#replay-forward");
    assertShowing(robot, 10_000);
    // No transition after the last one: the step stays there.
    robot.clickOn("#replay-forward");
    assertShowing(robot, 10_000);

    robot.clickOn("#replay-back");
    assertShowing(robot, 8_000);
    assertThat(onFx(() -> vm.shownModel().node(3).state())).isEqualTo(State.STARTING);
    robot.clickOn("#replay-back").clickOn("#replay-back");
    assertShowing(robot, 4_000);
    assertThumbOnMarker(robot, 0);

    robot.clickOn("#replay-live");
    assertThat(vm.replayingProperty().get()).isFalse();
    assertThat(slider(robot).getValue()).isEqualTo(1.0);
    assertThat(momentText(robot)).isEqualTo("Live");
    assertThat(onFx(() -> vm.shownModel().node(4).state())).isEqualTo(State.STOPPING);
  }

  @Test
  void playRunsThroughEveryTransitionToTheLastAndStops(FxRobot robot) throws Exception {
    session(robot);
    List<Instant> moments = new CopyOnWriteArrayList<>();
    List<String> playTexts = new CopyOnWriteArrayList<>();
    Button play = robot.lookup("#replay-play").queryButton();
    robot.interact(() -> {
      vm.replayMomentProperty().addListener((obs, old, now) -> moments.add(now));
      play.textProperty().addListener((obs, old, now) -> playTexts.add(now));
    });

    robot.clickOn("#replay-play");

    await().atMost(Duration.ofSeconds(30)).until(() -> Streams.at(10_000).equals(vm.replayMomentProperty().get())
        && "▶".equals(play.getText()));
    assertThat(playTexts).containsExactly("❚❚", "▶");
    // From the first transition on, in time order, through every transition.
    assertThat(moments.getFirst()).isEqualTo(Streams.at(1_000));
    assertThat(moments).isSorted().containsSubsequence(
        Streams.at(1_000), Streams.at(4_000), Streams.at(6_000), Streams.at(8_000), Streams.at(10_000));
    assertShowing(robot, 10_000);
    assertThat(onFx(() -> vm.shownModel().node(4).state())).isEqualTo(State.STOPPING);
  }

  @Test
  void clickingALaneOrACrashInTheSwimlanesMovesTheReplayAndTheSliderThere(FxRobot robot) throws Exception {
    session(robot);
    SwimlaneView lanes = robot.lookup("#swimlanes").queryAs(SwimlaneView.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> lanes.lanePoint(3, Streams.at(9_000))) != null);

    // Cache's lane at 9 s: in the STARTING span it entered at 8 s.
    robot.moveTo(onFx(() -> screen(lanes, lanes.lanePoint(3, Streams.at(9_000))))).clickOn();
    assertShowing(robot, 8_000);
    assertThat(vm.graph().selectedProperty().get()).isEqualTo(3L);
    assertThat(onFx(() -> vm.shownModel().node(3).state())).isEqualTo(State.STARTING);

    // Sessions' crash marker: the replay goes to that crash, and the thumb onto its marker.
    robot.moveTo(onFx(() -> screen(lanes, lanes.crashMarker(5)))).clickOn();
    assertShowing(robot, 6_000);
    assertThat(vm.graph().selectedProperty().get()).isEqualTo(5L);
    assertThat(onFx(() -> vm.shownModel().node(5).state())).isEqualTo(State.CRASHED);
    assertThumbOnMarker(robot, 1);
  }

  /** The replay shows {@code millis}: the moment, the thumb's place and the time beside the slider. */
  private void assertShowing(FxRobot robot, long millis) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(vm.replayingProperty().get()).isTrue();
    assertThat(vm.replayMomentProperty().get()).isEqualTo(Streams.at(millis));
    assertThat(slider(robot).getValue()).isCloseTo(millis / 10_000.0, within(1e-9));
    assertThat(momentText(robot)).isEqualTo(Texts.time(Streams.at(millis)));
    assertThat(vm.liveness().noticeProperty().get()).startsWith("Replay: the graph as it was at " + Texts.time(Streams.at(millis)));
  }

  /**
   * The thumb's centre is on the centre of the {@code index}th crash marker, within half a pixel
   * (markers spread over the whole slider instead of its track are off by up to half a thumb).
   */
  private void assertThumbOnMarker(FxRobot robot, int index) throws Exception {
    List<Node> markers = List.copyOf(robot.lookup(".replay-crash-marker").queryAll());
    assertThat(markers).hasSize(2);
    List<Double> centres = onFx(() -> markers.stream().map(m -> centreX(m)).sorted().toList());
    Node thumb = robot.lookup("#replay-slider .thumb").query();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(onFx(() -> centreX(thumb))).isCloseTo(centres.get(index), within(0.5)));
  }

  private static double centreX(Node node) {
    Bounds b = node.localToScreen(node.getBoundsInLocal());
    return b.getCenterX();
  }

  private static Point2D screen(SwimlaneView lanes, double[] point) {
    return lanes.localToScreen(point[0], point[1]);
  }

  private static Slider slider(FxRobot robot) {
    return robot.lookup("#replay-slider").queryAs(Slider.class);
  }

  private static String momentText(FxRobot robot) {
    return robot.lookup("#replay-moment").queryAs(Label.class).getText();
  }

  private static <T> T onFx(Callable<T> call) throws Exception {
    return WaitForAsyncUtils.asyncFx(call).get();
  }

  private static final class NoFiles implements InspectorView.FileCommands {
    @Override public void exportGraph() {}

    @Override public void saveRecording() {}
  }
}
