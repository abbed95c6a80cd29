package mode.internal;

import java.util.List;
import java.util.function.Supplier;
import mode.Service;
import mode.State;
import mode.events.ServiceInfo;
import mode.timers.TimeSource;

/**
 * Runtime internals of {@link Service} for the other packages of this module (supervisors,
 * events, the Worker), without making them public API (the "shared secrets" pattern:
 * {@code Service} installs a {@link Bridge} when its class initializes).
 *
 * <p>All methods are thread-safe.
 */
public final class ServiceAccess {

  /** What {@code Service} provides; implemented inside package {@code mode}. */
  public interface Bridge {
    /** See {@link ServiceAccess#info(Service)}. */
    ServiceInfo info(Service service);

    /** See {@link ServiceAccess#dependencies(Service)}. */
    List<Service> dependencies(Service service);

    /** See {@link ServiceAccess#observersLocked(Service)}. */
    Object observersLocked(Service service);

    /** See {@link ServiceAccess#setObserversLocked(Service, Object)}. */
    void setObserversLocked(Service service, Object observers);

    /** See {@link ServiceAccess#captureLocked(Service)}. */
    Supplier<ServiceInfo> captureLocked(Service service);

    /** See {@link ServiceAccess#parent(Service)}. */
    Service parent(Service service);

    /** See {@link ServiceAccess#setSupervisor(Service, CrashHandler)}. */
    void setSupervisor(Service service, CrashHandler handler);

    /** See {@link ServiceAccess#setSupervision(Service, Supplier)}. */
    void setSupervision(Service service, Supplier<ServiceInfo.SupervisorInfo> supervision);

    /** See {@link ServiceAccess#supervisor(Service)}. */
    CrashHandler supervisor(Service service);

    /** See {@link ServiceAccess#setTimeSource(Service, TimeSource)}. */
    void setTimeSource(Service service, TimeSource time);

    /** See {@link ServiceAccess#perform(Service, LifecycleCall)}. */
    Settled perform(Service service, LifecycleCall call);
  }

  /** A lifecycle call made on behalf of someone who reports its outcome (the inspect agent). */
  public enum LifecycleCall {
    START,
    STOP,
    RESTART
  }

  /**
   * How a lifecycle call ended: the state it left once settled, and whether it joined an
   * operation of the same kind that was already queued (see {@code Service.start()}).
   */
  public record Settled(State state, boolean joined) {}

  private static volatile Bridge bridge;

  private ServiceAccess() {}

  /**
   * Installs the bridge; called once by {@code Service}'s static initializer.
   *
   * @throws IllegalStateException if a bridge is already installed
   */
  public static void install(Bridge b) {
    if (bridge != null) {
      throw new IllegalStateException("the Service bridge is already installed");
    }
    bridge = b;
  }

  /** The service as seen now; any thread may call it (it takes the {@link EventHub} lock briefly). */
  public static ServiceInfo info(Service service) {
    return bridge().info(service);
  }

  /**
   * Reads what changes with the service's events (state, times, edges, flags), with the {@link
   * EventHub} lock held by the caller, so that it agrees with the event stream; the returned
   * supplier builds the description from it later, outside the lock (labels, class name and timer
   * counters are read then). Keeps the time a snapshot holds the lock short.
   */
  public static Supplier<ServiceInfo> captureLocked(Service service) {
    return bridge().captureLocked(service);
  }

  /**
   * The dependencies of {@code service} in insertion order: the live, copy-on-write list (no
   * copy is made). Read it, never change it; its iterator is a snapshot.
   */
  public static List<Service> dependencies(Service service) {
    return bridge().dependencies(service);
  }

  /**
   * The event subscriptions that see {@code service}: null, one subscription, or an array of them
   * (which the caller must not change); call with the {@link EventHub} lock held.
   */
  public static Object observersLocked(Service service) {
    return bridge().observersLocked(service);
  }

  /** Replaces the observers of {@code service}; call with the {@link EventHub} lock held. */
  public static void setObserversLocked(Service service, Object observers) {
    bridge().setObserversLocked(service, observers);
  }

  /** The service that added {@code service} as a dependency most recently, or {@code null}. */
  public static Service parent(Service service) {
    return bridge().parent(service);
  }

  /**
   * Makes {@code handler} the supervisor of {@code service}: a crash of {@code service} or of any
   * service below it is reported to {@code handler} at once, and the crash does not propagate
   * further up. {@code null} removes the supervisor.
   */
  public static void setSupervisor(Service service, CrashHandler handler) {
    bridge().setSupervisor(service, handler);
  }

  /**
   * Marks {@code service} as a supervisor: its descriptions ({@link #info}) carry what {@code
   * supervision} returns at the time, computed off the hub lock.
   */
  public static void setSupervision(Service service, Supplier<ServiceInfo.SupervisorInfo> supervision) {
    bridge().setSupervision(service, supervision);
  }

  /** The supervisor of {@code service}, or {@code null}. */
  public static CrashHandler supervisor(Service service) {
    return bridge().supervisor(service);
  }

  /**
   * The clock and sleeper used by the timers and crontabs of {@code service} (tests install a
   * fake one). Takes effect for timers started afterwards.
   */
  public static void setTimeSource(Service service, TimeSource time) {
    bridge().setTimeSource(service, time);
  }

  /**
   * Carries out {@code call} as {@code Service.start()}/{@code stop()}/{@code restart()} do, and
   * returns once its outcome is settled: a start or restart that gave up for a stop queued after
   * it returns after that stop. Blocks; thread-safe.
   *
   * @throws mode.ServiceException as the public call
   */
  public static Settled perform(Service service, LifecycleCall call) {
    return bridge().perform(service, call);
  }

  private static Bridge bridge() {
    Bridge b = bridge;
    if (b == null) {
      try {
        Class.forName(Service.class.getName(), true, Service.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("cannot initialize " + Service.class, e);
      }
      b = bridge;
    }
    return b;
  }
}
