package mode.inspector.view;

import java.text.NumberFormat;
import java.util.Locale;
import mode.inspector.model.Texts;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;
import javafx.geometry.Pos;
import javafx.scene.layout.FlowPane;
import mode.State;
import mode.inspector.model.TransitionRecord;
import mode.inspector.viewmodel.DetailsViewModel;
import mode.inspector.viewmodel.GraphViewModel;
import mode.inspector.viewmodel.TimelineViewModel;

/**
 * The timeline of every transition: time, service, from → to, restart count and crash reason;
 * a filter box above with a count of the rows (and of the older transitions discarded to bound
 * memory, if any); clicking a row selects that service in the graph, and clicking a crash's row
 * shows that crash in the details (any other row shows the service's last crash there).
 * Follows the newest row unless the user turns that off. Holds the newest
 * {@link TimelineViewModel#SCROLLBACK} transitions (or matches of the filter).
 *
 * <p>UI thread only.
 */
public final class TimelineView extends BorderPane {
  private boolean followPending;
  private VirtualFlow<?> flow;
  /** Rows of transitions into CRASHED (tinted by the inspector's stylesheet). */
  static final PseudoClass CRASHED = PseudoClass.getPseudoClass("crashed");
  private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.ROOT);

  /** A timeline bound to {@code vm}; clicks select through {@code graph}. */
  public TimelineView(TimelineViewModel vm, GraphViewModel graph) {
    this(vm, graph, null);
  }

  /**
   * A timeline bound to {@code vm}; clicks select through {@code graph}, and a click on a crash
   * shows that crash in {@code details} ({@code null}: only select).
   */
  public TimelineView(TimelineViewModel vm, GraphViewModel graph, DetailsViewModel details) {
    TableView<TransitionRecord> table = table(vm, graph, details);
    TextField filter = new TextField();
    filter.setId("timeline-filter");
    filter.setPromptText("Filter by service or state");
    filter.setPrefColumnCount(18);
    filter.textProperty().bindBidirectional(vm.filterTextProperty());
    CheckBox follow = new CheckBox("Follow newest");
    follow.setId("timeline-follow");
    follow.setSelected(true);
    followNewest(table, follow);
    Label count = new Label();
    count.setId("timeline-count");
    count.textProperty().bind(Bindings.createStringBinding(
        () -> countText(vm.transitions().size(), vm.kept(), vm.discardedProperty().get(),
            isFiltered(vm.filterTextProperty().get())),
        vm.transitions(), vm.totalProperty(), vm.discardedProperty(), vm.filterTextProperty()));
    Label hint = new Label("* inferred from a fresh snapshot");
    hint.setStyle("-fx-text-fill: #757575;");
    // Wraps onto a second row in a narrow pane rather than cutting its labels to "…".
    FlowPane bar = new FlowPane(10, 4, filter, follow, count, hint);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4));
    setTop(bar);
    setCenter(table);
  }

  private static TableView<TransitionRecord> table(TimelineViewModel vm, GraphViewModel graph, DetailsViewModel details) {
    TableView<TransitionRecord> table = new TableView<>(vm.transitions());
    table.setId("timeline");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(text("Time", 110, t -> Texts.time(t.at()) + (t.inferred() ? " *" : "")));
    table.getColumns().add(text("Service", 200, TransitionRecord::label));
    table.getColumns().add(text("From → to", 190, t -> t.from() + " → " + t.to()));
    table.getColumns().add(text("Restarts", 70, t -> Integer.toString(t.restartCount())));
    table.getColumns().add(text("Why", 220, t -> t.why(graph.client())));
    table.getColumns().add(text("Crash reason", 300, t -> t.crashReason() == null ? "" : t.crashReason()));
    table.setPlaceholder(new Label("No transitions yet"));
    table.setRowFactory(t -> {
      TableRow<TransitionRecord> row = new TableRow<>() {
        @Override
        protected void updateItem(TransitionRecord item, boolean empty) {
          super.updateItem(item, empty);
          pseudoClassStateChanged(CRASHED, !empty && item != null && item.to() == State.CRASHED);
        }
      };
      row.setOnMouseClicked(e -> {
        if (!row.isEmpty()) {
          TransitionRecord clicked = row.getItem();
          graph.reveal(clicked.serviceId());
          if (details != null) {
            details.showCrash(clicked);
          }
        }
      });
      return row;
    });
    return table;
  }

  /**
   * Keeps the newest row in sight while {@code follow} is ticked. The table learns its new row
   * count only in the layout pass, and a scroll asked for before that is lost; so the scroll
   * happens after the pulse's layout, once per pulse. It sets the flow's position to its end,
   * which puts the newest row at the bottom (TableView.scrollTo would put it at the top, then
   * find no rows to fill the rest of the view with).
   */
  private void followNewest(TableView<TransitionRecord> table, CheckBox follow) {
    table.getItems().addListener((ListChangeListener<TransitionRecord>) c -> {
      followPending = follow.isSelected();
      // A new filter replaces every row: the flow starts again from the top, or it would look
      // for the old rows' successors past the end of the shorter list.
      if (c.next() && c.wasReplaced() && c.getFrom() == 0 && c.getAddedSize() == c.getList().size() && flow != null) {
        flow.setPosition(0);
      }
    });
    follow.selectedProperty().addListener((obs, old, now) -> followPending = now);
    Runnable scroll = () -> {
      if (followPending && !table.getItems().isEmpty()) {
        if (flow == null) {
          flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        }
        if (flow != null) {
          flow.setPosition(1);
        }
      }
      followPending = false;
    };
    sceneProperty().addListener((obs, old, now) -> {
      if (old != null) {
        old.removePostLayoutPulseListener(scroll);
      }
      if (now != null) {
        now.addPostLayoutPulseListener(scroll);
      }
    });
  }

  private static boolean isFiltered(String filterText) {
    return filterText != null && !filterText.isBlank();
  }

  /**
   * How many rows the table holds, and of how many transitions when it holds fewer; and how
   * many older transitions were discarded to bound memory, when any were (the filter only
   * searches the {@code kept} ones).
   */
  static String countText(int shown, int kept, long discarded, boolean filtered) {
    // Recomputed every pulse while transitions arrive, so no String.format here.
    String text;
    if (!filtered) {
      long total = kept + discarded;
      text = shown == total
          ? COUNT.format(total) + " transitions"
          : "the newest " + COUNT.format(shown) + " of " + COUNT.format(total) + " transitions";
    } else {
      String of = COUNT.format(kept) + (discarded > 0 ? " kept transitions" : " transitions");
      text = shown >= TimelineViewModel.SCROLLBACK
          ? "the newest " + COUNT.format(shown) + " matches of " + of
          : COUNT.format(shown) + " of " + of + " match";
    }
    return discarded == 0 ? text
        : text + "; " + COUNT.format(discarded) + " older ones discarded to bound memory";
  }

  private static TableColumn<TransitionRecord, String> text(
      String title, double width, java.util.function.Function<TransitionRecord, String> value) {
    TableColumn<TransitionRecord, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return c;
  }
}
