package mode;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import mode.events.ServiceInfo;
import mode.internal.Activities;
import mode.internal.CrashHandler;
import mode.internal.ServiceAccess;
import org.slf4j.LoggerFactory;

/**
 * A unit with a lifecycle, dependencies and background work: the Java form of mode's {@code
 * Service}.
 *
 * <p><b>Lifecycle.</b> {@link #start()}, {@link #stop()} and {@link #restart()} block until done
 * and may be called from any thread. Subclasses fill in the hooks, which run in mode's order:
 * start runs (first start only) {@link #onInitDependencies()} and {@link #onFirstStart()}, then
 * {@link #onStart()}, starts the {@link Task @Task}, {@link Timer @Timer} and
 * {@link Crontab @Crontab} methods, starts the dependencies one by one in insertion order (each completely), and
 * ends with {@link #onStarted()}: {@code onStart} pre-order, {@code onStarted} post-order. Stop
 * runs {@link #onStop()}, stops the dependencies in reverse order, interrupts the background
 * threads and waits for them (at most {@link #shutdownTimeout()}), then runs {@link #onShutdown()}.
 * Restart is stop, reset (restart count + 1, recursively; crash reason cleared), {@link
 * #onRestart()}, start (without {@code onFirstStart}).
 *
 * <p><b>Fixes over mode.</b> A stopped service reaches {@link State#SHUTDOWN} (mode stays
 * "stopping"). A failed start leaves the failing service {@link State#CRASHED}, stops the
 * dependencies it had started (in reverse order) and throws {@link ServiceException} whose cause
 * is the hook's exception; the exception goes up through every ancestor's {@code start()}, and
 * each ancestor is CRASHED and stops what it started (mode leaves everything "running"). A stop
 * never hangs: background threads that ignore interruption are reported with their stacks and
 * left behind. {@link #sleep} and {@link #waitUntilStopped} return on a crash too.
 *
 * <p><b>Calls from several threads.</b> Lifecycle calls on one service are carried out one at a
 * time, in the order they arrive, and none fails because another is in flight. A call that meets
 * one queued or running on the same service: {@code start()} joins a start or restart (returns
 * when it is done, throws what it threw); {@code start()} after a stop waits for it and throws
 * (a SHUTDOWN service needs {@link #restart()}, as in mode); {@code stop()} during a start or
 * restart wakes it, so that it gives up at its next step, then stops; {@code stop()} joins a
 * stop; {@code restart()} joins a restart that has not begun, and otherwise runs after what is
 * queued. A parent queues its operations on each dependency in turn.
 *
 * <p><b>Threads.</b> Hooks run on the thread that called the lifecycle method; background methods
 * and {@link #addFuture} callables run on virtual threads named {@code Label.method}. Hooks may
 * block. A hook may stop its own service (the stop runs at once, on that thread, and the start
 * gives up at its next step).
 */
public abstract class Service {
  private static final AtomicLong IDS = new AtomicLong();

  static {
    ServiceAccess.install(new ServiceBridge());
  }

  private final long id = IDS.incrementAndGet();
  final StateMachine machine;
  final Dependencies deps;
  final Lifecycle lifecycle;
  final TaskRunner tasks;
  final Contexts contexts;
  final Waits waits;
  final Diag diag;
  volatile CrashHandler supervisor;
  /** Set only on a supervisor: describes what it supervises and how (see ServiceInfo). */
  volatile Supplier<ServiceInfo.SupervisorInfo> supervision;
  private final ServiceLog log;

  /**
   * Creates a service in state {@link State#INIT}.
   *
   * @throws IllegalArgumentException if a {@code @Task}, {@code @Timer} or {@code @Crontab} method
   *     is invalid (takes arguments, has a non-positive or non-finite interval, an invalid cron
   *     expression or time zone); the message names the class, the method and the value
   */
  @SuppressWarnings("this-escape") // the collaborators only keep the reference for later calls
  protected Service() {
    // The parts every start and stop reads first, so that they lie next to each other in memory.
    this.machine = new StateMachine(this);
    this.deps = new Dependencies(this);
    this.lifecycle = new Lifecycle(this);
    // The lock a stop takes to cancel background threads and close contexts (adds take it too):
    // the lifecycle queue's, which every start and stop has just used.
    ReentrantLock registrations = lifecycle.lock();
    this.tasks = new TaskRunner(this, TaskMethods.of(getClass()), registrations);
    this.contexts = new Contexts(this, registrations);
    this.log = new ServiceLog(this, LoggerFactory.getLogger(getClass()));
    this.waits = new Waits(this);
    this.diag = new Diag(this);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /**
   * Starts the service and its dependencies; blocks until done.
   *
   * <p>If a stop is requested meanwhile (from another thread or a hook), the start gives up at its
   * next step and returns; the stop does the rest. A start called while a start or restart of
   * this service is queued or running joins it: it returns when that one is done, or throws a
   * {@link ServiceException} with the same message and cause.
   *
   * @throws ServiceException if, when its turn comes, the service is not in {@link State#INIT}
   *     (the message names the label, the expected and the actual state: RUNNING, SHUTDOWN or
   *     CRASHED, never a state of an operation in flight), or if a hook or a dependency failed to
   *     start (the cause is the original exception; the service is then CRASHED)
   */
  public final void start() {
    lifecycle.start(false);
  }

  /**
   * Starts the service if it is in {@link State#INIT} and no stop was requested (mode's {@code
   * maybe_start}); blocks until done.
   *
   * @return whether this call started it
   * @throws ServiceException if the start fails, as {@link #start()}
   */
  public final boolean maybeStart() {
    return lifecycle.maybeStart();
  }

  /**
   * Stops the service, its dependencies (in reverse order) and its background threads; blocks
   * until the service is {@link State#SHUTDOWN} (or CRASHED, if it crashed while stopping).
   *
   * <p>Stopping a never-started service runs {@link #onStop()} and {@link #onShutdown()} and ends
   * in SHUTDOWN. When a stop is already in progress or done, this waits for it and returns. A
   * start or restart in progress on another thread is woken and gives up at its next step; the
   * stop then runs (after the operations queued before it).
   * Exceptions from stop hooks and dependencies are logged and the stop goes on; it is bounded by
   * {@link #shutdownTimeout()} per service.
   */
  public final void stop() {
    lifecycle.stop(false);
  }

  /**
   * Stops, resets (restart count + 1, crash reason cleared, recursively into the dependencies),
   * runs {@link #onRestart()} and starts again. Blocks until done. A restart called while another
   * one waits for its turn joins that one (both its stop and its start come after the call);
   * otherwise it runs after the operations queued before it. A stop that arrives during the
   * restart wins: the restart leaves the service stopped and returns.
   *
   * @throws ServiceException if the new start fails, as {@link #start()}
   */
  public final void restart() {
    lifecycle.restart(false);
  }

  /**
   * Marks the service CRASHED with {@code reason} and reports it up the tree: if this service or
   * an ancestor is supervised, the services up to the supervised one are marked CRASHED and its
   * supervisor is told at once; otherwise every ancestor is marked CRASHED. A crash does not stop
   * anything: background code sees {@link #shouldStop()} and sleepers wake; the owner of the tree
   * (a supervisor, the Worker) reacts. Crashing an already crashed or shut-down service only logs.
   * Thread-safe.
   *
   * @param reason why the service crashed; kept as {@link #crashReason()} and shown in dumps
   * @throws NullPointerException if {@code reason} is null
   */
  public final void crash(Throwable reason) {
    CrashPropagation.crash(this, Objects.requireNonNull(reason, "reason"));
  }

  /**
   * {@return the reason of the last crash, kept until a restart resets the service; {@code null}
   * if none}
   */
  public final Throwable crashReason() {
    return machine.crashReason();
  }

  /** {@return the current state} Lock-free. */
  public final State state() {
    return machine.state();
  }

  /** {@return how many times the service was reset by a restart} */
  public final int restartCount() {
    return machine.restartCount();
  }

  /** {@return whether the service is STARTING or RUNNING} */
  public final boolean isStarted() {
    return machine.state().isActive();
  }

  /**
   * {@return whether background code should finish}: a stop was requested, or the service is
   * stopping, shut down or crashed.
   */
  public final boolean shouldStop() {
    return machine.shouldStop();
  }

  /** {@return the service's id}: unique within the JVM, never reused; stable across restarts. */
  public final long id() {
    return id;
  }

  /**
   * {@return the name shown in logs, graphs and errors}: by default the simple class name; for an anonymous
   * class the name of its superclass, or its binary name when that is {@code Service} itself.
   * Must be cheap and must not call lifecycle methods (it is read while events are built).
   */
  public String label() {
    return DEFAULT_LABELS.get(getClass());
  }

  /**
   * The default label of each class, worked out once: {@code Class.isAnonymousClass} asks the VM
   * every time, and labels are read for every start and stop a JFR recording times.
   */
  private static final ClassValue<String> DEFAULT_LABELS = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> c) {
      if (!c.isAnonymousClass()) {
        return c.getSimpleName();
      }
      Class<?> sup = c.getSuperclass();
      if (sup != Service.class) {
        return sup.getSimpleName();
      }
      String name = c.getName();
      return name.substring(name.lastIndexOf('.') + 1);
    }
  };

  /** {@return the short name used in log prefixes and graph paths}; by default {@link #label()}. */
  public String shortLabel() {
    return label();
  }

  // ---- dependencies ----------------------------------------------------------------------

  /**
   * Adds {@code child} as a dependency: it is started after this service's {@code onStart} and
   * stopped before its {@code onShutdown}. Adding an existing dependency does nothing. A service
   * may be a dependency of several services; the one that added it last is its parent (for crash
   * propagation and log depth). Thread-safe.
   *
   * @param <S> the child's type, kept so the call can be chained into a field
   * @param child the service to depend on
   * @return {@code child}
   * @throws NullPointerException if {@code child} is null
   * @throws IllegalArgumentException if {@code child} is this service or the edge would close a
   *     cycle (the message lists the labels along the cycle)
   */
  public final <S extends Service> S addDependency(S child) {
    deps.add(child);
    return child;
  }

  /**
   * Adds {@code child} as a dependency and, when this service is STARTING or RUNNING, starts it at
   * once (blocking until it has started).
   *
   * @param <S> the child's type, kept so the call can be chained into a field
   * @param child the service to depend on
   * @return {@code child}
   * @throws ServiceException if the child fails to start (it is then CRASHED)
   * @throws IllegalArgumentException as {@link #addDependency}
   */
  public final <S extends Service> S addRuntimeDependency(S child) {
    deps.add(child);
    if (isStarted()) {
      child.lifecycle.maybeStart();
    }
    return child;
  }

  /**
   * Stops {@code child} and removes it from the dependencies.
   *
   * @param child the dependency to stop and remove
   * @throws IllegalArgumentException if {@code child} is not a dependency of this service
   */
  public final void removeDependency(Service child) {
    if (child == null || !deps.children().contains(child)) {
      throw new IllegalArgumentException(
          (child == null ? "null" : child.label()) + " is not a dependency of " + label());
    }
    child.stop();
    deps.remove(child);
  }

  /** {@return the dependencies in insertion order, as an unmodifiable snapshot} */
  public final List<Service> dependencies() {
    return List.copyOf(deps.children());
  }

  // ---- background work -------------------------------------------------------------------

  /**
   * Runs {@code task} on a new virtual thread bound to this service's lifetime: the stop
   * interrupts it (the future then completes cancelled) and waits for it as for the
   * {@code @Task} methods. Any other failure completes the future exceptionally and crashes the service.
   *
   * <p>The check and the registration happen under the lock the stop takes when it cancels the
   * background threads: a future added before that point (also while STOPPING, from {@link
   * #onStop()} or a dependency's stop) is cancelled and waited for by that stop; one added after
   * it (from {@link #onShutdown()}, or from a task that outlived the cancellation) is refused, so
   * nothing runs on unnoticed. A restart accepts futures again. Thread-safe.
   *
   * @param <T> the type of the task's result
   * @param task the work to run; its value completes the future
   * @return a future of the task's outcome
   * @throws ServiceException if the stop already cancelled this run's background threads (the
   *     service is SHUTDOWN, or STOPPING/CRASHED past that point); the message names the service
   *     and its state, and {@code task} is not run
   */
  public final <T> CompletableFuture<T> addFuture(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    CompletableFuture<T> future = tasks.submit(task);
    if (future == null) {
      throw new ServiceException("Cannot add a future to service " + label() + ": " + lateBecause("cancelled its background threads"));
    }
    return future;
  }

  /** Why a late registration is refused, naming the state (as in {@code it is SHUTDOWN}). */
  private String lateBecause(String what) {
    State s = machine.state();
    return s == State.SHUTDOWN ? "it is SHUTDOWN" : "it is " + s + " and its stop already " + what;
  }

  /**
   * Binds {@code resource} to this run of the service (mode's {@code add_context}): the caller has
   * already opened it; the stop closes it after the background threads were interrupted and
   * waited for, before {@link #onShutdown()}, in reverse order of adding (a failed start closes
   * them too). A close that throws is logged at ERROR with the service's label and the other
   * closes go on. Closes run on the stopping thread (a {@link ServiceThread}'s own thread) and are
   * not bounded by {@link #shutdownTimeout()}. A restart does not reopen anything: add resources
   * in {@link #onStart()}. Thread-safe.
   *
   * <p>The check and the registration happen under the lock the stop takes when it closes the
   * contexts: a resource added before that point (also while STOPPING, from {@link #onStop()} or
   * a task) is closed by that stop; one added after it (from {@link #onShutdown()}, or from a
   * task that outlived the cancellation) is refused, so nothing stays open unnoticed.
   *
   * @param <C> the resource's type, kept so the call can wrap the opening expression
   * @param resource an open resource for the stop to close
   * @return {@code resource}
   * @throws ServiceException if the stop already closed this run's contexts (the service is
   *     SHUTDOWN, or STOPPING/CRASHED past that point); the message names the resource, the
   *     service and its state; the resource is then not taken over (the caller still owns it)
   */
  public final <C extends AutoCloseable> C addContext(C resource) {
    Objects.requireNonNull(resource, "resource");
    if (!contexts.add(resource)) {
      throw new ServiceException(
          "Cannot add context " + resource + " to service " + label() + ": " + lateBecause("closed its contexts"));
    }
    return resource;
  }

  /**
   * Waits until the service is asked to stop or crashes, at most {@code timeout}. Interruption
   * ends the wait early (the interrupt status is kept).
   *
   * @param timeout the longest time to wait
   * @return whether it was asked to stop or crashed in time
   */
  public final boolean waitUntilStopped(Duration timeout) {
    Activities.pause();
    try {
      return machine.signal().await(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return machine.shouldStop();
    } finally {
      Activities.resume();
    }
  }

  /**
   * Sleeps for {@code d}, returning early when the service is asked to stop or crashes, or when
   * the thread is interrupted (the interrupt status is kept). Use it in loops of background
   * methods: {@code while (!shouldStop()) { work(); sleep(interval); }}.
   *
   * @param d how long to sleep at most
   */
  protected final void sleep(Duration d) {
    waitUntilStopped(d);
  }

  /**
   * Waits for {@code future} as this service does (mode's {@code wait}); see {@link WaitResult}
   * for the outcomes, the threads and the failures.
   *
   * @param <T> the type of the future's value
   * @param future the work to wait for; cancelled when the wait ends without its outcome
   * @param timeout the longest time to wait
   * @return the future's value, or a stopped result
   * @throws InterruptedException if the calling thread was interrupted
   * @throws ExecutionException if the future failed; the cause is its exception
   * @throws TimeoutException if {@code timeout} passed first
   */
  public final <T> WaitResult<T> waitFor(Future<T> future, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return waits.waitFor(Objects.requireNonNull(future, "future"), timeout, "a future");
  }

  /**
   * Runs {@code work} on a new thread and waits for it; see {@link WaitResult}.
   *
   * @param <T> the type of the work's value
   * @param work the work to run; interrupted when the wait ends without its outcome
   * @param timeout the longest time to wait
   * @return the work's value, or a stopped result
   * @throws InterruptedException if the calling thread was interrupted
   * @throws ExecutionException if the work threw; the cause is its exception
   * @throws TimeoutException if {@code timeout} passed first
   */
  public final <T> WaitResult<T> waitFor(Callable<T> work, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return waits.waitFor(Objects.requireNonNull(work, "work"), timeout);
  }

  /**
   * Runs each piece of work on its own thread until the first one finishes (mode's {@code
   * wait_first}); see {@link WaitResults}.
   *
   * @param <T> the common type of the values
   * @param timeout the longest time to wait
   * @param work the pieces of work, one thread each
   * @return the positions and values of the work that finished first, or a stopped result
   * @throws InterruptedException if the calling thread was interrupted
   * @throws ExecutionException if a finished piece threw; the cause is its exception
   * @throws TimeoutException if {@code timeout} passed first
   */
  @SafeVarargs
  public final <T> WaitResults<T> waitFirst(Duration timeout, Callable<? extends T>... work)
      throws InterruptedException, ExecutionException, TimeoutException {
    return waits.waitFirst(timeout, work);
  }

  /**
   * Runs each piece of work on its own thread until all finished (mode's {@code wait_many}); see
   * {@link WaitResults}.
   *
   * @param <T> the common type of the values
   * @param timeout the longest time to wait
   * @param work the pieces of work, one thread each
   * @return every value in argument order, or a stopped result
   * @throws InterruptedException if the calling thread was interrupted
   * @throws ExecutionException if a piece threw (the first in argument order); the cause is its
   *     exception
   * @throws TimeoutException if {@code timeout} passed first
   */
  @SafeVarargs
  public final <T> WaitResults<T> waitMany(Duration timeout, Callable<? extends T>... work)
      throws InterruptedException, ExecutionException, TimeoutException {
    return waits.waitMany(timeout, work);
  }

  /**
   * Ticks every {@code interval} until the service stops (mode's {@code itertimer}): {@code for
   * (Instant tick : timerLoop(Duration.ofSeconds(1))) { ... }}. Each tick is a slot of the
   * drift-corrected schedule of {@link Timer @Timer} (first one interval after the iteration
   * begins); a body longer than the interval is logged at WARN and the loop resumes at the next
   * slot. The iteration ends (without an exception) when the service is asked to stop or crashes,
   * or when the thread is interrupted (the interrupt status is kept). Each {@code iterator()} is a
   * new schedule, used by one thread.
   *
   * @param interval the time between ticks
   * @return the ticks, each the scheduled instant of its slot
   * @throws IllegalArgumentException if {@code interval} is not positive
   */
  protected final Iterable<Instant> timerLoop(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(label() + ": timer loop interval must be > 0, was " + interval);
    }
    return () -> new TimerIteration(this, interval);
  }

  /**
   * A service around a one-shot job (mode's {@code from_awaitable}): see {@link CallableService}.
   *
   * @param <T> the type of the job's value
   * @param name the service's label
   * @param job the work each start runs to completion
   * @return a new service in {@link State#INIT}; its {@code result()} holds the job's outcome
   * @throws NullPointerException if an argument is null
   */
  public static <T> CallableService<T> fromCallable(String name, Callable<T> job) {
    return new CallableService<>(name, job);
  }

  /**
   * The service's diagnostic flags (mode's {@code diag}): {@code try (var t =
   * diag().transitionsTo("FLUSHING")) { ... }}. They appear in dumps and in the inspector. See
   * {@link Diag}; thread-safe.
   *
   * @return the flags of this service
   */
  public final Diag diag() {
    return diag;
  }

  /** {@return how long a stop waits for this service's background threads}; default 10 seconds. */
  protected Duration shutdownTimeout() {
    return Duration.ofSeconds(10);
  }

  /** {@return the logger of this service}, prefixing messages with {@code [^--Label]: }. */
  protected final ServiceLog log() {
    return log;
  }

  // ---- hooks -----------------------------------------------------------------------------

  /**
   * Dependencies to add at the first start, before {@link #onFirstStart()}; default none.
   * Exceptions fail the start.
   *
   * @return the services to add as dependencies, in order
   */
  protected Iterable<? extends Service> onInitDependencies() {
    return List.of();
  }

  /**
   * Runs once in the object's life, at the first start, before {@link #onStart()}.
   *
   * @throws Exception anything; it fails the start
   */
  protected void onFirstStart() throws Exception {}

  /**
   * Runs at every start, before the background methods and the dependencies start.
   *
   * @throws Exception anything; it fails the start
   */
  protected void onStart() throws Exception {}

  /**
   * Runs at the end of every start, once the service is RUNNING and its dependencies started.
   *
   * @throws Exception anything; it fails the start
   */
  protected void onStarted() throws Exception {}

  /**
   * Runs first in every stop, before the dependencies stop.
   *
   * @throws Exception anything; it is logged and the stop goes on
   */
  protected void onStop() throws Exception {}

  /**
   * Runs last in every stop, after dependencies and background threads.
   *
   * @throws Exception anything; it is logged and the stop goes on
   */
  protected void onShutdown() throws Exception {}

  /**
   * Runs in a restart after the reset and before the new start.
   *
   * @throws Exception anything; it crashes the service and fails the restart (no new start)
   */
  protected void onRestart() throws Exception {}

  // ---- threads (package-private: ServiceThread chooses other ones) -----------------------

  /**
   * Runs one lifecycle hook ({@code name} is e.g. {@code onStart}) and returns when it is done,
   * throwing what it threw. Here: on the calling thread (where {@link Lifecycle} then calls the
   * hook itself, without this method, unless the service is a {@link ServiceThread}).
   */
  void runHook(String name, Lifecycle.Hook hook) throws Exception {
    hook.run();
  }

  /** Makes the threads of background methods and {@code addFuture} callables: virtual ones. */
  Thread.Builder backgroundThreads() {
    return Thread.ofVirtual();
  }

  /** {@return {@code <Label: STATE>}} */
  @Override
  public String toString() {
    return "<" + label() + ": " + machine.state() + ">";
  }

  // ---- annotations -----------------------------------------------------------------------

  /**
   * A method (no arguments, any visibility) that runs on its own virtual thread once per start,
   * after {@link #onStart()}. It should return when {@link #shouldStop()} is true; the stop
   * interrupts it. An exception crashes the service.
   */
  @Documented
  @Retention(RUNTIME)
  @Target(METHOD)
  public @interface Task {}

  /**
   * A method (no arguments) called every {@code value} seconds on its own virtual thread, first
   * one interval after the start. Runs never overlap; the schedule is drift-corrected (ticks stay
   * on {@code start + k·interval}, and a late wakeup catches up one missed tick at once); a run
   * longer than the interval counts as an overrun, is logged at WARN, and the timer resumes at the
   * first slot after it. An exception crashes the service.
   */
  @Documented
  @Retention(RUNTIME)
  @Target(METHOD)
  public @interface Timer {
    /** {@return the interval in seconds}; finite and positive. */
    double value();
  }

  /**
   * A method (no arguments) called at the times of a UNIX cron expression (5 fields), evaluated
   * in {@link #timezone()}. An exception crashes the service.
   */
  @Documented
  @Retention(RUNTIME)
  @Target(METHOD)
  public @interface Crontab {
    /** {@return the cron expression}, e.g. {@code "*}{@code /5 * * * *"}. */
    String value();

    /** {@return the time zone id the expression is evaluated in} */
    String timezone() default "UTC";
  }
}
