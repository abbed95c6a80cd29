package mode;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A service that stands for another one, its <em>target</em>, which need not exist yet when the
 * proxy is made (mode's {@code ServiceProxy}, used so that objects created early, e.g. in static
 * fields or wiring code, can be dependencies before the real service can be built).
 *
 * <p>The target is obtained once, at the proxy's first start, from the supplier (or from {@link
 * #createTarget()} in a subclass) and becomes the proxy's dependency: starting the proxy starts
 * the target, stopping it stops the target, restarting it restarts the target, and the target
 * appears below the proxy in graphs. A crash of the target crashes the proxy, with the same
 * reason (and reaches the proxy's supervisor, if any). Dependencies added to the proxy itself
 * are its own (mode adds them to the target): they start before the target, since the target is
 * added at the first start.
 *
 * <p>Unlike mode's proxy, which forwards every call, this proxy has a lifecycle of its own that
 * follows the target's: {@code state()} is the proxy's. Thread-safe.
 */
public class ServiceProxy extends Service {
  private final Supplier<? extends Service> supplier;
  private volatile Service target;

  /**
   * A proxy whose target {@code supplier} makes at the first start.
   *
   * @param supplier makes the target
   * @throws NullPointerException if {@code supplier} is null
   */
  public ServiceProxy(Supplier<? extends Service> supplier) {
    this.supplier = Objects.requireNonNull(supplier, "supplier");
  }

  /** For subclasses that override {@link #createTarget()}. */
  protected ServiceProxy() {
    this.supplier = null;
  }

  /**
   * Makes the target; called once, at the first start, on the starting thread. By default asks
   * the supplier given to the constructor.
   *
   * @return the new target
   * @throws IllegalStateException if a subclass neither passed a supplier nor overrode this
   */
  protected Service createTarget() {
    if (supplier == null) {
      throw new IllegalStateException(label() + ": no target supplier; override createTarget()");
    }
    return supplier.get();
  }

  /** {@return the target, or {@code null} before the first start} */
  public final Service target() {
    return target;
  }

  /**
   * Obtains the target and makes it a dependency. A supplier that fails, or returns null or the
   * proxy itself, fails the start (the message names the proxy).
   */
  @Override
  protected final Iterable<? extends Service> onInitDependencies() {
    Service t = createTarget();
    if (t == null) {
      throw new IllegalStateException("The target supplier of " + label() + " returned null");
    }
    target = t;
    return List.of(t);
  }
}
