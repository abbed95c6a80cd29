package mode.bench;

import java.io.PrintStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import mode.Service;
import mode.events.ServiceEvent;
import mode.inspect.InspectAgent;
import mode.inspect.InspectClient;
import mode.inspect.InspectMessage;
import mode.inspect.InspectOptions;
import mode.internal.EventHub;

/**
 * The cost of the inspect agent, over a real Unix domain socket with the real agent and client.
 *
 * <p>Overhead: the tree scenario of {@link TreeBench} (start and stop of N services) with an
 * agent serving the tree and (a) no client, (b) one {@link InspectClient} that reads and decodes
 * everything, (c) one client that read its snapshot and then never reads again (stalled).
 * Each round runs the three cases once, in a rotating order. Prints {@code client N start_ms
 * stop_ms start_overhead_pct stop_overhead_pct}: the times are medians over the rounds, the
 * overheads the medians of each round's ratio to (a).
 *
 * <p>Throughput: with a queue large enough to drop nothing, the tree is restarted a few times and
 * one decoding client counts the {@code transition} events; prints {@code throughput events
 * seconds events_per_s} from the first restart to the last event read.
 *
 * <p>The warm-up is long (50 rounds of the three cases) because the agent's and the client's code
 * runs on other threads after each scenario, and while the JIT still compiles it, its compiler
 * threads take the second CPU during the next scenarios: with 10 rounds the clients' overhead at
 * start read 7–13 %, with 40 rounds 6–7 %, with 100 rounds 5 %.
 *
 * <p>Run: {@code bin/bench agent [--size 10000] [--repeat 101] [--warmup 50] [--restarts 5]
 * [--queue CAPACITY] [--throughput false]}.
 */
public final class AgentBench {
  private AgentBench() {}

  enum Client { NONE, CONSUMING, STALLED }

  /**
   * How long each case rests before its collection and run: the tail of connecting (the agent's
   * writer returning from the snapshot's last write, the client's reader from decoding it) would
   * otherwise run on the second CPU during the scenario (the consuming client's overhead at start
   * read 2–5 points higher without it). The same for all three cases, the one without a client too.
   */
  private static final Duration SETTLE = Duration.ofMillis(20);

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    run(args, System.out);
  }

  /** Runs the benchmark, printing to {@code out}. */
  static void run(String[] args, PrintStream out) throws Exception {
    BenchSupport.quietLogging();
    Map<String, String> o = BenchSupport.options(args,
        Map.of("size", "10000", "repeat", "101", "warmup", "50", "restarts", "5", "queue", "0", "throughput", "true"));
    int n = Integer.parseInt(o.get("size"));
    int repeat = Integer.parseInt(o.get("repeat"));
    int warmup = Integer.parseInt(o.get("warmup"));
    Path dir = Files.createTempDirectory("mode-bench-inspect");
    try {
      InspectOptions options = InspectOptions.defaults("AgentBench").withDirectory(dir.resolve("inspect"));
      int queue = Integer.parseInt(o.get("queue"));
      if (queue > 0) {
        options = options.withQueueCapacity(queue);
      }
      overhead(out, options, n, repeat, warmup);
      if (Boolean.parseBoolean(o.get("throughput"))) {
        throughput(out, options.withQueueCapacity(4_000_000), n, Integer.parseInt(o.get("restarts")));
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void overhead(PrintStream out, InspectOptions options, int n, int repeat, int warmup) throws Exception {
    for (int i = 0; i < warmup; i++) {
      for (Client c : Client.values()) {
        run(options, n, c);
      }
    }
    out.printf("# client N start_ms stop_ms start_overhead_pct stop_overhead_pct"
        + "   (medians of %d rounds after %d warm-up rounds; queue %d; java %s)%n",
        repeat, warmup, options.queueCapacity(), Runtime.version());
    Client[] clients = Client.values();
    double[][][] runs = new double[clients.length][4][repeat];
    for (int r = 0; r < repeat; r++) {
      // Each round runs every case once, in an order that rotates from round to round, so that
      // neither a drift of the machine nor what ran just before favours one case.
      for (int i = 0; i < clients.length; i++) {
        Client c = clients[(r + i) % clients.length];
        long[] t = run(options, n, c);
        for (int k = 0; k < 4; k++) {
          runs[c.ordinal()][k][r] = BenchSupport.millis(t[k]);
        }
      }
    }
    for (Client c : clients) {
      out.printf(Locale.ROOT, "%s %d %.2f %.2f %+.1f %+.1f%n", c.name().toLowerCase(Locale.ROOT), n,
          BenchSupport.median(runs[c.ordinal()][0]), BenchSupport.median(runs[c.ordinal()][1]),
          overheadPercent(runs[c.ordinal()][0], runs[0][0]), overheadPercent(runs[c.ordinal()][1], runs[0][1]));
    }
    // The calling thread's own CPU time: the runtime's extra work, without the CPU the agent's
    // and the client's threads take from it on a small machine.
    for (Client c : Client.values()) {
      out.printf(Locale.ROOT, "#   %s cpu_start_ms %.2f cpu_stop_ms %.2f%n", c.name().toLowerCase(Locale.ROOT),
          BenchSupport.median(runs[c.ordinal()][2]), BenchSupport.median(runs[c.ordinal()][3]));
    }
  }

  /**
   * The median, over the rounds, of how much slower {@code times} was than {@code base} in the same
   * round, in percent: pairing the runs of a round cancels what changes between rounds.
   */
  private static double overheadPercent(double[] times, double[] base) {
    double[] ratios = new double[times.length];
    for (int r = 0; r < times.length; r++) {
      ratios[r] = times[r] / base[r];
    }
    return 100 * (BenchSupport.median(ratios) - 1);
  }

  /** One run of the tree scenario with an agent and the given client; {start, stop} nanos. */
  private static long[] run(InspectOptions options, int n, Client client) throws Exception {
    TreeBench.Tree tree = TreeBench.build(n, TreeBench.fanout(n));
    try (InspectAgent agent = InspectAgent.start(tree.root(), options)) {
      InspectClient reader = null;
      SocketChannel stalled = null;
      try {
        switch (client) {
          case NONE -> {}
          case CONSUMING -> reader = connectAndAwaitSnapshot(agent, new AtomicLong());
          case STALLED -> stalled = connectStalled(agent);
        }
        // Every case starts at rest and from a collected heap: what connecting leaves to finish, and
        // the garbage of a fresh client's snapshot, belong to connecting, not to the scenario (a
        // real client connects once).
        Thread.sleep(SETTLE);
        System.gc();
        return TreeBench.run(tree);
      } finally {
        if (reader != null) {
          reader.close();
        }
        if (stalled != null) {
          stalled.close();
        }
      }
    } finally {
      awaitNoSubscriber();
    }
  }

  /**
   * Waits until the closed clients' subscriptions are gone, so the next run starts unobserved and
   * no dispatch or writer thread of this run still competes for the CPU.
   */
  private static void awaitNoSubscriber() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (observed() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    TreeBench.check(!observed(), "the agent's subscriptions outlived their clients");
  }

  /** Whether any event subscription exists (an agent's client session has subscribed). */
  private static boolean observed() {
    EventHub.lock();
    try {
      return EventHub.observedLocked();
    } finally {
      EventHub.unlock();
    }
  }

  /** A client that decodes every line and counts transitions; returns once the snapshot came. */
  private static InspectClient connectAndAwaitSnapshot(InspectAgent agent, AtomicLong transitions)
      throws IOException, InterruptedException {
    CountDownLatch snapshot = new CountDownLatch(1);
    InspectClient client = InspectClient.connect(agent.descriptor().unixTarget());
    client.onMessage(frame -> {
      if (frame.message() instanceof InspectMessage.Event e) {
        if (e.event() instanceof ServiceEvent.Transition) {
          transitions.incrementAndGet();
        } else if (e.event() instanceof ServiceEvent.Snapshot) {
          snapshot.countDown();
        }
      }
    });
    client.startAsync();
    TreeBench.check(snapshot.await(30, TimeUnit.SECONDS), "no snapshot from the agent");
    return client;
  }

  /**
   * Connects, reads the hello and the snapshot lines, then never reads again: a client that froze
   * after attaching. Returns once the snapshot has arrived, so that the agent's one-time work for
   * the connection (building and encoding the snapshot) is over before the scenario is timed, as
   * it is for the consuming client; everything the scenario sends then meets a full socket.
   */
  private static SocketChannel connectStalled(InspectAgent agent) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(Path.of(agent.descriptor().socket())));
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    int lines = 0;
    while (lines < 2) {
      buffer.clear();
      TreeBench.check(channel.read(buffer) >= 0, "the agent closed the stalled client's connection");
      for (int i = 0; i < buffer.position(); i++) {
        if (buffer.get(i) == '\n') {
          lines++;
        }
      }
    }
    TreeBench.check(lines == 2, "more than the hello and the snapshot arrived before the scenario");
    return channel;
  }

  private static void throughput(PrintStream out, InspectOptions options, int n, int restarts) throws Exception {
    TreeBench.Tree tree = TreeBench.build(n, TreeBench.fanout(n));
    tree.root().start();
    try (InspectAgent agent = InspectAgent.start(tree.root(), options)) {
      AtomicLong transitions = new AtomicLong();
      InspectClient client = connectAndAwaitSnapshot(agent, transitions);
      try {
        // Per restart, every service goes RUNNING>STOPPING>SHUTDOWN>INIT>STARTING>RUNNING.
        long expected = 5L * n * restarts;
        long t0 = System.nanoTime();
        for (int i = 0; i < restarts; i++) {
          tree.root().restart();
        }
        long produced = System.nanoTime();
        long deadline = produced + TimeUnit.SECONDS.toNanos(120);
        while (transitions.get() < expected && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        long t1 = System.nanoTime();
        TreeBench.check(transitions.get() == expected,
            "client read " + transitions.get() + " transitions of " + expected);
        double seconds = (t1 - t0) / 1e9;
        out.printf(Locale.ROOT, "# throughput: %d restarts of %d services produced in %.1f ms; one"
            + " decoding client over the Unix socket (java %s)%n", restarts, n, (produced - t0) / 1e6, Runtime.version());
        out.printf(Locale.ROOT, "throughput %d %.3f %.0f%n", expected, seconds, expected / seconds);
      } finally {
        client.close();
        tree.root().stop();
      }
    }
  }
}
