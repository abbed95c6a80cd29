package mode.inspector.view;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import mode.events.ServiceInfo.TimerInfo;
import mode.inspector.viewmodel.DetailsViewModel;
import mode.inspector.viewmodel.DetailsViewModel.ServiceRef;
import mode.inspector.viewmodel.GraphViewModel;

/**
 * The details panel of the selected service. Neighbours are clickable (they select that
 * service); the crash stack trace and blocking reports are in read-only text areas so they can
 * be selected and copied.
 *
 * <p>UI thread only.
 */
public final class DetailsView extends ScrollPane {
  /** A panel bound to {@code vm}; clicking a neighbour selects it through {@code graph}. */
  public DetailsView(DetailsViewModel vm, GraphViewModel graph) {
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
    Label crash = new Label();
    crash.setId("details-crash");
    crash.setWrapText(true);
    crash.setStyle("-fx-text-fill: #b71c1c; -fx-font-weight: bold;");
    crash.textProperty().bind(vm.crashProperty());
    TextArea stack = new TextArea();
    stack.setId("details-stack");
    stack.setEditable(false);
    stack.setPrefRowCount(8);
    stack.setFont(Font.font("Monospaced", 11));
    stack.textProperty().bind(vm.crashStackProperty());
    stack.visibleProperty().bind(vm.crashStackProperty().isNotEmpty());
    stack.managedProperty().bind(stack.visibleProperty());
    VBox section = new VBox(6, heading("Last crash"), crash, stack);
    section.visibleProperty().bind(vm.crashProperty().isNotEmpty());
    section.managedProperty().bind(section.visibleProperty());
    return section;
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

  private static TableView<TimerInfo> timers(DetailsViewModel vm) {
    TableView<TimerInfo> timers = new TableView<>(vm.timers());
    timers.setId("details-timers");
    timers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    timers.getColumns().add(column("Name", TimerInfo::name));
    timers.getColumns().add(column("Kind", TimerInfo::kind));
    timers.getColumns().add(column("Schedule", DetailsView::schedule));
    timers.getColumns().add(column("Runs", t -> Long.toString(t.runs())));
    timers.getColumns().add(column("Overruns", t -> Long.toString(t.overruns())));
    timers.setPrefHeight(120);
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

  /** A timer's interval with its unit ({@code every 10.0 s}); a crontab's expression as it is. */
  static String schedule(TimerInfo t) {
    return "timer".equals(t.kind()) && !t.schedule().isEmpty() ? "every " + t.schedule() + " s" : t.schedule();
  }

  private static TableColumn<TimerInfo, String> column(String title, Function<TimerInfo, String> value) {
    TableColumn<TimerInfo, String> c = new TableColumn<>(title);
    // Never narrower than its header: "Sche…" and "Over…" said nothing.
    c.setMinWidth(20 + 7.5 * title.length());
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return c;
  }
}
