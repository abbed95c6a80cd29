/**
 * Time for timers and crontabs, injected so schedules are tested with a fake clock: {@link
 * mode.timers.TimeSource}, the drift-corrected {@link mode.timers.TimerSchedule}, {@link
 * mode.timers.CronSchedule} (UNIX cron in a time zone) and the {@link mode.timers.TimerLoop}s that
 * run them, woken early by a {@link mode.timers.StopSignal}. Not exported.
 */
package mode.timers;
