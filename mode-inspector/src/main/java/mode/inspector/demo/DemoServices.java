package mode.inspector.demo;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import mode.Service;
import mode.Service.Task;

/**
 * The services of the demo worker: a small web shop in four levels. Each class is a realistic
 * shape of service (a named leaf, a timer-driven consumer, a crontab job, a slow starter, a
 * service that blocks now and then, one that crashes every few seconds).
 *
 * <p>Threading: as any {@link Service}; nothing here is shared between services.
 */
final class DemoServices {
  private DemoServices() {}

  /** A service with a fixed label and nothing to do but exist, like a connection pool. */
  static class Named extends Service {
    private final String label;

    Named(String label, Service... dependencies) {
      this.label = label;
      for (Service dependency : dependencies) {
        addDependency(dependency);
      }
    }

    @Override
    public String label() {
      return label;
    }
  }

  /** A cache shard that evicts old entries every two seconds. */
  static final class Shard extends Named {
    private final AtomicLong entries = new AtomicLong();

    Shard(int number) {
      super("Shard-" + number);
    }

    @Timer(2.0)
    void evict() {
      entries.updateAndGet(n -> Math.max(0, n + ThreadLocalRandom.current().nextInt(-50, 80)));
    }
  }

  /** A consumer polling its queue twice a second. */
  static final class Consumer extends Named {
    private final AtomicLong consumed = new AtomicLong();

    Consumer(String label) {
      super(label);
    }

    @Timer(0.5)
    void poll() {
      consumed.addAndGet(ThreadLocalRandom.current().nextInt(0, 20));
    }
  }

  /** A job of the scheduler, run by a crontab every minute. */
  static final class Job extends Named {
    private final AtomicLong runs = new AtomicLong();

    Job(String label) {
      super(label);
    }

    @Crontab("* * * * *")
    void run() {
      runs.incrementAndGet();
    }
  }

  /** A service whose start takes seconds, as one that loads a model or warms a cache would. */
  static final class SlowStarter extends Named {
    private final Duration startTime;

    SlowStarter(Duration startTime) {
      super("SlowStarter");
      this.startTime = startTime;
    }

    @Override
    protected void onStart() throws Exception {
      Thread.sleep(startTime.toMillis());
    }
  }

  /** A service whose timer blocks now and then, longer than the worker's blocking timeout. */
  static final class Blocker extends Named {
    private final Duration block;
    private final AtomicLong ticks = new AtomicLong();

    Blocker(Duration block) {
      super("Blocker");
      this.block = block;
    }

    @Timer(3.0)
    void work() throws InterruptedException {
      // Every fourth tick does a blocking call that should have been asynchronous.
      if (ticks.incrementAndGet() % 4 == 0) {
        Thread.sleep(block.toMillis());
      }
    }
  }

  /** A service that crashes at every tick of its timer; its supervisor restarts it. */
  static final class Flaky extends Named {
    private static final AtomicLong FAILURES = new AtomicLong();

    Flaky() {
      super("Flaky");
    }

    @Timer(10.0)
    void tick() {
      throw new IllegalStateException("upstream returned HTTP 503 (failure #" + FAILURES.incrementAndGet() + ")");
    }
  }

  /**
   * A service that, some time after it started, brings in a search index whose start never
   * finishes (it waits for a cluster that does not answer): a start stuck in STARTING.
   */
  static final class Indexer extends Named {
    private final Duration after;

    Indexer(Duration after) {
      super("Indexer");
      this.after = after;
    }

    @Task
    void attachIndexLate() {
      sleep(after);
      if (!shouldStop()) {
        addRuntimeDependency(new Named("SearchIndex") {
          @Override
          protected void onStart() {
            while (!shouldStop()) {
              sleep(Duration.ofSeconds(1));
            }
          }
        });
      }
    }
  }
}
