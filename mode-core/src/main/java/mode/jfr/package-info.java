/**
 * mode in JDK Flight Recorder: service transitions, start and stop durations, blocking reports,
 * timer overruns and the service tree as JFR events in the category "mode".
 *
 * <p>Every event here costs nothing while no recording runs: start and stop are timed by the
 * lifecycle through one check (the event's {@code isEnabled()}), and the other events come from a
 * subscriber to {@link mode.events.ServiceEvents} that exists only while a recording runs. A
 * {@link mode.Worker} watches its tree by itself; an application that runs services without the
 * Worker calls {@link ModeFlightRecorder#watch(mode.Service)}.
 *
 * <p>Read a recording with {@code jfr print --events 'mode.*' run.jfr} or {@link
 * jdk.jfr.consumer.RecordingFile}.
 */
package mode.jfr;
