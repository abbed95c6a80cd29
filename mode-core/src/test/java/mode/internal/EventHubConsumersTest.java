package mode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import mode.Service;
import mode.State;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import mode.events.ServiceInfo;
import org.junit.jupiter.api.Test;

/**
 * The event hub's queues, drained by their consumer's own thread: order, the gap and the fresh
 * snapshot that follow an overflow, exact drop counts, wake-ups.
 */
class EventHubConsumersTest {

  static final class Node extends Service {}

  @Test
  void aQueueDeliversTheSnapshotThenEveryEventInOrderToTheThreadThatDrainsIt() throws Exception {
    Node root = new Node();
    Node child = root.addDependency(new Node());
    List<ServiceEvent> got = new ArrayList<>();
    try (EventQueue queue = EventHub.subscribeQueue(root, 64)) {
      assertThat(queue.isEmpty()).as("the first snapshot waits").isFalse();
      root.start();
      root.stop();

      queue.drainTo(got::add);

      assertThat(queue.isEmpty()).isTrue();
      assertThat(got.get(0)).isInstanceOf(ServiceEvent.Snapshot.class);
      assertThat(got.subList(1, 9)).extracting(e -> {
        ServiceEvent.Transition t = (ServiceEvent.Transition) e;
        return (t.serviceId() == root.id() ? "root " : "child ") + t.from() + ">" + t.to();
      }).containsExactly(
          "root INIT>STARTING", "child INIT>STARTING", "child STARTING>RUNNING", "root STARTING>RUNNING",
          "root RUNNING>STOPPING", "child RUNNING>STOPPING", "child STOPPING>SHUTDOWN", "root STOPPING>SHUTDOWN");
      assertThat(got).hasSize(9);
      assertThat(queue.dropped()).isZero();
      assertThat(child.state()).isEqualTo(State.SHUTDOWN);
    }
  }

  @Test
  void aFullQueueCountsWhatItDropsAndDeliversTheGapThenAtOnceAFreshSnapshot() throws Exception {
    Node root = new Node();
    root.addDependency(new Node());
    root.addDependency(new Node());
    List<ServiceEvent> got = new ArrayList<>();
    try (EventQueue queue = EventHub.subscribeQueue(root, 2)) {
      root.start(); // 3 services x (INIT>STARTING, STARTING>RUNNING): 2 queued, 4 dropped
      assertThat(queue.dropped()).isEqualTo(4);

      queue.drainTo(got::add);

      assertThat(got).extracting(e -> e.getClass().getSimpleName())
          .containsExactly("Snapshot", "Transition", "Transition", "Gap", "Snapshot");
      assertThat(((ServiceEvent.Gap) got.get(3)).dropped()).isEqualTo(4);
      assertThat(((ServiceEvent.Snapshot) got.get(4)).services()).extracting(ServiceInfo::state)
          .containsOnly(State.RUNNING);

      got.clear();
      root.stop(); // 6 more: 2 queued, 4 dropped, counted in the next gap alone
      queue.drainTo(got::add);
      assertThat(got).extracting(e -> e.getClass().getSimpleName())
          .containsExactly("Transition", "Transition", "Gap", "Snapshot");
      assertThat(((ServiceEvent.Gap) got.get(2)).dropped()).isEqualTo(4);
      assertThat(queue.dropped()).isEqualTo(8);
    }
  }

  @Test
  void aQueueWakesItsConsumerWhenAnEventArrivesAndWhenAskedTo() throws Exception {
    Node root = new Node();
    try (EventQueue queue = EventHub.subscribeQueue(root, 8)) {
      queue.drainTo(e -> {});
      assertThat(queue.isEmpty()).isTrue();
      Thread starter = Thread.ofVirtual().start(root::start);
      while (queue.isEmpty()) {
        queue.awaitEvents(TimeUnit.SECONDS.toNanos(30));
      }
      starter.join();
      Thread waker = Thread.ofVirtual().start(queue::wake);
      queue.drainTo(e -> {});
      queue.awaitEvents(TimeUnit.SECONDS.toNanos(30)); // returns at the wake-up (or at once if it came first)
      waker.join();
      root.stop();
    }
  }

  @Test
  void aQueueCapacityOutsideOneTo2Pow28IsRefusedWithTheValue() {
    Node root = new Node();

    assertThatThrownBy(() -> ServiceEvents.subscribe(root, 0, e -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("queue capacity must be >= 1, was 0");
    assertThatThrownBy(() -> ServiceEvents.subscribe(root, (1 << 28) + 1, e -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue capacity must be <= 268435456, was 268435457");
  }
}
