package mode.inspector.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import mode.State;
import mode.events.ServiceEvent;
import mode.inspector.connection.FxPump;
import mode.inspector.model.Streams;
import mode.inspector.model.TransitionRecord;
import mode.inspector.viewmodel.InspectorViewModel;
import mode.inspector.viewmodel.TimelineViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The timeline table and the window's styling, headless, fed through the pump as the app is. */
@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {
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

  @SuppressWarnings("unchecked")
  private static TableView<TransitionRecord> timeline(FxRobot robot) {
    return robot.lookup("#timeline").queryAs(TableView.class);
  }

  /** Services 1..5 of {@code Streams.appSnapshot()} cycle through five states, in turn. */
  private static List<ServiceEvent.Transition> cycling(int count) {
    State[] cycle = {State.RUNNING, State.STOPPING, State.SHUTDOWN, State.INIT, State.STARTING};
    int[] phase = new int[6];
    List<ServiceEvent.Transition> moves = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      int id = 1 + k % 5;
      State from = cycle[phase[id]];
      phase[id] = (phase[id] + 1) % cycle.length;
      moves.add(Streams.move(k, id, from, cycle[phase[id]], k / 25));
    }
    return moves;
  }

  @Test
  void transitionsOfManyPulsesAllAppearInOrderAndTheNewestIsInSight(FxRobot robot) throws Exception {
    pump.offer(Streams.appSnapshot());
    List<ServiceEvent.Transition> moves = cycling(3_000);
    // Offered from another thread while pulses run, so they arrive in batches of many sizes.
    Thread feeder = Thread.ofPlatform().start(() -> moves.forEach(pump::offer));
    feeder.join();
    TableView<TransitionRecord> table = timeline(robot);
    await().atMost(Duration.ofSeconds(10)).until(() -> table.getItems().size() == moves.size());
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(table.getItems()).extracting(t -> t.at() + " " + t.serviceId() + " " + t.from() + "->" + t.to())
        .containsExactlyElementsOf(moves.stream().map(m -> m.at() + " " + m.serviceId() + " " + m.from() + "->" + m.to()).toList());
    assertThat(newestRowIsInSight(robot, table)).isTrue();
  }

  private static boolean newestRowIsInSight(FxRobot robot, TableView<TransitionRecord> table) {
    TransitionRecord newest = table.getItems().getLast();
    return robot.from(table).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
        .anyMatch(row -> row.isVisible() && row.getItem() == newest);
  }

  @Test
  void withFollowOffTheTableStaysWhereTheUserScrolled(FxRobot robot) {
    pump.offer(Streams.appSnapshot());
    List<ServiceEvent.Transition> moves = cycling(200);
    moves.subList(0, 100).forEach(pump::offer);
    TableView<TransitionRecord> table = timeline(robot);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 100);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(newestRowIsInSight(robot, table)).isTrue();

    robot.clickOn("#timeline-follow");
    robot.interact(() -> table.scrollTo(0));
    moves.subList(100, 200).forEach(pump::offer);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 200);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(newestRowIsInSight(robot, table)).isFalse();
    assertThat(robot.from(table).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
        .anyMatch(row -> row.isVisible() && row.getIndex() == 0)).isTrue();
  }

  @Test
  void theTableKeepsTheNewestTransitionsAndTheCountTellsOfTheRest(FxRobot robot) {
    pump.offer(Streams.appSnapshot());
    List<ServiceEvent.Transition> moves = cycling(TimelineViewModel.SCROLLBACK + 10);
    moves.forEach(pump::offer);
    TableView<TransitionRecord> table = timeline(robot);
    Label count = robot.lookup("#timeline-count").queryAs(Label.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.timeline().total() == moves.size());
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(table.getItems()).hasSize(TimelineViewModel.SCROLLBACK);
    assertThat(table.getItems().getFirst().at()).isEqualTo(moves.get(10).at());
    assertThat(table.getItems().getLast().at()).isEqualTo(moves.getLast().at());
    assertThat(count.getText()).isEqualTo("the newest 20,000 of 20,010 transitions");

    // JavaFX's controls log it when a virtual flow looks for rows past the end of its list.
    List<String> controlsLog = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger controls = java.util.logging.Logger.getLogger("javafx.scene.control");
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override public void publish(java.util.logging.LogRecord r) {
        controlsLog.add(r.getMessage());
      }

      @Override public void flush() {}

      @Override public void close() {}
    };
    controls.addHandler(capture);
    try {
      robot.clickOn("#timeline-filter").write("router");
      WaitForAsyncUtils.waitForFxEvents();
    } finally {
      controls.removeHandler(capture);
    }
    assertThat(controlsLog).isEmpty();
    // Every fifth transition is the router's, found in the whole history, the oldest included.
    assertThat(table.getItems()).hasSize(4002).allMatch(t -> t.label().equals("Router"));
    assertThat(table.getItems().getFirst().at()).isEqualTo(moves.get(3).at());
    assertThat(count.getText()).isEqualTo("4,002 of 20,010 transitions match");
    assertThat(newestRowIsInSight(robot, table)).isTrue();
  }

  @Test
  void transitionsIntoCrashedAreTintedAndOthersNot(FxRobot robot) {
    pump.offer(Streams.appSnapshot());
    pump.offer(Streams.move(10, 3, State.RUNNING, State.STOPPING, 0));
    pump.offer(Streams.crash(20, 4, State.RUNNING, "java.io.IOException: lost"));
    TableView<TransitionRecord> table = timeline(robot);
    await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 2);
    WaitForAsyncUtils.waitForFxEvents();

    List<String> rows = new ArrayList<>();
    for (Node n : robot.lookup(".table-row-cell").queryAll()) {
      TableRow<?> row = (TableRow<?>) n;
      if (row.getItem() instanceof TransitionRecord t) {
        rows.add(t.label() + " " + t.to() + " crashed=" + row.getPseudoClassStates().contains(TimelineView.CRASHED)
            + " fill=" + row.getBackground().getFills().getLast().getFill());
      }
    }
    rows.sort(null);
    assertThat(rows).containsExactly(
        "Cache STOPPING crashed=false fill=" + Color.WHITE,
        "Router CRASHED crashed=true fill=" + Color.web("#ffebee"));
  }

  @Test
  void largePanesAreDrawnWithOneFillAndABorder(FxRobot robot) {
    // Two or more fills make software rendering stretch a cached image over the whole pane
    // every frame; one fill is drawn directly.
    List<Region> large = new ArrayList<>();
    robot.lookup(n -> n instanceof SplitPane).queryAll().forEach(n -> large.add((Region) n));
    large.add(timeline(robot));
    assertThat(large).hasSize(5); // the view's, the timeline's and the log's split panes, the table
    for (Region pane : large) {
      Background background = pane.getBackground();
      assertThat(background.getFills()).as(pane.getStyleClass().toString()).hasSize(1);
      assertThat(pane.getBorder().getStrokes()).as(pane.getStyleClass().toString()).hasSize(1);
    }
    assertThat(timeline(robot).getFixedCellSize()).isPositive();
  }

  private static final class NoFiles implements InspectorView.FileCommands {
    @Override public void exportGraph() {}

    @Override public void saveRecording() {}
  }
}
