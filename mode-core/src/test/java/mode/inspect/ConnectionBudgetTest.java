package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import mode.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strangers on the TCP port never keep the owner out, and their refusals never flood the log. */
class ConnectionBudgetTest {

  static final class App extends Service {}

  @TempDir Path tmp;

  @Test
  void silentTcpConnectionsCannotKeepTheOwnerOutOfTheUnixSocket() throws Exception {
    App app = new App();
    app.start();
    InspectOptions options = InspectOptions.defaults("App").withDirectory(tmp.resolve("inspect"))
        .withTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false);
    List<RawConnection> flood = new ArrayList<>();
    try (InspectAgent agent = InspectAgent.start(app, options)) {
      int beyond = InspectOptions.DEFAULT_MAX_CLIENTS;
      for (int i = 0; i < InspectAgent.MAX_UNAUTHENTICATED + beyond; i++) {
        flood.add(RawConnection.tcp(agent.descriptor()));
      }
      // Every connection beyond the small budget for token-less ones is refused at once.
      for (RawConnection refused : flood.subList(InspectAgent.MAX_UNAUTHENTICATED, flood.size())) {
        assertThat(refused.readUntilClosed()).extracting(Frame::message).containsExactly(new InspectMessage.ErrorMessage(
            "too many TCP connections waiting to send their token (at most " + InspectAgent.MAX_UNAUTHENTICATED + ")"));
      }

      try (RecordingClient owner = new RecordingClient(agent.descriptor().unixTarget())) {
        assertThat(owner.awaitFrames(2)).isTrue();
        assertThat(owner.frames).extracting(Frame::type).containsExactly("hello", "snapshot");
      }
    } finally {
      for (RawConnection c : flood) {
        c.close();
      }
      app.stop();
    }
  }

  @Test
  void anAuthenticatedTcpClientCountsAsAClient() throws Exception {
    App app = new App();
    app.start();
    InspectOptions options = InspectOptions.defaults("App").withDirectory(tmp.resolve("inspect")).withMaxClients(1)
        .withTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false);
    try (InspectAgent agent = InspectAgent.start(app, options);
        RecordingClient first = new RecordingClient(agent.descriptor().tcpTarget().orElseThrow())) {
      assertThat(first.awaitFrames(2)).isTrue();
      try (RecordingClient second = new RecordingClient(agent.descriptor().tcpTarget().orElseThrow())) {
        assertThat(second.closed.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(second.messages()).containsExactly(new InspectMessage.ErrorMessage("too many inspect clients (at most 1)"));
      }
    } finally {
      app.stop();
    }
  }

  @Test
  void ticketsMoveBetweenTheBudgetsAndComeBackOnce() {
    ConnectionBudget budget = new ConnectionBudget(1, 1);
    ConnectionBudget.Ticket tcp = budget.admitUnauthenticated();
    assertThat(budget.admitUnauthenticated()).isNull();
    ConnectionBudget.Ticket unix = budget.admitClient();
    assertThat(budget.admitClient()).isNull();
    assertThat(tcp.authenticated()).isFalse(); // no room among clients: it holds nothing now
    assertThat(budget.admitUnauthenticated()).isNotNull();
    unix.release();
    unix.release();
    ConnectionBudget.Ticket again = budget.admitClient();
    assertThat(again).isNotNull();
    assertThat(budget.admitClient()).isNull();
  }

  @Test
  void refusalsAreLoggedOncePerIntervalWithACount() {
    AtomicLong now = new AtomicLong(1_000);
    List<String> lines = new CopyOnWriteArrayList<>();
    RefusalLog log = new RefusalLog(Duration.ofSeconds(10), now::get, lines::add);

    log.refused("too many inspect clients (at most 32)");
    for (int i = 0; i < 322; i++) {
      now.addAndGet(Duration.ofMillis(15).toNanos());
      log.refused("wrong token");
    }
    assertThat(lines).containsExactly("inspect connection refused: too many inspect clients (at most 32)");

    now.addAndGet(Duration.ofSeconds(10).toNanos());
    log.refused("wrong token");
    log.flush();
    assertThat(lines).containsExactly("inspect connection refused: too many inspect clients (at most 32)",
        "inspect connections refused: 323 since the last report (latest: wrong token)");
    log.refused("wrong token");
    log.flush();
    assertThat(lines).hasSize(3).last().isEqualTo("inspect connection refused: wrong token");
  }
}
