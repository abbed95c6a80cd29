package mode.inspector.viewmodel;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import mode.State;
import mode.inspector.model.ServiceGraph;
import mode.inspector.model.ServiceNode;
import mode.inspector.model.Trouble;

/**
 * The services in trouble at the moment on screen (see {@link Trouble}), worst first: one row per
 * service with every problem it has, its state, restarts, last crash and how long it was last
 * blocked, for a sortable list whose rows select and centre the service.
 *
 * <p>Threading: UI thread only; {@link #refresh} walks every service and is called when the
 * model on screen is replaced and once a second.
 */
public final class ProblemsViewModel {
  /** One service in trouble. */
  public record Row(long id, String label, Trouble.Kind worst, String problems, State state, int restarts,
      Instant lastCrash, Duration blockedFor) {}

  private final InstantSource clock;
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);

  ProblemsViewModel(InstantSource clock) {
    this.clock = clock;
  }

  void refresh(ServiceGraph model) {
    Instant now = clock.instant();
    List<Row> found = new ArrayList<>();
    for (ServiceNode node : model.nodes()) {
      List<Trouble> troubles = Trouble.of(node, now);
      if (troubles.isEmpty()) {
        continue;
      }
      troubles.sort(Trouble.WORST_FIRST);
      Duration blocked = troubles.stream().filter(t -> t.kind() == Trouble.Kind.BLOCKED).map(Trouble::howLong)
          .findFirst().orElse(null);
      found.add(new Row(node.id(), node.label(), troubles.getFirst().kind(),
          troubles.stream().map(Trouble::text).collect(Collectors.joining("; ")), node.state(), node.restartCount(),
          node.crashedAt(), blocked));
    }
    found.sort((a, b) -> a.worst() != b.worst() ? a.worst().compareTo(b.worst()) : a.label().compareTo(b.label()));
    if (!rows.equals(found)) {
      rows.setAll(found);
    }
  }

  /** The services in trouble, worst first; read-only. */
  public ObservableList<Row> rows() {
    return rowsView;
  }
}
