package mode.inspector.viewmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import mode.inspector.model.ServiceGraph;
import mode.inspector.model.ServiceNode;

/**
 * The startup view: when each service began its first start and how long it took, in start
 * order, so a Gantt chart shows which services made the start slow.
 *
 * <p>Threading: UI thread only.
 */
public final class StartupViewModel {
  /**
   * One bar of the chart.
   *
   * @param duration from the start of its start to running, its dependencies' starts included
   * @param self the part spent in the service itself: {@code duration} minus its dependencies'
   *     starts (mode starts them one by one inside the parent's start)
   */
  public record StartupRow(long id, String label, Instant start, Duration duration, Duration self) {
    /** When the start ended. */
    public Instant end() {
      return start.plus(duration);
    }
  }

  private final ObservableList<StartupRow> rows = FXCollections.observableArrayList();
  private final ObservableList<StartupRow> rowsView = FXCollections.unmodifiableObservableList(rows);
  private final Set<Long> known = new HashSet<>();

  StartupViewModel() {}

  void refresh(ServiceGraph model) {
    List<StartupRow> now = new ArrayList<>();
    for (ServiceNode node : model.nodes()) {
      if (node.firstStartAt() != null && node.firstStartDuration() != null) {
        Duration self = node.firstStartDuration();
        for (long child : model.dependencies(node.id())) {
          ServiceNode dependency = model.node(child);
          if (dependency != null && dependency.firstStartDuration() != null) {
            self = self.minus(dependency.firstStartDuration());
          }
        }
        now.add(new StartupRow(node.id(), node.label(), node.firstStartAt(), node.firstStartDuration(),
            self.isNegative() ? Duration.ZERO : self));
      }
    }
    now.sort(Comparator.comparing(StartupRow::start).thenComparing(StartupRow::id));
    if (!rows.equals(now)) {
      rows.setAll(now);
      known.clear();
      now.forEach(r -> known.add(r.id()));
    }
  }

  /** Whether the chart has a bar for the service (its first start is known). */
  boolean knows(long id) {
    return known.contains(id);
  }

  /** The bars, in start order. */
  public ObservableList<StartupRow> rows() {
    return rowsView;
  }

  /** The services that spent the most time starting themselves first, at most {@code limit}. */
  public List<StartupRow> slowest(int limit) {
    return rows.stream()
        .sorted(Comparator.comparing(StartupRow::self).reversed())
        .limit(limit)
        .toList();
  }
}
