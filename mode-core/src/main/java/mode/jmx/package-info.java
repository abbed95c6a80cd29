/**
 * mode in JMX: a Worker and each of its services as MBeans ({@code mode:type=Worker,...} and
 * {@code mode:type=Service,name=<label>,id=<id>}), with attributes, start/stop/restart operations
 * and a notification for every transition, so JConsole, VisualVM and any JMX client see a worker's
 * services. Registration follows services added and removed at run time.
 */
package mode.jmx;
