package mode;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import mode.events.ServiceEvent;
import mode.internal.EventHub;

/**
 * Diagnostic flags of one service (mode's {@code service.diag}): named markers that service code
 * sets while it is in some phase of its work ({@code FLUSHING}, {@code REBALANCING}), so that a
 * hang can be read off a dump. The set flags, each with the time it was set, appear in the
 * service's {@code ServiceInfo} (inspector details panel, {@code USR1} dumps); each change is a
 * {@link ServiceEvent.FlagChanged} event.
 *
 * <pre>{@code
 * try (var flushing = diag().transitionsTo("FLUSHING")) {
 *   flushAll();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Reads are lock-free; a change takes the event lock briefly so that subscribers
 * see it in order with the service's other events. Setting a set flag again refreshes its time;
 * clearing a flag that is not set only records the time of the change.
 */
public final class Diag {
  private final Service service;
  /**
   * The set flags and the last change of every flag; both null until the first change (most
   * services never set a flag), then made together, under the event lock, and never replaced.
   */
  private volatile Map<String, Instant> set;
  private volatile Map<String, Instant> lastChange;

  Diag(Service service) {
    this.service = service;
  }

  /**
   * Sets {@code flag} (mode's {@code set_flag}).
   *
   * @param flag the flag's name
   * @throws IllegalArgumentException if {@code flag} is blank
   */
  public void set(String flag) {
    change(flag, true);
  }

  /**
   * Clears {@code flag} (mode's {@code unset_flag}).
   *
   * @param flag the flag's name
   */
  public void clear(String flag) {
    change(flag, false);
  }

  /**
   * Sets {@code flag} until the returned handle is closed (mode's {@code transitions_to} and
   * {@code transition_with}): use it in a try-with-resources block.
   *
   * @param flag the flag's name
   * @return the handle whose {@code close()} clears the flag
   */
  public Transition transitionsTo(String flag) {
    set(flag);
    return () -> clear(flag);
  }

  /**
   * {@return whether {@code flag} is set}
   *
   * @param flag the flag's name
   */
  public boolean isSet(String flag) {
    Map<String, Instant> s = set;
    return s != null && s.containsKey(Objects.requireNonNull(flag, "flag"));
  }

  /** {@return the set flags, by name, each with the time it was set} */
  public Map<String, Instant> flags() {
    Map<String, Instant> s = set;
    return s == null || s.isEmpty() ? Map.of() : new TreeMap<>(s);
  }

  /** {@return every flag ever changed, by name, with the time of its last set or clear} */
  public Map<String, Instant> lastChanges() {
    Map<String, Instant> l = lastChange;
    return l == null ? new TreeMap<>() : new TreeMap<>(l);
  }

  private void change(String flag, boolean on) {
    Objects.requireNonNull(flag, "flag");
    if (flag.isBlank()) {
      throw new IllegalArgumentException(service.label() + ": a diagnostic flag needs a name");
    }
    EventHub.lock();
    try {
      Instant now = Instant.now();
      if (set == null) {
        // lastChange first: a reader that sees set made sees lastChange made too.
        lastChange = new ConcurrentHashMap<>();
        set = new ConcurrentHashMap<>();
      }
      Map<String, Instant> set = this.set;
      Map<String, Instant> lastChange = this.lastChange;
      if (on) {
        set.put(flag, now);
      } else {
        set.remove(flag);
      }
      lastChange.put(flag, now);
      if (EventHub.observedLocked()) {
        EventHub.emitLocked(service, new ServiceEvent.FlagChanged(now, service.id(), flag, on));
      }
    } finally {
      EventHub.unlock();
    }
  }

  /** A flag set by {@link #transitionsTo}; closing it clears the flag. */
  @FunctionalInterface
  public interface Transition extends AutoCloseable {
    /** Clears the flag. */
    @Override
    void close();
  }
}
