package mode.jmx;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationBroadcasterSupport;
import mode.Service;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;

/**
 * The MBean of one service. State and restart count are read from the service; the timings are
 * kept from the events of the registrar's subscription (its dispatch thread is the only writer).
 */
final class ServiceBean extends NotificationBroadcasterSupport implements ServiceMXBean {
  /** What the events told, replaced whole so readers on JMX threads see one consistent value. */
  private record Times(Instant since, Instant runningSince, Duration lastStart, Duration lastStop,
      String lastCrash) {}

  private static final MBeanNotificationInfo STATE_CHANGES = new MBeanNotificationInfo(
      new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
      AttributeChangeNotification.class.getName(), "A state transition of the service");

  private final Service service;
  private final AtomicLong sequence = new AtomicLong();
  private volatile Times times;

  ServiceBean(Service service, ServiceInfo info) {
    super(STATE_CHANGES);
    this.service = service;
    this.times = new Times(info.stateSince(), info.state() == State.RUNNING ? info.startedAt() : null,
        info.startDuration(), info.stopDuration(), info.crashReason());
  }

  Service service() {
    return service;
  }

  /** Keeps the timings of {@code t} and tells the listeners. Dispatch thread only. */
  void transition(ServiceEvent.Transition t, Object source) {
    Times before = times;
    Duration took = Duration.between(before.since(), t.at());
    times = new Times(t.at(),
        t.to() == State.RUNNING ? t.at() : null,
        t.from() == State.STARTING && t.to() == State.RUNNING ? took : before.lastStart(),
        t.from() == State.STOPPING && t.to() == State.SHUTDOWN ? took : before.lastStop(),
        t.crashReason() != null ? t.crashReason() : before.lastCrash());
    sendNotification(new AttributeChangeNotification(source, sequence.incrementAndGet(),
        t.at().toEpochMilli(), service.label() + ": " + t.from() + " -> " + t.to(), "State",
        "java.lang.String", t.from().name(), t.to().name()));
  }

  @Override
  public long getId() {
    return service.id();
  }

  @Override
  public String getLabel() {
    return service.label();
  }

  @Override
  public String getServiceClass() {
    return service.getClass().getName();
  }

  @Override
  public String getState() {
    return service.state().name();
  }

  @Override
  public int getRestartCount() {
    return service.restartCount();
  }

  @Override
  public double getUptimeSeconds() {
    Instant since = times.runningSince();
    return since == null ? 0 : Duration.between(since, Instant.now()).toNanos() / 1e9;
  }

  @Override
  public double getLastStartMillis() {
    return millis(times.lastStart());
  }

  @Override
  public double getLastStopMillis() {
    return millis(times.lastStop());
  }

  private static double millis(Duration d) {
    return d == null ? -1 : d.toNanos() / 1e6;
  }

  @Override
  public String getLastCrashReason() {
    String reason = times.lastCrash();
    return reason == null ? "" : reason;
  }

  @Override
  public void start() {
    run(service::start);
  }

  @Override
  public void stop() {
    run(service::stop);
  }

  @Override
  public void restart() {
    run(service::restart);
  }

  /** Runs an operation; a failure reaches the client as a JDK exception with the message. */
  private static void run(Runnable operation) {
    try {
      operation.run();
    } catch (RuntimeException e) {
      throw new IllegalStateException(e.getMessage());
    }
  }
}
