package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import mode.Service;
import mode.State;
import mode.chaos.ChaosTree;
import mode.chaos.Picture;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import mode.internal.EventHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream's promises under chaos, on seeded random workloads: a random tree churns (starts,
 * stops, restarts, crashes in hooks, runtime dependencies added and removed, timers, supervisors)
 * while clients attach, read, stall, leave and come back, over the Unix socket and over TCP, with
 * a per-client queue as small as one event. At every quiescent point each connected client's
 * picture, built only from what it read, equals the worker's own snapshot; every gap was followed
 * at once by a snapshot; between two quiescent points, what a client read plus what its gaps said
 * it missed is exactly what the runtime emitted; and the runtime never waited for a client (the
 * churn would not end). Each run prints its seed; {@code -Dchaos.seed=N} replays one (the runtime's
 * threads still interleave as they will), {@code -Dchaos.runs=N} sets how many.
 */
class StreamChaosTest {

  private static final int[] CAPACITIES = {1, 1, 2, 3, 8, 64, 4096};

  @TempDir Path dir;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void everyClientsPictureEqualsTheWorkersAtEveryQuiescentPoint() throws Exception {
    Long fixed = Long.getLong("chaos.seed");
    long base = fixed != null ? fixed : new Random().nextLong();
    int runs = fixed != null ? 1 : Integer.getInteger("chaos.runs", 6);
    for (int i = 0; i < runs; i++) {
      long seed = base + i;
      System.out.println("StreamChaosTest: seed " + seed + " (replay with -Dchaos.seed=" + seed + ")");
      try {
        new Run(seed, dir.resolve("run" + i)).execute(8, 60);
      } catch (AssertionError | Exception e) {
        throw new AssertionError("StreamChaosTest failed with seed " + seed + ": " + e.getMessage(), e);
      }
    }
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

    /** Waits for marker {@code k}; returns the events received up to it. */
    long awaitMarker(long k) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      lock.lock();
      try {
        while (lastMarker < k) {
          long left = deadline - System.nanoTime();
          assertThat(left).as("nanoseconds left for marker " + k + " to arrive").isPositive();
          arrived.awaitNanos(left);
        }
        return picture.deltas();
      } finally {
        lock.unlock();
      }
    }

    long deltas() {
      lock.lock();
      try {
        return picture.deltas();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      subscription.close();
      assertThat(subscription.dropped()).as("events the reference dropped").isZero();
    }
  }

  static final String MARKER_LOGGER = "mode.chaos.Barrier";

  /** One seeded run: a tree, an agent, clients, rounds of churn, a check at each quiescent point. */
  static final class Run {
    final long seed;
    final Random random;
    final Path folder;
    final ChaosTree tree;
    final List<ChaosClient> clients = new ArrayList<>();
    /** Per client: {its count, the reference's count} at the last clean barrier it passed. */
    final Map<ChaosClient, long[]> counted = new HashMap<>();
    InspectAgent agent;
    Reference reference;
    long barriers;
    int names;
    long gaps;
    long checks;

    Run(long seed, Path folder) {
      this.seed = seed;
      this.random = new Random(seed);
      this.folder = folder;
      this.tree = new ChaosTree(random, 6 + random.nextInt(30));
    }

    void execute(int rounds, int opsPerRound) throws Exception {
      tree.root().start();
      int capacity = CAPACITIES[random.nextInt(CAPACITIES.length)];
      agent = InspectAgent.start(tree.root(), InspectOptions.defaults("Chaos").withDirectory(folder)
          .withQueueCapacity(capacity)
          .withTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false));
      reference = new Reference(tree.root());
      try {
        for (int i = 0; i < 4; i++) {
          connect();
        }
        for (int round = 0; round < rounds; round++) {
          churn(opsPerRound);
          quiescentPoint();
        }
        for (ChaosClient c : clients) {
          gaps += c.resyncs()[0];
        }
        System.out.printf("StreamChaosTest: seed %d: queue capacity %d, %d clients, %d quiescent points,"
            + " %d pictures checked, %d gaps, %d operations refused%n",
            seed, capacity, names, barriers, checks, gaps, tree.refused());
      } finally {
        for (ChaosClient c : clients) {
          c.close();
        }
        reference.close();
        agent.close();
        tree.root().stop();
      }
    }

    ChaosClient connect() throws IOException {
      boolean tcp = random.nextInt(4) == 0;
      int buffer = random.nextBoolean() ? 4096 : 0;
      ChaosClient c = ChaosClient.connect("c" + (++names) + (tcp ? "-tcp" : ""), agent.descriptor(), tcp, buffer);
      clients.add(c);
      return c;
    }

    /** Random operations, with clients stalling, resuming, leaving and coming among them. */
    void churn(int ops) throws IOException {
      for (int op = 0; op < ops; op++) {
        tree.step();
        int what = random.nextInt(20);
        if (what == 0 && !clients.isEmpty()) {
          clients.get(random.nextInt(clients.size())).stall();
        } else if (what == 1 && !clients.isEmpty()) {
          clients.get(random.nextInt(clients.size())).resume();
        } else if (what == 2 && clients.size() > 1) {
          ChaosClient leaving = clients.remove(random.nextInt(clients.size()));
          counted.remove(leaving);
          assertThat(leaving.violations()).isEmpty();
          gaps += leaving.resyncs()[0];
          leaving.close();
        } else if (what == 3 && clients.size() < 8) {
          connect();
        }
      }
      for (ChaosClient c : clients) {
        c.resume();
      }
      tree.stopTimers();
    }

    /**
     * Waits until the runtime is at rest, puts a marker into the stream, and checks every client
     * once its ping is answered. If anything changed after the marker (a supervisor's late
     * restart), the point was not quiescent: it tries again.
     */
    void quiescentPoint() throws Exception {
      for (int attempt = 1; ; attempt++) {
        awaitRest();
        long k = ++barriers;
        EventHub.publish(null, new ServiceEvent.Log(Instant.now(), null, "INFO", MARKER_LOGGER, Long.toString(k)));
        long markedAt = EventHub.lastChangeNanos();
        long referenceCount = reference.awaitMarker(k);
        Map<ChaosClient, Long> counts = new HashMap<>();
        for (ChaosClient c : clients) {
          counts.put(c, c.barrier(60));
        }
        ServiceEvent.Snapshot worker = snapshot(tree.root());
        if (EventHub.lastChangeNanos() != markedAt) {
          assertThat(attempt).as("attempts to find a quiescent point").isLessThan(50);
          continue;
        }
        Map<Long, Picture.Node> truth = Picture.of(worker);
        assertThat(reference.deltas()).isEqualTo(referenceCount);
        for (ChaosClient c : clients) {
          assertThat(c.violations()).as("broken promises").isEmpty();
          assertThat(c.nodes()).as(c.name() + "'s picture at quiescent point " + k).isEqualTo(truth);
          long[] before = counted.get(c);
          if (before != null) {
            assertThat(counts.get(c) - before[0])
                .as(c.name() + ": events read plus events its gaps counted, since the last quiescent point")
                .isEqualTo(referenceCount - before[1]);
          }
          counted.put(c, new long[] {counts.get(c), referenceCount});
          checks++;
        }
        return;
      }
    }

    /** Waits until no service is starting or stopping and nothing changed between two looks. */
    void awaitRest() {
      long[] last = {Long.MIN_VALUE};
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
        long now = EventHub.lastChangeNanos();
        boolean still = now == last[0];
        last[0] = now;
        return still && snapshot(tree.root()).services().stream()
            .noneMatch(s -> s.state() == State.STARTING || s.state() == State.STOPPING);
      });
    }
  }

  /** The worker's own picture: the first event of a fresh subscription. */
  static ServiceEvent.Snapshot snapshot(Service root) throws InterruptedException {
    AtomicReference<ServiceEvent.Snapshot> first = new AtomicReference<>();
    java.util.concurrent.CountDownLatch got = new java.util.concurrent.CountDownLatch(1);
    try (EventSubscription s = ServiceEvents.subscribe(root, 1, e -> {
      if (e instanceof ServiceEvent.Snapshot snap && first.compareAndSet(null, snap)) {
        got.countDown();
      }
    })) {
      assertThat(got.await(60, TimeUnit.SECONDS)).as("a snapshot within a minute").isTrue();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return first.get();
  }
}
