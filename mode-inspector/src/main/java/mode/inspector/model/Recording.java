package mode.inspector.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mode.events.ServiceEvent;

/**
 * Every event of a session, in the order received, so the graph can be rebuilt as it was at any
 * moment. A session is replayable only from its first snapshot on; events before it are kept but
 * change nothing.
 *
 * <p>Threading: not thread-safe; confine to one thread.
 */
public final class Recording {
  private final List<ServiceEvent> events = new ArrayList<>();

  /** An empty recording. */
  public Recording() {}

  /** A recording of these events, in this order. */
  public Recording(List<? extends ServiceEvent> events) {
    this.events.addAll(events);
  }

  /** Appends an event. */
  public void add(ServiceEvent event) {
    events.add(event);
  }

  /** The events, oldest first; read-only. */
  public List<ServiceEvent> events() {
    return Collections.unmodifiableList(events);
  }

  /** Whether nothing was recorded. */
  public boolean isEmpty() {
    return events.isEmpty();
  }

  /** The time of the first event; fails on an empty recording. */
  public Instant start() {
    requireEvents();
    return events.getFirst().at();
  }

  /** The time of the last event; fails on an empty recording. */
  public Instant end() {
    requireEvents();
    return events.getLast().at();
  }

  /**
   * The graph as it was at {@code moment}: every event up to and including it applied in order.
   * A moment before the first event gives an empty graph.
   */
  public ServiceGraph replayTo(Instant moment) {
    ServiceGraph graph = new ServiceGraph();
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
}
