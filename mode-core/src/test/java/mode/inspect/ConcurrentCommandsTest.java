package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import mode.Service;
import mode.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many lifecycle commands for one service at once, over the agent's real Unix socket: each reply
 * states the outcome after its operation completed, and none fails because another command was
 * in flight.
 */
class ConcurrentCommandsTest {
  private static final int CLIENTS = 8;
  private static final int COMMANDS = 1_000;

  static final class App extends Service {}

  static final class Web extends Service {}

  @TempDir Path dir;
  final App app = new App();
  final Web web = app.addDependency(new Web());
  InspectAgent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    app.stop();
  }

  @Test
  void aThousandConcurrentRestartsAllReplyOkWithASettledRunningState() throws Exception {
    app.start();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir));
    ConcurrentLinkedQueue<InspectMessage.Reply> replies = new ConcurrentLinkedQueue<>();
    List<InspectClient> clients = new ArrayList<>();
    List<CompletableFuture<Void>> senders = new ArrayList<>();
    try {
      for (int c = 0; c < CLIENTS; c++) {
        InspectClient client = InspectClient.connect(agent.descriptor().unixTarget());
        client.startAsync();
        clients.add(client);
        // Each client keeps as many commands without a reply as the agent allows one connection.
        senders.add(CompletableFuture.runAsync(() -> send(client, web.id(), COMMANDS / CLIENTS, replies)));
      }
      CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    } finally {
      clients.forEach(InspectClient::close);
    }

    String prefix = "restarted Web (id " + web.id() + ")";
    assertThat(replies).hasSize(COMMANDS);
    assertThat(replies).allSatisfy(r -> {
      assertThat(r.ok()).as(r.message()).isTrue();
      assertThat(r.message()).doesNotContain("expected state")
          .isIn(prefix + ", now RUNNING", prefix + " together with a restart already queued, now RUNNING");
    });
    long coalesced = replies.stream().filter(r -> r.message().contains("together with")).count();
    System.out.println("ConcurrentCommandsTest: " + COMMANDS + " restarts, " + coalesced + " joined one already queued, "
        + web.restartCount() + " restarts carried out");
    assertThat(web.restartCount()).isBetween(1, COMMANDS);
    assertThat(web.state()).isEqualTo(State.RUNNING);
  }

  private static void send(InspectClient client, long id, int count, ConcurrentLinkedQueue<InspectMessage.Reply> replies) {
    Semaphore window = new Semaphore(ClientSession.MAX_COMMANDS_IN_FLIGHT);
    List<CompletableFuture<InspectMessage.Reply>> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      window.acquireUninterruptibly();
      pending.add(client.request(new InspectMessage.Restart(id))
          .whenComplete((reply, error) -> {
            if (reply != null) {
              replies.add(reply);
            }
            window.release();
          }));
    }
    pending.forEach(CompletableFuture::join);
  }
}
