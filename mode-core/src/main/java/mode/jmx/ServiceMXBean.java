package mode.jmx;

/**
 * One service as JConsole and other JMX clients see it: open types only, so a client needs no
 * mode classes. Registered as {@code mode:type=Service,name=<quoted label>,id=<id>}.
 *
 * <p>Each state change is sent as an {@link javax.management.AttributeChangeNotification} of the
 * attribute {@code State}. Operations block until done; a failure reaches the client as an
 * {@link IllegalStateException} with the service's message (never a mode class).
 */
public interface ServiceMXBean {
  /** {@return the service's id, unique in the JVM} */
  long getId();

  /** {@return the service's label} */
  String getLabel();

  /** {@return the fully qualified class name} */
  String getServiceClass();

  /** {@return the state: INIT, STARTING, RUNNING, STOPPING, SHUTDOWN or CRASHED} */
  String getState();

  /** {@return how many times it was restarted} */
  int getRestartCount();

  /** {@return seconds since it last entered RUNNING, while it runs; else 0} */
  double getUptimeSeconds();

  /**
   * {@return how long its last start took (STARTING to RUNNING), in ms, or -1 if it never started}
   */
  double getLastStartMillis();

  /**
   * {@return how long its last stop took (STOPPING to SHUTDOWN), in ms, or -1 if it never stopped}
   */
  double getLastStopMillis();

  /** {@return the last crash reason ({@code toString()} of the exception), or an empty string} */
  String getLastCrashReason();

  /** Starts the service (it must be INIT). */
  void start();

  /** Stops the service. */
  void stop();

  /** Restarts the service: stop, reset, start. */
  void restart();
}
