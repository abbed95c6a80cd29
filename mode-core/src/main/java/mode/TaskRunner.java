package mode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.locks.ReentrantLock;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.internal.Activities;
import mode.internal.EventHub;
import mode.jfr.TimerOverrunEvent;
import mode.timers.StopSignal;
import mode.timers.TimeSource;
import mode.timers.TimerLoop;

/**
 * The background work of one service: its {@code @Task}, {@code @Timer} and {@code @Crontab}
 * methods and its {@code addFuture} callables, each on a virtual thread named after the service
 * and the method.
 *
 * <p>A failure (anything but the interruption caused by a stop) crashes the service. {@link
 * #cancelAndAwait} interrupts everything and waits at most the shutdown timeout; what is still
 * running then is reported with its stack and left behind, so a stop never hangs. Thread-safe.
 */
final class TaskRunner {
  private final Service service;
  private final List<TaskMethod> methods;
  private static final Counters[] NO_COUNTERS = {};
  private static final AtomicLongFieldUpdater<TaskRunner> FUTURE_IDS =
      AtomicLongFieldUpdater.newUpdater(TaskRunner.class, "futureIds");
  private final Counters[] counters;
  /**
   * The background threads running now; null until the first one is spawned (most services have
   * none), then made under {@link #registrations} and never replaced.
   */
  private volatile Set<Handle> running;
  /** Shared with the service's {@link Contexts}: the lock a stop takes to cancel and close. */
  private final ReentrantLock registrations;
  /** Guarded by {@link #registrations}: the stop has cancelled this run's threads. */
  private boolean cancelled;
  /** The last number given to an {@code addFuture} thread. */
  private volatile long futureIds;
  volatile TimeSource time = TimeSource.system();

  /** Run counters of one background method; written by its one thread. */
  private static final class Counters {
    volatile long runs;
    volatile long overruns;
    volatile long failures;
    volatile Instant lastRun;
    volatile Instant nextRun;
    Instant lastPublished;
  }

  private static final class Handle {
    final String name;
    volatile Thread thread;
    volatile boolean cancelled;

    Handle(String name) {
      this.name = name;
    }
  }

  TaskRunner(Service service, List<TaskMethod> methods, ReentrantLock registrations) {
    this.service = service;
    this.registrations = registrations;
    this.methods = methods;
    this.counters = methods.isEmpty() ? NO_COUNTERS : new Counters[methods.size()];
    for (int i = 0; i < counters.length; i++) {
      counters[i] = new Counters();
    }
  }

  /** Starts every annotated method of the service (called after {@code onStart}). */
  void startAll() {
    for (int i = 0; i < methods.size(); i++) {
      TaskMethod m = methods.get(i);
      Counters c = counters[i];
      String name = service.label() + "." + m.name();
      if (TaskMethod.TASK.equals(m.kind())) {
        spawn(name, "task " + m.name(), () -> runTask(m, c));
      } else {
        spawn(name, null, () -> runScheduled(m, c));
      }
    }
  }

  /** A new start: background threads may be added again (after a stop or a failed start). */
  void reopen() {
    registrations.lock();
    try {
      cancelled = false;
    } finally {
      registrations.unlock();
    }
  }

  /**
   * Runs {@code body} on a new background thread bound to the service's lifetime, unless the
   * stop already cancelled this run's threads.
   *
   * @return the future, or {@code null} if it was refused (nothing was started)
   */
  <T> CompletableFuture<T> submit(Callable<T> body) {
    long n = FUTURE_IDS.incrementAndGet(this);
    String name = service.label() + ".future-" + n;
    registrations.lock();
    try {
      return cancelled ? null : spawn(name, "future " + n, body);
    } finally {
      registrations.unlock();
    }
  }

  private Void runTask(TaskMethod m, Counters c) throws Exception {
    try {
      m.invoke(service);
    } catch (Exception | Error e) {
      failed(c, time.now(), e);
      throw e;
    }
    c.runs++;
    c.lastRun = time.now();
    return null;
  }

  /** The loop of a timer or a crontab; each tick is recorded as an activity. */
  private Void runScheduled(TaskMethod m, Counters c) throws Exception {
    StopSignal stop = service.machine.signal();
    TimerLoop.Tick tick = () -> tick(m);
    TimerLoop.RunObserver observer = new TimerLoop.RunObserver() {
      @Override
      public void completed(Instant began, Instant ended, boolean overrun, Instant next) {
        TaskRunner.this.completed(m, c, began, ended, overrun, next);
      }

      @Override
      public void failed(Instant began, Instant ended, Throwable error) {
        if (TaskRunner.this.failed(c, ended, error)) {
          publish(m, c);
        }
      }

      @Override
      public void firstSlot(Instant first) {
        c.nextRun = first;
      }
    };
    try {
      if (m.interval() != null) {
        TimerLoop.every(time, stop, m.interval(), tick, observer);
      } else {
        TimerLoop.cron(time, stop, m.cron(), tick, observer);
      }
    } finally {
      c.nextRun = null; // the loop ended: nothing is scheduled until the next start
    }
    return null;
  }

  /**
   * Counts a run that threw as a run and a failure, unless it is the interruption of a stop (that
   * run was cut short, not failed).
   *
   * @return whether it was counted
   */
  private boolean failed(Counters c, Instant ended, Throwable error) {
    if (service.machine.signal().isSet() && isInterruption(error)) {
      return false;
    }
    c.runs++;
    c.failures++;
    c.lastRun = ended;
    c.nextRun = null;
    return true;
  }

  private void tick(TaskMethod m) throws Exception {
    Activities.Step step = Activities.begin(service, m.kind() + " " + m.name());
    try {
      m.invoke(service);
    } finally {
      Activities.end(step);
    }
  }

  private void completed(TaskMethod m, Counters c, Instant began, Instant ended, boolean overrun, Instant next) {
    c.runs++;
    c.lastRun = ended;
    c.nextRun = next;
    if (overrun) {
      c.overruns++;
      TimerOverrunEvent.record(service, m.name(), c.runs, c.overruns);
      service.log().warn(
          "{} {} overran its schedule ({}): the run took {}; resuming at the next slot",
          m.kind(), m.name(), m.schedule(), Duration.between(began, ended));
    }
    // Coalesced: one event per timer per second of its clock, and one per overrun.
    if (overrun || c.lastPublished == null || !ended.isBefore(c.lastPublished.plusSeconds(1))) {
      c.lastPublished = ended;
      publish(m, c);
    }
  }

  /** Tells the counters of {@code m} (a failure is told at once, before the crash it causes). */
  private void publish(TaskMethod m, Counters c) {
    EventHub.publish(service, new ServiceEvent.TimerStats(
        Instant.now(), service.id(), m.name(), c.runs, c.overruns, c.failures, c.lastRun, c.nextRun));
  }

  private <T> CompletableFuture<T> spawn(String name, String what, Callable<T> body) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Handle handle = new Handle(name);
    Thread thread =
        service.backgroundThreads().name(name).unstarted(() -> execute(handle, what, body, result));
    handle.thread = thread;
    running().add(handle);
    thread.start();
    return result;
  }

  private <T> void execute(Handle h, String what, Callable<T> body, CompletableFuture<T> result) {
    if (h.cancelled) {
      // A stop came before this thread ran. The body still begins, as in mode (a task runs up to
      // its first wait before the cancel reaches it), with the interrupt pending, so that its
      // first blocking call ends it; the interrupt of a thread not yet started would be lost.
      Thread.currentThread().interrupt();
    }
    Activities.Step step = what == null ? null : Activities.begin(service, what);
    try {
      result.complete(body.call());
    } catch (Throwable t) {
      if (h.cancelled && isInterruption(t)) {
        result.cancel(false);
      } else {
        result.completeExceptionally(t);
        service.crash(t);
      }
    } finally {
      if (step != null) {
        Activities.end(step);
      }
      running.remove(h); // made before this thread was started
    }
  }

  /** The set of running threads, made by the first call. */
  private Set<Handle> running() {
    Set<Handle> r = running;
    if (r == null) {
      registrations.lock();
      try {
        r = running;
        if (r == null) {
          r = ConcurrentHashMap.newKeySet();
          running = r;
        }
      } finally {
        registrations.unlock();
      }
    }
    return r;
  }

  private static boolean isInterruption(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InterruptedException
          || c instanceof java.io.InterruptedIOException
          || c instanceof java.nio.channels.ClosedByInterruptException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Interrupts every background thread of the service (except the calling one) and waits for
   * them, at most the service's {@link Service#shutdownTimeout()} in all (asked for only when
   * there is a thread to wait for). Threads still alive then are logged at WARN with their name
   * and current stack, and forgotten.
   *
   * @return the names of the threads left running
   */
  List<String> cancelAndAwait() {
    List<Handle> all;
    registrations.lock();
    try {
      cancelled = true; // later submits are refused: none can slip past this stop
      Set<Handle> r = running;
      if (r == null || r.isEmpty()) {
        return List.of(); // the common case in big trees: nothing to interrupt, nothing to copy
      }
      all = new ArrayList<>(r);
    } finally {
      registrations.unlock();
    }
    Duration timeout = service.shutdownTimeout();
    Thread me = Thread.currentThread();
    all.removeIf(h -> h.thread == me);
    for (Handle h : all) {
      h.cancelled = true;
      h.thread.interrupt();
    }
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    boolean interrupted = false;
    for (Handle h : all) {
      long left = deadline - System.nanoTime();
      if (interrupted || left <= 0) {
        break;
      }
      try {
        h.thread.join(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      me.interrupt();
    }
    List<String> stuck = new ArrayList<>();
    for (Handle h : all) {
      if (h.thread.isAlive()) {
        stuck.add(h.name);
        running.remove(h); // not null: h was in it
        service.log().warn(
            "Task {} did not stop within {} after being interrupted; leaving it running. Stack:\n{}",
            h.name, timeout, stack(h.thread));
      }
    }
    return stuck;
  }

  /**
   * With the shared lock held: if no background thread runs, refuses later ones, as {@link
   * #cancelAndAwait} does, and returns {@code true} (there is then nothing else for it to do).
   */
  boolean cancelIfIdleLocked() {
    Set<Handle> r = running;
    if (r != null && !r.isEmpty()) {
      return false;
    }
    cancelled = true;
    return true;
  }

  private static String stack(Thread t) {
    StringBuilder sb = new StringBuilder();
    for (StackTraceElement e : t.getStackTrace()) {
      sb.append("\tat ").append(e).append('\n');
    }
    return sb.toString();
  }

  /** The counters of every background method, for {@code ServiceInfo}. */
  List<ServiceInfo.TimerInfo> timerInfos() {
    if (methods.isEmpty()) {
      return List.of();
    }
    List<ServiceInfo.TimerInfo> out = new ArrayList<>(methods.size());
    for (int i = 0; i < methods.size(); i++) {
      TaskMethod m = methods.get(i);
      Counters c = counters[i];
      out.add(new ServiceInfo.TimerInfo(
          m.name(), m.kind(), m.schedule(), c.runs, c.overruns, c.failures, c.lastRun, c.nextRun));
    }
    return out;
  }
}
