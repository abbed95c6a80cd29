package mode.jmx;

/**
 * A Worker as JMX clients see it, registered as {@code mode:type=Worker,name=<quoted label>,id=<id>}.
 */
public interface WorkerMXBean {
  /** The worker's label. */
  String getLabel();

  /** The worker's state. */
  String getState();

  /** How many services of its tree are registered as MBeans (the worker included). */
  int getServiceCount();

  /** This JVM's process id. */
  long getPid();

  /** Asks the worker to stop its services and exit, as SIGTERM does. */
  void requestStop();
}
