package mode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import mode.internal.Activities;
import mode.jfr.ServiceStartEvent;
import mode.jfr.ServiceStopEvent;

/**
 * start, stop and restart of one service, in mode's order, one at a time.
 *
 * <p>Every call goes through the service's {@link LifecycleQueue}: operations on one service are
 * carried out one after another, in the order they arrived, and a call may join an operation of
 * the same kind already queued (see {@link Service#start()} for what each pair of calls does).
 * Hooks run while the operation holds the service's turn, and dependencies are started or stopped
 * inside it (a parent holds its turn while it waits for the child's). Crash propagation and
 * events never wait for a turn, so they cannot deadlock with it. A stop that queues behind a
 * start in progress first wakes that start, which then gives up at its next step.
 */
final class Lifecycle {
  private static final int ON_FIRST_START = 1;
  private static final int ON_START = 1 << 1;
  private static final int ON_STARTED = 1 << 2;
  private static final int ON_STOP = 1 << 3;
  private static final int ON_SHUTDOWN = 1 << 4;
  private static final int ON_RESTART = 1 << 5;
  /** A step that is not a hook of the service's own (closing its contexts): always run. */
  private static final int CLOSE_CONTEXTS = 1 << 6;
  /** Not a step of its own (it is called, not recorded), but skipped as well when not overridden. */
  private static final int ON_INIT_DEPENDENCIES = 1 << 7;
  /** The name of each step, by bit position (as activities and {@link Service#runHook} see it). */
  private static final String[] HOOK_NAMES = {"onFirstStart", "onStart", "onStarted", "onStop",
      "onShutdown", "onRestart", "closeContexts", "onInitDependencies"};
  /**
   * No clock stamp at hand for the step about to begin: it reads the clock itself. A stamp is the
   * one of the move the operation made just before, when nothing that could take long (a hook, a
   * log line written) ran since: the step then began at that instant, as far as any clock can
   * tell, and a clock read is saved (it costs more than the rest of a step on some machines).
   */
  private static final long NO_STAMP = StateMachine.REFUSED;

  /**
   * The hooks each class overrides, one bit per hook. A hook a class leaves to {@link Service} is
   * empty: it is skipped, with its thread hop and activity record (nothing runs that could block
   * or throw). Worked out once per class.
   */
  private static final ClassValue<Integer> OVERRIDDEN = new ClassValue<>() {
    @Override
    protected Integer computeValue(Class<?> type) {
      int bits = CLOSE_CONTEXTS;
      for (Class<?> c = type; c != Service.class && c != null; c = c.getSuperclass()) {
        for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
          if (m.getParameterCount() == 0 && !m.isSynthetic()) {
            int i = java.util.Arrays.asList(HOOK_NAMES).indexOf(m.getName());
            bits |= i < 0 ? 0 : 1 << i;
          }
        }
      }
      return bits;
    }
  };

  private final Service service;
  private final LifecycleQueue queue;
  /** The hooks the service's class overrides (see {@link #OVERRIDDEN}). */
  private final int hooks;
  /** Whether the service runs its hooks on a thread of its own ({@link ServiceThread}). */
  private final boolean ownThread;
  /** Written only by the operation holding the turn. */
  private boolean initialized;

  /** One lifecycle hook call, as handed to {@link Service#runHook}. */
  @FunctionalInterface
  interface Hook {
    void run() throws Exception;
  }

  /**
   * The lock of the service's lifecycle queue, which the service's background registrations
   * ({@link TaskRunner}, {@link Contexts}) share (see {@link LifecycleQueue}).
   */
  ReentrantLock lock() {
    return queue.lock();
  }

  Lifecycle(Service service) {
    this.service = service;
    this.queue = new LifecycleQueue(service);
    this.hooks = OVERRIDDEN.get(service.getClass());
    this.ownThread = service instanceof ServiceThread;
  }

  /**
   * Starts the service from INIT, or joins the start or restart queued last.
   *
   * @param settle whether a start that gave up for a later stop returns after that stop
   */
  LifecycleQueue.Outcome start(boolean settle) {
    return queue.perform(LifecycleQueue.Kind.START, () -> {
      startNow();
      return true;
    }, settle, this::abortStart);
  }

  /** Starts the service if it is in INIT and no stop waits; returns whether this call started it. */
  boolean maybeStart() {
    return queue.perform(LifecycleQueue.Kind.MAYBE_START, () -> {
      if (service.machine.state() != State.INIT || giveUp()) {
        return false;
      }
      startNow();
      return true;
    }, false, this::abortStart).acted();
  }

  LifecycleQueue.Outcome stop(boolean settle) {
    return queue.perform(LifecycleQueue.Kind.STOP, () -> {
      runStop();
      return true;
    }, settle, this::abortStart);
  }

  LifecycleQueue.Outcome restart(boolean settle) {
    return queue.perform(LifecycleQueue.Kind.RESTART, this::restartNow, settle, this::abortStart);
  }

  private void startNow() {
    State s = service.machine.state();
    if (s == State.STARTING) {
      // An earlier start gave up here, woken by an ancestor's stop, which comes for this service
      // next: this start gives up too (its outcome is what that stop leaves).
      return;
    }
    if (s != State.INIT) {
      throw new ServiceException(
          "Cannot start service " + service.label() + ": expected state INIT, but it is " + s);
    }
    long stamp = service.machine.moveTo(State.STARTING);
    if (!giveUp()) {
      ServiceStartEvent timing = ServiceStartEvent.begin(service); // null unless JFR takes it
      try {
        runStart(stamp);
      } finally {
        ServiceStartEvent.end(timing, service);
      }
    }
  }

  /** A start gives up at its next step once the run should stop or a stop waits for its turn. */
  private boolean giveUp() {
    return service.machine.shouldStop() || stopWaiting();
  }

  /** Whether a stop of this service waits for its turn behind the operation being carried out. */
  boolean stopWaiting() {
    return queue.stopWaiting();
  }

  /** The start's steps; {@code stamp} is the clock stamp of its move to STARTING. */
  private void runStart(long stamp) {
    List<Service> started = new ArrayList<>();
    String[] step = {"start"};
    boolean running;
    try {
      running = startSteps(started, step, stamp);
    } catch (StartFailure childFailed) {
      throw failStart(childFailed.getCause(), childFailed.getMessage(), started);
    } catch (Throwable t) {
      throw failStart(t, step[0] + " threw " + t, started);
    }
    if (!running && service.machine.state() == State.CRASHED) {
      Throwable reason = service.machine.crashReason();
      throw failStart(reason, "it crashed while starting: " + reason, started);
    }
    // Otherwise a stop was requested: that stop stops whatever was started.
  }

  /**
   * mode's start order: (first start only) onInitDependencies and onFirstStart; onStart; tasks;
   * children one by one; RUNNING; onStarted. Gives up between steps once the run should stop.
   *
   * @return whether the service reached RUNNING
   */
  private boolean startSteps(List<Service> started, String[] step, long stamp) throws Exception {
    StateMachine m = service.machine;
    if (service.log().milestone(true, "Starting...")) {
      stamp = NO_STAMP;
    }
    if (!initialized) {
      initialized = true;
      step[0] = "onInitDependencies";
      if ((hooks & ON_INIT_DEPENDENCIES) != 0) { // Service's own returns none
        stamp = NO_STAMP;
        Iterable<? extends Service> initial = service.onInitDependencies();
        if (initial != null) {
          for (Service dep : initial) {
            service.addDependency(dep);
          }
        }
      }
      step[0] = "onFirstStart";
      if ((hooks & ON_FIRST_START) != 0) {
        stamp = NO_STAMP;
        hook(ON_FIRST_START, NO_STAMP);
      }
    }
    if (m.shouldStop()) {
      return false;
    }
    step[0] = "onStart";
    hook(ON_START, stamp);
    if (m.shouldStop()) {
      return false;
    }
    service.tasks.startAll();
    startChildren(started);
    if (m.shouldStop() || !m.tryMoveTo(State.RUNNING)) {
      return false;
    }
    service.log().milestone(false, "Started.");
    step[0] = "onStarted";
    hook(ON_STARTED, NO_STAMP);
    return true;
  }

  private void startChildren(List<Service> started) {
    List<Service> children = service.deps.children(); // an immutable snapshot
    for (int i = 0; i < children.size(); i++) {
      Service child = children.get(i);
      if (service.machine.shouldStop()) {
        return;
      }
      try {
        if (child.lifecycle.maybeStart()) {
          started.add(child);
        }
      } catch (StartFailure f) {
        throw new StartFailure("dependency " + child.label() + " failed: " + f.getMessage(), f.getCause());
      }
    }
  }

  /**
   * A start failed: the service becomes CRASHED, its tasks and the children it started (in
   * reverse order) are stopped.
   *
   * @return the exception to throw, carrying the root cause
   */
  private StartFailure failStart(Throwable cause, String why, List<Service> started) {
    if (service.machine.state() != State.CRASHED) {
      service.crash(cause);
    }
    service.tasks.cancelAndAwait();
    for (int i = started.size() - 1; i >= 0; i--) {
      stopQuietly(started.get(i));
    }
    service.contexts.closeAll();
    return new StartFailure("Service " + service.label() + " failed to start: " + why, cause);
  }

  /**
   * A stop queued behind the start in progress (on another thread): wake the start and the
   * dependencies it is starting right now, so that their starts give up at the next step (as
   * mode's stop, which stops the children at once) instead of making the stop wait for a slow
   * {@code onStart} below. Their stops come later, from this service's stop.
   */
  private void abortStart() {
    service.machine.signal().set();
    // Only a start of this service that is under way has dependencies' starts to give up: that
    // start's stop (the one queued) then stops them. A restart that is still stopping this service,
    // or is between its stop and its start, has started none: a dependency STARTING then is being
    // started by a call of its own, which the queued stop may never reach (it is refused when this
    // run's stop has begun), and that call would wait for a stop that never comes.
    if (service.machine.state() == State.STARTING) {
      abortStartsBelow(service, Collections.newSetFromMap(new IdentityHashMap<>()));
    }
  }

  private static void abortStartsBelow(Service s, Set<Service> seen) {
    for (Service child : s.deps.children()) {
      if (seen.add(child) && child.machine.state() == State.STARTING) {
        child.machine.signal().set();
        abortStartsBelow(child, seen);
      }
    }
  }

  private void runStop() {
    StateMachine m = service.machine;
    m.signal().set(); // sleepers and tasks see the stop from the first hook on
    long stamp = m.stopBegan() ? StateMachine.REFUSED : m.moveStamped(State.STOPPING);
    if (stamp == StateMachine.REFUSED) {
      return; // one stop per run, as mode's stop() does nothing once stopped
    }
    m.markStopBegan();
    ServiceStopEvent timing = ServiceStopEvent.begin(service); // null unless JFR takes it
    try {
      stopSteps(stamp);
    } finally {
      ServiceStopEvent.end(timing, service);
    }
  }

  /**
   * mode's stop order: onStop, children in reverse order, tasks, contexts, onShutdown; {@code
   * stamp} is the clock stamp of the move to STOPPING.
   */
  private void stopSteps(long stamp) {
    boolean logged = service.log().milestone(true, "Stopping...");
    hookLogged(ON_STOP, logged ? NO_STAMP : stamp);
    List<Service> children = service.deps.children();
    for (int i = children.size() - 1; i >= 0; i--) {
      stopQuietly(children.get(i));
    }
    if (!cancelAndCloseIfIdle()) {
      service.tasks.cancelAndAwait();
      hookLogged(CLOSE_CONTEXTS, NO_STAMP); // on a ServiceThread's own thread
    }
    hookLogged(ON_SHUTDOWN, NO_STAMP);
    service.machine.tryMoveTo(State.SHUTDOWN);
    service.log().milestone(false, "-Stopped!");
  }

  /**
   * The usual end of a stop, under one lock: no background thread runs and no context is open.
   * Then this marks both as done, as {@link TaskRunner#cancelAndAwait} and {@link
   * Contexts#closeAll} would (later registrations are refused), and the closeContexts step, with
   * nothing to close, is not run.
   *
   * @return whether that was the case; if not, the caller runs both steps
   */
  private boolean cancelAndCloseIfIdle() {
    ReentrantLock lock = queue.lock();
    lock.lock();
    try {
      return service.tasks.cancelIfIdleLocked() && service.contexts.closeIfEmptyLocked();
    } finally {
      lock.unlock();
    }
  }

  /** Stop (unless already stopped), reset, onRestart, start; a stop queued meanwhile wins. */
  private boolean restartNow() {
    runStop(); // nothing to do if this run was stopped already
    if (stopWaiting()) {
      return false; // the stop that waits would undo the start at once: leave it stopped
    }
    resetHere(Collections.newSetFromMap(new IdentityHashMap<>()));
    try {
      hook(ON_RESTART, NO_STAMP);
    } catch (Throwable t) {
      service.crash(t);
      throw new StartFailure(
          "Service " + service.label() + " failed to restart: onRestart threw " + t, t);
    }
    startNow();
    return true;
  }

  /**
   * Back to INIT (restart count + 1, crash reason cleared), recursively into dependencies; each
   * dependency is reset in its own turn, after the operations queued on it before.
   */
  private void resetHere(Set<Service> seen) {
    if (!seen.add(service)) {
      return;
    }
    State st = service.machine.state();
    if (st == State.SHUTDOWN || st == State.CRASHED) {
      service.machine.tryMoveTo(State.INIT);
      service.tasks.reopen();
      service.contexts.reopen();
    } else if (st != State.INIT) {
      service.log().warn("Not reset on restart: it is {} (started again by someone else)", st);
      return;
    }
    for (Service child : service.deps.children()) {
      child.lifecycle.queue.perform(LifecycleQueue.Kind.RESET, () -> {
        child.lifecycle.resetHere(seen);
        return true;
      }, false, null);
    }
  }

  private void stopQuietly(Service child) {
    try {
      child.stop();
    } catch (RuntimeException | Error e) {
      service.log().error("Error while stopping dependency {}", child.label(), e);
    }
  }

  /**
   * Runs the step {@code bit} names (a hook, or closing the contexts), recorded as an activity,
   * unless it is a hook the service's class leaves empty.
   */
  private void hook(int bit, long stamp) throws Exception {
    if ((hooks & bit) == 0) {
      return;
    }
    String name = HOOK_NAMES[Integer.numberOfTrailingZeros(bit)];
    if (ownThread) {
      // The service decides the thread (a ServiceThread uses its own); the step is recorded there,
      // after the hop, so with a clock read of its own.
      service.runHook(name, () -> recorded(name, bit, NO_STAMP));
    } else {
      recorded(name, bit, stamp); // Service.runHook runs it on the calling thread: no lambda needed
    }
  }

  /**
   * Runs the step {@code bit} names on the calling thread, recorded as an activity that began at
   * {@code stamp} (or now, for {@link #NO_STAMP}).
   */
  private void recorded(String name, int bit, long stamp) throws Exception {
    Activities.Step step = stamp == NO_STAMP
        ? Activities.begin(service, name)
        : Activities.begin(service, name, stamp);
    try {
      switch (bit) {
        case ON_FIRST_START -> service.onFirstStart();
        case ON_START -> service.onStart();
        case ON_STARTED -> service.onStarted();
        case ON_STOP -> service.onStop();
        case ON_SHUTDOWN -> service.onShutdown();
        case ON_RESTART -> service.onRestart();
        case CLOSE_CONTEXTS -> service.contexts.closeAll();
        default -> throw new IllegalArgumentException("no step " + bit);
      }
    } finally {
      Activities.end(step);
    }
  }

  /** Runs a stop step; a failure is logged and the stop goes on. */
  private void hookLogged(int bit, long stamp) {
    try {
      hook(bit, stamp);
    } catch (Exception | Error e) {
      service.log().error("{} failed; the stop goes on", HOOK_NAMES[Integer.numberOfTrailingZeros(bit)], e);
    }
  }

  /** A start failure on its way up the tree; its cause is the original exception. */
  static final class StartFailure extends ServiceException {
    private static final long serialVersionUID = 1L;

    StartFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
