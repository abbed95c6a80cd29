package mode.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mode.Service;
import mode.events.ServiceEvent;

/**
 * Why the lifecycle operation running on this thread was asked for: an inspect client's command,
 * a supervisor's reaction to a crash, the Worker's own start or stop. The caller wraps the
 * lifecycle call in {@link #call}; every move the call makes on this thread (a lifecycle
 * operation carries out its dependencies' moves on its own thread) is then told with that cause
 * when its {@code Transition} event is built (see {@link ServiceEvent.Transition} for the
 * vocabulary).
 *
 * <p>Cheap when nobody asks: while no scope is open anywhere (the usual case, and always for code
 * that calls {@code start()} itself), a move reads one counter and no thread local. Thread-safe.
 */
public final class TransitionCauses {
  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
  /** Scopes open on any thread; zero lets a move skip the thread local. */
  private static final AtomicInteger OPEN = new AtomicInteger();

  /** The codes a packed transition carries its cause in ({@link #code}, {@link #name}). */
  private static final String[] NAMES = {
    null,
    ServiceEvent.Transition.OPERATOR,
    ServiceEvent.Transition.SUPERVISOR,
    ServiceEvent.Transition.PARENT,
    ServiceEvent.Transition.WORKER,
    ServiceEvent.Transition.CRASH,
  };

  private TransitionCauses() {}

  /**
   * One open scope.
   *
   * @param cause the cause of the moves of {@code target}
   * @param by who asked, or {@code null}
   * @param target the service the call is for: its moves have {@code cause}, the moves of the
   *     services below it {@code parent}; {@code null} gives every move {@code cause}
   */
  record Scope(String cause, String by, Service target) {
    /** Whether the moves of {@code service} have this scope's own cause (else {@code parent}). */
    boolean aimsAt(Service service) {
      return target == null || target == service;
    }
  }

  /**
   * Runs {@code body} with moves made on this thread caused by {@code cause}; restores the scope
   * that was open before (if any) when it returns or throws.
   *
   * @param <T> the body's result type
   * @param cause one of the causes of {@link ServiceEvent.Transition}
   * @param by who asked (a client, a supervisor's label, a signal), or {@code null}
   * @param target the service the call is for (its dependencies' moves are then {@code parent}),
   *     or {@code null} when the cause holds for every move
   * @param body the lifecycle call
   * @return what {@code body} returned
   */
  public static <T> T call(String cause, String by, Service target, Supplier<T> body) {
    Scope previous = CURRENT.get();
    CURRENT.set(new Scope(cause, by, target));
    OPEN.incrementAndGet();
    try {
      return body.get();
    } finally {
      OPEN.decrementAndGet();
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /**
   * As {@link #call} for a body without a result.
   *
   * @param cause one of the causes of {@link ServiceEvent.Transition}
   * @param by who asked, or {@code null}
   * @param target the service the call is for, or {@code null}
   * @param body the lifecycle call
   */
  public static void run(String cause, String by, Service target, Runnable body) {
    call(cause, by, target, () -> {
      body.run();
      return null;
    });
  }

  /**
   * The scope open on this thread, or {@code null}; called under the hub lock for every observed
   * move, so it reads only a counter while no scope is open anywhere.
   */
  static Scope current() {
    return OPEN.get() == 0 ? null : CURRENT.get();
  }

  /** The code of {@code cause} for a packed transition (0 for none). */
  static int code(String cause) {
    for (int i = 1; i < NAMES.length; i++) {
      if (NAMES[i] == cause) { // the constants above: causeOf returns only them
        return i;
      }
    }
    return 0;
  }

  /** The cause of {@code code}. */
  static String name(int code) {
    return code < NAMES.length ? NAMES[code] : null;
  }
}
