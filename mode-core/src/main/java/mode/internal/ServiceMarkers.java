package mode.internal;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mode.Service;
import org.slf4j.Marker;

/**
 * Tags the log lines of a service with the service, so that a log appender can tell which
 * service wrote a line (see {@link LogEvents}).
 *
 * <p>Every line written through {@code Service.log()} carries an SLF4J marker named {@code
 * mode.service=<id>} that also holds the service itself. Thread-safe.
 */
public final class ServiceMarkers {
  /** The prefix of the marker name; the service id follows. */
  public static final String PREFIX = "mode.service=";

  private ServiceMarkers() {}

  /** A new marker for {@code service}. */
  public static Marker of(Service service) {
    return new ServiceMarker(service);
  }

  /** The service whose marker is among {@code markers}, or {@code null}. */
  public static Service service(List<Marker> markers) {
    if (markers != null) {
      for (Marker m : markers) {
        if (m instanceof ServiceMarker sm) {
          return sm.service;
        }
      }
    }
    return null;
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

  /** A detached marker that knows its service. */
  private static final class ServiceMarker implements Marker {
    private static final long serialVersionUID = 1L;
    /** Made at the first {@link #getName()} (most services never log a line); racy but benign. */
    private String name;
    private final transient Service service;
    /** Null until the first {@link #add}; guarded by this marker for the creation. */
    private volatile List<Marker> references;

    ServiceMarker(Service service) {
      this.service = service;
    }

    @Override
    public String getName() {
      String n = name;
      if (n == null) {
        n = PREFIX + service.id(); // a String is immutable: a racing reader may make its own
        name = n;
      }
      return n;
    }

    /** Makes the name before the fields are written: the service does not travel along. */
    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
      getName();
      out.defaultWriteObject();
    }

    /** The references, empty if none was ever added. */
    private List<Marker> references() {
      List<Marker> r = references;
      return r == null ? List.of() : r;
    }

    @Override
    public void add(Marker reference) {
      if (reference != null && reference != this && !references().contains(reference)) {
        List<Marker> r = references;
        if (r == null) {
          synchronized (this) {
            r = references;
            if (r == null) {
              r = new CopyOnWriteArrayList<>();
              references = r;
            }
          }
        }
        r.add(reference);
      }
    }

    @Override
    public boolean remove(Marker reference) {
      return references().remove(reference);
    }

    @Override
    @Deprecated
    public boolean hasChildren() {
      return hasReferences();
    }

    @Override
    public boolean hasReferences() {
      return !references().isEmpty();
    }

    @Override
    public Iterator<Marker> iterator() {
      return references().iterator();
    }

    @Override
    public boolean contains(Marker other) {
      if (other == this) {
        return true;
      }
      for (Marker r : references()) {
        if (r.contains(other)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean contains(String other) {
      if (getName().equals(other)) {
        return true;
      }
      for (Marker r : references()) {
        if (r.contains(other)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return getName();
    }
  }
}
