package mode.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mode.Service;
import mode.State;
import mode.supervisors.OneForOneSupervisor;

/**
 * A random service tree and random operations on it, for the chaos test and the soak benchmark:
 * start, stop, restart, crash (directly and in a hook), runtime dependencies added and removed,
 * timers firing and supervisors restarting what crashes. Every choice comes from one seeded
 * {@link Random}, so a seed names a workload (the threads of the runtime still interleave as they
 * will). Operations that the runtime refuses in the state they meet (a start of a crashed service,
 * say) count as refused; none may hang.
 */
public final class ChaosTree {

  /** A plain service. */
  public static final class Plain extends Service {
    private final String name;

    Plain(String name) {
      this.name = name;
    }

    @Override
    public String label() {
      return name;
    }
  }

  /** A service whose next start fails in {@code onStart} when armed. */
  public static final class Fragile extends Service {
    private final String name;
    volatile boolean failNextStart;

    Fragile(String name) {
      this.name = name;
    }

    @Override
    public String label() {
      return name;
    }

    @Override
    protected void onStart() {
      if (failNextStart) {
        failNextStart = false;
        throw new IllegalStateException("chaos: " + name + " fails to start");
      }
    }
  }

  /** A service with a fast timer, whose runs are streamed as timer statistics. */
  public static final class Ticking extends Service {
    private final String name;
    final AtomicInteger ticks = new AtomicInteger();

    Ticking(String name) {
      this.name = name;
    }

    @Override
    public String label() {
      return name;
    }

    @Service.Timer(0.005)
    void tick() {
      ticks.incrementAndGet();
    }
  }

  private final Random random;
  private final Service root;
  private final List<Service> all = new CopyOnWriteArrayList<>();
  private final List<Ticking> tickers = new ArrayList<>();
  /** Dependencies added at run time, as {parent, child} pairs, that may be removed again. */
  private final List<Service[]> runtimeEdges = new ArrayList<>();
  private final AtomicInteger refused = new AtomicInteger();
  private int names;

  /** A tree of about {@code size} services (at least 4), shaped by {@code random}. */
  public ChaosTree(Random random, int size) {
    this.random = random;
    this.root = new Plain("App");
    all.add(root);
    List<Service> parents = new ArrayList<>(List.of(root));
    while (all.size() < Math.max(4, size)) {
      Service parent = parents.get(random.nextInt(parents.size()));
      Service child = newService();
      parent.addDependency(child);
      all.add(child);
      parents.add(child);
    }
  }

  private Service newService() {
    int kind = random.nextInt(10);
    String name = "S" + (++names);
    if (kind == 0) {
      return new OneForOneSupervisor(1_000, Duration.ofSeconds(1)) {
        @Override
        public String label() {
          return name + "Sup";
        }
      }.add(new Fragile(name + "a"), new Plain(name + "b"));
    }
    if (kind == 1) {
      Ticking t = new Ticking(name + "Tick");
      tickers.add(t);
      return t;
    }
    return kind < 5 ? new Fragile(name) : new Plain(name);
  }

  /** The root of the tree. */
  public Service root() {
    return root;
  }

  /** How many operations the runtime refused so far (an illegal move for the state met). */
  public int refused() {
    return refused.get();
  }

  /** Runs one random operation; called from one thread at a time. */
  public void step() {
    Service s = all.get(random.nextInt(all.size()));
    int op = random.nextInt(100);
    try {
      if (op < 20) {
        s.restart();
      } else if (op < 30) {
        s.stop();
      } else if (op < 40) {
        if (s.state() == State.INIT) {
          s.start();
        } else {
          s.restart();
        }
      } else if (op < 50) {
        s.crash(new IllegalStateException("chaos: crash of " + s.label()));
      } else if (op < 58 && s instanceof Fragile f) {
        f.failNextStart = true;
        s.restart();
      } else if (op < 75) {
        addRuntimeDependency(s);
      } else if (op < 90) {
        removeRuntimeDependency();
      } else {
        root.restart();
      }
    } catch (RuntimeException refusedHere) {
      refused.incrementAndGet();
    }
  }

  private void addRuntimeDependency(Service parent) {
    Service child = random.nextBoolean() ? new Plain("R" + (++names)) : new Fragile("R" + (++names));
    parent.addRuntimeDependency(child);
    all.add(child);
    runtimeEdges.add(new Service[] {parent, child});
  }

  private void removeRuntimeDependency() {
    if (runtimeEdges.isEmpty()) {
      return;
    }
    Service[] edge = runtimeEdges.remove(random.nextInt(runtimeEdges.size()));
    edge[0].removeDependency(edge[1]);
    all.remove(edge[1]);
    edge[1].stop();
  }

  /** Stops the timers (their statistics are changes too), so the tree can come to rest. */
  public void stopTimers() {
    for (Ticking t : tickers) {
      try {
        t.stop();
      } catch (RuntimeException refusedHere) {
        refused.incrementAndGet();
      }
    }
  }
}
