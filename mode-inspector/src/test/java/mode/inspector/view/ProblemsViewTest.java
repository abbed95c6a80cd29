package mode.inspector.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import mode.State;
import mode.events.ServiceEvent;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.connection.FxPump;
import mode.inspector.model.Streams;
import mode.inspector.model.Trouble;
import mode.inspector.viewmodel.InspectorViewModel;
import mode.inspector.viewmodel.StateFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Trouble is visible without a click: markers on nodes and their collapsed parents, a Problems list. */
@ExtendWith(ApplicationExtension.class)
class ProblemsViewTest {
  private final ExecutorService layouts = Executors.newSingleThreadExecutor();
  private InspectorViewModel vm;
  private FxPump pump;
  private InspectorView view;

  @Start
  void start(Stage stage) {
    pump = new FxPump(batch -> vm.accept(batch), Throwable::printStackTrace);
    // The wall clock stands five seconds after the last crash below.
    vm = new InspectorViewModel(layouts, pump, () -> Streams.at(205_000), System::nanoTime);
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    view = new InspectorView(vm, new NoFiles());
    stage.setScene(new Scene(view, 1200, 760));
    stage.show();
  }

  @AfterEach
  void stopLayouts() {
    layouts.shutdownNow();
  }

  private long idOf(String label) {
    return vm.shownModel().nodes().stream().filter(n -> n.label().equals(label)).findFirst().orElseThrow().id();
  }

  private void showDemoWithAFlakyCrashLoop(FxRobot robot) {
    robot.interact(() -> vm.accept(List.of(Streams.demoLike())));
    long flaky = idOf("Flaky");
    List<ServiceEvent> loop = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      long t = 60_000L * i;
      loop.add(Streams.move(t, flaky, State.CRASHED, State.STARTING, 7 + i));
      loop.add(Streams.move(t + 10, flaky, State.STARTING, State.RUNNING, 7 + i));
      loop.add(Streams.crash(t + 20_000, flaky, State.RUNNING, "java.lang.IllegalStateException: flaky"));
    }
    robot.interact(() -> {
      vm.accept(loop);
      vm.tick();
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.graph().layoutProperty().get().size() == 25);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void theProblemsListNamesTheCrashLoopAndAClickSelectsIt(FxRobot robot) {
    showDemoWithAFlakyCrashLoop(robot);
    long flaky = idOf("Flaky");
    assertThat(vm.graph().trouble(flaky).marker()).isEqualTo("4 crashes · last 5 s ago");
    assertThat(vm.graph().trouble(flaky).text()).isEqualTo("4 crashes · last 5 s ago · 1.0/min");

    robot.clickOn(robot.lookup(".tab").match((javafx.scene.Node n) -> n.lookup(".tab-label") instanceof Label l
        && l.getText().startsWith("Problems")).queryAs(javafx.scene.Node.class));
    TableView<?> problems = robot.lookup("#problems").queryAs(TableView.class);
    assertThat(problems.getItems()).hasSize(1);
    robot.clickOn(robot.lookup("#problems .table-cell").match((TableCell<?, ?> c) -> "Flaky".equals(c.getText()))
        .queryAs(TableCell.class));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(vm.graph().selectedProperty().get()).isEqualTo(flaky);
    assertThat(robot.lookup("#details-title").queryAs(Label.class).getText()).isEqualTo("Flaky");
  }

  @Test
  void aCollapsedParentCarriesTheTroubleOfWhatItHides(FxRobot robot) throws Exception {
    showDemoWithAFlakyCrashLoop(robot);
    long supervisor = idOf("OneForOneSupervisor");
    robot.interact(() -> vm.graph().toggleCollapsed(supervisor));
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.graph().layoutProperty().get().size() == 22);

    Trouble carried = WaitForAsyncUtils.asyncFx(() -> vm.graph().trouble(supervisor)).get();
    assertThat(carried.serviceId()).isEqualTo(idOf("Flaky"));
    assertThat(carried.kind()).isEqualTo(Trouble.Kind.CRASH_LOOP);
  }

  @Test
  void anEmptyFilterResultSaysWhatWasFiltered(FxRobot robot) {
    robot.interact(() -> vm.accept(List.of(Streams.appSnapshot())));
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.graph().layoutProperty().get().size() == 5);
    Label empty = robot.lookup("#filter-empty").queryAs(Label.class);
    assertThat(empty.isVisible()).isFalse();

    robot.interact(() -> vm.graph().filterProperty().set(StateFilter.CRASHED));
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.graph().layoutProperty().get().size() == 0);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(empty.isVisible()).isTrue();
    assertThat(empty.getText()).isEqualTo("The filter “Only crashed” matches none of the 5 services");
  }

  private static final class NoFiles implements InspectorView.FileCommands {
    @Override public void exportGraph() {}
    @Override public void saveRecording() {}
  }
}
