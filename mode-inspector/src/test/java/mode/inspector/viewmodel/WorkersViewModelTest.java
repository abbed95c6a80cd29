package mode.inspector.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mode.inspector.viewmodel.WorkersViewModel.WorkerEntry;
import org.junit.jupiter.api.Test;

class WorkersViewModelTest {
  private static final WorkerEntry FIRST = new WorkerEntry(101, "mode-demo", "DemoWorker", Instant.ofEpochSecond(1), false);
  private static final WorkerEntry SECOND = new WorkerEntry(202, "mode-demo", "DemoWorker", Instant.ofEpochSecond(2), false);
  private final WorkersViewModel vm = new WorkersViewModel();
  private final List<WorkerEntry> marked = new ArrayList<>();

  WorkersViewModelTest() {
    vm.attachedProperty().addListener((o, was, now) -> marked.add(now));
  }

  @Test
  void theAttachedWorkerIsMarkedByPidNotByItsRow() {
    vm.workersFound(List.of(FIRST, SECOND));
    assertThat(vm.attachedProperty().get()).isNull();

    vm.attachedTo(202);

    assertThat(vm.attachedProperty().get()).isEqualTo(SECOND);
    assertThat(marked).containsExactly(SECOND);
  }

  @Test
  void aWorkerAttachedBeforeItIsListedIsMarkedWhenTheListShowsIt() {
    vm.attachedTo(202);
    vm.workersFound(List.of(FIRST));
    vm.workersFound(List.of(FIRST, SECOND));
    vm.workersFound(List.of(SECOND, FIRST));

    assertThat(vm.attachedProperty().get()).isEqualTo(SECOND);
    assertThat(marked).containsExactly(SECOND);
  }

  @Test
  void theMarkGoesWhenTheWorkerExitsOrTheSessionLeavesIt() {
    vm.workersFound(List.of(FIRST, SECOND));
    vm.attachedTo(202);
    vm.workersFound(List.of(FIRST));
    vm.workersFound(List.of(FIRST, SECOND)); // still the attached pid
    vm.attachedTo(101);
    vm.detached();
    vm.workersFound(List.of(FIRST, SECOND));
    vm.attachedTo(202);
    vm.listingFailed("Cannot read the list of workers: gone");

    assertThat(marked).containsExactly(SECOND, null, SECOND, FIRST, null, SECOND, null);
  }
}
