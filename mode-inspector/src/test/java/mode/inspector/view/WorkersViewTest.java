package mode.inspector.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import mode.inspector.viewmodel.WorkersViewModel;
import mode.inspector.viewmodel.WorkersViewModel.WorkerEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class WorkersViewTest {
  private static final WorkerEntry FIRST = new WorkerEntry(101, "mode-demo", "DemoWorker", Instant.ofEpochSecond(1), false);
  private static final WorkerEntry SECOND = new WorkerEntry(202, "mode-demo", "DemoWorker", Instant.ofEpochSecond(2), false);
  private static final WorkerEntry THIRD = new WorkerEntry(303, "other", "Other", Instant.ofEpochSecond(3), false);
  private final WorkersViewModel vm = new WorkersViewModel();

  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new WorkersView(vm), 300, 400));
    stage.show();
  }

  private record Highlight(WorkerEntry selected, WorkerEntry focused) {}

  private Highlight highlight(FxRobot robot) throws Exception {
    ListView<WorkerEntry> list = robot.lookup("#worker-list").queryListView();
    return WaitForAsyncUtils.asyncFx(() -> new Highlight(
        list.getSelectionModel().getSelectedItem(), list.getFocusModel().getFocusedItem())).get();
  }

  @Test
  void theAttachedWorkersRowIsHighlightedNotTheFirst(FxRobot robot) throws Exception {
    robot.interact(() -> vm.workersFound(List.of(FIRST, SECOND)));
    robot.interact(() -> vm.attachedTo(202));
    assertThat(highlight(robot)).isEqualTo(new Highlight(SECOND, SECOND));

    robot.interact(() -> vm.workersFound(List.of(THIRD, FIRST, SECOND)));
    assertThat(highlight(robot)).isEqualTo(new Highlight(SECOND, SECOND));
  }
}
