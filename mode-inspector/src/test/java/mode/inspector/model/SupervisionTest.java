package mode.inspector.model;

import static mode.inspector.model.Streams.at;
import static mode.inspector.model.Streams.info;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo.SupervisorInfo;
import org.junit.jupiter.api.Test;

class SupervisionTest {

  private static SupervisorInfo oneForOne(int max, Duration over, Long... ids) {
    return new SupervisorInfo("one-for-one", true, max, over, List.of(ids));
  }

  @Test
  void theBoxSaysTheStrategyAndTheLimitInWords() {
    assertThat(Supervision.boxText(oneForOne(1000, Duration.ofMinutes(1))))
        .isEqualTo("one-for-one supervisor · at most 1000 restarts in 1 min");
    assertThat(Supervision.boxText(oneForOne(1, Duration.ofSeconds(26))))
        .isEqualTo("one-for-one supervisor · at most 1 restart in 26 s");
    assertThat(Supervision.limit(oneForOne(0, Duration.ofSeconds(5)))).isEqualTo("no restarts");
    assertThat(Supervision.limit(new SupervisorInfo("forfeit-one-for-all", false, 3, Duration.ofSeconds(1), List.of())))
        .isEqualTo("never restarts");
    assertThat(Supervision.limit(new SupervisorInfo("crashing", false, 3, Duration.ofSeconds(1), List.of())))
        .isEqualTo("lets crashes through");
  }

  @Test
  void aWindowIsWrittenInTheUnitItWasLikelyGivenIn() {
    assertThat(Supervision.window(Duration.ofMillis(250))).isEqualTo("250 ms");
    assertThat(Supervision.window(Duration.ofNanos(1_500_000))).isEqualTo("1.5 ms");
    assertThat(Supervision.window(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    assertThat(Supervision.window(Duration.ofSeconds(90))).isEqualTo("90 s");
    assertThat(Supervision.window(Duration.ofMinutes(2))).isEqualTo("2 min");
    assertThat(Supervision.window(Duration.ofHours(2))).isEqualTo("2 h");
  }

  @Test
  void thePolicyNamesWhatACrashDoesAndWhenTheSupervisorGivesUp() {
    assertThat(Supervision.policy(oneForOne(3, Duration.ofSeconds(10))))
        .isEqualTo("One-for-one: restarts only the service that crashed. At most 3 restarts within any 10 s;"
            + " one more and it gives up and crashes itself.");
    assertThat(Supervision.policy(oneForOne(0, Duration.ofSeconds(10))))
        .endsWith("Its limit is 0 restarts: it gives up and crashes at the first crash.");
    assertThat(Supervision.policy(new SupervisorInfo("rest-for-one", false, 3, Duration.ofSeconds(1), List.of())))
        .isEqualTo("Rest-for-one: restarts the service that crashed and every service added after it.");
    assertThat(Supervision.strategy("my-own")).isEqualTo("A strategy of its own (my-own).");
  }

  @Test
  void supervisedServicesFollowTheDependencyEventsUntilTheNextSnapshot() {
    ServiceGraph graph = new ServiceGraph();
    graph.apply(new ServiceEvent.Snapshot(at(0), List.of(
        info(1, "App", State.RUNNING, null, 2L, 3L),
        info(2, "OneForOneSupervisor: (1@2)", State.RUNNING, 1L, 4L)
            .withSupervisor(oneForOne(5, Duration.ofSeconds(30), 4L)),
        info(3, "Web", State.RUNNING, 1L),
        info(4, "Flaky", State.RUNNING, 2L))));

    assertThat(graph.supervisorOf(4).id()).isEqualTo(2L);
    assertThat(graph.supervisorOf(3)).as("App is no supervisor").isNull();
    assertThat(graph.node(2).boxText()).isEqualTo("one-for-one supervisor · at most 5 restarts in 30 s");
    assertThat(graph.node(3).boxText()).isEqualTo("Web");

    graph.apply(new ServiceEvent.ServiceAdded(at(10), info(5, "Poller", State.INIT, 2L)));
    ChangeSet added = graph.apply(new ServiceEvent.DependencyAdded(at(11), 2, 5));
    assertThat(added.changedServices()).contains(2L);
    assertThat(graph.node(2).supervisor().supervisedIds()).containsExactly(4L, 5L);
    assertThat(graph.supervisorOf(5).id()).isEqualTo(2L);

    ChangeSet removed = graph.apply(new ServiceEvent.DependencyRemoved(at(20), 2, 4));
    assertThat(removed.changedServices()).contains(2L);
    assertThat(graph.node(2).supervisor().supervisedIds()).containsExactly(5L);
    assertThat(graph.supervisorOf(4)).isNull();

    // A dependency of a service that is no supervisor makes nobody a supervisor.
    graph.apply(new ServiceEvent.DependencyAdded(at(30), 3, 4));
    assertThat(graph.node(3).supervisor()).isNull();
    assertThat(graph.supervisorOf(4)).isNull();
  }
}
