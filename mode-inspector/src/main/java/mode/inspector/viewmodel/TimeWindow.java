package mode.inspector.viewmodel;

import java.time.Duration;
import java.time.Instant;

/**
 * The stretch of time the swimlanes show, and how zooming and scrolling move it within the
 * session's time ({@code [first, last]}). A window that ends at the session's last moment
 * follows it as the session goes on.
 *
 * <p>Immutable; any thread.
 *
 * @param from the window's start
 * @param to the window's end (after {@code from})
 */
public record TimeWindow(Instant from, Instant to) {
  /** The narrowest window: ten milliseconds. */
  public static final long MIN_MILLIS = 10;

  /** The window's length in milliseconds. */
  public long millis() {
    return Math.max(1, Duration.between(from, to).toMillis());
  }

  /** The moment at {@code fraction} (0 to 1) of the window. */
  public Instant at(double fraction) {
    return from.plusMillis(Math.round(millis() * fraction));
  }

  /** Where {@code moment} lies in the window: 0 at its start, 1 at its end (beyond: outside 0..1). */
  public double fraction(Instant moment) {
    return Duration.between(from, moment).toMillis() / (double) millis();
  }

  /**
   * This window zoomed by {@code factor} (above 1: in, showing less time) around the moment at
   * {@code anchor} (0 to 1 of the window), which stays where it is; no narrower than
   * {@link #MIN_MILLIS} and no wider than {@code [first, last]}.
   */
  public TimeWindow zoom(double factor, double anchor, Instant first, Instant last) {
    long length = Math.max(MIN_MILLIS, Math.round(millis() / factor));
    Instant pivot = at(anchor);
    Instant start = pivot.minusMillis(Math.round(length * anchor));
    return new TimeWindow(start, start.plusMillis(length)).within(first, last);
  }

  /** This window moved by {@code fraction} of its length (negative: earlier), within {@code [first, last]}. */
  public TimeWindow scroll(double fraction, Instant first, Instant last) {
    long by = Math.round(millis() * fraction);
    return new TimeWindow(from.plusMillis(by), to.plusMillis(by)).within(first, last);
  }

  /**
   * This window moved (not resized) to lie within {@code [first, last]}; the whole of it when it
   * is wider.
   */
  public TimeWindow within(Instant first, Instant last) {
    long length = millis();
    long all = Math.max(1, Duration.between(first, last).toMillis());
    if (length >= all) {
      return new TimeWindow(first, last);
    }
    if (from.isBefore(first)) {
      return new TimeWindow(first, first.plusMillis(length));
    }
    if (to.isAfter(last)) {
      return new TimeWindow(last.minusMillis(length), last);
    }
    return this;
  }

  /** Whether the window reaches the session's last moment (and so follows it). */
  public boolean followsEnd(Instant last) {
    return !to.isBefore(last);
  }
}
