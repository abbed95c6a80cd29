package mode.inspect;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import mode.chaos.ChaosObserver;
import mode.chaos.ChaosWorkerSide;
import mode.chaos.Picture;

/**
 * Drives a chaos run: rounds of random operations on the worker side while clients attach, read,
 * stall, leave and come back (over the Unix socket and TCP, some with small receive buffers), each
 * round ending at a quiescent point where every client is checked. At a quiescent point the worker
 * is at rest, puts a marker into the stream, and each client answers a ping: its picture must
 * equal the worker's snapshot, it must have broken no promise, and what it read since the last
 * quiescent point plus what its gaps counted must equal what the runtime emitted meanwhile. If
 * anything changed after the marker (a supervisor's late restart), the point was not quiescent and
 * is tried again.
 *
 * <p>With {@code strict}, the first mismatch throws {@link AssertionError}; otherwise mismatches
 * are counted (for the soak benchmark). Not thread-safe: one driver thread.
 */
public final class ChaosRun implements AutoCloseable {

  private final Random random;
  private final ChaosWorkerSide worker;
  private final boolean strict;
  private final int maxClients;
  private final List<ChaosClient> clients = new ArrayList<>();
  private final List<ChaosObserver> observers = new ArrayList<>();
  /** Per client: {its count, the reference's count} at the last quiescent point it passed. */
  private final Map<ChaosClient, long[]> counted = new HashMap<>();
  private final List<String> mismatches = new ArrayList<>();
  private long barriers;
  private long checks;
  private long gaps;
  private long snapshots;
  private long resyncs;
  private long referenceCount;
  private int names;

  /** A run against {@code worker}, its choices drawn from {@code random}. */
  public ChaosRun(Random random, ChaosWorkerSide worker, boolean strict, int maxClients) {
    this.random = random;
    this.worker = worker;
    this.strict = strict;
    this.maxClients = maxClients;
  }

  /** Attaches {@code n} clients of random kinds. */
  public ChaosRun connect(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      connect();
    }
    return this;
  }

  /** Adds a client that is checked like the others but driven by its own code. */
  public ChaosRun observe(Function<Descriptor, ChaosObserver> attach) {
    observers.add(attach.apply(worker.descriptor()));
    return this;
  }

  private ChaosClient connect() throws IOException {
    boolean tcp = random.nextInt(4) == 0;
    int buffer = random.nextBoolean() ? 4096 : 0;
    ChaosClient c = ChaosClient.connect("c" + (++names) + (tcp ? "-tcp" : ""), worker.descriptor(), tcp, buffer);
    clients.add(c);
    return c;
  }

  /** One round: {@code ops} operations with client moves among them, then a quiescent point. */
  public void round(int ops) throws Exception {
    int done = 0;
    while (done < ops) {
      int chunk = Math.min(ops - done, 1 + random.nextInt(5));
      worker.churn(chunk);
      done += chunk;
      moveClients();
    }
    for (ChaosClient c : clients) {
      c.resume();
    }
    worker.rest();
    quiescentPoint();
  }

  private void moveClients() throws IOException {
    int what = random.nextInt(8);
    if (what == 0 && !clients.isEmpty()) {
      clients.get(random.nextInt(clients.size())).stall();
    } else if (what == 1 && !clients.isEmpty()) {
      clients.get(random.nextInt(clients.size())).resume();
    } else if (what == 2 && clients.size() > 1) {
      ChaosClient leaving = clients.remove(random.nextInt(clients.size()));
      counted.remove(leaving);
      collect(leaving);
      leaving.violations().forEach(this::mismatch);
      leaving.close();
    } else if (what == 3 && clients.size() < maxClients) {
      connect();
    }
  }

  private void collect(ChaosClient c) {
    long[] r = c.resyncs();
    gaps += r[0];
    snapshots += r[1];
    resyncs += Math.max(0, r[1] - 1); // a client that left before its first snapshot has none
  }

  private void quiescentPoint() throws Exception {
    for (int attempt = 1; ; attempt++) {
      long k = ++barriers;
      long reference = worker.mark(k);
      Map<ChaosClient, Long> counts = new HashMap<>();
      for (ChaosClient c : clients) {
        counts.put(c, c.barrier(60));
      }
      Map<ChaosObserver, Map<Long, Picture.Node>> seen = new HashMap<>();
      for (ChaosObserver o : observers) {
        seen.put(o, o.settle());
      }
      Map<Long, Picture.Node> truth = worker.truth();
      if (worker.changedSinceMark()) {
        if (attempt >= 50) {
          throw new AssertionError("no quiescent point in 50 attempts");
        }
        worker.rest();
        continue;
      }
      referenceCount = reference;
      for (ChaosClient c : clients) {
        c.violations().forEach(this::mismatch);
        check(c.name(), c.nodes(), truth, k);
        long[] before = counted.get(c);
        if (before != null && counts.get(c) - before[0] != reference - before[1]) {
          mismatch(c.name() + ": read " + (counts.get(c) - before[0]) + " events (gaps included) since the last"
              + " quiescent point, the runtime emitted " + (reference - before[1]));
        }
        counted.put(c, new long[] {counts.get(c), reference});
      }
      for (ChaosObserver o : observers) {
        o.violations().forEach(this::mismatch);
        check(o.name(), seen.get(o), truth, k);
      }
      return;
    }
  }

  private void check(String who, Map<Long, Picture.Node> picture, Map<Long, Picture.Node> truth, long k) {
    checks++;
    if (!picture.equals(truth)) {
      mismatch(who + "'s picture at quiescent point " + k + " differs from the worker's: " + difference(picture, truth));
    }
  }

  private static String difference(Map<Long, Picture.Node> picture, Map<Long, Picture.Node> truth) {
    List<String> lines = new ArrayList<>();
    for (var e : truth.entrySet()) {
      Picture.Node mine = picture.get(e.getKey());
      if (!e.getValue().equals(mine)) {
        lines.add("worker " + e.getValue() + " / client " + mine);
      }
    }
    for (var e : picture.entrySet()) {
      if (!truth.containsKey(e.getKey())) {
        lines.add("client only " + e.getValue());
      }
    }
    return lines.size() > 5 ? lines.subList(0, 5) + " and " + (lines.size() - 5) + " more" : lines.toString();
  }

  private void mismatch(String what) {
    if (strict) {
      throw new AssertionError(what);
    }
    if (mismatches.size() < 100) {
      mismatches.add(what);
    }
  }

  /** Quiescent points passed. */
  public long quiescentPoints() {
    return barriers;
  }

  /** Pictures compared with the worker's. */
  public long checks() {
    return checks;
  }

  /** Gaps read by clients that left, and (after {@link #close}) by all. */
  public long gaps() {
    return gaps;
  }

  /** Snapshots read (first ones included), as {@link #gaps()}. */
  public long snapshots() {
    return snapshots;
  }

  /** Snapshots read after each client's first, as {@link #gaps()}. */
  public long resyncs() {
    return resyncs;
  }

  /** Events the runtime emitted up to the last quiescent point. */
  public long events() {
    return referenceCount;
  }

  /** Clients attached so far. */
  public int clientsAttached() {
    return names;
  }

  /** What did not hold (not strict), the first 100. */
  public List<String> mismatches() {
    return List.copyOf(mismatches);
  }

  /** Prints one line of figures. */
  public void report(PrintStream out, String prefix) throws Exception {
    out.printf("%s%d clients attached, %d quiescent points, %d pictures checked, %d gaps, %d snapshots,"
            + " %d events, %d operations refused, mismatches: %d%n",
        prefix, names, barriers, checks, gaps, snapshots, referenceCount, worker.refused(), mismatches.size());
  }

  @Override
  public void close() throws Exception {
    for (ChaosClient c : clients) {
      collect(c);
      c.close();
    }
    clients.clear();
    for (ChaosObserver o : observers) {
      o.close();
    }
    observers.clear();
  }
}
