package mode.inspector.view;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import mode.inspector.model.Texts;
import mode.inspector.viewmodel.GraphViewModel;
import mode.inspector.viewmodel.ProblemsViewModel;
import mode.inspector.viewmodel.ProblemsViewModel.Row;

/**
 * The Problems list: services in trouble (crash loops, blocked, stuck), sortable by any column; a
 * click selects the service and centres it on the graph.
 *
 * <p>UI thread only.
 */
public final class ProblemsView extends TableView<Row> {
  /** A list bound to {@code vm}; clicks reveal the service in {@code graph}. */
  public ProblemsView(ProblemsViewModel vm, GraphViewModel graph) {
    super(vm.rows());
    setId("problems");
    setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    getColumns().add(column("Service", 160, Row::label, String::valueOf));
    getColumns().add(column("Kind", 90, Row::worst, k -> k.title()));
    getColumns().add(column("State", 90, Row::state, String::valueOf));
    getColumns().add(column("Restarts", 70, Row::restarts, String::valueOf));
    getColumns().add(column("Last crash", 110, Row::lastCrash, (Instant at) -> Texts.time(at)));
    getColumns().add(column("Blocked for", 90, Row::blockedFor, (Duration d) -> Texts.human(d)));
    getColumns().add(column("Problem", 420, Row::problems, String::valueOf));
    setPlaceholder(new Label("No crash loops, blocked or stuck services"));
    setRowFactory(t -> {
      TableRow<Row> row = new TableRow<>();
      row.setOnMouseClicked(e -> {
        if (!row.isEmpty()) {
          graph.reveal(row.getItem().id());
        }
      });
      return row;
    });
  }

  private static <T extends Comparable<? super T>> TableColumn<Row, T> column(
      String title, double width, Function<Row, T> value, Function<T, String> text) {
    TableColumn<Row, T> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        String shown = empty ? null : item == null ? "–" : text.apply(item);
        setText(shown);
        setTooltip(shown == null || shown.length() < 40 ? null : new Tooltip(shown));
      }
    });
    return c;
  }
}
