package mode.inspector.viewmodel;

import static mode.inspector.model.Streams.at;
import static mode.inspector.model.Streams.info;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo.SupervisorInfo;
import mode.inspector.model.ServiceGraph;
import org.junit.jupiter.api.Test;

class SupervisionDetailsTest {

  @Test
  void theDetailsSayWhatASupervisorSupervisesAndWhoSupervisesAService() {
    ServiceGraph graph = new ServiceGraph();
    graph.apply(new ServiceEvent.Snapshot(at(0), List.of(
        info(1, "App", State.RUNNING, null, 2L),
        info(2, "OneForOneSupervisor: (2@2)", State.RUNNING, 1L, 3L, 4L)
            .withSupervisor(new SupervisorInfo("one-for-one", true, 1000, Duration.ofMinutes(1), List.of(3L, 4L))),
        info(3, "Flaky", State.CRASHED, 2L),
        info(4, "Poller", State.RUNNING, 2L))));
    String nl = System.lineSeparator();

    assertThat(DetailsViewModel.supervision(graph, graph.node(2))).isEqualTo(
        "One-for-one: restarts only the service that crashed. At most 1000 restarts within any 1 min;"
            + " one more and it gives up and crashes itself." + nl
            + "Supervises Flaky (CRASHED), Poller (RUNNING).");
    assertThat(DetailsViewModel.supervision(graph, graph.node(3))).isEqualTo(
        "Supervised by OneForOneSupervisor: (2@2): one-for-one supervisor · at most 1000 restarts in 1 min.");
    assertThat(DetailsViewModel.supervision(graph, graph.node(1))).isEmpty();
  }
}
