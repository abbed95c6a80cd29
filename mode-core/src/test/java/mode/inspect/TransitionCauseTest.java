package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mode.Service;
import mode.State;
import mode.events.ServiceEvent;
import mode.supervisors.OneForOneSupervisor;
import mode.supervisors.SupervisorStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transitions say why they happened: a client's command, a supervisor after a crash, a crash, a
 * parent's operation. A real service tree served by the agent over its real Unix socket.
 */
class TransitionCauseTest {

  static final class App extends Service {}

  static final class Web extends Service {}

  static final class Router extends Service {}

  static final class Flaky extends Service {}

  @TempDir Path dir;
  final App app = new App();
  final Web web = app.addDependency(new Web());
  final Router router = web.addDependency(new Router());
  final SupervisorStrategy supervisor = app.addDependency(new OneForOneSupervisor());
  final Flaky flaky = new Flaky();
  InspectAgent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    app.stop();
  }

  private RecordingClient attach() throws Exception {
    supervisor.add(flaky);
    app.start();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir));
    RecordingClient client = new RecordingClient(agent.descriptor().unixTarget());
    assertThat(client.awaitFrames(2)).isTrue();
    return client;
  }

  @Test
  void aClientsRestartIsTheOperatorsByThatClientAndItsDependenciesMoveWithTheirParent() throws Exception {
    try (RecordingClient client = attach()) {
      String self = ((InspectMessage.Hello) client.frames.getFirst().message()).client();
      assertThat(self).matches("client \\d+");

      assertThat(client.client.request(new InspectMessage.Restart(web.id())).get(10, TimeUnit.SECONDS).ok()).isTrue();

      // The reply comes after the events its command caused.
      assertThat(causes(client)).containsExactly(
          "Web RUNNING->STOPPING operator " + self,
          "Router RUNNING->STOPPING parent null",
          "Router STOPPING->SHUTDOWN parent null",
          "Web STOPPING->SHUTDOWN operator " + self,
          "Web SHUTDOWN->INIT operator " + self,
          "Router SHUTDOWN->INIT parent null",
          "Web INIT->STARTING operator " + self,
          "Router INIT->STARTING parent null",
          "Router STARTING->RUNNING parent null",
          "Web STARTING->RUNNING operator " + self);
    }
  }

  @Test
  void aCrashIsACrashAndTheRestartAfterItTheSupervisors() throws Exception {
    try (RecordingClient client = attach()) {
      flaky.crash(new IllegalStateException("boom"));

      assertThat(client.awaitFrames(frames -> causes(frames).contains("Flaky STARTING->RUNNING supervisor "
          + supervisor.label()))).isTrue();
      assertThat(causes(client)).containsExactly(
          "Flaky RUNNING->CRASHED crash null",
          "Flaky CRASHED->STOPPING supervisor " + supervisor.label(),
          "Flaky STOPPING->SHUTDOWN supervisor " + supervisor.label(),
          "Flaky SHUTDOWN->INIT supervisor " + supervisor.label(),
          "Flaky INIT->STARTING supervisor " + supervisor.label(),
          "Flaky STARTING->RUNNING supervisor " + supervisor.label());
      assertThat(flaky.state()).isEqualTo(State.RUNNING);
    }
  }

  @Test
  void aMoveMadeByTheServicesOwnCodeHasNoCause() throws Exception {
    try (RecordingClient client = attach()) {
      router.restart();
      client.client.request(new InspectMessage.Ping()).get(10, TimeUnit.SECONDS);

      assertThat(causes(client)).hasSize(5).allMatch(line -> line.endsWith(" null null"));
    }
  }

  private List<String> causes(RecordingClient client) {
    return causes(client.frames);
  }

  private List<String> causes(List<Frame> frames) {
    return frames.stream()
        .filter(f -> f.message() instanceof InspectMessage.Event e && e.event() instanceof ServiceEvent.Transition)
        .map(f -> (ServiceEvent.Transition) ((InspectMessage.Event) f.message()).event())
        .map(t -> label(t.serviceId()) + " " + t.from() + "->" + t.to() + " " + t.cause() + " " + t.by())
        .toList();
  }

  private String label(long id) {
    for (Service s : List.of(app, web, router, supervisor, flaky)) {
      if (s.id() == id) {
        return s.label();
      }
    }
    return "?" + id;
  }
}
