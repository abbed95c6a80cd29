package mode.supervisors;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import mode.Service;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.internal.CrashHandler;
import mode.internal.ServiceAccess;
import mode.internal.TransitionCauses;

/**
 * A service that supervises other services and reacts when they crash; the strategies differ
 * only in that reaction ({@link #onServiceCrashed}).
 *
 * <p>Supervised services ({@link #add}) become dependencies of the supervisor: its {@code
 * start()} starts them in the order they were added, its {@code stop()} stops them in reverse
 * order, and they appear below it in the service graph. A crash anywhere in a supervised
 * service's subtree reaches the supervisor at once (mode notices a crash below a supervised
 * service only at its next 5-second poll) and does not travel further up.
 *
 * <p>Reactions run on the supervisor's own task thread, one crash after the other, never inside
 * the crashing thread, and only while the supervisor is running: a crash during the group's start
 * is handled once every service has started. A service that fails to start during the
 * supervisor's start fails that start (as in Erlang/OTP); a restart whose start fails counts as
 * another crash. Before each restart the supervisor checks its <em>restart intensity</em>:
 * more than {@code maxRestarts} restarts within any period of length {@code over} (a sliding
 * window; one handled crash counts as one restart, as in Erlang/OTP, even when a strategy
 * restarts several services for it) makes the supervisor give up and crash itself with a {@link
 * MaxRestartsExceededException}, which propagates upward like any crash. Optionally, {@link
 * #withBackoff} delays each restart exponentially.
 *
 * <p>Thread-safety: {@link #add}, {@link #discard} and {@link #services()} may be called from any
 * thread; configuration methods ({@code with...}) only before the first start. The lifecycle
 * hooks {@code onStart}, {@code onStarted} and {@code onStop} are final: a supervisor relies on
 * them.
 */
public abstract class SupervisorStrategy extends Service {
  /** mode's default restart limit: 100 restarts ... */
  public static final int DEFAULT_MAX_RESTARTS = 100;
  /** ... within one second. */
  public static final Duration DEFAULT_OVER = Duration.ofSeconds(1);

  private final int maxRestarts;
  private final Duration over;
  private final List<Service> supervised = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<Crash> crashes = new LinkedBlockingQueue<>();
  private final Set<Service> pending = ConcurrentHashMap.newKeySet();
  private final CrashHandler handler = this::reportCrash;
  /** Held while reacting to a crash, so that a stop waits for the reaction in progress. */
  private final ReentrantLock reacting = new ReentrantLock();
  private volatile InstantSource clock = InstantSource.system();
  private volatile Backoff backoff = Backoff.NONE;
  private volatile RestartWindow window;

  /** A crash reported by the core, handled later on the supervisor's thread. */
  private record Crash(Service supervised, Service origin, Throwable reason) {}

  /** A supervisor with mode's default limit: 100 restarts within one second. */
  protected SupervisorStrategy() {
    this(DEFAULT_MAX_RESTARTS, DEFAULT_OVER);
  }

  /**
   * A supervisor that allows at most {@code maxRestarts} restarts within any period of length
   * {@code over}.
   *
   * @param maxRestarts the most restarts allowed in the window
   * @param over the length of the window
   * @throws IllegalArgumentException if {@code maxRestarts} is negative or {@code over} is not
   *     positive
   */
  @SuppressWarnings("this-escape") // the description is only read once the service is in a tree
  protected SupervisorStrategy(int maxRestarts, Duration over) {
    RestartWindow.validate(maxRestarts, Objects.requireNonNull(over, "over"));
    this.maxRestarts = maxRestarts;
    this.over = over;
    ServiceAccess.setSupervision(this, this::supervision);
  }

  /** {@return the most restarts allowed within any period of length {@link #over()}} */
  public final int maxRestarts() {
    return maxRestarts;
  }

  /** {@return the length of the sliding restart window} */
  public final Duration over() {
    return over;
  }

  /**
   * The strategy in mode's words, lower case with hyphens: {@code one-for-one}, {@code
   * one-for-all}, {@code rest-for-one}, {@code forfeit-one-for-one}, {@code forfeit-one-for-all}
   * or {@code crashing}. A subclass of one of the strategies of this package has that strategy's
   * name; a strategy written from scratch has its class name in that form, without a trailing
   * {@code Supervisor}.
   *
   * @return the strategy's name
   */
  public final String strategy() {
    Class<?> c = getClass();
    while (c.getSuperclass() != SupervisorStrategy.class
        && !c.getPackageName().equals(SupervisorStrategy.class.getPackageName())) {
      c = c.getSuperclass();
    }
    return hyphenate(c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName());
  }

  /** {@code ForfeitOneForOneSupervisor} → {@code forfeit-one-for-one}. */
  static String hyphenate(String className) {
    String name = className.substring(className.lastIndexOf('.') + 1);
    if (name.endsWith("Supervisor") && name.length() > "Supervisor".length()) {
      name = name.substring(0, name.length() - "Supervisor".length());
    }
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (Character.isUpperCase(ch) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
        out.append('-');
      }
      out.append(Character.toLowerCase(ch));
    }
    return out.toString();
  }

  /**
   * {@return what this supervisor supervises and how, as the inspect protocol's service objects
   * carry it}
   */
  public final ServiceInfo.SupervisorInfo supervision() {
    List<Long> ids = new ArrayList<>();
    supervised.forEach(s -> ids.add(s.id()));
    return new ServiceInfo.SupervisorInfo(strategy(), restarts(), maxRestarts, over, ids);
  }

  /**
   * Waits before each restart: {@code min} for the first restart in the window, doubling with
   * every restart still in the window, at most {@code max}, each delay spread by a random factor
   * within {@code [1 - jitter, 1 + jitter]}. The wait ends early if the supervisor stops.
   *
   * @param min the wait before the first restart in the window
   * @param max the longest wait
   * @param jitter how much each wait may vary, as a fraction of it
   * @return this supervisor
   * @throws IllegalArgumentException unless {@code 0 <= min <= max} and {@code 0 <= jitter <= 1}
   */
  public final SupervisorStrategy withBackoff(Duration min, Duration max, double jitter) {
    this.backoff = Backoff.exponential(min, max, jitter);
    return this;
  }

  /** Replaces the clock of the restart window (tests use a fake one). */
  final SupervisorStrategy withClock(InstantSource source) {
    this.clock = Objects.requireNonNull(source, "clock");
    return this;
  }

  /**
   * Supervises {@code services}, in this order. If the supervisor is running, each is started at
   * once; otherwise the supervisor's start starts them.
   *
   * @param services the services to supervise
   * @return this supervisor
   * @throws IllegalArgumentException if a service is already supervised (by this supervisor or
   *     another one), naming the supervisor and the service, or cannot be a dependency of the
   *     supervisor (the supervisor itself, or an edge that would close a cycle)
   * @throws mode.ServiceException if the supervisor is running and a service fails to start; the
   *     supervisor then handles that as a crash of the service
   */
  public final SupervisorStrategy add(Service... services) {
    for (Service service : services) {
      Objects.requireNonNull(service, "service");
      if (supervised.contains(service) || ServiceAccess.supervisor(service) != null) {
        throw new IllegalArgumentException(
            label() + ": service " + service.label() + " is already supervised");
      }
      // Supervised before it becomes a dependency: a runtime start may crash at once.
      supervised.add(service);
      if (supervisesCrashes()) {
        ServiceAccess.setSupervisor(service, handler);
      }
      try {
        if (state() == State.RUNNING) {
          addRuntimeDependency(service);
        } else {
          addDependency(service);
        }
      } catch (IllegalArgumentException notADependency) {
        supervised.remove(service);
        ServiceAccess.setSupervisor(service, null);
        throw notADependency;
      }
    }
    return this;
  }

  /**
   * Stops supervising {@code service} and removes it from the supervisor's dependencies (see
   * {@link Service#removeDependency}).
   *
   * @param service the service to stop supervising
   * @return false if it was not supervised by this supervisor
   */
  public final boolean discard(Service service) {
    if (!supervised.remove(service)) {
      return false;
    }
    if (supervisesCrashes()) {
      ServiceAccess.setSupervisor(service, null);
    }
    pending.remove(service);
    removeDependency(service);
    return true;
  }

  /** {@return the supervised services, in the order they were added (a snapshot)} */
  public final List<Service> services() {
    return List.copyOf(supervised);
  }

  /** mode's label: the class name, the number of supervised services and the supervisor's id. */
  @Override
  public String label() {
    return getClass().getSimpleName() + ": (" + supervised.size() + "@" + id() + ")";
  }

  /**
   * How this strategy reacts to the crash of {@code crashed}, on the supervisor's thread. The
   * restart intensity was checked (and the backoff waited) just before, if {@link #restarts()}.
   *
   * @param crashed a supervised service, CRASHED
   * @param reason its crash reason
   * @throws Exception anything; it crashes the supervisor
   */
  protected abstract void onServiceCrashed(Service crashed, Throwable reason) throws Exception;

  /** {@return whether this strategy restarts services} Forfeiting strategies do not. */
  protected boolean restarts() {
    return true;
  }

  /** Whether crashes below supervised services stop here ({@link CrashingSupervisor}: no). */
  boolean supervisesCrashes() {
    return true;
  }

  /**
   * Restarts {@code service} (stop if needed, reset, {@code onRestart}, start), logging {@code "Restarting
   * dead <label>! Last crash reason: <reason>"} at INFO. If the restart's start fails, the failure
   * is handled like any other crash of the service.
   *
   * @param service the service to restart
   * @param reason its crash reason, for the log line
   */
  protected final void restartService(Service service, Throwable reason) {
    log().info("Restarting dead {}! Last crash reason: {}", service.label(), reason.toString());
    try {
      TransitionCauses.run(ServiceEvent.Transition.SUPERVISOR, label(), service, service::restart);
    } catch (RuntimeException failedAgain) {
      if (service.state() == State.CRASHED) {
        Throwable why = service.crashReason() != null ? service.crashReason() : failedAgain;
        reportCrash(service, service, why);
      } else {
        throw failedAgain;
      }
    }
  }

  /**
   * Stops {@code service}; a failure is logged, not thrown, so the strategy can go on.
   *
   * @param service the service to stop
   */
  protected final void stopService(Service service) {
    try {
      TransitionCauses.run(ServiceEvent.Transition.SUPERVISOR, label(), service, service::stop);
    } catch (RuntimeException e) {
      log().warn("Error while stopping {}: {}", service.label(), e.toString(), e);
    }
  }

  /**
   * Forgets crashes reported in an earlier run and resets the restart window. Final, like the
   * other lifecycle hooks of a supervisor: put custom hooks in a service around it.
   */
  @Override
  protected final void onStart() {
    window = new RestartWindow(maxRestarts, over, clock);
    crashes.clear();
    pending.clear();
  }

  /**
   * Starts the supervising task once every supervised service has started: a crash while the
   * group starts waits until then (and if a supervised service fails to start, the supervisor's
   * own start fails and nothing is restarted behind its back).
   */
  @Override
  protected final void onStarted() {
    addFuture(this::superviseCrashes);
  }

  /**
   * Waits for a reaction in progress to finish before the supervised services are stopped, so a
   * restart cannot start a service again behind the stop's back (the service is already
   * STOPPING, so no new reaction begins). Final for the same reason as {@link #onStart()}.
   */
  @Override
  protected final void onStop() {
    reacting.lock();
    reacting.unlock();
  }

  /** Called by the core on the crashing thread: only records the crash and wakes our thread. */
  private void reportCrash(Service service, Service origin, Throwable reason) {
    if (pending.add(service)) {
      crashes.add(new Crash(service, origin, reason));
    }
  }

  private Void superviseCrashes() throws Exception {
    while (!shouldStop()) {
      Crash crash = crashes.take();
      pending.remove(crash.supervised());
      reacting.lock();
      try {
        if (shouldStop()) {
          break;
        }
        Service service = crash.supervised();
        if (supervised.contains(service) && service.state() == State.CRASHED) {
          Throwable latest = service.crashReason();
          handle(service, latest != null ? latest : crash.reason());
        }
      } finally {
        reacting.unlock();
      }
    }
    return null;
  }

  private void handle(Service crashed, Throwable reason) throws Exception {
    if (restarts()) {
      int recent = window.recent();
      if (!window.tryRecord()) {
        log().warn("Max restarts exceeded ({} within {}): {} crashed: {}", maxRestarts, over, crashed.label(), reason.toString());
        throw new MaxRestartsExceededException(label(), maxRestarts, over, reason);
      }
      Duration delay = backoff.delay(recent);
      if (!delay.isZero()) {
        sleep(delay);
        if (shouldStop()) {
          return;
        }
      }
    }
    onServiceCrashed(crashed, reason);
  }

  /** The crashed services' labels, for log lines. */
  static String labels(List<Service> services) {
    List<String> labels = new ArrayList<>(services.size());
    services.forEach(s -> labels.add(s.label()));
    return labels.toString();
  }
}
