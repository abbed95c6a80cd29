package mode.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import mode.Service;
import mode.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceEventsTest {
  final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
  final List<EventSubscription> subscriptions = new ArrayList<>();

  static class Node extends Service {
    final String name;

    Node(String name) {
      this.name = name;
    }

    @Override
    public String label() {
      return name;
    }

    void warn(String message) {
      log().warn(message);
    }

    void info(String message) {
      log().info(message);
    }
  }

  @AfterEach
  void closeAll() {
    subscriptions.forEach(EventSubscription::close);
  }

  EventSubscription subscribe(Service root, int capacity, ServiceEventListener l) {
    EventSubscription s = ServiceEvents.subscribe(root, capacity, l);
    subscriptions.add(s);
    return s;
  }

  /** Transitions as {@code label:FROM>TO}, other events by their type. */
  static List<String> describe(List<ServiceEvent> events, List<? extends Service> services) {
    List<String> out = new ArrayList<>();
    for (ServiceEvent e : events) {
      out.add(switch (e) {
        case ServiceEvent.Transition t -> name(services, t.serviceId()) + ":" + t.from() + ">" + t.to();
        case ServiceEvent.Snapshot s -> "Snapshot" + s.services().stream()
            .map(i -> i.label() + "=" + i.state()).toList();
        case ServiceEvent.Gap g -> "Gap(" + g.dropped() + ")";
        case ServiceEvent.ServiceAdded a -> "Added " + a.service().label()
            + " parent=" + name(services, a.service().parentId());
        case ServiceEvent.ServiceRemoved r -> "Removed " + name(services, r.serviceId());
        case ServiceEvent.DependencyAdded d ->
            "Edge+ " + name(services, d.parentId()) + ">" + name(services, d.childId());
        case ServiceEvent.DependencyRemoved d ->
            "Edge- " + name(services, d.parentId()) + ">" + name(services, d.childId());
        default -> e.getClass().getSimpleName();
      });
    }
    return out;
  }

  static String name(List<? extends Service> services, Long id) {
    return services.stream().filter(s -> id != null && s.id() == id).map(Service::label)
        .findFirst().orElse(String.valueOf(id));
  }

  @Test
  void subscriberGetsASnapshotThenEveryTransitionOfAStartAndStopInOrder() {
    Node root = new Node("root");
    Node a = root.addDependency(new Node("a"));
    subscribe(root, 100, events::add);

    root.start();
    root.stop();

    await().until(() -> events.size() == 9);
    assertThat(describe(events, List.of(root, a))).containsExactly(
        "Snapshot[root=INIT, a=INIT]",
        "root:INIT>STARTING", "a:INIT>STARTING", "a:STARTING>RUNNING", "root:STARTING>RUNNING",
        "root:RUNNING>STOPPING", "a:RUNNING>STOPPING", "a:STOPPING>SHUTDOWN",
        "root:STOPPING>SHUTDOWN");
  }

  @Test
  void snapshotDescribesTheTreeWithParentsAndTimings() {
    Node root = new Node("root");
    Node a = root.addDependency(new Node("a"));
    root.start();
    subscribe(root, 100, events::add);

    await().until(() -> events.size() == 1);
    ServiceEvent.Snapshot snap = (ServiceEvent.Snapshot) events.get(0);
    ServiceInfo rootInfo = snap.services().get(0);
    ServiceInfo aInfo = snap.services().get(1);
    assertThat(rootInfo.dependencyIds()).containsExactly(a.id());
    assertThat(rootInfo.parentId()).isNull();
    assertThat(aInfo.parentId()).isEqualTo(root.id());
    assertThat(aInfo.className()).isEqualTo(Node.class.getName());
    assertThat(rootInfo.startedAt()).isNotNull();
    assertThat(rootInfo.startDuration()).isNotNull();
    assertThat(rootInfo.stopDuration()).isNull();
    root.stop();
  }

  @Test
  void servicesJoiningAndLeavingTheTreeAreReported() {
    Node root = new Node("root");
    Node x = new Node("x");
    Node y = x.addDependency(new Node("y"));
    subscribe(root, 100, events::add);

    root.addDependency(x);
    root.removeDependency(x);

    await().until(() -> events.size() == 11);
    assertThat(describe(events, List.of(root, x, y))).containsExactly(
        "Snapshot[root=INIT]",
        "Added y parent=x", "Added x parent=root", "Edge+ root>x",
        "x:INIT>STOPPING", "y:INIT>STOPPING", "y:STOPPING>SHUTDOWN", "x:STOPPING>SHUTDOWN",
        "Edge- root>x", "Removed x", "Removed y");
    assertThat(root.dependencies()).isEmpty();
  }

  @Test
  void overflowDropsEventsThenDeliversAGapAndAFreshSnapshot() throws Exception {
    Node root = new Node("root");
    Node a = root.addDependency(new Node("a"));
    Node b = root.addDependency(new Node("b"));
    CountDownLatch release = new CountDownLatch(1);
    EventSubscription sub = subscribe(root, 2, e -> {
      events.add(e);
      if (events.size() == 1) {
        try {
          release.await();
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
    });
    await().until(() -> events.size() == 1);

    root.start(); // 6 transitions
    root.stop(); // 6 more
    release.countDown();

    await().until(() -> events.size() == 5);
    assertThat(describe(events, List.of(root, a, b))).containsExactly(
        "Snapshot[root=INIT, a=INIT, b=INIT]",
        "root:INIT>STARTING", "a:INIT>STARTING",
        "Gap(10)",
        "Snapshot[root=SHUTDOWN, a=SHUTDOWN, b=SHUTDOWN]");
    assertThat(sub.dropped()).isEqualTo(10);

    Node c = root.addDependency(new Node("c"));
    await().until(() -> events.size() == 7);
    assertThat(describe(events.subList(5, 7), List.of(root, c)))
        .containsExactly("Added c parent=root", "Edge+ root>c");
  }

  @Test
  void aSecondOverflowGivesASecondGapAndSnapshot() throws Exception {
    Node root = new Node("root");
    java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(0);
    subscribe(root, 1, e -> {
      events.add(e);
      if (e instanceof ServiceEvent.Snapshot) {
        permits.acquireUninterruptibly(); // blocks after every snapshot until the test moves on
      }
    });
    await().until(() -> events.size() == 1);

    root.start(); // 2 transitions: 1 queued, 1 dropped
    permits.release();
    await().until(() -> events.size() == 4);
    root.stop(); // 2 more: 1 queued, 1 dropped
    permits.release();
    await().until(() -> events.size() == 7);
    permits.release();

    assertThat(describe(events, List.of(root))).containsExactly(
        "Snapshot[root=INIT]", "root:INIT>STARTING", "Gap(1)", "Snapshot[root=RUNNING]",
        "root:RUNNING>STOPPING", "Gap(1)", "Snapshot[root=SHUTDOWN]");
  }

  @Test
  void aListenerMayCloseItsOwnSubscription() {
    Node root = new Node("root");
    EventSubscription[] self = new EventSubscription[1];
    java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);
    self[0] = subscribe(root, 100, e -> {
      events.add(e);
      if (e instanceof ServiceEvent.Transition) {
        try {
          subscribed.await();
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
        self[0].close();
      }
    });
    subscribed.countDown();

    root.start();
    root.stop();
    Node probe = new Node("probe");
    List<ServiceEvent> probeEvents = new CopyOnWriteArrayList<>();
    subscribe(probe, 100, probeEvents::add);
    probe.start();
    await().until(() -> probeEvents.size() == 3); // later than anything root's listener could get

    assertThat(describe(events, List.of(root))).containsExactly(
        "Snapshot[root=INIT]", "root:INIT>STARTING");
    probe.stop();
  }

  @Test
  void aFailingListenerKeepsItsSubscription() {
    Node root = new Node("root");
    subscribe(root, 100, e -> {
      events.add(e);
      if (e instanceof ServiceEvent.Transition) {
        throw new IllegalStateException("listener bug");
      }
    });

    root.start();
    root.stop();

    await().until(() -> events.size() == 5);
    assertThat(describe(events, List.of(root))).containsExactly(
        "Snapshot[root=INIT]", "root:INIT>STARTING", "root:STARTING>RUNNING",
        "root:RUNNING>STOPPING", "root:STOPPING>SHUTDOWN");
  }

  @Test
  void closeStopsDeliveryAndIsIdempotent() {
    Node root = new Node("root");
    EventSubscription sub = subscribe(root, 100, events::add);
    await().until(() -> events.size() == 1);

    sub.close();
    sub.close();
    root.start();
    Node probe = new Node("probe");
    List<ServiceEvent> probeEvents = new CopyOnWriteArrayList<>();
    subscribe(probe, 100, probeEvents::add);
    probe.start();
    await().until(() -> probeEvents.size() == 3);

    assertThat(describe(events, List.of(root))).containsExactly("Snapshot[root=INIT]");
    root.stop();
    probe.stop();
  }

  @Test
  void warningsOfAServiceArriveAsLogEventsAttributedToIt() {
    Node root = new Node("root");
    Node db = root.addDependency(new Node("db"));
    Node outsider = new Node("outsider");
    subscribe(root, 100, events::add);

    db.warn("disk almost full");
    outsider.warn("not in this tree");
    db.info("below WARN: not an event");
    db.warn("last");

    await().until(() -> events.size() == 3);
    ServiceEvent.Log log = (ServiceEvent.Log) events.get(1);
    assertThat(log.serviceId()).isEqualTo(db.id());
    assertThat(log.level()).isEqualTo("WARN");
    assertThat(log.logger()).isEqualTo(Node.class.getName());
    assertThat(log.message()).isEqualTo("[^-db]: disk almost full");
    assertThat(((ServiceEvent.Log) events.get(2)).message()).isEqualTo("[^-db]: last");
  }

  @Test
  void crashTransitionCarriesReasonAndStack() {
    Node root = new Node("root");
    root.start();
    subscribe(root, 100, events::add);

    root.crash(new IllegalStateException("boom"));

    await().until(() -> events.size() == 3);
    ServiceEvent.Log log = (ServiceEvent.Log) events.get(2);
    assertThat(log.level() + " " + log.message())
        .isEqualTo("ERROR [^root]: Crashed reason=java.lang.IllegalStateException: boom");
    ServiceEvent.Transition t = (ServiceEvent.Transition) events.get(1);
    assertThat(t.to()).isEqualTo(State.CRASHED);
    assertThat(t.crashReason()).isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(t.crashStack()).startsWith("java.lang.IllegalStateException: boom")
        .contains("crashTransitionCarriesReasonAndStack");
    root.stop();
  }
}
