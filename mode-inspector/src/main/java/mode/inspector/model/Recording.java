package mode.inspector.model;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;

/**
 * The events of a session, in the order received, so the graph can be rebuilt as it was at any
 * moment. A session is replayable only from its first snapshot on; events before it are kept but
 * change nothing.
 *
 * <p>Memory: a recording keeps at most {@code capacity} events, and events of at most about
 * {@code byteBudget} bytes (estimated per event by {@link #estimatedBytes}: a snapshot of ten
 * thousand services, or a crash with its stack trace, weighs far more than a transition). When
 * one more would not fit, the oldest event (or as many as the budget needs) is folded into a
 * <em>base state</em>: a graph (without history or logs) to which the folded events were
 * applied, then dropped. From then on the recording begins with one synthesized
 * {@link ServiceEvent.Snapshot} of that base state, at the instant of the last folded event,
 * followed by the newer events; {@link #start()} is that instant, and {@link #replayTo}
 * rebuilds the graph exactly for every moment from it on. Each event is folded once, as one
 * more arrives, so folding costs O(1) per event (the cost of applying it to a graph) and never
 * a pause (folding 60,000 at once made single adds take 80 to 130 ms, a visible hitch on the UI
 * thread). {@link #folded()} counts the events folded.
 *
 * <p>Threading: not thread-safe; confine to one thread.
 */
public final class Recording {
  /**
   * The default capacity, in events. A transition kept here costs about 78 bytes of heap
   * (measured: its record and its instant, as decoded, and a slot in the ring), so a full
   * recording of transitions takes about 45 MB; at 1,000 events a second it reaches back 10
   * minutes.
   */
  public static final int DEFAULT_CAPACITY = 600_000;

  /**
   * The default byte budget: what {@link #DEFAULT_CAPACITY} transitions weigh, and some room; it
   * binds only when the events are heavy (snapshots after gaps, crash loops with stack traces).
   */
  public static final long DEFAULT_BYTE_BUDGET = 64L << 20;

  /** The estimated weight of an event without text: its record, its instant and its slot. */
  private static final int EVENT_BYTES = 80;

  private final int capacity;
  private final long byteBudget;
  private final Ring<ServiceEvent> events;
  private long bytes;
  private ServiceGraph base;
  private Instant baseAt;
  private long folded;

  /** An empty recording of the default capacity. */
  public Recording() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * An empty recording keeping at most {@code capacity} events after its base snapshot.
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public Recording(int capacity) {
    this(capacity, DEFAULT_BYTE_BUDGET);
  }

  /**
   * An empty recording keeping at most {@code capacity} events, of about {@code byteBudget}
   * bytes in all (see {@link #estimatedBytes}), after its base snapshot.
   *
   * @throws IllegalArgumentException if {@code capacity} or {@code byteBudget} is not positive
   */
  public Recording(int capacity, long byteBudget) {
    this.capacity = checked(capacity, byteBudget);
    this.byteBudget = byteBudget;
    this.events = new Ring<>(capacity);
  }

  /** A copy of {@code source}, sharing nothing that changes (see {@link #copy()}). */
  private Recording(Recording source) {
    this.capacity = source.capacity;
    this.byteBudget = source.byteBudget;
    this.events = new Ring<>(source.events);
    this.bytes = source.bytes;
    this.folded = source.folded;
    if (source.base != null) {
      this.base = source.base.continuation(0, 0);
      this.baseAt = source.baseAt;
    }
  }

  private static int checked(int capacity, long byteBudget) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("a recording needs room for at least one event, got capacity " + capacity);
    }
    if (byteBudget <= 0) {
      throw new IllegalArgumentException("a recording needs a positive byte budget, got " + byteBudget);
    }
    return capacity;
  }

  /** A recording of the default capacity of these events, in this order (folding if needed). */
  public Recording(List<? extends ServiceEvent> events) {
    this(DEFAULT_CAPACITY, events);
  }

  /**
   * A recording of {@code capacity} of these events, in this order (folding if needed).
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public Recording(int capacity, List<? extends ServiceEvent> events) {
    this(capacity, DEFAULT_BYTE_BUDGET, events);
  }

  /**
   * A recording of {@code capacity} of these events and about {@code byteBudget} bytes, in this
   * order (folding if needed).
   *
   * @throws IllegalArgumentException if {@code capacity} or {@code byteBudget} is not positive
   */
  public Recording(int capacity, long byteBudget, List<? extends ServiceEvent> events) {
    this(capacity, byteBudget);
    for (ServiceEvent event : events) {
      add(event);
    }
  }

  /** An independent copy: same capacity, base state and events (e.g. to save it on another thread). */
  public Recording copy() {
    return new Recording(this);
  }

  /**
   * Appends an event; when the capacity or the byte budget would be exceeded, first folds the
   * oldest event into the base, then more until the event fits the budget (an event heavier
   * than the whole budget is kept alone).
   */
  public void add(ServiceEvent event) {
    long weight = estimatedBytes(event);
    if (events.isFull()) {
      foldOldest();
    }
    while (!events.isEmpty() && bytes + weight > byteBudget) {
      foldOldest();
    }
    events.append(event);
    bytes += weight;
  }

  private void foldOldest() {
    if (base == null) {
      base = new ServiceGraph(0, 0);
    }
    ServiceEvent oldest = events.removeOldest();
    bytes -= estimatedBytes(oldest);
    base.apply(oldest);
    baseAt = oldest.at();
    folded++;
  }

  /**
   * About how many bytes of heap {@code event} takes once decoded and kept: a fixed part (its
   * record, instant and slot: about 80 bytes, as measured for a transition) and a byte per
   * character of its text (Latin-1 strings), and for services their details. An estimate: it
   * does not follow shared strings or the JVM's object layout.
   */
  public static long estimatedBytes(ServiceEvent event) {
    return EVENT_BYTES + switch (event) {
      case ServiceEvent.Snapshot s -> {
        long sum = 0;
        for (ServiceInfo info : s.services()) {
          sum += estimatedBytes(info);
        }
        yield sum;
      }
      case ServiceEvent.ServiceAdded a -> estimatedBytes(a.service());
      case ServiceEvent.Transition t -> chars(t.crashReason()) + chars(t.crashStack());
      case ServiceEvent.Blocking b -> chars(b.what()) + chars(b.stack()) + 24;
      case ServiceEvent.Log l -> chars(l.level()) + chars(l.logger()) + chars(l.message()) + 24;
      case ServiceEvent.TimerStats t -> chars(t.timer());
      case ServiceEvent.FlagChanged f -> chars(f.flag());
      case ServiceEvent.ServiceRemoved r -> 0;
      case ServiceEvent.DependencyAdded d -> 0;
      case ServiceEvent.DependencyRemoved d -> 0;
      case ServiceEvent.Gap g -> 0;
    };
  }

  /** A service's details: its record, instants and durations, lists, and text. */
  private static long estimatedBytes(ServiceInfo info) {
    return 300 + chars(info.label()) + chars(info.shortLabel()) + chars(info.className())
        + chars(info.crashReason()) + chars(info.crashStack())
        + 20L * info.dependencyIds().size() + 100L * info.timers().size() + 60L * info.flags().size();
  }

  /** A string's weight: its object, array header and a byte per character; none for null. */
  private static long chars(String text) {
    return text == null ? 0 : 40 + text.length();
  }

  /**
   * The events, oldest first; read-only. After folding, the first is a {@link
   * ServiceEvent.Snapshot} of the base state, synthesized on each call (O(services)); it is not
   * counted in the capacity.
   */
  public List<ServiceEvent> events() {
    if (base == null) {
      return Collections.unmodifiableList(events);
    }
    return new WithBase(new ServiceEvent.Snapshot(baseAt, base.toServiceInfos()), events);
  }

  /** How many events were folded into the base state (received, then no longer held). */
  public long folded() {
    return folded;
  }

  /** The estimated bytes of the events held (see {@link #estimatedBytes}), without the base. */
  public long bytes() {
    return bytes;
  }

  /** The most events kept after the base snapshot. */
  public int capacity() {
    return capacity;
  }

  /** Whether nothing was recorded. */
  public boolean isEmpty() {
    return base == null && events.isEmpty();
  }

  /**
   * The first moment the recording can replay: the base's instant after folding, else the time
   * of the first event.
   *
   * @throws IllegalStateException on an empty recording
   */
  public Instant start() {
    if (base != null) {
      return baseAt;
    }
    requireEvents();
    return events.getFirst().at();
  }

  /**
   * The time of the last event.
   *
   * @throws IllegalStateException on an empty recording
   */
  public Instant end() {
    if (events.isEmpty() && base != null) {
      return baseAt;
    }
    requireEvents();
    return events.getLast().at();
  }

  /**
   * The graph as it was at {@code moment}: the base state (if any), then every event up to and
   * including {@code moment} applied in order. Without a base, a moment before the first event
   * gives an empty graph; after folding, a moment before {@link #start()} gives the base state
   * (what came before it is no longer held). The graph's history and logs hold what happened
   * after the base; what was folded counts as discarded there.
   */
  public ServiceGraph replayTo(Instant moment) {
    return replayTo(moment, ServiceGraph.HISTORY_CAPACITY, ServiceGraph.LOG_CAPACITY);
  }

  /**
   * As {@link #replayTo(Instant)}, into a graph keeping at most {@code historyCapacity}
   * transitions and {@code logCapacity} log events.
   *
   * @throws IllegalArgumentException if a capacity is negative
   */
  public ServiceGraph replayTo(Instant moment, int historyCapacity, int logCapacity) {
    ServiceGraph graph = base == null
        ? new ServiceGraph(historyCapacity, logCapacity)
        : base.continuation(historyCapacity, logCapacity);
    for (ServiceEvent event : events) {
      if (event.at().isAfter(moment)) {
        break;
      }
      graph.apply(event);
    }
    return graph;
  }

  private void requireEvents() {
    if (events.isEmpty()) {
      throw new IllegalStateException("The recording holds no events");
    }
  }

  /** The base snapshot followed by the events held: a read-only view, O(1) per access. */
  private static final class WithBase extends AbstractList<ServiceEvent> implements RandomAccess {
    private final ServiceEvent.Snapshot base;
    private final List<ServiceEvent> rest;

    WithBase(ServiceEvent.Snapshot base, List<ServiceEvent> rest) {
      this.base = base;
      this.rest = rest;
    }

    @Override
    public ServiceEvent get(int index) {
      return index == 0 ? base : rest.get(index - 1);
    }

    @Override
    public int size() {
      return rest.size() + 1;
    }
  }
}
