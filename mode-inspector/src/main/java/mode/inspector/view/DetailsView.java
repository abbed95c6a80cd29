package mode.inspector.view;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import mode.inspector.viewmodel.DetailsViewModel;
import mode.inspector.viewmodel.DetailsViewModel.ServiceRef;
import mode.inspector.viewmodel.DetailsViewModel.TimerRow;
import mode.inspector.viewmodel.GraphViewModel;

/**
 * The details panel of the selected service. Neighbours are clickable (they select that
 * service); the crash stack trace is in a {@link StackViewer} (monospace, unwrapped, scrolling
 * sideways, its height dragged by the grip under it) that also opens in a window of its own;
 * blocking reports are in a list. A new selection scrolls the panel back to its top.
 *
 * <p>UI thread only.
 */
public final class DetailsView extends ScrollPane {
  /** The least height the crash stack can be dragged to. */
  static final double MIN_STACK_HEIGHT = 120;

  /** A panel bound to {@code vm}; clicking a neighbour selects it through {@code graph}. */
  public DetailsView(DetailsViewModel vm, GraphViewModel graph) {
    setId("details");
    Label title = new Label();
    title.setId("details-title");
    title.setFont(Font.font("System", FontWeight.BOLD, 16));
    title.textProperty().bind(vm.titleProperty());
    title.setWrapText(true);
    // Trouble first: a crash and blocking reports show right under the facts, when there are any.
    VBox body = new VBox(8, facts(vm), supervisionSection(vm), crashSection(vm), blockingSection(vm),
        heading("Tasks and timers"), timers(vm),
        heading("Depends on"), neighbours(vm.dependencies(), graph, "details-dependencies"),
        heading("Depended on by"), neighbours(vm.dependents(), graph, "details-dependents"));
    body.visibleProperty().bind(vm.presentProperty());
    body.managedProperty().bind(vm.presentProperty());
    VBox box = new VBox(8, title, body);
    box.setPadding(new Insets(10));
    setContent(box);
    setFitToWidth(true);
    setMinWidth(280);
    setPrefWidth(360);
    // Another service's details start at their top, not where the previous one's were scrolled to.
    vm.serviceIdProperty().addListener((obs, old, now) -> {
      setVvalue(getVmin());
      setHvalue(getHmin());
    });
  }

  private static GridPane facts(DetailsViewModel vm) {
    GridPane facts = new GridPane();
    facts.setHgap(10);
    facts.setVgap(4);
    ColumnConstraints keys = new ColumnConstraints();
    keys.setMinWidth(72);
    ColumnConstraints values = new ColumnConstraints();
    values.setHgrow(Priority.ALWAYS);
    facts.getColumnConstraints().addAll(keys, values);
    row(facts, 0, "Class", vm.classNameProperty(), "details-class");
    row(facts, 1, "State", vm.stateProperty(), "details-state");
    row(facts, 2, "Uptime", vm.uptimeProperty(), "details-uptime");
    row(facts, 3, "Durations", vm.timingsProperty(), "details-timings");
    row(facts, 4, "Restarts", vm.restartsProperty(), "details-restarts");
    row(facts, 5, "Flags", vm.flagsProperty(), "details-flags");
    return facts;
  }

  /** A supervisor's policy and supervised services, or a supervised service's supervisor. */
  private static VBox supervisionSection(DetailsViewModel vm) {
    Label text = new Label();
    text.setId("details-supervision");
    text.setWrapText(true);
    text.textProperty().bind(vm.supervisionProperty());
    VBox section = new VBox(6, heading("Supervision"), text);
    section.visibleProperty().bind(vm.supervisionProperty().isNotEmpty());
    section.managedProperty().bind(section.visibleProperty());
    return section;
  }

  private static VBox crashSection(DetailsViewModel vm) {
    Label heading = heading("");
    heading.setId("details-crash-title");
    heading.textProperty().bind(vm.crashTitleProperty());
    Button latest = new Button("Latest crash");
    latest.setId("details-crash-latest");
    latest.setTooltip(new Tooltip("Show the last crash of this service again"));
    latest.setOnAction(e -> vm.showLatestCrash());
    latest.visibleProperty().bind(vm.olderCrashProperty());
    latest.managedProperty().bind(latest.visibleProperty());
    Button window = new Button("Open in window");
    window.setId("details-stack-open");
    window.setTooltip(new Tooltip("Show this stack trace in a wide window of its own"));
    window.setOnAction(e -> openWindow(vm, window));
    window.disableProperty().bind(vm.crashStackProperty().isEmpty());
    heading.setWrapText(true);
    latest.setMinWidth(Region.USE_PREF_SIZE);
    window.setMinWidth(Region.USE_PREF_SIZE);
    // The heading on a line of its own: beside the buttons a narrow column cut it ("Crash at 13:4…").
    HBox buttons = new HBox(6, window, latest);
    buttons.setAlignment(Pos.CENTER_LEFT);

    Label crash = new Label();
    crash.setId("details-crash");
    crash.setWrapText(true);
    crash.setStyle("-fx-text-fill: #b71c1c; -fx-font-weight: bold;");
    crash.textProperty().bind(vm.crashProperty());
    Label note = new Label();
    note.setId("details-crash-note");
    note.setWrapText(true);
    note.setStyle("-fx-text-fill: #e65100;");
    note.textProperty().bind(vm.crashNoteProperty());
    note.visibleProperty().bind(vm.crashNoteProperty().isNotEmpty());
    note.managedProperty().bind(note.visibleProperty());

    StackViewer stack = new StackViewer("details-stack");
    stack.findColumns(8);
    stack.textProperty().bind(vm.crashStackProperty());
    stack.setPrefHeight(220);
    stack.setMinHeight(MIN_STACK_HEIGHT);
    Region grip = grip(stack);
    VBox stackBox = new VBox(stack, grip);
    stackBox.visibleProperty().bind(vm.crashStackProperty().isNotEmpty());
    stackBox.managedProperty().bind(stackBox.visibleProperty());

    VBox section = new VBox(6, heading, crash, note, buttons, stackBox);
    section.visibleProperty().bind(vm.crashProperty().isNotEmpty());
    section.managedProperty().bind(section.visibleProperty());
    return section;
  }

  /** A bar under {@code resized} that changes its height when dragged. */
  private static Region grip(Region resized) {
    Region grip = new Region();
    grip.setId("details-stack-grip");
    grip.setMinHeight(7);
    grip.setPrefHeight(7);
    grip.setCursor(Cursor.S_RESIZE);
    grip.setStyle("-fx-background-color: #cfd8dc; -fx-background-radius: 0 0 3 3;");
    Tooltip.install(grip, new Tooltip("Drag to make the stack trace taller or shorter"));
    double[] start = new double[2];
    grip.setOnMousePressed(e -> {
      start[0] = e.getScreenY();
      start[1] = resized.getHeight();
    });
    grip.setOnMouseDragged(e ->
        resized.setPrefHeight(Math.max(MIN_STACK_HEIGHT, start[1] + e.getScreenY() - start[0])));
    return grip;
  }

  /** The crash shown, as it is now, in a wide window of its own (it stays when the selection changes). */
  private static void openWindow(DetailsViewModel vm, Button owner) {
    String heading = vm.titleProperty().get() + " · " + vm.crashTitleProperty().get();
    Label title = new Label(vm.crashProperty().get());
    title.setId("crash-window-reason");
    title.setWrapText(true);
    title.setStyle("-fx-text-fill: #b71c1c; -fx-font-weight: bold;");
    Label note = new Label(vm.crashNoteProperty().get());
    note.setVisible(!note.getText().isEmpty());
    note.setManaged(note.isVisible());
    StackViewer viewer = new StackViewer("crash-window");
    viewer.textProperty().set(vm.crashStackProperty().get());
    VBox pane = new VBox(2, title, note, viewer);
    pane.setPadding(new Insets(6, 8, 6, 8));
    VBox.setVgrow(viewer, Priority.ALWAYS);
    StackWindows.show(owner, new ReadOnlyStringWrapper(heading), pane);
  }

  private static VBox blockingSection(DetailsViewModel vm) {
    ListView<String> blocking = new ListView<>(vm.blocking());
    blocking.setId("details-blocking");
    blocking.setPrefHeight(150);
    VBox section = new VBox(6, heading("Blocking reports"), blocking);
    section.visibleProperty().bind(Bindings.isNotEmpty(vm.blocking()));
    section.managedProperty().bind(section.visibleProperty());
    return section;
  }

  private static TableView<TimerRow> timers(DetailsViewModel vm) {
    TableView<TimerRow> timers = new TableView<>(vm.timerRows());
    timers.setId("details-timers");
    // Columns keep their widths and the table scrolls sideways: a squeezed column cut its header.
    timers.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    timers.getColumns().add(column("Name", 100, TimerRow::name));
    timers.getColumns().add(column("Kind", 60, TimerRow::kind));
    timers.getColumns().add(column("Schedule", 100, TimerRow::schedule));
    timers.getColumns().add(column("Runs", 60, t -> Long.toString(t.runs())));
    TableColumn<TimerRow, String> failures = column("Failures", 70, t -> Long.toString(t.failures()));
    failures.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item);
        setStyle(!empty && item != null && !"0".equals(item) ? "-fx-text-fill: #b71c1c; -fx-font-weight: bold;" : "");
      }
    });
    timers.getColumns().add(failures);
    timers.getColumns().add(column("Overruns", 70, t -> Long.toString(t.overruns())));
    timers.getColumns().add(column("Last run", 85, TimerRow::lastRun));
    timers.getColumns().add(column("Next run", 85, TimerRow::nextRun));
    timers.setPrefHeight(130);
    timers.setPlaceholder(new Label("No tasks or timers"));
    return timers;
  }

  private static Label heading(String text) {
    Label label = new Label(text);
    label.setFont(Font.font("System", FontWeight.BOLD, 12));
    label.setPadding(new Insets(6, 0, 0, 0));
    return label;
  }

  private static void row(GridPane grid, int row, String name, ObservableStringValue value, String id) {
    Label key = new Label(name);
    key.setStyle("-fx-text-fill: #616161;");
    Label val = new Label();
    val.setId(id);
    val.setWrapText(true);
    val.textProperty().bind(value);
    grid.addRow(row, key, val);
  }

  private static ListView<ServiceRef> neighbours(javafx.collections.ObservableList<ServiceRef> items, GraphViewModel graph, String id) {
    ListView<ServiceRef> list = new ListView<>(items);
    list.setId(id);
    list.setPrefHeight(80);
    list.setPlaceholder(new Label("None"));
    list.setOnMouseClicked(e -> {
      ServiceRef ref = list.getSelectionModel().getSelectedItem();
      if (ref != null) {
        graph.reveal(ref.id());
      }
    });
    return list;
  }

  private static TableColumn<TimerRow, String> column(String title, double width, Function<TimerRow, String> value) {
    TableColumn<TimerRow, String> c = new TableColumn<>(title);
    // Never narrower than its header: "Sche…" and "Over…" said nothing.
    c.setMinWidth(20 + 7.5 * title.length());
    c.setPrefWidth(Math.max(width, c.getMinWidth()));
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return c;
  }
}
