package mode.inspector.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import mode.State;
import mode.events.ServiceEvent;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.connection.FxPump;
import mode.inspector.model.Streams;
import mode.inspector.viewmodel.InspectorViewModel;
import mode.inspector.viewmodel.StateFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class InspectorViewTest {
  private final ExecutorService layouts = Executors.newSingleThreadExecutor();
  private InspectorViewModel vm;
  private FxPump pump;
  private InspectorView view;

  @Start
  void start(Stage stage) {
    pump = new FxPump(batch -> vm.accept(batch), Throwable::printStackTrace);
    vm = new InspectorViewModel(layouts, pump, InstantSource.system(), System::nanoTime);
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    view = new InspectorView(vm, new NoFiles());
    stage.setScene(new Scene(view, 1200, 760));
    stage.show();
  }

  @AfterEach
  void stopLayouts() {
    layouts.shutdownNow();
  }

  private void feed(ServiceEvent... events) {
    for (ServiceEvent e : events) {
      pump.offer(e);
    }
  }

  private void awaitLaidOut(int services) {
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.graph().layoutProperty().get().size() == services);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private long idOf(String label) {
    return vm.shownModel().nodes().stream().filter(n -> n.label().equals(label)).findFirst().orElseThrow().id();
  }

  @Test
  void clickingANodeShowsItsDetailsAndCrashStack(FxRobot robot) throws Exception {
    feed(Streams.demoLike());
    awaitLaidOut(25);

    Path png = Path.of("target", "view-test-demo-like.png");
    robot.interact(() -> {
      try {
        Snapshots.writePng(view.snapshot(null, null), png);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(Files.size(png)).isPositive();
    Point2D flaky = view.canvas().screenPointOf(idOf("Flaky"));
    robot.clickOn(view.canvas().localToScreen(flaky));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(robot.lookup("#details-title").queryAs(Label.class).getText()).isEqualTo("Flaky");
    assertThat(robot.lookup("#details-class").queryAs(Label.class).getText()).isEqualTo("demo.Flaky");
    assertThat(robot.lookup("#details-state").queryAs(Label.class).getText()).startsWith("CRASHED for ");
    assertThat(robot.lookup("#details-crash").queryAs(Label.class).getText())
        .startsWith("java.lang.IllegalStateException: flaky failure #3");
    assertThat(robot.lookup("#details-stack").queryAs(javafx.scene.control.TextArea.class).getText())
        .contains("demo.Flaky.tick(Flaky.java:31)");
  }

  @Test
  void filterNarrowsTheGraphAndTimelineClickSelects(FxRobot robot) {
    feed(Streams.demoLike());
    awaitLaidOut(25);
    long cache = idOf("Shard-2");
    feed(new ServiceEvent.Transition(Streams.at(5000), cache, State.RUNNING, State.CRASHED, 0, "java.io.IOException: shard lost", "stack"));

    robot.interact(() -> vm.graph().filterProperty().set(StateFilter.CRASHED));
    // App, Cache, Shard-2, OneForOneSupervisor, Flaky
    awaitLaidOut(5);

    TableView<?> timeline = robot.lookup("#timeline").queryAs(TableView.class);
    await().atMost(Duration.ofSeconds(5)).until(() -> timeline.getItems().size() == 1);
    robot.clickOn(robot.lookup("Shard-2").match(n -> n instanceof javafx.scene.control.TableCell<?, ?>).queryAs(javafx.scene.Node.class));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(vm.graph().selectedProperty().get()).isEqualTo(cache);
    assertThat(robot.lookup("#details-title").queryAs(Label.class).getText()).isEqualTo("Shard-2");
  }

  @Test
  void pngExportDrawsTheWholeGraph(FxRobot robot) throws Exception {
    feed(Streams.demoLike());
    awaitLaidOut(25);
    Path png = Path.of("target", "export-test.png");

    robot.interact(() -> {
      try {
        Snapshots.writePng(Snapshots.graphImage(vm.graph()), png);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });

    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    var layout = vm.graph().layoutProperty().get();
    assertThat(image.getWidth()).isEqualTo((int) Math.ceil(layout.width() + 48));
    assertThat(image.getHeight()).isEqualTo((int) Math.ceil(layout.height() + 48));
    // The flaky service's box is filled with the crashed colour.
    int i = layout.indexOf(idOf("Flaky"));
    int argb = image.getRGB((int) (layout.x(i) + 24 + 4), (int) (layout.y(i) + 24 + layout.nodeHeight() / 2));
    javafx.scene.paint.Color crashed = Palette.fill(State.CRASHED);
    assertThat((argb >> 16) & 0xff).isCloseTo((int) Math.round(crashed.getRed() * 255), org.assertj.core.data.Offset.offset(3));
  }

  /** A double click as the canvas receives it; a robot's two clicks may be too far apart on a busy machine. */
  private void doubleClick(FxRobot robot, long id) {
    // The event's coordinates are scene coordinates; delivery turns them into the canvas's.
    Point2D p = view.canvas().localToScene(view.canvas().screenPointOf(id));
    Point2D screen = view.canvas().localToScreen(view.canvas().screenPointOf(id));
    robot.interact(() -> javafx.event.Event.fireEvent(view.canvas().canvas(), new javafx.scene.input.MouseEvent(
        javafx.scene.input.MouseEvent.MOUSE_CLICKED, p.getX(), p.getY(), screen.getX(), screen.getY(),
        javafx.scene.input.MouseButton.PRIMARY, 2, false, false, false, false, true, false, false, true, false, true, null)));
  }

  @Test
  void doubleClickCollapsesAServiceWithACountAndExpandsItAgain(FxRobot robot) {
    feed(Streams.demoLike());
    awaitLaidOut(25);
    long cache = idOf("Cache");

    doubleClick(robot, cache);
    awaitLaidOut(21);
    assertThat(vm.graph().hiddenBelow(cache)).isEqualTo(4);
    assertThat(vm.graph().layoutProperty().get().indexOf(idOf("Shard-1"))).isEqualTo(-1);

    doubleClick(robot, cache);
    awaitLaidOut(25);
    assertThat(vm.graph().hiddenBelow(cache)).isZero();
  }

  @Test
  void theGraphStopsAskingForFramesWhenNothingChangesAndPaintsAgainOnAChange(FxRobot robot) throws Exception {
    feed(Streams.demoLike());
    awaitLaidOut(25);
    GraphCanvas canvas = view.canvas();
    await().atMost(Duration.ofSeconds(10)).until(() -> !WaitForAsyncUtils.asyncFx(canvas::isPainting).get());
    long framesWhenIdle = WaitForAsyncUtils.asyncFx(canvas::frames).get();

    feed(Streams.move(6000, idOf("Shard-2"), State.RUNNING, State.STOPPING, 0));

    await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(canvas::frames).get() > framesWhenIdle);
    // The change's highlight fades, then the canvas goes quiet again.
    await().atMost(Duration.ofSeconds(10)).until(() -> !WaitForAsyncUtils.asyncFx(canvas::isPainting).get());
    assertThat(WaitForAsyncUtils.asyncFx(() -> vm.shownModel().node(idOf("Shard-2")).state()).get()).isEqualTo(State.STOPPING);
  }

  @Test
  void searchSelectsTheMatchingService(FxRobot robot) {
    feed(Streams.demoLike());
    awaitLaidOut(25);

    robot.clickOn("#search").write("payments").type(javafx.scene.input.KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(vm.graph().selectedProperty().get()).isEqualTo(idOf("PaymentsConsumer"));
    assertThat(robot.lookup("#details-title").queryAs(Label.class).getText()).isEqualTo("PaymentsConsumer");
  }

  @Test
  void timersShowTheirIntervalWithItsUnitUnderWholeHeaders(FxRobot robot) {
    feed(Streams.demoLike());
    awaitLaidOut(25);
    robot.interact(() -> vm.graph().select(idOf("OrdersConsumer")));

    TableView<?> timers = robot.lookup("#details-timers").queryAs(TableView.class);
    assertThat(timers.getColumns().get(2).getCellData(0)).isEqualTo("every 0.5 s");
    for (var column : timers.getColumns()) {
      assertThat(column.getWidth()).as(column.getText()).isGreaterThanOrEqualTo(20 + 7.5 * column.getText().length());
    }
  }

  private static final class NoFiles implements InspectorView.FileCommands {
    @Override public void exportGraph() {}
    @Override public void saveRecording() {}
  }

}
