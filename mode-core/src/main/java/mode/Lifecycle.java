package mode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import mode.internal.Activities;
import mode.jfr.ServiceStartEvent;
import mode.jfr.ServiceStopEvent;

/**
 * start, stop and restart of one service, in mode's order, serialized by a lifecycle lock.
 *
 * <p>The lock is held while hooks run and while dependencies start or stop (so a parent holds its
 * own lock while it starts a child, which takes the child's); crash propagation and events never
 * take lifecycle locks, so they cannot deadlock with it. A stop first marks the run as stopping
 * without the lock, which makes a concurrent start give up at its next step.
 */
final class Lifecycle {
  private final Service service;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}. */
  private boolean initialized;

  /** One lifecycle hook call, as handed to {@link Service#runHook}. */
  @FunctionalInterface
  interface Hook {
    void run() throws Exception;
  }

  Lifecycle(Service service) {
    this.service = service;
  }

  void start() {
    lock.lock();
    try {
      State s = service.machine.state();
      if (s != State.INIT) {
        throw new ServiceException(
            "Cannot start service " + service.label() + ": expected state INIT, but it is " + s);
      }
      service.machine.moveTo(State.STARTING);
      if (!service.machine.shouldStop()) {
        ServiceStartEvent timing = ServiceStartEvent.begin(service); // null unless JFR takes it
        try {
          runStart();
        } finally {
          ServiceStartEvent.end(timing, service);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Starts the service if it was never started in this run; returns whether it did. */
  boolean maybeStart() {
    lock.lock();
    try {
      if (service.machine.state() != State.INIT || service.machine.shouldStop()) {
        return false;
      }
      start();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void runStart() {
    List<Service> started = new ArrayList<>();
    String[] step = {"start"};
    boolean running;
    try {
      running = startSteps(started, step);
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
  private boolean startSteps(List<Service> started, String[] step) throws Exception {
    StateMachine m = service.machine;
    service.log().mundane("Starting...");
    if (!initialized) {
      initialized = true;
      step[0] = "onInitDependencies";
      Iterable<? extends Service> initial = service.onInitDependencies();
      if (initial != null) {
        for (Service dep : initial) {
          service.addDependency(dep);
        }
      }
      step[0] = "onFirstStart";
      hook(step[0], service::onFirstStart);
    }
    if (m.shouldStop()) {
      return false;
    }
    step[0] = "onStart";
    hook(step[0], service::onStart);
    if (m.shouldStop()) {
      return false;
    }
    service.tasks.startAll();
    startChildren(started);
    if (m.shouldStop() || !m.tryMoveTo(State.RUNNING)) {
      return false;
    }
    service.log().debug("Started.");
    step[0] = "onStarted";
    hook(step[0], service::onStarted);
    return true;
  }

  private void startChildren(List<Service> started) {
    for (Service child : service.deps.children()) {
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
    service.tasks.cancelAndAwait(service.shutdownTimeout());
    for (int i = started.size() - 1; i >= 0; i--) {
      stopQuietly(started.get(i));
    }
    service.contexts.closeAll();
    return new StartFailure("Service " + service.label() + " failed to start: " + why, cause);
  }

  void stop() {
    StateMachine.Run run = service.machine.run(); // a concurrent reset must not mix two runs
    if (!run.requestStop()) {
      awaitStopDone(run.stopDone);
      return;
    }
    if (lock.isLocked() && !lock.isHeldByCurrentThread()) {
      abortStartsBelow(service, Collections.newSetFromMap(new IdentityHashMap<>()));
    }
    lock.lock();
    try {
      runStop();
    } finally {
      lock.unlock();
      run.stopDone.countDown();
    }
  }

  /**
   * Another thread is starting this service: wake the dependencies it is starting right now, so
   * that their starts give up at the next step (as mode's stop, which stops the children at once)
   * instead of making this stop wait for a slow {@code onStart} below. Their stops come later,
   * from this service's stop.
   */
  private static void abortStartsBelow(Service s, Set<Service> seen) {
    for (Service child : s.deps.children()) {
      if (seen.add(child) && child.machine.state() == State.STARTING) {
        child.machine.signal().set();
        abortStartsBelow(child, seen);
      }
    }
  }

  /** Another call is stopping this run: wait for it, unless that call is up this very stack. */
  private void awaitStopDone(CountDownLatch done) {
    if (lock.isHeldByCurrentThread()) {
      return;
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void runStop() {
    if (!service.machine.tryMoveTo(State.STOPPING)) {
      return;
    }
    ServiceStopEvent timing = ServiceStopEvent.begin(service); // null unless JFR takes it
    try {
      stopSteps();
    } finally {
      ServiceStopEvent.end(timing, service);
    }
  }

  /** mode's stop order: onStop, children in reverse order, tasks, contexts, onShutdown. */
  private void stopSteps() {
    service.log().mundane("Stopping...");
    hookLogged("onStop", service::onStop);
    List<Service> children = service.deps.children();
    for (int i = children.size() - 1; i >= 0; i--) {
      stopQuietly(children.get(i));
    }
    service.tasks.cancelAndAwait(service.shutdownTimeout());
    hookLogged("closeContexts", service.contexts::closeAll); // on a ServiceThread's own thread
    hookLogged("onShutdown", service::onShutdown);
    service.machine.tryMoveTo(State.SHUTDOWN);
    service.log().debug("-Stopped!");
  }

  void restart() {
    stop(); // outside the lock: waits for a stop that another thread has begun
    lock.lock();
    try {
      if (!service.machine.state().isTerminal()) {
        stop(); // a concurrent restart started it again meanwhile
      }
      reset(service, Collections.newSetFromMap(new IdentityHashMap<>()));
      try {
        hook("onRestart", service::onRestart);
      } catch (Throwable t) {
        service.crash(t);
        throw new StartFailure(
            "Service " + service.label() + " failed to restart: onRestart threw " + t, t);
      }
      start();
    } finally {
      lock.unlock();
    }
  }

  /** Back to INIT (restart count + 1, crash reason cleared), recursively into dependencies. */
  private static void reset(Service s, Set<Service> seen) {
    if (!seen.add(s)) {
      return;
    }
    State st = s.machine.state();
    if (st == State.SHUTDOWN || st == State.CRASHED) {
      s.machine.tryMoveTo(State.INIT);
    } else if (st != State.INIT) {
      s.log().warn("Not reset on restart: it is {} (started again by someone else)", st);
      return;
    }
    for (Service child : s.deps.children()) {
      reset(child, seen);
    }
  }

  private void stopQuietly(Service child) {
    try {
      child.stop();
    } catch (RuntimeException | Error e) {
      service.log().error("Error while stopping dependency {}", child.label(), e);
    }
  }

  private void hook(String name, Hook hook) throws Exception {
    // The service decides the thread (a ServiceThread uses its own); the step is recorded there.
    service.runHook(name, () -> {
      Activities.Step step = Activities.begin(service, name);
      try {
        hook.run();
      } finally {
        Activities.end(step);
      }
    });
  }

  /** Runs a stop hook; a failure is logged and the stop goes on. */
  private void hookLogged(String name, Hook hook) {
    try {
      hook(name, hook);
    } catch (Exception | Error e) {
      service.log().error("{} failed; the stop goes on", name, e);
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
