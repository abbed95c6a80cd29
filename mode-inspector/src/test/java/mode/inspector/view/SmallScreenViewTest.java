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
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.connection.FxPump;
import mode.inspector.layout.Layout;
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
 * On a small window the graph stays readable, and it fits itself again when the window grows
 * (the tests' headless screen is 1600×1000; see the pom).
 */
@ExtendWith(ApplicationExtension.class)
class SmallScreenViewTest {
  private final ExecutorService layouts = Executors.newSingleThreadExecutor();
  private InspectorViewModel vm;
  private InspectorView view;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    FxPump pump = new FxPump(batch -> vm.accept(batch), Throwable::printStackTrace);
    vm = new InspectorViewModel(layouts, pump, InstantSource.system(), System::nanoTime);
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    view = new InspectorView(vm, new NoFiles());
    stage.setScene(new Scene(view, 1000, 700));
    // The stage outlives a test: one that resized it must not leave it larger for the next.
    stage.sizeToScene();
    stage.show();
  }

  @AfterEach
  void stopLayouts() {
    layouts.shutdownNow();
  }

  /** The on-screen distance between the first two laid-out services: it grows with the scale. */
  private double spread() throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> {
      Layout layout = vm.graph().layoutProperty().get();
      Point2D a = view.canvas().screenPointOf(layout.id(0));
      Point2D b = view.canvas().screenPointOf(layout.id(layout.size() - 1));
      return a.distance(b);
    }).get();
  }

  @Test
  void fitKeepsLabelsReadableAndTheGraphReFitsWhenTheWindowGrows(FxRobot robot) throws Exception {
    robot.interact(() -> vm.accept(List.of(Streams.tree(6, 2))));
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.graph().layoutProperty().get().size() == 43);
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(view.canvas()::fit);
    double small = spread();

    robot.interact(() -> {
      stage.setWidth(1260);
      stage.setHeight(790);
    });
    WaitForAsyncUtils.waitForFxEvents();

    await().atMost(Duration.ofSeconds(5)).until(() -> spread() > small);
    Layout layout = vm.graph().layoutProperty().get();
    double width = view.canvas().getWidth();
    for (int i = 0; i < layout.size(); i++) {
      Point2D p = view.canvas().screenPointOf(layout.id(i));
      assertThat(p.getX()).as(vm.graph().label(layout.id(i))).isBetween(0.0, width);
    }
  }

  @Test
  void fitNeverShrinksLabelsBelowReadable(FxRobot robot) throws Exception {
    robot.interact(() -> vm.accept(List.of(Streams.tree(40, 1))));
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.graph().layoutProperty().get().size() == 41);
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(view.canvas()::fit);

    double scale = WaitForAsyncUtils.asyncFx(() -> view.canvas().scale()).get();
    assertThat(scale).isGreaterThanOrEqualTo(Viewport.READABLE_SCALE);

    // At 1400×900 the 41 services still do not fit whole: readable still, their top in sight.
    robot.interact(() -> {
      stage.setWidth(1400);
      stage.setHeight(900);
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> view.getScene().getWidth() == 1400);
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#fit");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(WaitForAsyncUtils.asyncFx(() -> view.canvas().scale()).get()).isGreaterThanOrEqualTo(Viewport.READABLE_SCALE);
    Point2D root = WaitForAsyncUtils.asyncFx(() -> view.canvas().screenPointOf(1)).get();
    assertThat(root.getY()).isBetween(0.0, view.canvas().getHeight());
    assertThat(root.getX()).isBetween(0.0, view.canvas().getWidth());
  }

  private static final class NoFiles implements InspectorView.FileCommands {
    @Override public void exportGraph() {}
    @Override public void saveRecording() {}
  }
}
