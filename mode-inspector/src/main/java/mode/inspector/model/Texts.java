package mode.inspector.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the inspector writes times, durations and services whose label it does not know: one
 * place, so that the graph, details, timeline, log, replay bar and status bar agree.
 *
 * <p>Stateless; any thread.
 */
public final class Texts {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private Texts() {}

  /** A moment to the millisecond, in the local zone: {@code 13:47:29.120}. */
  public static String time(Instant at) {
    return at == null ? "–" : TIME.format(at);
  }

  /** A moment to the second, in the local zone: {@code 13:47:29}. */
  public static String clock(Instant at) {
    return at == null ? "–" : CLOCK.format(at);
  }

  /** A service the inspector has no label for (gone, or not yet in a snapshot). */
  public static String unknownService(long id) {
    return "service " + id;
  }

  /** Formats a duration for people: {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 2 h 03 min}. */
  public static String human(Duration d) {
    if (d == null) {
      return "–";
    }
    long ms = Math.max(0, d.toMillis());
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }

  /** A short age, for markers: {@code 3 s}, {@code 4 min}, {@code 2 h}. */
  public static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min" : s / 3600 + " h";
  }
}
