package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mode.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code stacks} command over the agent's real Unix socket, with services held in a hook and a
 * task by latches: the reply names what runs and shows the frame that waits.
 */
class LiveStacksAgentTest {

  static final class App extends Service {}

  /** Its task waits for {@link #release} once it has begun. */
  static final class Busy extends Service {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Task
    void crunch() throws InterruptedException {
      entered.countDown();
      release.await();
    }
  }

  /** Its {@code onStart} waits for {@link #release}. */
  static final class Stuck extends Service {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected void onStart() throws InterruptedException {
      entered.countDown();
      release.await();
    }
  }

  static final class Quiet extends Service {}

  @TempDir Path dir;
  final App app = new App();
  final Busy busy = app.addDependency(new Busy());
  final Quiet quiet = app.addDependency(new Quiet());
  final Stuck stuck = new Stuck();
  InspectAgent agent;

  @AfterEach
  void stop() {
    busy.release.countDown();
    stuck.release.countDown();
    if (agent != null) {
      agent.close();
    }
    app.stop();
  }

  @Test
  void theStacksOfATaskNameItAndShowTheFrameItWaitsIn() throws Exception {
    app.start();
    assertThat(busy.entered.await(30, TimeUnit.SECONDS)).isTrue();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir));
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget())) {
      InspectMessage.Reply reply = client.client.request(new InspectMessage.Stacks(busy.id())).get(10, TimeUnit.SECONDS);

      assertThat(reply.ok()).isTrue();
      assertThat(reply.message()).isEqualTo("Busy (id " + busy.id() + "): 1 thread running its code");
      assertThat(reply.stacks()).singleElement().satisfies(stack -> {
        assertThat(stack.what()).isEqualTo("task crunch");
        assertThat(stack.thread()).isEqualTo("Busy.crunch");
        assertThat(stack.virtual()).isTrue();
        assertThat(stack.state()).isEqualTo("WAITING");
        assertThat(stack.since()).isNotNull();
        assertThat(stack.frames()).anyMatch(frame -> frame.startsWith("mode.inspect.LiveStacksAgentTest$Busy.crunch("));
        assertThat(stack.frames()).hasSizeLessThanOrEqualTo(LiveStacks.MAX_FRAMES);
      });
      assertThat(reply.text())
          .startsWith("Busy (id " + busy.id() + "): 1 thread running its code\n\n#")
          .contains("\"Busy.crunch\" virtual WAITING: task crunch for ")
          .contains("    at mode.inspect.LiveStacksAgentTest$Busy.crunch(LiveStacksAgentTest.java:");
    }
  }

  @Test
  void theStacksOfAHookNameItAndTheThreadThatRunsIt() throws Exception {
    app.start();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir));
    Thread starter = Thread.ofPlatform().name("stuck-starter").start(() -> app.addRuntimeDependency(stuck));
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget())) {
      assertThat(stuck.entered.await(30, TimeUnit.SECONDS)).isTrue();

      InspectMessage.Reply reply = client.client.request(new InspectMessage.Stacks(stuck.id())).get(10, TimeUnit.SECONDS);

      assertThat(reply.ok()).isTrue();
      assertThat(reply.stacks()).singleElement().satisfies(stack -> {
        assertThat(stack.what()).isEqualTo("onStart");
        assertThat(stack.thread()).isEqualTo("stuck-starter");
        assertThat(stack.threadId()).isEqualTo(starter.threadId());
        assertThat(stack.virtual()).isFalse();
        assertThat(stack.frames()).anyMatch(frame -> frame.startsWith("mode.inspect.LiveStacksAgentTest$Stuck.onStart("));
      });
    } finally {
      stuck.release.countDown();
      starter.join();
    }
  }

  @Test
  void anIdleServiceHasNoStacksAndAnUnknownIdIsAnErrorReplyNamingTheRule() throws Exception {
    app.start();
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir));
    try (RecordingClient client = new RecordingClient(agent.descriptor().unixTarget())) {
      InspectMessage.Reply idle = client.client.request(new InspectMessage.Stacks(quiet.id())).get(10, TimeUnit.SECONDS);
      InspectMessage.Reply unknown = client.client.request(new InspectMessage.Stacks(-5)).get(10, TimeUnit.SECONDS);

      String message = "Quiet (id " + quiet.id() + ") is idle: no thread runs its hooks, tasks or timers now";
      assertThat(idle).isEqualTo(new InspectMessage.Reply(1, true, message, message + "\n", List.of()));
      assertThat(unknown).isEqualTo(new InspectMessage.Reply(2, false,
          "stacks: no service with id -5 under App (the id must be one of a service in the snapshot)", null));
      assertThat(client.client.request(new InspectMessage.Ping()).get(10, TimeUnit.SECONDS).ok()).isTrue();
    }
  }
}
