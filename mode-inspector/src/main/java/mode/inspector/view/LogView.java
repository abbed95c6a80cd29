package mode.inspector.view;

import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import mode.events.ServiceEvent;
import mode.inspector.model.Texts;
import mode.inspector.viewmodel.InspectorViewModel;
import mode.inspector.viewmodel.LogViewModel;

/**
 * The worker's log entries: a filter bar (minimum level, all services or the selected one, a
 * free text on service, logger and message, "Follow newest"), a table of the entries shown (time,
 * level, service, logger, the message's first line with its whole text as a tooltip), and below
 * it the selected entry's whole message, stack traces included, in a read-only monospace viewer
 * that can be searched and copied. Clicking a row with a service selects it in the graph.
 *
 * <p>While "Follow newest" is on, the table scrolls to each new entry; scrolling up or selecting
 * a row turns it off, and turning it on jumps to the newest entry (see {@link LogViewModel}).
 *
 * <p>Node ids: {@code log} (the table), {@code log-split}, {@code log-level}, {@code log-scope},
 * {@code log-filter}, {@code log-follow}, {@code log-summary}, and {@code log-message} (the
 * message's text area; its find bar's ids start with it). UI thread only.
 */
public final class LogView extends VBox {
  private final TableView<ServiceEvent.Log> table;

  /** A log pane bound to {@code vm}'s {@linkplain InspectorViewModel#log() log}. */
  public LogView(InspectorViewModel vm) {
    LogViewModel log = vm.log();
    table = new TableView<>(log.shown());
    table.setId("log");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(text("Time", 110, l -> Texts.time(l.at())));
    table.getColumns().add(text("Level", 60, ServiceEvent.Log::level));
    table.getColumns().add(text("Service", 160, l -> log.label(l.serviceId())));
    table.getColumns().add(text("Logger", 200, ServiceEvent.Log::logger));
    table.getColumns().add(message());
    Label placeholder = new Label();
    placeholder.textProperty().bind(log.placeholderProperty());
    table.setPlaceholder(placeholder);
    table.setRowFactory(t -> {
      TableRow<ServiceEvent.Log> row = new TableRow<>();
      row.setOnMouseClicked(e -> {
        if (!row.isEmpty() && row.getItem().serviceId() != null) {
          vm.graph().reveal(row.getItem().serviceId());
        }
      });
      return row;
    });
    table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> log.select(now));
    log.selectedProperty().addListener((obs, old, now) -> {
      if (now == null) {
        table.getSelectionModel().clearSelection();
      }
    });
    // Scrolling up (wheel, touchpad) or taking hold of the scroll bar stops following.
    table.addEventFilter(ScrollEvent.SCROLL, e -> {
      if (e.getDeltaY() > 0) {
        log.scrolledAway();
      }
    });
    table.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
      if (e.getTarget() instanceof Node target && onScrollBar(target)) {
        log.scrolledAway();
      }
    });
    // After the table saw the change that asked for it: the newest row is then one it knows.
    log.scrollToEndProperty().addListener((obs, old, now) -> Platform.runLater(this::scrollToEnd));

    StackViewer viewer = new StackViewer("log-message");
    viewer.findPromptProperty().set("Find in message (Enter: next)");
    viewer.textProperty().bind(log.messageProperty());
    Label hint = new Label("Select an entry to read its whole message");
    hint.visibleProperty().bind(log.selectedProperty().isNull());
    hint.managedProperty().bind(hint.visibleProperty());
    viewer.bar().getChildren().add(hint);

    SplitPane split = new SplitPane(table, viewer);
    split.setId("log-split");
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.6);
    getChildren().addAll(bar(log), split);
    VBox.setVgrow(split, Priority.ALWAYS);
  }

  private static HBox bar(LogViewModel log) {
    ChoiceBox<LogViewModel.MinimumLevel> level = new ChoiceBox<>();
    level.getItems().setAll(LogViewModel.MinimumLevel.values());
    level.setId("log-level");
    level.setTooltip(new Tooltip("The least severe level shown"));
    level.valueProperty().bindBidirectional(log.minimumLevelProperty());
    ChoiceBox<LogViewModel.ServiceScope> scope = new ChoiceBox<>();
    scope.getItems().setAll(LogViewModel.ServiceScope.values());
    scope.setId("log-scope");
    scope.setTooltip(new Tooltip("Every service's entries, or only those of the service selected in the graph"));
    scope.valueProperty().bindBidirectional(log.scopeProperty());
    TextField filter = new TextField();
    filter.setId("log-filter");
    filter.setPromptText("Filter: service, logger or message");
    filter.setPrefColumnCount(24);
    filter.textProperty().bindBidirectional(log.textFilterProperty());
    CheckBox follow = new CheckBox("Follow newest");
    follow.setId("log-follow");
    follow.setTooltip(new Tooltip("Scroll to each new entry; scrolling up or selecting an entry turns it off"));
    follow.selectedProperty().bindBidirectional(log.followProperty());
    Label summary = new Label();
    summary.setId("log-summary");
    summary.textProperty().bind(log.summaryProperty());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox bar = new HBox(6, level, scope, filter, follow, gap, summary);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 6, 4, 6));
    return bar;
  }

  /**
   * Shows the newest row whole. {@code TableView.scrollTo} puts a row at the top of the view, which
   * near the end leaves the last row partly under the bottom edge; the flow's position 1 is its very
   * end. The table is laid out first so that the flow counts every row.
   */
  private void scrollToEnd() {
    int size = table.getItems().size();
    if (size == 0) {
      return;
    }
    table.applyCss();
    table.layout();
    if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getCellCount() == size) {
      flow.setPosition(1);
      flow.requestLayout();
    } else {
      table.scrollTo(size - 1);
    }
  }

  private boolean onScrollBar(Node target) {
    for (Node n = target; n != null && n != table; n = n.getParent()) {
      if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
        return true;
      }
    }
    return false;
  }

  /** The message column: its first line, with the whole message as the tooltip. */
  private static TableColumn<ServiceEvent.Log, ServiceEvent.Log> message() {
    TableColumn<ServiceEvent.Log, ServiceEvent.Log> c = new TableColumn<>("Message");
    c.setPrefWidth(500);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
    c.setCellFactory(column -> new TableCell<>() {
      private final Tooltip tip = new Tooltip();

      {
        tip.setMaxWidth(900);
        tip.setWrapText(true);
      }

      @Override
      protected void updateItem(ServiceEvent.Log item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
          setText(null);
          setTooltip(null);
        } else {
          setText(LogViewModel.firstLine(item.message()));
          tip.setText(item.message());
          setTooltip(tip);
        }
      }
    });
    return c;
  }

  private static TableColumn<ServiceEvent.Log, String> text(
      String title, double width, Function<ServiceEvent.Log, String> value) {
    TableColumn<ServiceEvent.Log, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return c;
  }
}
