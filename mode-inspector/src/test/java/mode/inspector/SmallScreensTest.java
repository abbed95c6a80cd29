package mode.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.SplitPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import mode.Service;
import mode.inspect.InspectAgent;
import mode.inspect.InspectOptions;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.layout.Layout;
import mode.inspector.view.GraphCanvas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window at 1000×700 and at 1400×900, attached to a live worker over TCP: nothing
 * important is hidden. Every action of the tool bar and of the replay bar is on screen with its
 * whole text (the tool bar wraps rather than hiding actions behind "»"), every legend entry is
 * whole (never cut to "…"), the workers list gives its room to the graph on the small window
 * only, Fit shows the graph at a readable scale, and the graph fits itself again after a resize.
 */
@ExtendWith(ApplicationExtension.class)
class SmallScreensTest {
  /** What must never be hidden: the tool bar's, the replay bar's and the timeline's controls. */
  private static final List<String> CONTROLS = List.of("#search", "#filter", "#fit", "#action-start",
      "#action-stop", "#action-restart", "#action-dump", "#file-menu", "#replay-back", "#replay-play",
      "#replay-forward", "#replay-live", "#replay-slider", "#replay-moment",
      // The timeline tab, shown first: its filter, Follow newest and the count of transitions.
      "#timeline-filter", "#timeline-follow", "#timeline-count");

  @TempDir Path dir;
  private Stage stage;
  private InspectorApp.Parts parts;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  /** A service with a label of our choice. */
  static final class Part extends Service {
    private final String label;

    Part(String label, Service... deps) {
      this.label = label;
      for (Service d : deps) {
        addDependency(d);
      }
    }

    @Override
    public String label() {
      return label;
    }
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  @AfterEach
  void close(FxRobot robot) throws Exception {
    if (parts != null) {
      robot.interact(parts::close);
    }
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  /** The window at {@code width}×{@code height}, attached to a worker of 12 services. */
  private void attached(FxRobot robot, double width, double height) throws Exception {
    robot.interact(() -> {
      parts = new InspectorApp.Parts(stage, width, height);
      stage.sizeToScene();
      stage.show();
    });
    Service shop = new Part("Shop",
        new Part("Web", new Part("Router"), new Part("Sessions"), new Part("Auth")),
        new Part("Cache"),
        new Part("Db", new Part("Shard-1"), new Part("Shard-2"), new Part("Shard-3"), new Part("Shard-4")),
        new Part("Mailer"));
    shop.start();
    cleanup.add(shop::stop);
    InspectAgent agent = InspectAgent.start(shop, InspectOptions.defaults("shop").withDirectory(dir.resolve("inspect"))
        .withTcp(new InetSocketAddress("127.0.0.1", 0), false));
    cleanup.add(agent);
    var tcp = agent.descriptor().tcpTarget().orElseThrow();
    robot.interact(() -> parts.sessions.attach(tcp.host() + ":" + tcp.port(), tcp.token()));
    await().atMost(Duration.ofSeconds(15)).until(() -> parts.vm.statusProperty().get() == ConnectionStatus.CONNECTED);
    await().atMost(Duration.ofSeconds(15)).until(() -> parts.vm.graph().layoutProperty().get().size() == 12);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(parts.scene.getWidth()).isEqualTo(width);
    assertThat(parts.scene.getHeight()).isEqualTo(height);
  }

  @Test
  void at1000x700NothingImportantIsHiddenAndTheWorkersListGivesWay(FxRobot robot) throws Exception {
    attached(robot, 1000, 700);

    assertNothingImportantHidden(robot);
    assertThat(dividerOfTheWorkersList()).isLessThan(0.01);
    // The main view (tool bar, graph, tabs) takes the window's whole width.
    assertThat(onFx(() -> parts.view.localToScene(parts.view.getLayoutBounds()).getMinX())).isLessThan(10);
    assertFitIsReadable(robot);
  }

  @Test
  void at1400x900NothingImportantIsHiddenAndTheWorkersListStays(FxRobot robot) throws Exception {
    attached(robot, 1400, 900);

    assertNothingImportantHidden(robot);
    assertThat(dividerOfTheWorkersList()).isGreaterThan(0.1);
    assertThat(onFx(() -> parts.view.localToScene(parts.view.getLayoutBounds()).getMinX())).isGreaterThan(150);
    assertThat(robot.lookup("#worker-list").query().isVisible()).isTrue();
    assertFitIsReadable(robot);
  }

  @Test
  void theGraphFitsItselfAgainWhenTheWindowGrowsOrShrinks(FxRobot robot) throws Exception {
    attached(robot, 1000, 700);
    robot.clickOn("#fit");
    WaitForAsyncUtils.waitForFxEvents();
    List<Point2D> small = nodesOnScreen();

    robot.interact(() -> {
      stage.setWidth(1400);
      stage.setHeight(900);
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> parts.scene.getWidth() == 1400 && parts.scene.getHeight() == 900);
    WaitForAsyncUtils.waitForFxEvents();
    List<Point2D> large = nodesOnScreen();
    assertThat(large).isNotEqualTo(small);
    // What the resize left on screen is what Fit shows at this size.
    robot.clickOn("#fit");
    WaitForAsyncUtils.waitForFxEvents();
    assertSamePlaces(nodesOnScreen(), large);
    assertInsideTheCanvas(large);

    robot.interact(() -> {
      stage.setWidth(1000);
      stage.setHeight(700);
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> parts.scene.getWidth() == 1000 && parts.scene.getHeight() == 700);
    WaitForAsyncUtils.waitForFxEvents();
    assertSamePlaces(nodesOnScreen(), small);
  }

  private void assertNothingImportantHidden(FxRobot robot) throws Exception {
    assertThat(robot.lookup(".tool-bar-overflow-button").queryAll()).isEmpty();
    for (String id : CONTROLS) {
      Node node = robot.lookup(id).query();
      assertOnScreen(node, id);
      if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
        assertWhole(labeled, id);
      }
    }
    List<Node> legend = robot.from(robot.lookup("#legend").<Node>query()).lookup((Node n) -> n instanceof Labeled).queryAll()
        .stream().toList();
    assertThat(legend).hasSizeGreaterThanOrEqualTo(10);
    for (Node entry : legend) {
      Labeled labeled = (Labeled) entry;
      assertOnScreen(labeled, "legend entry " + labeled.getText());
      assertWhole(labeled, "legend entry " + labeled.getText());
    }
  }

  /** {@code node} and its ancestors are visible, and it lies wholly inside the window. */
  private void assertOnScreen(Node node, String what) throws Exception {
    for (Node n = node; n != null; n = n.getParent()) {
      assertThat(n.isVisible()).as(what + " visible").isTrue();
    }
    Bounds b = onFx(() -> node.localToScene(node.getLayoutBounds()));
    assertThat(b.getWidth()).as(what + " width").isPositive();
    assertThat(b.getMinX()).as(what + " left").isGreaterThanOrEqualTo(0);
    assertThat(b.getMinY()).as(what + " top").isGreaterThanOrEqualTo(0);
    assertThat(b.getMaxX()).as(what + " right").isLessThanOrEqualTo(parts.scene.getWidth());
    assertThat(b.getMaxY()).as(what + " bottom").isLessThanOrEqualTo(parts.scene.getHeight());
  }

  /** The text drawn is the whole text: not cut to "…". */
  private static void assertWhole(Labeled labeled, String what) {
    Text drawn = (Text) labeled.lookup(".text");
    assertThat(drawn).as(what + " text node").isNotNull();
    assertThat(drawn.getText()).as(what).isEqualTo(labeled.getText());
  }

  private double dividerOfTheWorkersList() {
    return ((SplitPane) parts.scene.getRoot()).getDividerPositions()[0];
  }

  /** Fit shows labels at 70 % or more, and the graph's top: its root is inside the canvas. */
  private void assertFitIsReadable(FxRobot robot) throws Exception {
    robot.clickOn("#fit");
    WaitForAsyncUtils.waitForFxEvents();
    double scale = onFx(() -> {
      Layout layout = parts.vm.graph().layoutProperty().get();
      GraphCanvas canvas = parts.view.canvas();
      // The zoom, from two services drawn at different heights.
      int top = 0;
      int other = layout.size() - 1;
      for (int i = 0; i < layout.size(); i++) {
        if (layout.y(i) < layout.y(top)) {
          top = i;
        }
        if (layout.y(i) > layout.y(other)) {
          other = i;
        }
      }
      return (canvas.screenPointOf(layout.id(other)).getY() - canvas.screenPointOf(layout.id(top)).getY())
          / (layout.y(other) - layout.y(top));
    });
    assertThat(scale).isGreaterThanOrEqualTo(0.7);
    List<Point2D> places = nodesOnScreen();
    assertInsideTheCanvas(places.subList(0, 1));
  }

  /** Where each laid-out service is drawn on the canvas, the root first. */
  private List<Point2D> nodesOnScreen() throws Exception {
    return onFx(() -> {
      Layout layout = parts.vm.graph().layoutProperty().get();
      List<Point2D> out = new ArrayList<>();
      int root = 0;
      for (int i = 0; i < layout.size(); i++) {
        if (parts.vm.graph().label(layout.id(i)).equals("Shop")) {
          root = i;
        }
      }
      out.add(parts.view.canvas().screenPointOf(layout.id(root)));
      for (int i = 0; i < layout.size(); i++) {
        if (i != root) {
          out.add(parts.view.canvas().screenPointOf(layout.id(i)));
        }
      }
      return out;
    });
  }

  private void assertInsideTheCanvas(List<Point2D> places) {
    GraphCanvas canvas = parts.view.canvas();
    for (Point2D p : places) {
      assertThat(p.getX()).isBetween(0.0, canvas.getWidth());
      assertThat(p.getY()).isBetween(0.0, canvas.getHeight());
    }
  }

  private static void assertSamePlaces(List<Point2D> actual, List<Point2D> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i).getX()).isCloseTo(expected.get(i).getX(), within(0.01));
      assertThat(actual.get(i).getY()).isCloseTo(expected.get(i).getY(), within(0.01));
    }
  }

  private static <T> T onFx(Callable<T> call) throws Exception {
    return WaitForAsyncUtils.asyncFx(call).get();
  }
}
