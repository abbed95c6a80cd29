package mode.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mode.Service;

/**
 * What service code is running right now: every hook, task step ({@code @Task} body, {@code
 * addFuture} callable) and timer or crontab callback is recorded while it runs, so that a
 * watchdog can report the ones that block for too long.
 *
 * <p>Cheap on the hot path, because lifecycle hooks of large trees run through it: each thread
 * has one {@link Track} (found through a thread local) holding its innermost step, and a step is
 * one small object linked to the step it interrupts. Beginning and ending a step writes that one
 * field; no shared structure is touched. The tracks themselves are registered in a concurrent set
 * the first time a thread records a step; a virtual thread's track leaves the set when its
 * outermost step ends (virtual threads are many and short-lived), a platform thread's stays
 * (platform threads are few) until the thread has died and {@link #running()} or a later
 * registration purges it.
 *
 * <p>A step that waits in {@code Service.sleep} or {@code waitUntilStopped} is idle meanwhile and
 * is not listed; it counts again from the moment it wakes. Thread-safe.
 */
public final class Activities {
  private static final Set<Track> TRACKS = ConcurrentHashMap.newKeySet();
  private static final ThreadLocal<Track> TRACK = ThreadLocal.withInitial(Track::new);
  /** Registrations of platform threads; every 64th purges the tracks of dead ones. */
  private static final AtomicInteger PLATFORM_REGISTRATIONS = new AtomicInteger();
  /**
   * Plain and release writes of the fields watchdogs read: the thread that records its steps
   * needs no fence (a watchdog that reads a step a moment late only reports it a moment late),
   * and a step's fields are written before the release that publishes it.
   */
  private static final VarHandle SINCE;
  private static final VarHandle CURRENT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      SINCE = lookup.findVarHandle(Step.class, "sinceNanos", long.class);
      CURRENT = lookup.findVarHandle(Track.class, "current", Step.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

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
    private final Track track;
    private final Step outer;
    private volatile long sinceNanos;

    private Step(Service service, String what, Track track, Step outer, long sinceNanos) {
      this.service = service;
      this.what = what;
      this.track = track;
      this.outer = outer;
      SINCE.set(this, sinceNanos); // published by the release in begin()
    }
  }

  /** The steps of one thread: only that thread writes {@link #current}; watchdogs read it. */
  private static final class Track {
    final Thread thread = Thread.currentThread();
    volatile Step current;
    boolean registered;
  }

  /**
   * The track of the thread that began a step last: a tree starts or stops on one thread, hook
   * after hook, and comparing this with the current thread is far cheaper than a thread-local
   * lookup. Racy on purpose (a plain field): a stale value has another thread (its {@code thread}
   * is final, so that is seen right) and falls back to the lookup.
   */
  private static Track lastTrack;

  private static Track track() {
    Track last = lastTrack;
    if (last != null && last.thread == Thread.currentThread()) {
      return last;
    }
    Track track = TRACK.get();
    lastTrack = track;
    return track;
  }

  /** Records that the calling thread begins {@code what} for {@code service}. */
  public static Step begin(Service service, String what) {
    return begin(service, what, System.nanoTime());
  }

  /**
   * Records that the calling thread begins {@code what} for {@code service} and that it began at
   * {@code sinceNanos}: a {@link System#nanoTime()} stamp the caller read a moment ago, with no
   * code between that could take long (a clock read costs more than the rest of a step's record
   * on some machines). Not 0, which marks an idle step.
   */
  public static Step begin(Service service, String what, long sinceNanos) {
    Track track = track();
    Step step = new Step(service, what, track, track.current, sinceNanos == 0 ? 1 : sinceNanos);
    CURRENT.setRelease(track, step);
    if (!track.registered) {
      register(track);
    }
    return step;
  }

  /** Records that {@code step} (returned by {@link #begin} on this thread) ended. */
  public static void end(Step step) {
    Track track = step.track;
    CURRENT.setRelease(track, step.outer);
    if (step.outer == null && track.thread.isVirtual()) {
      track.registered = false;
      TRACKS.remove(track);
    }
  }

  private static void register(Track track) {
    track.registered = true;
    TRACKS.add(track);
    if (!track.thread.isVirtual() && PLATFORM_REGISTRATIONS.incrementAndGet() % 64 == 0) {
      TRACKS.removeIf(t -> !t.thread.isAlive());
    }
  }

  /** The calling thread's step goes idle (it waits on purpose); see {@link #resume()}. */
  public static void pause() {
    Step step = track().current;
    if (step != null) {
      step.sinceNanos = 0;
    }
  }

  /** The calling thread's step is busy again, counting from now. */
  public static void resume() {
    Step step = track().current;
    if (step != null) {
      step.sinceNanos = System.nanoTime();
    }
  }

  /** The steps running now (idle ones left out), in no particular order. */
  public static List<Running> running() {
    List<Running> out = new ArrayList<>();
    for (Track track : TRACKS) {
      if (!track.thread.isAlive()) {
        TRACKS.remove(track);
        continue;
      }
      for (Step step = track.current; step != null; step = step.outer) {
        long since = step.sinceNanos;
        if (since != 0) {
          out.add(new Running(step, step.service, step.what, track.thread, since));
        }
      }
    }
    return out;
  }
}
