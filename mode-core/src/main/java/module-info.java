/**
 * mode for Java: services with a lifecycle, dependencies, background tasks, timers,
 * supervisors, a Worker, and the inspect agent.
 */
module mode.core {
  requires transitive org.slf4j;
  // Optional: used only when logback is the SLF4J backend (an application may bring another).
  requires static ch.qos.logback.classic;
  requires static ch.qos.logback.core;
  requires transitive org.jgrapht.core;
  requires org.jgrapht.io;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.cronutils;
  requires jdk.unsupported;
  requires jdk.management;
  requires transitive java.management; // mode.jmx names MBeanServer and ObjectName
  requires transitive jdk.jfr; // mode.jfr events extend jdk.jfr.Event

  exports mode;
  exports mode.events;
  exports mode.graph;
  exports mode.logging;
  exports mode.queues;
  exports mode.ratelimit;
  exports mode.signals;
  exports mode.supervisors;
  exports mode.inspect;
  exports mode.jfr;
  exports mode.jmx;

  uses mode.worker.WorkerExtension;
  provides mode.worker.WorkerExtension with
      mode.worker.InspectExtension,
      mode.worker.FlightRecorderExtension,
      mode.worker.JmxExtension;

  // The inspect codec binds event and message records with Jackson.
  opens mode.events to com.fasterxml.jackson.databind;
  opens mode.inspect to com.fasterxml.jackson.databind;
  // The mode-inspect command line is wired by picocli's reflection.
  opens mode.inspect.cli to info.picocli;
}
