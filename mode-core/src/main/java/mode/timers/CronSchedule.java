package mode.timers;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A UNIX cron expression (five fields: minute, hour, day of month, month, day of week) evaluated
 * in a time zone, as mode's {@code @Service.crontab(cron_format, timezone=...)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CronSchedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime executionTime;

  private CronSchedule(String expression, ZoneId zone, Cron cron) {
    this.expression = expression;
    this.zone = zone;
    this.executionTime = ExecutionTime.forCron(cron);
  }

  /**
   * Parses {@code expression} for the time zone {@code zoneId} (e.g. {@code "UTC"}, {@code
   * "Europe/Oslo"}).
   *
   * @throws IllegalArgumentException naming the expression or the zone when either is invalid
   */
  public static CronSchedule parse(String expression, String zoneId) {
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneId);
    } catch (DateTimeException | NullPointerException e) {
      throw new IllegalArgumentException("invalid time zone \"" + zoneId + "\": " + e.getMessage(), e);
    }
    try {
      Cron cron = PARSER.parse(expression);
      cron.validate();
      return new CronSchedule(expression, zone, cron);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "invalid cron expression \"" + expression + "\": " + e.getMessage(), e);
    }
  }

  /** The first execution strictly after {@code after}. */
  public Instant next(Instant after) {
    ZonedDateTime from = after.atZone(zone);
    return executionTime
        .nextExecution(from)
        .map(ZonedDateTime::toInstant)
        .orElseThrow(() -> new IllegalStateException(
            "cron expression \"" + expression + "\" has no execution after " + from));
  }

  /** The expression as given. */
  public String expression() {
    return expression;
  }

  /** The time zone the expression is evaluated in. */
  public ZoneId zone() {
    return zone;
  }

  @Override
  public String toString() {
    return expression + " (" + zone + ")";
  }
}
