package mode.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Installs handlers for POSIX signals ({@code INT}, {@code TERM}, {@code USR1}, …) through {@code
 * sun.misc.Signal}, the usual way for a JVM program (the API is internal but exported by {@code
 * jdk.unsupported}), and puts the previous handlers back on {@link #close()}.
 *
 * <p>A handler receives the signal's name with the {@code SIG} prefix (e.g. {@code SIGTERM}) and
 * its number, and runs on the JVM's signal dispatcher thread, so it must return quickly: hand
 * real work to another thread. A signal that was ignored when the JVM started stays ignored
 * (the JVM's rule for INT, TERM and HUP); that is logged as a warning. A signal the platform does not offer (e.g. {@code USR1} on
 * Windows, or under {@code -Xrs}) is logged at debug level and skipped.
 */
public final class SignalHandlers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SignalHandlers.class);

  /** Receives a signal. */
  @FunctionalInterface
  public interface Handler {
    /** Called on the signal dispatcher thread with e.g. {@code "SIGTERM"} and 15. */
    void onSignal(String name, int number);
  }

  private record Installed(Signal signal, SignalHandler previous) {}

  private final List<Installed> installed = new ArrayList<>();

  private SignalHandlers() {}

  /** Installs {@code handler} for each of {@code names} (without the {@code SIG} prefix). */
  public static SignalHandlers install(Handler handler, String... names) {
    SignalHandlers handlers = new SignalHandlers();
    for (String name : names) {
      handlers.add(name, s -> handler.onSignal("SIG" + s.getName(), s.getNumber()));
    }
    return handlers;
  }

  private void add(String name, Consumer<Signal> action) {
    try {
      Signal signal = new Signal(name);
      SignalHandler previous = Signal.handle(signal, action::accept);
      installed.add(new Installed(signal, previous));
      if (previous == SignalHandler.SIG_IGN) {
        // The JVM keeps a signal that was ignored when it started (nohup, a background job of a
        // non-interactive shell) ignored, so our handler will never run: say so.
        LOG.warn("SIG{} is ignored by this process (started under nohup or in the background?),"
            + " so it cannot reach the worker", name);
      }
    } catch (IllegalArgumentException e) {
      LOG.debug("Signal {} cannot be handled here: {}", name, e.getMessage());
    }
  }

  /** Restores the handlers that were installed before. */
  @Override
  public void close() {
    for (Installed i : installed.reversed()) {
      try {
        Signal.handle(i.signal(), i.previous());
      } catch (IllegalArgumentException e) {
        LOG.debug("Cannot restore the handler of {}: {}", i.signal().getName(), e.getMessage());
      }
    }
    installed.clear();
  }
}
