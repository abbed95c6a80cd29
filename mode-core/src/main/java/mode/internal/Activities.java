package mode.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mode.Service;

/**
 * What service code is running right now: every hook, task step ({@code @Task} body, {@code
 * addFuture} callable) and timer or crontab callback is recorded while it runs, so that a
 * watchdog can report the ones that block for too long.
 *
 * <p>Cheap on the hot path: one small object and one concurrent-set insert per step, no global
 * lock. A step that waits in {@code Service.sleep} or {@code waitUntilStopped} is idle meanwhile
 * and is not listed; it counts again from the moment it wakes. Thread-safe.
 */
public final class Activities {
  private static final Set<Step> RUNNING = ConcurrentHashMap.newKeySet();
  private static final ThreadLocal<Step> CURRENT = new ThreadLocal<>();

  private Activities() {}

  /**
   * One running step.
   *
   * @param token identifies the step; together with {@code sinceNanos} it identifies one busy
   *     stretch, so a watchdog reports each stretch once
   * @param service the service the code belongs to
   * @param what e.g. {@code onStart}, {@code task consume}, {@code timer tick}, {@code future 3}
   * @param thread the thread running it
   * @param sinceNanos {@link System#nanoTime()} when it began (or woke from a sleep)
   */
  public record Running(Object token, Service service, String what, Thread thread, long sinceNanos) {
    /** How long it has been running, measured now. */
    public Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - sinceNanos);
    }
  }

  /** A step in progress; returned by {@link #begin} and handed back to {@link #end}. */
  public static final class Step {
    private final Service service;
    private final String what;
    private final Thread thread;
    private final Step outer;
    private volatile long sinceNanos;

    private Step(Service service, String what, Thread thread, Step outer) {
      this.service = service;
      this.what = what;
      this.thread = thread;
      this.outer = outer;
      this.sinceNanos = System.nanoTime();
    }
  }

  /** Records that the calling thread begins {@code what} for {@code service}. */
  public static Step begin(Service service, String what) {
    Step step = new Step(service, what, Thread.currentThread(), CURRENT.get());
    CURRENT.set(step);
    RUNNING.add(step);
    return step;
  }

  /** Records that {@code step} (returned by {@link #begin} on this thread) ended. */
  public static void end(Step step) {
    RUNNING.remove(step);
    if (step.outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(step.outer);
    }
  }

  /** The calling thread's step goes idle (it waits on purpose); see {@link #resume()}. */
  public static void pause() {
    Step step = CURRENT.get();
    if (step != null) {
      step.sinceNanos = 0;
    }
  }

  /** The calling thread's step is busy again, counting from now. */
  public static void resume() {
    Step step = CURRENT.get();
    if (step != null) {
      step.sinceNanos = System.nanoTime();
    }
  }

  /** The steps running now (idle ones left out), in no particular order. */
  public static List<Running> running() {
    List<Running> out = new ArrayList<>();
    for (Step step : RUNNING) {
      long since = step.sinceNanos;
      if (since != 0) {
        out.add(new Running(step, step.service, step.what, step.thread, since));
      }
    }
    return out;
  }
}
