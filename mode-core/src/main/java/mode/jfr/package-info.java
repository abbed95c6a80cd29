/**
 * mode in JDK Flight Recorder: service transitions, start and stop durations, blocking reports,
 * timer overruns and the service tree as JFR events in the category "mode".
 *
 * <p>Every event here costs one check while no recording takes it. While one does, the runtime
 * commits starts and stops (around the work), blocking reports (from the detector) and overruns
 * (after the run) on the thread that does the work; a transition is written into a log by the
 * thread that moves the service and committed a moment later by a writer thread of its own
 * ({@link ServiceTransitionEvent}), for every service. The tree
 * itself is written at every chunk for the trees that are watched: a {@link mode.Worker} watches
 * its own; an application that runs services without the Worker calls {@link
 * ModeFlightRecorder#watch(mode.Service)}.
 *
 * <p>Read a recording with {@code jfr print --events 'mode.*' run.jfr} or {@link
 * jdk.jfr.consumer.RecordingFile}.
 */
package mode.jfr;
