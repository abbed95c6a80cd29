package mode.internal;

import java.util.List;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Tags the log lines of a service with its id, so that a log appender (the Worker's) can tell
 * which service wrote a line and publish a {@code Log} event for it.
 *
 * <p>Every line written through {@code Service.log()} carries a detached SLF4J marker named
 * {@code mode.service=<id>}. Thread-safe.
 */
public final class ServiceMarkers {
  /** The prefix of the marker name; the service id follows. */
  public static final String PREFIX = "mode.service=";

  private ServiceMarkers() {}

  /** A new marker for the service with id {@code serviceId}. */
  public static Marker of(long serviceId) {
    return MarkerFactory.getDetachedMarker(PREFIX + serviceId);
  }

  /**
   * The service id carried by one of {@code markers} (e.g. logback's {@code
   * ILoggingEvent.getMarkerList()}), or {@code null} if none carries one.
   */
  public static Long serviceId(List<Marker> markers) {
    if (markers == null) {
      return null;
    }
    for (Marker m : markers) {
      String name = m.getName();
      if (name.startsWith(PREFIX)) {
        try {
          return Long.parseLong(name, PREFIX.length(), name.length(), 10);
        } catch (NumberFormatException ignored) {
          // not one of ours after all
        }
      }
    }
    return null;
  }
}
