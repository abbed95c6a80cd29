package mode.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import mode.Service;
import mode.ServiceException;
import mode.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transitions' way into a recording ({@link TransitionLog}): every move made before a recording
 * stops is in it, once, in the order it was made, with the thread that made it, whatever the
 * threads and however many moves. Real recordings, read back with {@link RecordingFile}; the
 * random workloads print their seeds ({@code -Dchaos.seed=N} replays one, {@code -Dchaos.runs=N}
 * runs more).
 */
class TransitionLogTest {
  @TempDir Path dir;

  private static Recording transitionsOnly() {
    Recording r = new Recording();
    r.enable("mode.ServiceTransition");
    return r;
  }

  /** Stops {@code r} at once (no wait for the writer) and reads its transitions of {@code ids}. */
  private List<RecordedEvent> stopAndRead(Recording r, Set<Long> ids) throws Exception {
    r.stop();
    return dumpAndRead(r, ids);
  }

  /** Dumps {@code r} (no wait for the writer) and reads its transitions of {@code ids}, in sequence order. */
  private List<RecordedEvent> dumpAndRead(Recording r, Set<Long> ids) throws Exception {
    Path file = dir.resolve("run-" + System.nanoTime() + ".jfr");
    r.dump(file);
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals("mode.ServiceTransition"))
        .filter(e -> ids.contains(e.getLong("serviceId")))
        .sorted(Comparator.comparingLong(e -> e.getLong("sequence")))
        .toList();
  }

  /** A tree of {@code n} services under a root, {@code fanout} children each, breadth first. */
  private static List<Service> tree(String prefix, int n, int fanout) {
    List<Service> all = new ArrayList<>();
    all.add(new ModeFlightRecorderTest.Leaf(prefix + "0"));
    for (int i = 1; i < n; i++) {
      all.add(all.get((i - 1) / fanout).addDependency(new ModeFlightRecorderTest.Leaf(prefix + i)));
    }
    return all;
  }

  private static Set<Long> ids(List<Service> services) {
    return services.stream().map(Service::id).collect(Collectors.toSet());
  }

  /**
   * Each service's recorded moves, in sequence order, form its history: from INIT, each move
   * leaving the state the one before entered, the restart count stepping up at each move to INIT,
   * ending where the service is. A move lost, doubled or out of order breaks it.
   */
  private static void assertHistories(List<Service> services, List<RecordedEvent> moves, String seed) {
    assertThat(moves.stream().map(e -> e.getLong("sequence")).distinct().count())
        .as("distinct sequence numbers %s", seed).isEqualTo(moves.size());
    Map<Long, List<RecordedEvent>> byService = new HashMap<>();
    for (RecordedEvent e : moves) {
      byService.computeIfAbsent(e.getLong("serviceId"), id -> new ArrayList<>()).add(e);
    }
    for (Service s : services) {
      List<RecordedEvent> own = byService.getOrDefault(s.id(), List.of());
      String was = State.INIT.name();
      int restarts = 0;
      for (RecordedEvent e : own) {
        assertThat(e.getString("from")).as("%s: %s moves on from where it was %s", seed, s.label(), own)
            .isEqualTo(was);
        was = e.getString("to");
        if (was.equals(State.INIT.name())) {
          restarts++;
        }
        assertThat(e.getInt("restartCount")).as("%s: %s restarts", seed, s.label()).isEqualTo(restarts);
        assertThat(e.getString("label")).isEqualTo(s.label());
        assertThat(e.getThread("movedBy")).isNotNull();
      }
      assertThat(was).as("%s: %s ends where it is", seed, s.label()).isEqualTo(s.state().name());
      assertThat(restarts).as("%s: %s restart count", seed, s.label()).isEqualTo(s.restartCount());
    }
  }

  @Test
  void everyMoveMadeBeforeARecordingStopsIsInItInOrderWithTheThreadThatMadeIt() throws Exception {
    List<Service> services = tree("S", 300, 4);
    Service root = services.getFirst();
    Recording r = transitionsOnly();
    r.start();
    root.start();
    root.stop();
    List<RecordedEvent> moves = stopAndRead(r, ids(services)); // no wait: the chunk's end commits them
    r.close();

    assertThat(moves).hasSize(300 * 4);
    assertHistories(services, moves, "");
    assertThat(moves).allSatisfy(e -> assertThat(e.getThread("movedBy").getJavaName())
        .isEqualTo(Thread.currentThread().getName()));
    // The root's start encloses its dependencies': it moves first and is RUNNING last.
    assertThat(moves.getFirst().getLong("serviceId")).isEqualTo(root.id());
    assertThat(moves.get(300 * 2 - 1).getLong("serviceId")).isEqualTo(root.id());
    assertThat(moves.get(300 * 2 - 1).getString("to")).isEqualTo("RUNNING");
  }

  @Test
  void aDumpOfARunningRecordingHoldsEveryMoveMadeBeforeIt() throws Exception {
    List<Service> services = tree("D", 50, 3);
    try (Recording r = transitionsOnly()) {
      r.start();
      services.getFirst().start();
      List<RecordedEvent> moves = dumpAndRead(r, ids(services)); // the recording still runs
      assertThat(moves).hasSize(50 * 2);
      services.getFirst().stop();
      r.stop();
    }
  }

  @Test
  void moreMovesThanTheLogHoldsAreAllRecorded() throws Exception {
    // 1,000 services restarted 60 times: 300,000 moves, more than the log's segments hold. This
    // thread holds the drain lock, so the writer cannot take any: the mover commits them itself
    // whenever the log is full, and the log never holds more than its bound.
    List<Service> services = tree("B", 1_000, 10);
    Service root = services.getFirst();
    Recording r = transitionsOnly();
    r.start();
    int most = 0;
    TransitionLog.drainLock().lock();
    try {
      root.start();
      for (int i = 0; i < 60; i++) {
        root.restart();
        most = Math.max(most, TransitionLog.pendingSegments());
      }
      root.stop();
    } finally {
      TransitionLog.drainLock().unlock();
    }
    assertThat(most).isPositive().isLessThanOrEqualTo(TransitionLog.MAX_PENDING);
    List<RecordedEvent> moves = stopAndRead(r, ids(services));
    r.close();

    assertThat(1_000 * (2 + 60 * 5 + 2)).isGreaterThan(TransitionLog.SEGMENT * TransitionLog.MAX_PENDING);
    assertThat(moves).hasSize(1_000 * (2 + 60 * 5 + 2));
    assertHistories(services, moves, "");
  }

  @Test
  void threadsMovingTheirOwnTreesAtRandomLoseNoMove() throws Exception {
    long first = Long.getLong("chaos.seed", new Random().nextLong());
    int runs = Integer.getInteger("chaos.runs", 3);
    for (int run = 0; run < runs; run++) {
      long seed = first + run;
      System.out.println("TransitionLogTest seed " + seed + " (-Dchaos.seed=" + seed + " replays it)");
      randomRun(seed);
    }
  }

  private void randomRun(long seed) throws Exception {
    Random random = new Random(seed);
    int threads = 2 + random.nextInt(3);
    List<List<Service>> trees = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      trees.add(tree("T" + t + "-", 5 + random.nextInt(60), 1 + random.nextInt(4)));
    }
    long[] seeds = random.longs(threads).toArray();
    Recording r = transitionsOnly();
    r.start();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<Service> own = trees.get(t);
        long s = seeds[t];
        done.add(pool.submit(() -> {
          churn(own, new Random(s));
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Service> all = trees.stream().flatMap(List::stream).toList();
    List<RecordedEvent> moves = stopAndRead(r, ids(all));
    r.close();
    assertThat(moves).as("seed %d", seed).isNotEmpty();
    assertHistories(all, moves, "seed " + seed);
  }

  /** Random starts, stops, restarts and crashes of a tree's services, then a stop of its root. */
  private static void churn(List<Service> own, Random random) {
    Service root = own.getFirst();
    root.start();
    int steps = 50 + random.nextInt(200);
    for (int i = 0; i < steps; i++) {
      Service s = own.get(random.nextInt(own.size()));
      try {
        switch (random.nextInt(8)) {
          case 0, 1, 2 -> s.start();
          case 3, 4 -> s.stop();
          case 5, 6 -> s.restart();
          default -> s.crash(new IllegalStateException("chaos " + i));
        }
      } catch (ServiceException refused) {
        // Not legal from where it is (a start of a running service): the move is not made.
      }
    }
    root.stop();
  }
}
