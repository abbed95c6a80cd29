package mode.inspect;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import mode.Service;
import mode.State;
import mode.chaos.ChaosTree;
import mode.chaos.ChaosWorkerSide;
import mode.chaos.Picture;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import mode.internal.EventHub;

/** The worker side of a chaos run in this JVM: a random tree, its agent, a reference subscription. */
public final class LocalChaosWorker implements ChaosWorkerSide {

  /** The logger name of the marker events. */
  public static final String MARKER_LOGGER = "mode.chaos.Barrier";

  private final ChaosTree tree;
  private final InspectAgent agent;
  private final Reference reference;
  private long markedAt;

  /** Builds a tree of about {@code size} services from {@code random}, starts it and its agent. */
  public LocalChaosWorker(Random random, int size, int queueCapacity, Path folder) throws IOException {
    tree = new ChaosTree(random, size);
    tree.root().start();
    agent = InspectAgent.start(tree.root(), InspectOptions.defaults("Chaos").withDirectory(folder)
        .withQueueCapacity(queueCapacity)
        .withTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false));
    reference = new Reference(tree.root());
  }

  @Override
  public Descriptor descriptor() {
    return agent.descriptor();
  }

  @Override
  public void churn(int ops) {
    for (int i = 0; i < ops; i++) {
      tree.step();
    }
  }

  @Override
  public void rest() {
    tree.stopTimers();
    long[] last = {Long.MIN_VALUE};
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
      long now = EventHub.lastChangeNanos();
      boolean still = now == last[0];
      last[0] = now;
      return still && snapshot(tree.root()).services().stream()
          .noneMatch(s -> s.state() == State.STARTING || s.state() == State.STOPPING);
    });
  }

  @Override
  public long mark(long k) throws InterruptedException {
    EventHub.publish(null, new ServiceEvent.Log(Instant.now(), null, "INFO", MARKER_LOGGER, Long.toString(k)));
    markedAt = EventHub.lastChangeNanos();
    return reference.awaitMarker(k);
  }

  @Override
  public boolean changedSinceMark() {
    return EventHub.lastChangeNanos() != markedAt;
  }

  @Override
  public Map<Long, Picture.Node> truth() {
    return Picture.of(snapshot(tree.root()));
  }

  @Override
  public int refused() {
    return tree.refused();
  }

  @Override
  public void close() {
    reference.close();
    agent.close();
    tree.root().stop();
  }

  /** The worker's own picture: the first event of a fresh subscription. */
  static ServiceEvent.Snapshot snapshot(Service root) {
    AtomicReference<ServiceEvent.Snapshot> first = new AtomicReference<>();
    CountDownLatch got = new CountDownLatch(1);
    try (EventSubscription s = ServiceEvents.subscribe(root, 1, e -> {
      if (e instanceof ServiceEvent.Snapshot snap && first.compareAndSet(null, snap)) {
        got.countDown();
      }
    })) {
      if (!got.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("no snapshot within a minute");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return first.get();
  }

  /** An in-process subscription that never drops: what the runtime emitted, in order. */
  static final class Reference implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Picture picture = new Picture();
    private final EventSubscription subscription;
    private long lastMarker;

    Reference(Service root) {
      subscription = ServiceEvents.subscribe(root, 1 << 22, this::take);
    }

    private void take(ServiceEvent event) {
      lock.lock();
      try {
        picture.apply(event);
        if (event instanceof ServiceEvent.Log log && log.logger().equals(MARKER_LOGGER)) {
          lastMarker = Long.parseLong(log.message());
        }
        arrived.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** Waits (a minute at most) for marker {@code k}; returns the events received up to it. */
    long awaitMarker(long k) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      lock.lock();
      try {
        while (lastMarker < k) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("marker " + k + " did not reach the reference subscription in a minute");
          }
          arrived.awaitNanos(left);
        }
        if (subscription.dropped() != 0 || !picture.violations().isEmpty()) {
          throw new AssertionError("the reference subscription dropped " + subscription.dropped()
              + " events; broken promises: " + picture.violations());
        }
        return picture.deltas();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      subscription.close();
    }
  }
}
