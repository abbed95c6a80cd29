package mode.inspector.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import mode.State;
import mode.events.ServiceEvent;
import mode.inspector.connection.FxPump;
import mode.inspector.model.Streams;
import mode.inspector.viewmodel.InspectorViewModel;
import mode.inspector.viewmodel.MemoryBounds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the memory bounds discarded reaches the window: the timeline's count and the status bar,
 * headless, with small bounds, fed through the pump as the app is.
 */
@ExtendWith(ApplicationExtension.class)
class MemoryBoundsViewTest {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private final ExecutorService layouts = Executors.newSingleThreadExecutor();
  private InspectorViewModel vm;
  private FxPump pump;

  @Start
  void start(Stage stage) {
    pump = new FxPump(batch -> vm.accept(batch), Throwable::printStackTrace);
    // A recording of 50 events, 30 transitions, 2 log entries.
    vm = new InspectorViewModel(layouts, pump, InstantSource.system(), System::nanoTime,
        new MemoryBounds(50, 1 << 20, 30, 2));
    stage.setScene(new Scene(new InspectorView(vm, new NoFiles()), 1200, 760));
    stage.show();
  }

  @AfterEach
  void stopLayouts() {
    layouts.shutdownNow();
  }

  /** The snapshot, then 100 transitions of Web (k ms after T0), then 5 warnings. */
  private static List<ServiceEvent> session() {
    State[] cycle = {State.RUNNING, State.STOPPING, State.SHUTDOWN, State.INIT, State.STARTING};
    List<ServiceEvent> events = new ArrayList<>(List.of(Streams.appSnapshot()));
    for (int k = 0; k < 100; k++) {
      events.add(Streams.move(k, 2, cycle[k % 5], cycle[(k + 1) % 5], k / 5));
    }
    for (int k = 0; k < 5; k++) {
      events.add(new ServiceEvent.Log(Streams.at(200 + k), 2L, "WARN", "demo.Web", "slow request " + k));
    }
    return events;
  }

  @Test
  void theTimelineAndTheStatusBarSayWhatWasDiscarded(FxRobot robot) {
    session().forEach(pump::offer);
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.logs().size() == 2 && vm.timeline().total() == 100);
    WaitForAsyncUtils.waitForFxEvents();

    Label count = robot.lookup("#timeline-count").queryAs(Label.class);
    Label notice = robot.lookup("#memory-notice").queryAs(Label.class);
    assertThat(count.getText())
        .isEqualTo("the newest 30 of 100 transitions; 70 older ones discarded to bound memory");
    // 106 events into 50: 56 folded, the last of them the transition at 54 ms.
    assertThat(notice.getText()).isEqualTo("Memory bound: replay reaches back to " + TIME.format(Streams.at(54))
        + " (56 older events folded into a snapshot); 3 older log entries discarded");
    assertThat(robot.lookup("#log").queryTableView().getItems()).hasSize(2);

    robot.interact(() -> vm.replayTo(Streams.at(80)));
    WaitForAsyncUtils.waitForFxEvents();

    // The replay starts from the base: transitions at 55..80 ms are kept, 0..54 ms discarded.
    assertThat(count.getText())
        .isEqualTo("the newest 26 of 81 transitions; 55 older ones discarded to bound memory");
    assertThat(notice.getText()).isEqualTo("Memory bound: replay reaches back to " + TIME.format(Streams.at(54))
        + " (56 older events folded into a snapshot)");
  }

  @Test
  void nothingIsSaidWhileNothingWasDiscarded(FxRobot robot) {
    session().subList(0, 21).forEach(pump::offer);
    await().atMost(Duration.ofSeconds(10)).until(() -> vm.timeline().total() == 20);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(robot.lookup("#timeline-count").queryAs(Label.class).getText()).isEqualTo("20 transitions");
    assertThat(robot.lookup("#memory-notice").queryAs(Label.class).getText()).isEmpty();
  }

  private static final class NoFiles implements InspectorView.FileCommands {
    @Override public void exportGraph() {}

    @Override public void saveRecording() {}
  }
}
