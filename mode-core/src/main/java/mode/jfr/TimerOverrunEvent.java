package mode.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import mode.Service;

/** A timer callback of a service took longer than its interval ({@code mode.TimerOverrun}). */
@Name("mode.TimerOverrun")
@Label("Timer Overrun")
@Category("mode")
@Description("A timer of a mode service overran its interval")
@StackTrace(false)
public final class TimerOverrunEvent extends jdk.jfr.Event {
  /** The service's id. */
  @Label("Service Id")
  public long serviceId;

  /** The service's label. */
  @Label("Label")
  public String label;

  /** The timer's method name. */
  @Label("Timer")
  public String timer;

  /** Completed runs so far. */
  @Label("Runs")
  public long runs;

  /** Overruns so far, this one included. */
  @Label("Overruns")
  public long overruns;

  /** An event to fill and commit. */
  public TimerOverrunEvent() {}

  /**
   * Commits an overrun if a recording takes this event; one check otherwise. Called by the
   * service's timer runner right after the run that overran.
   *
   * @param service the service whose timer overran
   * @param timer the timer's method name
   * @param runs completed runs so far
   * @param overruns overruns so far, this one included
   */
  public static void record(Service service, String timer, long runs, long overruns) {
    TimerOverrunEvent e = new TimerOverrunEvent();
    if (!e.shouldCommit()) {
      return;
    }
    e.serviceId = service.id();
    e.label = service.label();
    e.timer = timer;
    e.runs = runs;
    e.overruns = overruns;
    e.commit();
  }
}
