package mode.jmx;

/**
 * A Worker as JMX clients see it, registered as {@code mode:type=Worker,name=<quoted label>,id=<id>}.
 */
public interface WorkerMXBean {
  /** {@return the worker's label} */
  String getLabel();

  /** {@return the worker's state} */
  String getState();

  /** {@return how many services of its tree are registered as MBeans (the worker included)} */
  int getServiceCount();

  /** {@return this JVM's process id} */
  long getPid();

  /** Asks the worker to stop its services and exit, as SIGTERM does. */
  void requestStop();
}
