package mode.inspector.viewmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import mode.State;
import mode.inspector.model.Texts;
import mode.inspector.model.TransitionRecord;

/**
 * The timeline as swimlanes: for each service, the spans of time it spent in each state and its
 * crashes, within a window of time; the ticks of the time axis below them; and the transitions
 * before and after a moment (for the replay's step buttons). Pure functions of the transition
 * history, so they are tested without a toolkit.
 *
 * <p>The history is read oldest first and is expected in time order (the worker's clock, as
 * received); a record that goes back in time is taken as happening at its predecessor's time.
 *
 * <p>Stateless; any thread (the lists passed in must not change during a call).
 */
public final class Swimlanes {
  /** The steps between ticks of the time axis, in milliseconds, smallest first. */
  private static final long[] TICK_STEPS = {
      1, 2, 5, 10, 20, 50, 100, 200, 500,
      1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
      60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
      3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};

  private Swimlanes() {}

  /**
   * A stretch of time a service spent in one state.
   *
   * @param start when it began (or the window's start, if earlier)
   * @param end when it ended (or the window's end, if later)
   * @param state the state
   * @param entered when the service entered the state, {@code null} when that is before the
   *     history kept (replaying to this moment shows the span)
   */
  public record Span(Instant start, Instant end, State state, Instant entered) {}

  /**
   * A move into CRASHED.
   *
   * @param at when
   * @param reason the crash reason (may be {@code null})
   * @param restartCount the restart count after the move
   */
  public record Crash(Instant at, String reason, int restartCount) {}

  /**
   * One service's lane.
   *
   * @param serviceId the service
   * @param spans its states in the window, in time order, covering the window from the moment
   *     its state is known
   * @param crashes its crashes in the window, in time order
   */
  public record Lane(long serviceId, List<Span> spans, List<Crash> crashes) {}

  /**
   * A tick of the time axis.
   *
   * @param at its moment
   * @param label its text: {@link Texts#clock} when ticks are a second or more apart, else
   *     {@link Texts#time}
   */
  public record Tick(Instant at, String label) {}

  /**
   * The lanes of the services {@code ids}, in that order, over the window {@code [from, to]}.
   * A service's state before its first transition in the history is that transition's
   * {@code from}; a service with no transition at all is in {@code current} the whole window
   * ({@code current} may answer {@code null}: a service whose state is unknown gets no spans).
   */
  public static List<Lane> lanes(
      List<TransitionRecord> history, List<Long> ids, LongFunction<State> current, Instant from, Instant to) {
    Map<Long, Builder> builders = new HashMap<>(ids.size() * 2);
    for (Long id : ids) {
      builders.put(id, new Builder(from, to));
    }
    Instant last = Instant.MIN;
    for (TransitionRecord t : history) {
      Builder b = builders.get(t.serviceId());
      Instant at = t.at().isBefore(last) ? last : t.at();
      last = at;
      if (b != null) {
        b.move(at, t);
      }
    }
    List<Lane> lanes = new ArrayList<>(ids.size());
    for (Long id : ids) {
      lanes.add(builders.get(id).finish(current.apply(id), id));
    }
    return lanes;
  }

  /** Builds one lane while the history is read. */
  private static final class Builder {
    private final Instant from;
    private final Instant to;
    private final List<Span> spans = new ArrayList<>();
    private final List<Crash> crashes = new ArrayList<>();
    private State state;
    private Instant since;
    private boolean seen;

    Builder(Instant from, Instant to) {
      this.from = from;
      this.to = to;
    }

    void move(Instant at, TransitionRecord t) {
      if (!seen) {
        // Before its first transition kept, the service was in that transition's source state.
        seen = true;
        state = t.from();
        since = null;
      }
      close(at);
      state = t.to();
      since = at;
      if (t.to() == State.CRASHED && !at.isBefore(from) && !at.isAfter(to)) {
        crashes.add(new Crash(at, t.crashReason(), t.restartCount()));
      }
    }

    /** Ends the current span at {@code at}, keeping the part inside the window. */
    private void close(Instant at) {
      Instant start = since == null || since.isBefore(from) ? from : since;
      Instant end = at.isAfter(to) ? to : at;
      if (state != null && end.isAfter(start)) {
        spans.add(new Span(start, end, state, since));
      }
    }

    Lane finish(State currentState, long id) {
      if (!seen) {
        state = currentState;
        since = null;
      }
      close(to);
      return new Lane(id, List.copyOf(spans), List.copyOf(crashes));
    }
  }

  /**
   * The ticks of a time axis over {@code [from, to]}: at most {@code maxTicks} (at least one
   * is assumed), at round moments (multiples of 1, 2 or 5 ms … s, of 15 or 30 s, of 1, 2, 5, 10,
   * 15 or 30 min, or of hours), labelled to the millisecond only when they are less than a
   * second apart.
   */
  public static List<Tick> ticks(Instant from, Instant to, int maxTicks) {
    long startMs = from.toEpochMilli();
    long span = Math.max(1, to.toEpochMilli() - startMs);
    long step = tickStep(span, Math.max(1, maxTicks));
    List<Tick> ticks = new ArrayList<>();
    for (long t = Math.floorDiv(startMs + step - 1, step) * step; t <= to.toEpochMilli(); t += step) {
      Instant at = Instant.ofEpochMilli(t);
      ticks.add(new Tick(at, step < 1_000 ? Texts.time(at) : Texts.clock(at)));
    }
    return ticks;
  }

  /** The smallest round step that puts at most {@code maxTicks} ticks over {@code spanMs}. */
  static long tickStep(long spanMs, int maxTicks) {
    for (long step : TICK_STEPS) {
      if (spanMs / step <= maxTicks) {
        return step;
      }
    }
    long days = TICK_STEPS[TICK_STEPS.length - 1];
    return days * Math.max(1, spanMs / days / maxTicks + 1);
  }

  /** The first transition after {@code moment}, or {@code null}: the step forward of the replay. */
  public static TransitionRecord next(List<TransitionRecord> history, Instant moment) {
    int lo = 0;
    int hi = history.size();
    // The history is in time order: the first record after the moment, by binary search.
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (history.get(mid).at().isAfter(moment)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo < history.size() ? history.get(lo) : null;
  }

  /** The last transition before {@code moment}, or {@code null}: the step back of the replay. */
  public static TransitionRecord previous(List<TransitionRecord> history, Instant moment) {
    int lo = 0;
    int hi = history.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (history.get(mid).at().isBefore(moment)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo > 0 ? history.get(lo - 1) : null;
  }

  /** The moves into CRASHED in {@code history}, in order: the replay slider's markers. */
  public static List<TransitionRecord> crashes(List<TransitionRecord> history) {
    List<TransitionRecord> crashes = new ArrayList<>();
    for (TransitionRecord t : history) {
      if (t.to() == State.CRASHED) {
        crashes.add(t);
      }
    }
    return crashes;
  }
}
