package mode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mode.Service;
import mode.State;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import org.junit.jupiter.api.Test;

/**
 * The event hub's subscriptions for consumers that fall behind: a suspended subscription (the
 * runtime only counts its events) and one that yields to bursts.
 */
class EventHubConsumersTest {

  static final class Node extends Service {}

  @Test
  void aSuspendedSubscriptionReceivesNothingMoreAndCountsEveryEventItMissed() {
    Node root = new Node();
    root.addDependency(new Node());
    root.addDependency(new Node());
    List<ServiceEvent> got = new CopyOnWriteArrayList<>();
    try (EventSubscription sub = ServiceEvents.subscribe(root, 64, got::add)) {
      await().until(() -> got.size() == 1); // the snapshot

      EventHub.suspend(sub);
      root.start(); // 3 services x (INIT>STARTING, STARTING>RUNNING)
      root.stop(); // 3 x (RUNNING>STOPPING, STOPPING>SHUTDOWN)

      assertThat(root.state()).isEqualTo(State.SHUTDOWN);
      assertThat(sub.dropped()).isEqualTo(12);
      assertThat(got).singleElement().isInstanceOf(ServiceEvent.Snapshot.class);
    }
  }

  @Test
  void otherSubscriptionsOfTheSameTreeStillGetEveryEvent() {
    Node root = new Node();
    List<ServiceEvent> suspended = new CopyOnWriteArrayList<>();
    List<ServiceEvent> live = new CopyOnWriteArrayList<>();
    try (EventSubscription a = ServiceEvents.subscribe(root, 64, suspended::add);
        EventSubscription b = ServiceEvents.subscribe(root, 64, live::add)) {
      await().until(() -> suspended.size() == 1 && live.size() == 1);

      EventHub.suspend(a);
      root.start();

      await().until(() -> live.size() == 3);
      assertThat(live.subList(1, 3)).extracting(e -> ((ServiceEvent.Transition) e).to())
          .containsExactly(State.STARTING, State.RUNNING);
      assertThat(a.dropped()).isEqualTo(2);
      assertThat(b.dropped()).isZero();
      assertThat(suspended).hasSize(1);
      root.stop();
    }
  }

  @Test
  void aSubscriptionThatYieldsToBurstsGetsEveryEventInOrderOnceTheRuntimePauses() {
    Node root = new Node();
    Node child = root.addDependency(new Node());
    List<ServiceEvent> got = new CopyOnWriteArrayList<>();
    try (EventSubscription sub = EventHub.subscribe(root, 64, got::add, true)) {
      await().until(() -> got.size() == 1);

      root.start();
      root.stop();

      await().until(() -> got.size() == 9);
      assertThat(got.subList(1, 9)).extracting(e -> {
        ServiceEvent.Transition t = (ServiceEvent.Transition) e;
        return (t.serviceId() == root.id() ? "root " : "child ") + t.from() + ">" + t.to();
      }).containsExactly(
          "root INIT>STARTING", "child INIT>STARTING", "child STARTING>RUNNING", "root STARTING>RUNNING",
          "root RUNNING>STOPPING", "child RUNNING>STOPPING", "child STOPPING>SHUTDOWN", "root STOPPING>SHUTDOWN");
      assertThat(sub.dropped()).isZero();
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

  @Test
  void suspendRefusesASubscriptionItDidNotMake() {
    EventSubscription foreign = new EventSubscription() {
      @Override
      public void close() {}

      @Override
      public long dropped() {
        return 0;
      }
    };

    assertThatThrownBy(() -> EventHub.suspend(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a subscription of the event hub");
  }
}
