package mode.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ThrowableQueueTest {
  private final ThrowableQueue<String> queue = new ThrowableQueue<>(FlowControl.startActive());

  @Test
  void putThrowableMakesTheNextTakeThrowItWrapped() throws InterruptedException {
    IOException broken = new IOException("connection reset");
    queue.put("a");
    queue.putThrowable(broken);

    assertThatThrownBy(queue::take)
        .isInstanceOf(QueueFailureException.class)
        .hasMessage("a producer put a failure into the queue: java.io.IOException: connection reset")
        .cause().isSameAs(broken);
    assertThat(queue.take()).isEqualTo("a");
    assertThat(queue.poll()).isNull();
  }

  @Test
  void failuresComeOutOldestFirstAndCountAsContent() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second");
    queue.putThrowable(first);
    queue.putThrowable(second);

    assertThat(queue.isEmpty()).isFalse();
    assertThat(queue.size()).isZero();
    assertThat(queue.pendingFailures()).isEqualTo(2);
    assertThatThrownBy(queue::poll).cause().isSameAs(first);
    assertThatThrownBy(() -> queue.poll(Duration.ZERO)).cause().isSameAs(second);
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void waitingConsumerIsWokenByAFailure() throws Exception {
    List<String> history = new CopyOnWriteArrayList<>();
    Thread consumer = Thread.ofVirtual().start(() -> {
      try {
        history.add("took " + queue.take());
      } catch (QueueFailureException e) {
        history.add("failed with " + e.getCause().getMessage());
      } catch (InterruptedException e) {
        history.add("interrupted");
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getState() == Thread.State.WAITING);

    queue.putThrowable(new IllegalStateException("upstream died"));
    consumer.join(Duration.ofSeconds(10));

    assertThat(history).containsExactly("failed with upstream died");
  }

  @Test
  void failuresBypassASuspendedFlowAndClearDropsThem() throws InterruptedException {
    FlowControl flow = FlowControl.startSuspended();
    ThrowableQueue<String> suspended = new ThrowableQueue<>(1, flow, true);
    suspended.forcePut("stale");
    suspended.putThrowable(new IllegalStateException("stale failure"));

    flow.resume();

    assertThat(suspended.isEmpty()).isTrue();
    assertThat(suspended.pendingFailures()).isZero();
    suspended.put("fresh");
    assertThat(suspended.take()).isEqualTo("fresh");
  }
}
