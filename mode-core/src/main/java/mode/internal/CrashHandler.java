package mode.internal;

import mode.Service;

/**
 * Told at once when a supervised service, or any service below it, crashes. Installed by a
 * supervisor with {@link ServiceAccess#setSupervisor(Service, CrashHandler)}.
 *
 * <p>Called on the crashing thread, which may hold the lifecycle locks of the crashed service and
 * its ancestors: implementations must only record the crash and wake their own thread, never
 * block or call lifecycle methods themselves.
 */
@FunctionalInterface
public interface CrashHandler {
  /**
   * A crash happened in the subtree of {@code supervised}.
   *
   * @param supervised the supervised service; already CRASHED with {@code reason}
   * @param origin the service that crashed first ({@code supervised} itself or a service below it)
   * @param reason the crash reason
   */
  void onCrash(Service supervised, Service origin, Throwable reason);
}
