package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import mode.events.ServiceInfo;
import org.junit.jupiter.api.Test;

class ServiceConcurrencyTest {

  static class Node extends Service {}

  static List<Service> tree(Service root, int fanout, int depth) {
    List<Service> all = new ArrayList<>(List.of(root));
    if (depth > 0) {
      for (int i = 0; i < fanout; i++) {
        all.addAll(tree(root.addDependency(new Node()), fanout, depth - 1));
      }
    }
    return all;
  }

  @Test
  void concurrentStartAndStopAlwaysLeaveTheWholeTreeShutDown() throws Exception {
    for (int round = 0; round < 50; round++) {
      Node root = new Node();
      List<Service> all = tree(root, 3, 2);
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<Void> starter = CompletableFuture.runAsync(() -> {
        awaitQuietly(go);
        try {
          root.start();
        } catch (ServiceException lostTheRace) {
          assertThat(lostTheRace).hasMessageContaining("expected state INIT");
        }
      });
      CompletableFuture<Void> stopper = CompletableFuture.runAsync(() -> {
        awaitQuietly(go);
        root.stop();
      });
      go.countDown();
      starter.get();
      stopper.get();

      assertThat(all).extracting(Service::state).containsOnly(State.SHUTDOWN);
    }
  }

  @Test
  void aSubscriptionTakenMidStartSeesEveryChangeExactlyOnce() throws Exception {
    Node root = new Node();
    List<Service> all = tree(root, 4, 3);
    List<ServiceEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> lifecycle = CompletableFuture.runAsync(() -> {
      root.start();
      root.restart();
      root.stop();
    });
    EventSubscription sub = ServiceEvents.subscribe(root, 100_000, events::add);
    lifecycle.get();
    Node marker = root.addDependency(new Node()); // its events end the stream of interest
    await().until(() -> events.stream().anyMatch(
        e -> e instanceof ServiceEvent.DependencyAdded d && d.childId() == marker.id()));
    sub.close();
    events.removeIf(e -> e instanceof ServiceEvent.ServiceAdded
        || e instanceof ServiceEvent.DependencyAdded);

    Map<Long, State> model = new HashMap<>();
    for (ServiceInfo info : ((ServiceEvent.Snapshot) events.get(0)).services()) {
      model.put(info.id(), info.state());
    }
    for (ServiceEvent e : events.subList(1, events.size())) {
      ServiceEvent.Transition t = (ServiceEvent.Transition) e;
      assertThat(t.from()).as("transition of %d", t.serviceId()).isEqualTo(model.get(t.serviceId()));
      model.put(t.serviceId(), t.to());
    }
    assertThat(model).hasSize(all.size());
    assertThat(model.values()).containsOnly(State.SHUTDOWN);
    assertThat(sub.dropped()).isZero();
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
