package mode.jfr;

import jdk.jfr.Label;
import mode.Service;

/**
 * What the start and stop events share: the service and where it ended up. Timed on the thread
 * that does the work, so a recording's thread view shows which service's start took the time.
 */
public abstract class ServiceDurationEvent extends jdk.jfr.Event {
  /** The service's id, unique in the JVM. */
  @Label("Service Id")
  public long serviceId;

  /** The service's label. */
  @Label("Label")
  public String label;

  /** The service's class. */
  @Label("Service Class")
  public Class<?> serviceClass;

  /** The service's state when the operation ended (RUNNING, SHUTDOWN, CRASHED...). */
  @Label("Outcome")
  public String outcome;

  /** For subclasses. */
  protected ServiceDurationEvent() {}

  /** Ends a timing begun by {@code begin()} of a subclass; {@code null} (not recording) is a no-op. */
  static void end(ServiceDurationEvent event, Service service) {
    if (event == null) {
      return;
    }
    event.end();
    if (event.shouldCommit()) {
      event.serviceId = service.id();
      event.label = service.label();
      event.serviceClass = service.getClass();
      event.outcome = service.state().name();
      event.commit();
    }
  }
}
