package mode.jfr;

import java.time.Duration;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import mode.Service;

/**
 * The Worker's blocking detector saw a hook, task step or timer callback run longer than the
 * blocking timeout ({@code mode.Blocking}).
 */
@Name("mode.Blocking")
@Label("Blocking Detected")
@Category("mode")
@Description("A hook, task step or timer callback of a mode service ran longer than the blocking timeout")
@StackTrace(false)
public final class BlockingEvent extends jdk.jfr.Event {
  /** The service's id. */
  @Label("Service Id")
  public long serviceId;

  /** The service's label. */
  @Label("Label")
  public String label;

  /** What was running, e.g. {@code onStart}, {@code task run} or {@code timer tick}. */
  @Label("Activity")
  public String activity;

  /** How long it had been running when it was reported. */
  @Label("Elapsed")
  @Timespan(Timespan.NANOSECONDS)
  public long elapsed;

  /** The blocked thread's stack as text. */
  @Label("Stack")
  public String stack;

  /** An event to fill and commit. */
  public BlockingEvent() {}

  /**
   * Commits a blocking report if a recording takes this event; one check otherwise. Called by the
   * Worker's blocking detector as it reports.
   *
   * @param service the service whose code blocks
   * @param activity what was running
   * @param elapsed how long it had been running
   * @param stack the blocked thread's stack as text
   */
  public static void record(Service service, String activity, Duration elapsed, String stack) {
    BlockingEvent e = new BlockingEvent();
    if (!e.shouldCommit()) {
      return;
    }
    e.serviceId = service.id();
    e.label = service.label();
    e.activity = activity;
    e.elapsed = elapsed.toNanos();
    e.stack = stack;
    e.commit();
  }
}
