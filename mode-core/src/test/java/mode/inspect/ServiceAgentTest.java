package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mode.Service;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent over a real service tree, in this JVM, over its real Unix socket. */
class ServiceAgentTest {

  static final class App extends Service {}

  static final class Web extends Service {}

  static final class Cache extends Service {}

  static final class Leaf extends Service {}

  @TempDir Path dir;
  final App app = new App();
  final Web web = app.addDependency(new Web());
  final Cache cache = app.addDependency(new Cache());
  InspectAgent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    app.stop();
  }

  @Test
  void aRestartCommandRestartsTheServiceAndEveryTransitionIsStreamed() throws Exception {
    app.start();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir));
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget())) {
      assertThat(client.awaitFrames(2)).isTrue();
      ServiceEvent.Snapshot snapshot = (ServiceEvent.Snapshot) ((InspectMessage.Event) client.frames.get(1).message()).event();
      assertThat(snapshot.services()).extracting(ServiceInfo::label, ServiceInfo::state).containsExactly(
          org.assertj.core.groups.Tuple.tuple("App", State.RUNNING),
          org.assertj.core.groups.Tuple.tuple("Web", State.RUNNING),
          org.assertj.core.groups.Tuple.tuple("Cache", State.RUNNING));

      InspectMessage.Reply reply = client.client.request(new InspectMessage.Restart(cache.id())).get(10, TimeUnit.SECONDS);

      assertThat(reply).isEqualTo(new InspectMessage.Reply(1, true,
          "restarted Cache (id " + cache.id() + "), now RUNNING", null));
      await().untilAsserted(() -> assertThat(transitions(client)).containsExactly(
          "Cache RUNNING->STOPPING", "Cache STOPPING->SHUTDOWN", "Cache SHUTDOWN->INIT",
          "Cache INIT->STARTING", "Cache STARTING->RUNNING"));
    }
  }

  @Test
  void aCommandForAnUnknownIdIsAnsweredWithAnErrorReply() throws Exception {
    app.start();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir));
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget())) {
      assertThat(client.client.request(new InspectMessage.Stop(-5)).get(10, TimeUnit.SECONDS))
          .isEqualTo(new InspectMessage.Reply(1, false, "no service with id -5 under App", null));
      assertThat(client.client.request(new InspectMessage.Ping()).get(10, TimeUnit.SECONDS).ok()).isTrue();
      assertThat(web.state()).isEqualTo(State.RUNNING);
    }
  }

  @Test
  void aClientThatFellBehindGetsGapsCountingEveryTransitionItMissedThenAFreshSnapshot() throws Exception {
    for (int i = 0; i < 200; i++) {
      web.addDependency(new Leaf());
    }
    app.start();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir).withQueueCapacity(16));
    try (RawConnection client = RawConnection.unix(agent.descriptor())) {
      assertThat(MessageCodec.decode(client.readLine()).type()).isEqualTo("hello");
      assertThat(MessageCodec.decode(client.readLine()).type()).isEqualTo("snapshot"); // subscribed

      app.restart(); // every service: RUNNING>STOPPING>SHUTDOWN>INIT>STARTING>RUNNING
      long expected = 5L * 203;

      // Far more than 16 events at once: the client falls behind. Every transition must arrive
      // or be counted by a gap, exactly once, and a snapshot must end the stream.
      long[] seen = new long[2]; // {transitions, dropped}
      ServiceEvent.Snapshot last = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        ServiceEvent.Snapshot snapshot = null;
        while (seen[0] + seen[1] < expected || snapshot == null) {
          InspectMessage message = MessageCodec.decode(client.readLine()).message();
          ServiceEvent event = ((InspectMessage.Event) message).event();
          snapshot = null;
          switch (event) {
            case ServiceEvent.Transition t -> seen[0]++;
            case ServiceEvent.Gap g -> seen[1] += g.dropped();
            case ServiceEvent.Snapshot fresh -> snapshot = fresh;
            default -> throw new AssertionError("unexpected " + event);
          }
        }
        return snapshot;
      });

      assertThat(seen[1]).as("dropped").isPositive();
      assertThat(seen[0] + seen[1]).as("transitions received + dropped").isEqualTo(expected);
      assertThat(last.services()).hasSize(203).allSatisfy(info -> {
        assertThat(info.state()).isEqualTo(State.RUNNING);
        assertThat(info.restartCount()).isEqualTo(1);
      });
    }
  }

  List<String> transitions(RecordingClient client) {
    return client.frames.stream()
        .filter(f -> f.message() instanceof InspectMessage.Event(ServiceEvent.Transition t))
        .map(f -> (ServiceEvent.Transition) ((InspectMessage.Event) f.message()).event())
        .map(t -> label(t.serviceId()) + " " + t.from() + "->" + t.to())
        .toList();
  }

  String label(long id) {
    return id == app.id() ? "App" : id == web.id() ? "Web" : id == cache.id() ? "Cache" : "?" + id;
  }
}
