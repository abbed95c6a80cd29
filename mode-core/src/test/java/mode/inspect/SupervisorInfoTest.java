package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import mode.Service;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.events.ServiceInfo.SupervisorInfo;
import mode.supervisors.CrashingSupervisor;
import mode.supervisors.ForfeitOneForAllSupervisor;
import mode.supervisors.OneForAllSupervisor;
import mode.supervisors.OneForOneSupervisor;
import mode.supervisors.RestForOneSupervisor;
import mode.supervisors.SupervisorStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervisor's service object says what it supervises and how: the strategy, the restart limit
 * and the supervised services. A real tree served by the agent over its real Unix socket.
 */
class SupervisorInfoTest {

  static final class App extends Service {}

  static final class Flaky extends Service {}

  static final class Steady extends Service {}

  /** A user's supervisor: a subclass of a strategy has that strategy. */
  static final class Guardian extends OneForAllSupervisor {
    Guardian() {
      super(3, Duration.ofMillis(1500));
    }
  }

  @TempDir Path dir;
  final App app = new App();
  final SupervisorStrategy oneForOne = app.addDependency(new OneForOneSupervisor(1, Duration.ofSeconds(26)));
  final SupervisorStrategy guardian = app.addDependency(new Guardian());
  final Flaky flaky = new Flaky();
  final Steady steady = new Steady();
  final Flaky other = new Flaky();
  InspectAgent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    app.stop();
  }

  @Test
  void theSnapshotDescribesEachSupervisorAndNoOtherService() throws Exception {
    oneForOne.add(flaky);
    guardian.add(steady, other);
    app.start();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir));
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget())) {
      assertThat(client.awaitFrames(2)).isTrue();
      Map<Long, ServiceInfo> services = snapshot(client).services().stream()
          .collect(Collectors.toMap(ServiceInfo::id, Function.identity()));

      // mode's label: the number of supervised services and the supervisor's id, not its limits.
      assertThat(services.get(oneForOne.id()).label()).isEqualTo("OneForOneSupervisor: (1@" + oneForOne.id() + ")");
      assertThat(services.get(oneForOne.id()).supervisor()).isEqualTo(
          new SupervisorInfo("one-for-one", true, 1, Duration.ofSeconds(26), List.of(flaky.id())));
      assertThat(services.get(guardian.id()).supervisor()).isEqualTo(
          new SupervisorInfo("one-for-all", true, 3, Duration.ofMillis(1500), List.of(steady.id(), other.id())));
      assertThat(services.get(app.id()).supervisor()).isNull();
      assertThat(services.get(flaky.id()).supervisor()).isNull();
    }
  }

  @Test
  void aServiceAddedToARunningSupervisorShowsInTheNextDescription() throws Exception {
    app.start();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir));
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget())) {
      assertThat(client.awaitFrames(2)).isTrue();
      assertThat(snapshot(client).services().stream().filter(s -> s.id() == oneForOne.id()).findFirst().orElseThrow()
          .supervisor().supervisedIds()).isEmpty();

      oneForOne.add(flaky);

      assertThat(client.awaitFrames(frames -> frames.stream().anyMatch(f -> added(f, flaky.id())))).isTrue();
      assertThat(oneForOne.supervision().supervisedIds()).containsExactly(flaky.id());
    }
  }

  @Test
  void theStrategiesAreNamedInModesWordsAndTheForfeitingOnesDoNotRestart() {
    assertThat(new OneForOneSupervisor().supervision())
        .isEqualTo(new SupervisorInfo("one-for-one", true, 100, Duration.ofSeconds(1), List.of()));
    assertThat(new RestForOneSupervisor().strategy()).isEqualTo("rest-for-one");
    assertThat(new ForfeitOneForAllSupervisor().supervision().strategy()).isEqualTo("forfeit-one-for-all");
    assertThat(new ForfeitOneForAllSupervisor().supervision().restarts()).isFalse();
    assertThat(new CrashingSupervisor().supervision().strategy()).isEqualTo("crashing");
    assertThat(new CrashingSupervisor().supervision().restarts()).isFalse();
    assertThat(new Guardian().strategy()).isEqualTo("one-for-all");
    assertThat(new Guardian().maxRestarts()).isEqualTo(3);
    assertThat(new Guardian().over()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void aServiceObjectWithoutSupervisorFromAnOlderAgentDecodesToNone() {
    String line = "{\"type\":\"service.added\",\"seq\":3,\"ts\":\"2026-11-28T05:12:15.084Z\","
        + "\"at\":\"2026-11-28T05:12:15.084Z\",\"service\":{\"id\":26,\"label\":\"OneForOneSupervisor: (1@26)\","
        + "\"shortLabel\":\"OneForOneSupervisor: (1@26)\",\"className\":\"mode.supervisors.OneForOneSupervisor\","
        + "\"state\":\"RUNNING\",\"parentId\":null,\"dependencyIds\":[27],\"stateSince\":\"2026-11-28T05:12:15.084Z\","
        + "\"startedAt\":null,\"startDuration\":null,\"stopDuration\":null,\"restartCount\":0,\"crashReason\":null,"
        + "\"crashStack\":null,\"timers\":[]}}";
    ServiceEvent.ServiceAdded added =
        (ServiceEvent.ServiceAdded) ((InspectMessage.Event) MessageCodec.decode(line).message()).event();
    assertThat(added.service().supervisor()).isNull();
    assertThat(MessageCodec.encode(MessageCodec.decode(line))).doesNotContain("supervisor\":");
  }

  private static boolean added(Frame frame, long id) {
    return frame.message() instanceof InspectMessage.Event e
        && e.event() instanceof ServiceEvent.ServiceAdded a && a.service().id() == id;
  }

  private static ServiceEvent.Snapshot snapshot(RecordingClient client) {
    return client.frames.stream()
        .filter(f -> f.message() instanceof InspectMessage.Event e && e.event() instanceof ServiceEvent.Snapshot)
        .map(f -> (ServiceEvent.Snapshot) ((InspectMessage.Event) f.message()).event())
        .findFirst().orElseThrow();
  }
}
