package mode.inspector.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mode.events.ServiceEvent;

/**
 * What a batch of events changed in a {@link ServiceGraph}: whether services or edges came or
 * went (the layout must be redone), which services changed state or details, the transitions
 * added to the history and the gaps seen.
 *
 * <p>Threading: filled by the thread applying events, then handed over; not thread-safe.
 */
public final class ChangeSet {
  private boolean structureChanged;
  private final Set<Long> changedServices = new LinkedHashSet<>();
  private final List<TransitionRecord> transitions = new ArrayList<>();
  private final List<ServiceEvent.Log> logs = new ArrayList<>();
  private long droppedInGaps;
  private int gaps;
  private int snapshots;

  void structure() {
    structureChanged = true;
  }

  void changed(long serviceId) {
    changedServices.add(serviceId);
  }

  void transition(TransitionRecord record) {
    transitions.add(record);
    changedServices.add(record.serviceId());
  }

  void log(ServiceEvent.Log log) {
    logs.add(log);
  }

  void gap(long dropped) {
    gaps++;
    droppedInGaps += dropped;
  }

  void snapshot() {
    snapshots++;
    structureChanged = true;
  }

  /** Whether services or dependencies were added or removed, so the layout is stale. */
  public boolean structureChanged() {
    return structureChanged;
  }

  /** The services whose state or details changed, in order of first change. */
  public Set<Long> changedServices() {
    return Collections.unmodifiableSet(changedServices);
  }

  /** The transitions appended to the history, in order. */
  public List<TransitionRecord> transitions() {
    return Collections.unmodifiableList(transitions);
  }

  /** The log events of the batch, in order. */
  public List<ServiceEvent.Log> logs() {
    return Collections.unmodifiableList(logs);
  }

  /** How many gap notices the batch held. */
  public int gaps() {
    return gaps;
  }

  /** How many events the worker dropped in those gaps. */
  public long droppedInGaps() {
    return droppedInGaps;
  }

  /** How many snapshots the batch held. */
  public int snapshots() {
    return snapshots;
  }

  /** Whether nothing at all changed. */
  public boolean isEmpty() {
    return !structureChanged && changedServices.isEmpty() && gaps == 0 && logs.isEmpty();
  }
}
