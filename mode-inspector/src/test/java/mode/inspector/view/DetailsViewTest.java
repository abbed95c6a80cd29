package mode.inspector.view;

import static mode.inspector.model.Streams.T0;
import static mode.inspector.model.Streams.at;
import static mode.inspector.model.Streams.crash;
import static mode.inspector.model.Streams.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.connection.FxPump;
import mode.inspector.model.Streams;
import mode.inspector.model.Texts;
import mode.inspector.model.TransitionRecord;
import mode.inspector.viewmodel.DetailsViewModel.TimerRow;
import mode.inspector.viewmodel.InspectorViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real details panel and timeline in the inspector's window, headless, fed through the pump. */
@ExtendWith(ApplicationExtension.class)
class DetailsViewTest {
  private final ExecutorService layouts = Executors.newSingleThreadExecutor();
  private InspectorViewModel vm;
  private FxPump pump;

  @Start
  void start(Stage stage) {
    pump = new FxPump(batch -> vm.accept(batch), Throwable::printStackTrace);
    vm = new InspectorViewModel(layouts, pump, InstantSource.system(), System::nanoTime);
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    stage.setScene(new Scene(new InspectorView(vm, new NoFiles()), 1200, 760));
    stage.show();
  }

  @AfterEach
  void closeWindowsAndLayouts(FxRobot robot) {
    robot.interact(() -> List.copyOf(Window.getWindows()).stream()
        .filter(w -> w instanceof Stage s && s.getOwner() != null).forEach(w -> ((Stage) w).close()));
    layouts.shutdownNow();
  }

  private void feed(List<? extends ServiceEvent> events) {
    events.forEach(pump::offer);
  }

  private void select(FxRobot robot, long id, String label) {
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.shownModel().node(id) != null);
    robot.interact(() -> vm.graph().select(id));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#details-title").queryAs(Label.class).getText()).isEqualTo(label);
  }

  private long idOf(String label) {
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.shownModel().nodes().stream().anyMatch(n -> n.label().equals(label)));
    return vm.shownModel().nodes().stream().filter(n -> n.label().equals(label)).findFirst().orElseThrow().id();
  }

  private static String text(FxRobot robot, String id) {
    Node node = robot.lookup(id).query();
    return node instanceof Label l ? l.getText() : ((TextArea) node).getText();
  }

  @Test
  void timerHeadersAreWholeAndRowsTellRunsFailuresAndRunTimes(FxRobot robot) {
    ServiceInfo poller = new ServiceInfo(2, "Poller", "Poller", "demo.Poller", State.RUNNING, 1L, List.of(), T0, T0,
        null, null, 0, null, null, List.of(
            new ServiceInfo.TimerInfo("poll", "timer", "0.5", 12, 1, 3, null, null),
            new ServiceInfo.TimerInfo("compact", "crontab", "0 2 * * *", 0, 0)));
    feed(List.of(new ServiceEvent.Snapshot(T0, List.of(info(1, "App", State.RUNNING, null, 2L), poller))));
    select(robot, 2, "Poller");

    @SuppressWarnings("unchecked")
    TableView<TimerRow> timers = robot.lookup("#details-timers").queryAs(TableView.class);
    assertThat(timers.getColumns()).extracting(TableColumn::getText).containsExactly(
        "Name", "Kind", "Schedule", "Runs", "Failures", "Overruns", "Last run", "Next run");
    assertThat(timers.getItems()).containsExactly(
        new TimerRow("poll", "timer", "every 0.5 s", 12, 3, 1, "–", "–"),
        new TimerRow("compact", "crontab", "0 2 * * *", 0, 0, 0, "–", "–"));
    // What the header draws, not what it was given: a squeezed header draws "Sche…".
    List<String> drawn = robot.from(timers).lookup(".column-header .label").queryAllAs(Label.class).stream()
        .map(header -> ((Text) header.lookup(".text")).getText()).toList();
    assertThat(drawn).containsExactlyInAnyOrder(
        "Name", "Kind", "Schedule", "Runs", "Failures", "Overruns", "Last run", "Next run");
    assertThat(drawn).noneMatch(t -> t.endsWith("…") || t.endsWith("..."));
  }

  /** Cache (3) crashed three times, each with its own reason and stack. */
  private static List<ServiceEvent> threeCrashes() {
    return List.of(Streams.appSnapshot(),
        crash(1_000, 3, State.RUNNING, "java.io.IOException: disk 1"),
        crash(2_000, 3, State.RUNNING, "java.io.IOException: disk 2"),
        crash(3_000, 3, State.RUNNING, "java.io.IOException: disk 3"));
  }

  @Test
  void clickingAnOlderCrashRowShowsThatCrashUntilTheLatestIsAskedFor(FxRobot robot) {
    feed(threeCrashes());
    @SuppressWarnings("unchecked")
    TableView<TransitionRecord> timeline = robot.lookup("#timeline").queryAs(TableView.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> timeline.getItems().size() == 3);
    WaitForAsyncUtils.waitForFxEvents();

    robot.clickOn(row(robot, timeline, "java.io.IOException: disk 1"));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(text(robot, "#details-title")).isEqualTo("Cache");
    assertThat(text(robot, "#details-crash-title")).isEqualTo("Crash at " + Texts.time(at(1_000)) + " (1 of 3)");
    assertThat(text(robot, "#details-crash")).isEqualTo("java.io.IOException: disk 1  (at " + Texts.time(at(1_000)) + ")");
    assertThat(text(robot, "#details-stack")).isEqualTo("java.io.IOException: disk 1\n\tat demo.Flaky.tick(Flaky.java:42)");
    assertThat(robot.lookup("#details-crash-latest").query().isVisible()).isTrue();
    // Drawn whole in the narrow column, not "Crash at 13:4…" beside "La…".
    for (String id : List.of("#details-crash-title", "#details-crash-latest", "#details-stack-open")) {
      javafx.scene.control.Labeled labeled = robot.lookup(id).queryAs(javafx.scene.control.Labeled.class);
      assertThat(((Text) labeled.lookup(".text")).getText()).as(id).isEqualTo(labeled.getText());
    }

    robot.clickOn("#details-crash-latest");

    assertThat(text(robot, "#details-crash-title")).isEqualTo("Last crash");
    assertThat(text(robot, "#details-crash")).startsWith("java.io.IOException: disk 3  (at ");
    assertThat(text(robot, "#details-stack")).startsWith("java.io.IOException: disk 3\n");
    assertThat(robot.lookup("#details-crash-latest").query().isVisible()).isFalse();
  }

  /** Scrolls the details so that {@code node} is in the middle of their viewport. */
  private static void scrollIntoView(FxRobot robot, Node node) {
    ScrollPane details = robot.lookup("#details").queryAs(ScrollPane.class);
    robot.interact(() -> {
      double y = details.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal())).getCenterY();
      double room = details.getContent().getBoundsInLocal().getHeight() - details.getViewportBounds().getHeight();
      details.setVvalue(Math.clamp((y - details.getViewportBounds().getHeight() / 2) / room, 0, 1));
    });
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static TableRow<?> row(FxRobot robot, TableView<TransitionRecord> table, String reason) {
    return robot.from(table).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
        .filter(r -> r.getItem() instanceof TransitionRecord t && reason.equals(t.crashReason()))
        .findFirst().orElseThrow();
  }

  @Test
  void theCrashStackIsMonospacedUnwrappedResizableAndOpensInAWindowOfItsOwn(FxRobot robot) {
    feed(List.of(Streams.demoLike()));
    select(robot, idOf("Flaky"), "Flaky");
    TextArea stack = robot.lookup("#details-stack").queryAs(TextArea.class);
    assertThat(stack.isWrapText()).isFalse();
    assertThat(stack.getFont().getFamily()).containsIgnoringCase("mono");
    Node viewer = stack.getParent();
    double before = ((javafx.scene.layout.Region) viewer).getHeight();

    scrollIntoView(robot, robot.lookup("#details-stack-grip").query());
    robot.drag("#details-stack-grip").dropBy(0, 120);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(((javafx.scene.layout.Region) viewer).getHeight()).isGreaterThan(before + 60);

    scrollIntoView(robot, robot.lookup("#details-stack-open").query());
    robot.clickOn("#details-stack-open");
    await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#crash-window").tryQuery().isPresent());
    TextArea wide = robot.lookup("#crash-window").queryAs(TextArea.class);
    assertThat(wide.getText()).isEqualTo("java.lang.IllegalStateException: flaky failure #3\n\tat demo.Flaky.tick(Flaky.java:31)");
    assertThat(wide.isWrapText()).isFalse();
    Stage window = (Stage) wide.getScene().getWindow();
    assertThat(window.getTitle()).isEqualTo("Flaky · Last crash");
    assertThat(window.getWidth()).isGreaterThanOrEqualTo(StackWindows.WIDTH);
    assertThat(text(robot, "#crash-window-reason")).startsWith("java.lang.IllegalStateException: flaky failure #3");

    // The window keeps the crash it opened with when another service is selected.
    select(robot, 1, "App");
    assertThat(wide.getText()).contains("demo.Flaky.tick(Flaky.java:31)");
  }

  @Test
  void aNewSelectionShowsTheDetailsFromTheirTop(FxRobot robot) {
    feed(List.of(Streams.demoLike()));
    select(robot, idOf("Flaky"), "Flaky");
    ScrollPane details = robot.lookup("#details").queryAs(ScrollPane.class);
    assertThat(details.getContent().getBoundsInLocal().getHeight()).isGreaterThan(details.getViewportBounds().getHeight());
    robot.interact(() -> details.setVvalue(details.getVmax()));
    WaitForAsyncUtils.waitForFxEvents();

    select(robot, idOf("OrdersConsumer"), "OrdersConsumer");

    assertThat(details.getVvalue()).isEqualTo(details.getVmin());
  }

  private static final class NoFiles implements InspectorView.FileCommands {
    @Override public void exportGraph() {}
    @Override public void saveRecording() {}
  }
}
