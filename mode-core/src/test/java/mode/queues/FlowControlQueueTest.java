package mode.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FlowControlQueueTest {
  private final List<String> history = new CopyOnWriteArrayList<>();

  /** Starts a producer on a virtual thread that records when its put returned. */
  private Thread producer(FlowControlQueue<String> queue, String value) {
    return Thread.ofVirtual().start(() -> {
      try {
        queue.put(value);
        history.add("put " + value);
      } catch (InterruptedException e) {
        history.add("interrupted " + value);
      }
    });
  }

  private static void awaitWaiting(Thread t) {
    await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING);
  }

  @Test
  void valuesComeOutInTheOrderTheyWentIn() throws InterruptedException {
    FlowControlQueue<String> queue = new FlowControlQueue<>(FlowControl.startActive());
    queue.put("a");
    queue.forcePut("b");
    queue.put("c");

    assertThat(List.of(queue.take(), queue.poll(), queue.poll(Duration.ZERO))).containsExactly("a", "b", "c");
    assertThat(queue.poll()).isNull();
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void suspendedFlowMakesProducersWaitUntilResumeWhileConsumersDrain() throws Exception {
    FlowControl flow = FlowControl.startActive();
    FlowControlQueue<String> queue = new FlowControlQueue<>(flow);
    queue.put("before");
    flow.suspend();

    Thread p = producer(queue, "during");
    awaitWaiting(p);
    history.add("took " + queue.take());
    assertThat(queue.poll()).isNull();
    flow.resume();
    p.join(Duration.ofSeconds(10));
    history.add("took " + queue.take());

    assertThat(history).containsExactly("took before", "put during", "took during");
  }

  @Test
  void flowControlStartingSuspendedHoldsProducersAsModeDoes() throws Exception {
    FlowControl flow = FlowControl.startSuspended();
    FlowControlQueue<String> queue = new FlowControlQueue<>(flow);

    assertThat(flow.isActive()).isFalse();
    assertThat(queue.offer("x", Duration.ZERO)).isFalse();
    Thread p = producer(queue, "x");
    awaitWaiting(p);
    flow.resume();
    p.join(Duration.ofSeconds(10));

    assertThat(history).containsExactly("put x");
    assertThat(queue.take()).isEqualTo("x");
  }

  @Test
  void oneFlowControlGovernsManyQueuesAndClearsOnlyThoseThatAskForIt() throws InterruptedException {
    FlowControl flow = FlowControl.startActive();
    FlowControlQueue<String> cleared = new FlowControlQueue<>(10, flow, true);
    FlowControlQueue<String> kept = new FlowControlQueue<>(10, flow, false);
    cleared.put("stale");
    kept.put("fresh");

    flow.suspend();
    flow.resume();

    assertThat(cleared.size()).isZero();
    assertThat(kept.poll()).isEqualTo("fresh");
  }

  @Test
  void fullQueueMakesPutWaitUntilAConsumerTakes() throws Exception {
    FlowControlQueue<String> queue = new FlowControlQueue<>(1, FlowControl.startActive());
    queue.put("first");

    Thread p = producer(queue, "second");
    awaitWaiting(p);
    assertThat(queue.offer("third", Duration.ZERO)).isFalse();
    assertThat(history).isEmpty();
    assertThat(queue.take()).isEqualTo("first");
    p.join(Duration.ofSeconds(10));

    assertThat(history).containsExactly("put second");
    assertThat(queue.take()).isEqualTo("second");
  }

  @Test
  void producerWaitingOnSuspendedFlowCanBeInterrupted() throws Exception {
    FlowControlQueue<String> queue = new FlowControlQueue<>(FlowControl.startSuspended());
    Thread p = producer(queue, "x");
    awaitWaiting(p);
    p.interrupt();
    p.join(Duration.ofSeconds(10));

    assertThat(history).containsExactly("interrupted x");
    assertThat(queue.size()).isZero();
  }

  @Test
  void pressureIsReportedOnceWhenHighAndReleasedOneByOneAsTheQueueDrains() {
    FlowControlQueue<Integer> queue = new FlowControlQueue<>(10, FlowControl.startActive());
    assertThat(queue.pressureHighSize()).isEqualTo(8);
    assertThat(queue.pressureDropSize()).isEqualTo(4);
    List<Boolean> reported = new ArrayList<>();
    Runnable dropA = () -> history.add("drop A at " + queue.size());
    Runnable dropB = () -> history.add("drop B at " + queue.size());
    for (int i = 0; i < 9; i++) {
      reported.add(queue.putEnhanced(i, () -> history.add("high A at " + queue.size()), dropA));
    }
    reported.add(queue.putEnhanced(9, () -> history.add("high B at " + queue.size()), dropB));
    while (queue.poll() != null) {
      history.add("took, " + queue.size() + " left");
    }

    assertThat(reported).containsExactly(false, false, false, false, false, false, false, false, true, true);
    assertThat(history).containsExactly(
        "high A at 9", "high B at 10",
        "took, 9 left", "took, 8 left", "took, 7 left", "took, 6 left", "took, 5 left",
        "took, 4 left",
        "drop A at 4", "took, 3 left",
        "drop B at 3", "took, 2 left",
        "took, 1 left", "took, 0 left");
  }

  @Test
  void remainingDropCallbacksAreAllCalledWhenAConsumerFindsTheQueueEmpty() {
    FlowControlQueue<Integer> queue = new FlowControlQueue<>(2, FlowControl.startActive());
    queue.forcePut(0);
    queue.forcePut(1);
    queue.putEnhanced(2, () -> history.add("high A"), () -> history.add("drop A"));
    queue.putEnhanced(3, () -> history.add("high B"), () -> history.add("drop B"));
    queue.clear();

    assertThat(queue.poll()).isNull();
    assertThat(history).containsExactly("high A", "high B", "drop A", "drop B");
  }

  @Test
  void unboundedQueueNeverReportsPressure() {
    FlowControlQueue<Integer> queue = new FlowControlQueue<>(FlowControl.startActive());
    assertThat(queue.putEnhanced(1, () -> history.add("high"), () -> history.add("drop"))).isFalse();
    assertThat(history).isEmpty();
  }

  @Test
  void badArgumentsAreRejectedNamingTheValue() {
    FlowControl flow = FlowControl.startActive();
    assertThatThrownBy(() -> new FlowControlQueue<String>(0, flow))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue capacity must be positive, got 0");
    assertThatThrownBy(() -> new FlowControlQueue<String>(flow).put(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value");
    assertThat(new FlowControlQueue<String>(3, flow)).hasToString(
        "FlowControlQueue[size=0, capacity=3, FlowControl[active]]");
  }
}
