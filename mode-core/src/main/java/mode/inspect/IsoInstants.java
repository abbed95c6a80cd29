package mode.inspect;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The protocol's instants as text, fast: every line carries two ({@code ts} and the event's
 * {@code at}), and {@link java.time.format.DateTimeFormatter} is the most expensive part of a
 * line. The text is exactly {@link Instant#toString()}'s and the parsed value exactly {@link
 * Instant#parse}'s: the common form {@code 2026-11-28T05:12:15.084Z} (years 0000 to 9999, no or
 * 1 to 9 fraction digits) is handled here, every other form by the JDK. Pure and thread-safe.
 */
final class IsoInstants {

  private static final long SECONDS_PER_DAY = 86_400;
  /** Epoch seconds of 0000-01-01T00:00:00Z and of 10000-01-01T00:00:00Z: the four-digit years. */
  private static final long MIN_FAST_SECOND = -62_167_219_200L;
  private static final long MAX_FAST_SECOND = 253_402_300_800L;
  /** {@code yyyy-MM-ddTHH:mm:ssZ}, the shortest common form. */
  private static final int BASE_LENGTH = 20;
  /** With nine fraction digits and their dot. */
  static final int MAX_LENGTH = BASE_LENGTH + 10;

  private IsoInstants() {}

  /**
   * The instant {@code text} denotes, as {@link Instant#parse}.
   *
   * @throws DateTimeException if the text is not an ISO-8601 instant
   */
  static Instant parse(String text) {
    Instant fast = parseCommon(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /**
   * The instant of the common form {@code yyyy-MM-ddTHH:mm:ss[.f...]Z}, or {@code null} when
   * {@code text} has another form (valid or not) and the JDK must decide.
   */
  static Instant parseCommon(String text) {
    int length = text.length();
    return length < BASE_LENGTH || length > MAX_LENGTH ? null : parseCommon(text.toCharArray(), 0, length);
  }

  /**
   * As {@link #parseCommon(String)}, for the text in {@code chars} from {@code offset}: a parser
   * hands over a string value so, without building a {@code String}.
   */
  static Instant parseCommon(char[] chars, int offset, int length) {
    if (length < BASE_LENGTH || length > MAX_LENGTH || length == BASE_LENGTH + 1
        || chars[offset + 4] != '-' || chars[offset + 7] != '-' || chars[offset + 10] != 'T'
        || chars[offset + 13] != ':' || chars[offset + 16] != ':' || chars[offset + length - 1] != 'Z') {
      return null;
    }
    int year = digits(chars, offset, 4);
    int month = digits(chars, offset + 5, 2);
    int day = digits(chars, offset + 8, 2);
    int hour = digits(chars, offset + 11, 2);
    int minute = digits(chars, offset + 14, 2);
    int second = digits(chars, offset + 17, 2);
    int nanos = fraction(chars, offset, length);
    if ((year | month | day | hour | minute | second | nanos) < 0
        || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
      return null; // not digits, or out of range (a leap second, 24:00): the JDK's rules apply
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException noSuchDay) {
      return null; // e.g. February 30: let the JDK report it
    }
    return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The value of {@code count} decimal digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(char[] chars, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int digit = chars[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** The nanoseconds of the optional {@code .f...} before the final {@code Z}, or -1. */
  private static int fraction(char[] chars, int offset, int length) {
    if (length == BASE_LENGTH) {
      return 0;
    }
    if (chars[offset + BASE_LENGTH - 1] != '.') {
      return -1;
    }
    int count = length - BASE_LENGTH - 1;
    int value = digits(chars, offset + BASE_LENGTH, count);
    for (int i = count; i < 9 && value >= 0; i++) {
      value *= 10;
    }
    return value;
  }

  /**
   * Writes {@link Instant#toString()} of {@code instant} into {@code out} at {@code offset}
   * (which has room for {@link #MAX_LENGTH} chars) and returns the number of chars written, or
   * -1 when the year has not four digits (then the caller uses {@code toString()}).
   */
  static int format(Instant instant, char[] out, int offset) {
    long seconds = instant.getEpochSecond();
    if (seconds < MIN_FAST_SECOND || seconds >= MAX_FAST_SECOND) {
      return -1;
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    int at = offset;
    at = put(out, at, date.getYear(), 4, '-');
    at = put(out, at, date.getMonthValue(), 2, '-');
    at = put(out, at, date.getDayOfMonth(), 2, 'T');
    at = put(out, at, secondOfDay / 3600, 2, ':');
    at = put(out, at, secondOfDay / 60 % 60, 2, ':');
    at = put(out, at, secondOfDay % 60, 2, '.');
    int nanos = instant.getNano();
    if (nanos == 0) {
      at--; // no fraction: the dot goes
    } else if (nanos % 1_000_000 == 0) {
      at = put(out, at, nanos / 1_000_000, 3, 'Z') - 1;
    } else if (nanos % 1000 == 0) {
      at = put(out, at, nanos / 1000, 6, 'Z') - 1;
    } else {
      at = put(out, at, nanos, 9, 'Z') - 1;
    }
    out[at++] = 'Z';
    return at - offset;
  }

  /** Writes {@code value} as {@code width} digits, then {@code after}; returns the next index. */
  private static int put(char[] out, int at, int value, int width, char after) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    out[at + width] = after;
    return at + width + 1;
  }
}
