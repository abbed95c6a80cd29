/**
 * mode in JDK Flight Recorder: service transitions, start and stop durations, blocking reports,
 * timer overruns and the service tree as JFR events in the category "mode".
 *
 * <p>Every event here costs one check while no recording takes it: the runtime commits each on
 * the thread that does the work (a transition right after the move, a start or stop around it,
 * a blocking report from the detector, an overrun after the run), for every service. The tree
 * itself is written at every chunk for the trees that are watched: a {@link mode.Worker} watches
 * its own; an application that runs services without the Worker calls {@link
 * ModeFlightRecorder#watch(mode.Service)}.
 *
 * <p>Read a recording with {@code jfr print --events 'mode.*' run.jfr} or {@link
 * jdk.jfr.consumer.RecordingFile}.
 */
package mode.jfr;
