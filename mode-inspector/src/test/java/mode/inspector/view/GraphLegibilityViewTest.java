package mode.inspector.view;

import static mode.inspector.model.Streams.T0;
import static mode.inspector.model.Streams.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo.SupervisorInfo;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.connection.FxPump;
import mode.inspector.layout.Layout;
import mode.inspector.viewmodel.InspectorViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Graph legibility in the real window, headless: the legend says what an arrow means and shows
 * a supervisor's shape; a supervisor is drawn as one (its shield on its box, which a plain
 * service's box lacks) and described by its policy in words, which the search finds.
 *
 * <p>The worker: App(1) → {Guard(2) → Worker(3), Cache(4)}, Guard a one-for-one supervisor of
 * Worker allowing 3 restarts in 10 s.
 */
@ExtendWith(ApplicationExtension.class)
class GraphLegibilityViewTest {
  private static final String POLICY = "one-for-one supervisor · at most 3 restarts in 10 s";
  private final ExecutorService layouts = Executors.newSingleThreadExecutor();
  private InspectorViewModel vm;
  private InspectorView view;

  @Start
  void start(Stage stage) {
    FxPump pump = new FxPump(batch -> vm.accept(batch), Throwable::printStackTrace);
    vm = new InspectorViewModel(layouts, pump, InstantSource.system(), System::nanoTime);
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    view = new InspectorView(vm, new NoFiles());
    stage.setScene(new Scene(view, 1200, 760));
    stage.sizeToScene();
    stage.show();
  }

  @AfterEach
  void stopLayouts() {
    layouts.shutdownNow();
  }

  private void showSupervisedWorker(FxRobot robot) {
    ServiceEvent.Snapshot snapshot = new ServiceEvent.Snapshot(T0, List.of(
        info(1, "App", State.RUNNING, null, 2L, 4L),
        info(2, "Guard", State.RUNNING, 1L, 3L)
            .withSupervisor(new SupervisorInfo("one-for-one", true, 3, Duration.ofSeconds(10), List.of(3L))),
        info(3, "Worker", State.RUNNING, 2L),
        info(4, "Cache", State.RUNNING, 1L)));
    robot.interact(() -> vm.accept(List.of(snapshot)));
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.graph().layoutProperty().get().size() == 4);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void theLegendSaysWhatAnArrowMeansAndShowsTheSupervisorsShape(FxRobot robot) throws Exception {
    showSupervisedWorker(robot);

    Labeled arrow = robot.from(robot.lookup("#legend").<Node>query())
        .lookup((Node n) -> n instanceof Labeled l && l.getText() != null && l.getText().startsWith("A → B"))
        .query();
    assertThat(arrow.getText()).startsWith("A → B: A depends on B");
    assertShownWhole(arrow);

    Label supervisor = robot.lookup("#legend-supervisor").queryAs(Label.class);
    assertThat(supervisor.getText()).isEqualTo("supervisor: strategy · restart limit");
    assertShownWhole(supervisor);
    assertThat(supervisor.getGraphic()).isInstanceOf(Canvas.class);
    // Its swatch is the graph's shape: the shield is drawn in the running stroke colour.
    WritableImage swatch = onFx(() -> supervisor.getGraphic().snapshot(null, null));
    Color shield = swatch.getPixelReader().getColor((int) Math.round(0.5 + 8 + GraphPainter.SHIELD_SIZE / 2), 8);
    assertThat(distance(shield, Palette.stroke(State.RUNNING))).isLessThan(0.1);
  }

  @Test
  void aSupervisorIsDrawnAsOneAndItsPolicyIsInWordsThatTheSearchFinds(FxRobot robot) throws Exception {
    showSupervisedWorker(robot);
    robot.clickOn("#fit");
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(vm.graph().isSupervisor(2)).isTrue();
    assertThat(vm.graph().boxText(2)).isEqualTo(POLICY);
    assertThat(vm.graph().boxText(4)).isEqualTo("Cache");

    // Where the supervisor's box has its shield, the plain box has its fill or its label.
    GraphCanvas canvas = view.canvas();
    WritableImage image = onFx(() -> canvas.snapshot(null, null));
    Color atGuard = onFx(() -> image.getPixelReader().getColor(shieldX(canvas, 2), shieldY(canvas, 2)));
    Color atCache = onFx(() -> image.getPixelReader().getColor(shieldX(canvas, 4), shieldY(canvas, 4)));
    assertThat(distance(atGuard, Palette.stroke(State.RUNNING))).as("the shield on the supervisor").isLessThan(0.1);
    assertThat(distance(atCache, Palette.stroke(State.RUNNING))).as("no shield on a plain service").isGreaterThan(0.2);

    // The policy in words: the search finds the supervisor by it, and Enter selects it.
    robot.clickOn("#search").write("at most 3 restarts").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(vm.graph().matchCountProperty().get()).isEqualTo(1);
    assertThat(vm.graph().selectedProperty().get()).isEqualTo(2L);
  }

  /** Where the centre of a box's shield would be, in the canvas's pixels. */
  private int shieldX(GraphCanvas canvas, long id) {
    Layout layout = vm.graph().layoutProperty().get();
    int i = layout.indexOf(id);
    Point2D centre = canvas.screenPointOf(id);
    double left = centre.getX() - layout.width(i) * canvas.scale() / 2;
    return (int) Math.round(left + (8 + GraphPainter.SHIELD_SIZE / 2) * canvas.scale());
  }

  private int shieldY(GraphCanvas canvas, long id) {
    return (int) Math.round(canvas.screenPointOf(id).getY());
  }

  private static double distance(Color a, Color b) {
    return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue());
  }

  /** The control is in the window and draws its whole text (not cut to "…"). */
  private static void assertShownWhole(Labeled labeled) throws Exception {
    assertThat(labeled.isVisible()).isTrue();
    Bounds b = onFx(() -> labeled.localToScene(labeled.getLayoutBounds()));
    assertThat(b.getMinX()).isGreaterThanOrEqualTo(0);
    assertThat(b.getMaxX()).isLessThanOrEqualTo(labeled.getScene().getWidth());
    assertThat(b.getMaxY()).isLessThanOrEqualTo(labeled.getScene().getHeight());
    assertThat(((Text) labeled.lookup(".text")).getText()).isEqualTo(labeled.getText());
  }

  private static <T> T onFx(Callable<T> call) throws Exception {
    return WaitForAsyncUtils.asyncFx(call).get();
  }

  private static final class NoFiles implements InspectorView.FileCommands {
    @Override public void exportGraph() {}

    @Override public void saveRecording() {}
  }
}
