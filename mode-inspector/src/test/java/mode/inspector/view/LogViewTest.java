package mode.inspector.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import mode.events.ServiceEvent;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.model.Streams;
import mode.inspector.viewmodel.InspectorViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The log pane, headless: its filters, the selected entry's whole message, following the newest. */
@ExtendWith(ApplicationExtension.class)
class LogViewTest {
  private static final String STACK = "eviction failed: disk full\n"
      + "java.io.IOException: disk full\n\tat demo.Cache.evict(Cache.java:42)\n\tat demo.Cache.tick(Cache.java:17)";
  private final ExecutorService layouts = Executors.newSingleThreadExecutor();
  private InspectorViewModel vm;

  @Start
  void start(Stage stage) {
    vm = new InspectorViewModel(layouts, javafx.application.Platform::runLater, () -> Streams.at(10_000), System::nanoTime);
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    LogView view = new LogView(vm);
    view.getStylesheets().add(InspectorView.STYLESHEET);
    stage.setScene(new Scene(view, 1000, 420));
    stage.show();
  }

  @AfterEach
  void stopLayouts() {
    layouts.shutdownNow();
  }

  private static ServiceEvent.Log entry(long millis, Long service, String level, String logger, String message) {
    return new ServiceEvent.Log(Streams.at(millis), service, level, logger, message);
  }

  /** The app's tree, then {@code warnings} warnings of Web, then Cache's error with a stack trace. */
  private void feed(FxRobot robot, int warnings) {
    List<ServiceEvent> events = new ArrayList<>(List.of(Streams.appSnapshot()));
    for (int i = 0; i < warnings; i++) {
      events.add(entry(100 + i, 2L, "WARN", "demo.Web", "slow request " + i));
    }
    events.add(entry(1000, 3L, "ERROR", "demo.Cache", STACK));
    events.add(entry(1001, null, "INFO", "mode.inspect", "the inspect agent is closing"));
    robot.interact(() -> vm.accept(events));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @SuppressWarnings("unchecked")
  private static TableView<ServiceEvent.Log> table(FxRobot robot) {
    return robot.lookup("#log").queryAs(TableView.class);
  }

  private static List<String> messages(FxRobot robot) {
    return table(robot).getItems().stream().map(ServiceEvent.Log::message).toList();
  }

  private static TableCell<?, ?> cell(FxRobot robot, String text) {
    return robot.lookup("#log .table-cell").match((TableCell<?, ?> c) -> text.equals(c.getText()))
        .queryAs(TableCell.class);
  }

  /** Whether the table's newest row is on screen (its last visible row, if only in part). FX thread. */
  private static boolean newestRowShowing(FxRobot robot) {
    int last = table(robot).getItems().size() - 1;
    VirtualFlow<?> flow = robot.lookup("#log .virtual-flow").queryAs(VirtualFlow.class);
    return flow.getLastVisibleCell() != null && flow.getLastVisibleCell().getIndex() == last;
  }

  /**
   * Whether the newest row is on screen once the table laid out what it was asked to (every entry
   * counted, no scroll request waiting in the event queue).
   */
  private static boolean newestRowShowingOnceLaidOut(FxRobot robot) {
    await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(() -> {
      TableView<ServiceEvent.Log> table = table(robot);
      VirtualFlow<?> flow = robot.lookup("#log .virtual-flow").queryAs(VirtualFlow.class);
      return flow.getCellCount() == table.getItems().size();
    }).get());
    WaitForAsyncUtils.waitForFxEvents();
    try {
      return WaitForAsyncUtils.asyncFx(() -> newestRowShowing(robot)).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void awaitNewestRowShowing(FxRobot robot) {
    await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(() -> newestRowShowing(robot)).get());
  }

  @Test
  void theLevelChoiceAndTheTextFilterPickTheEntriesShown(FxRobot robot) {
    feed(robot, 3);
    assertThat(messages(robot)).as("warnings and up").containsExactly("slow request 0", "slow request 1",
        "slow request 2", STACK);
    assertThat(robot.lookup("#log-summary").queryAs(Label.class).getText()).isEqualTo("4 of 5 entries");

    robot.clickOn("#log-level").clickOn("Errors");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(messages(robot)).containsExactly(STACK);

    robot.clickOn("#log-level").clickOn("All levels");
    robot.clickOn("#log-filter").write("web");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(messages(robot)).as("the service label matches").containsExactly("slow request 0", "slow request 1",
        "slow request 2");

    robot.interact(() -> robot.lookup("#log-filter").queryTextInputControl().clear());
    robot.clickOn("#log-filter").write("MODE.INSPECT");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(messages(robot)).as("the logger matches, ignoring case").containsExactly("the inspect agent is closing");
  }

  @Test
  void theServiceChoiceShowsOnlyTheSelectedServicesEntries(FxRobot robot) {
    feed(robot, 3);
    robot.interact(() -> vm.graph().select(3L));

    robot.clickOn("#log-scope").clickOn("Selected service");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(messages(robot)).as("Cache's").containsExactly(STACK);

    robot.interact(() -> vm.graph().select(2L));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(messages(robot)).as("Web's, following the selection").containsExactly("slow request 0",
        "slow request 1", "slow request 2");
    assertThat(table(robot).getColumns().get(2).getCellData(0)).isEqualTo("Web");

    robot.clickOn("#log-scope").clickOn("All services");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(messages(robot)).containsExactly("slow request 0", "slow request 1", "slow request 2", STACK);
  }

  @Test
  void selectingARowShowsItsWholeMessageAndTheRowItsFirstLine(FxRobot robot) {
    feed(robot, 3);
    TextArea message = robot.lookup("#log-message").queryAs(TextArea.class);
    assertThat(message.getText()).isEmpty();

    TableCell<?, ?> first = cell(robot, "eviction failed: disk full …");
    assertThat(first.getTooltip().getText()).isEqualTo(STACK);
    assertThat(cell(robot, "Cache").getText()).as("the service column").isEqualTo("Cache");
    robot.clickOn(first);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(message.getText()).endsWith("demo.Cache\n" + STACK).contains("\tat demo.Cache.tick(Cache.java:17)");
    assertThat(message.isEditable()).isFalse();
    assertThat(message.getFont().getFamily()).isEqualTo("Monospaced");
  }

  @Test
  void theTableFollowsTheNewestEntryUntilTheUserScrollsUpOrSelectsARow(FxRobot robot) {
    CheckBox follow = robot.lookup("#log-follow").queryAs(CheckBox.class);
    feed(robot, 200);
    assertThat(follow.isSelected()).isTrue();
    awaitNewestRowShowing(robot); // following: the newest row is on screen

    // The headless robot's wheel reports DOWN as a positive deltaY, which JavaFX (the table too)
    // reads as scrolling up, towards the oldest entry: the assertion below checks it did.
    robot.moveTo("#log").scroll(10, VerticalDirection.DOWN);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(newestRowShowingOnceLaidOut(robot)).as("the table scrolled up").isFalse();
    assertThat(follow.isSelected()).as("scrolling up stops following").isFalse();
    robot.interact(() -> vm.accept(List.of(entry(5000, 2L, "WARN", "demo.Web", "while scrolled up"))));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(newestRowShowingOnceLaidOut(robot)).as("not following: the table stays where the user put it").isFalse();

    robot.clickOn(follow);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(follow.isSelected()).isTrue();
    awaitNewestRowShowing(robot); // turning it on jumps to the end
    robot.interact(() -> vm.accept(List.of(entry(5001, 2L, "WARN", "demo.Web", "the newest"))));
    WaitForAsyncUtils.waitForFxEvents();
    awaitNewestRowShowing(robot); // following again: each new entry is shown

    robot.clickOn(cell(robot, "the newest"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(follow.isSelected()).as("selecting a row stops following").isFalse();
  }
}
