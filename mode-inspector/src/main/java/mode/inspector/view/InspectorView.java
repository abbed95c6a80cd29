package mode.inspector.view;

import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.geometry.Pos;
import javafx.util.Duration;
import javafx.stage.Window;
import mode.inspector.viewmodel.GraphViewModel;
import mode.inspector.viewmodel.InspectorViewModel;
import mode.inspector.viewmodel.StateFilter;

/**
 * The main window's content: toolbar (search, filter, zoom, actions, files), the graph with its
 * legend, the details panel, the timeline and startup tabs, the replay bar and the status bar.
 * Built in code; it binds to the view-model and delegates every command to it.
 *
 * <p>UI thread only.
 */
public final class InspectorView extends BorderPane {
  private final Timeline clock;
  private boolean closed;

  /**
   * The inspector's stylesheet (its URL), applied to this view; a window that puts more around
   * the view applies it there too, so that its panes draw as cheaply.
   */
  public static final String STYLESHEET = InspectorView.class.getResource("inspector.css").toExternalForm();

  private final GraphCanvas canvas;

  /** The main view of {@code vm}; {@code files} handles the toolbar's file commands. */
  public InspectorView(InspectorViewModel vm, FileCommands files) {
    GraphViewModel graph = vm.graph();
    getStylesheets().add(STYLESHEET);
    canvas = new GraphCanvas(graph, vm.actions());
    Label notice = new Label();
    notice.setId("liveness-notice");
    notice.textProperty().bind(vm.liveness().noticeProperty());
    notice.visibleProperty().bind(vm.liveness().liveProperty().not());
    notice.getStyleClass().add("liveness-notice");
    Label empty = new Label();
    empty.setId("filter-empty");
    empty.textProperty().bind(graph.emptyResultProperty());
    empty.visibleProperty().bind(graph.emptyResultProperty().isNotEmpty());
    empty.setStyle("-fx-font-size: 15px; -fx-text-fill: #455a64;");
    StackPane graphPane = new StackPane(canvas, empty, notice);
    StackPane.setAlignment(notice, Pos.TOP_CENTER);
    VBox graphBox = new VBox(graphPane, new LegendView());
    VBox.setVgrow(graphPane, Priority.ALWAYS);

    SplitPane top = new SplitPane(graphBox,
        LiveStacksView.withButton(new DetailsView(vm.details(), graph), vm.actions().liveStacks()));
    top.setDividerPositions(0.72);
    TabPane tabs = new TabPane(
        new Tab("Timeline", timeline(vm)),
        problemsTab(vm),
        new Tab("Startup", new StartupView(vm.startup(), graph)),
        new Tab("Log", new LogView(vm)),
        LiveStacksView.tab(vm.actions().liveStacks()));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    SplitPane main = new SplitPane(top, tabs);
    main.setOrientation(Orientation.VERTICAL);
    main.setDividerPositions(0.62);

    setTop(toolbar(vm, files));
    setCenter(main);
    setBottom(new VBox(new ReplayBar(vm), new StatusBar(vm)));

    // Keyboard: Ctrl+F searches, Escape clears the search, Ctrl+0 fits the graph.
    setOnKeyPressed(e -> {
      if (e.isShortcutDown() && e.getCode() == KeyCode.F) {
        lookup("#search").requestFocus();
        e.consume();
      } else if (e.isShortcutDown() && e.getCode() == KeyCode.DIGIT0) {
        canvas.fit();
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        graph.searchProperty().set("");
      }
    });

    // The clock ticks only while this view is in a showing window: a view that was replaced (or
    // whose window closed) must not keep asking its view-models for work.
    clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
    clock.setCycleCount(Timeline.INDEFINITE);
    sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false)
        .subscribe(showing -> {
          if (showing && !closed) {
            clock.play();
          } else {
            clock.stop();
          }
        });
  }

  /**
   * Stops the view's clock for good: from now on the view asks its view-models for nothing on its
   * own. Called when the app closes, before the view-models' executors are shut down (a tick in a
   * pulse after that would hand work to a closed executor). FX thread.
   */
  public void close() {
    closed = true;
    clock.stop();
  }

  private static Separator separator() {
    return new Separator(Orientation.VERTICAL);
  }

  private FlowPane toolbar(InspectorViewModel vm, FileCommands files) {
    GraphViewModel graph = vm.graph();
    TextField search = new TextField();
    search.setId("search");
    search.setPromptText("Search services (Enter: next)");
    search.setPrefColumnCount(16);
    search.textProperty().bindBidirectional(graph.searchProperty());
    search.setOnAction(e -> graph.revealNextMatch());
    Label matches = new Label();
    matches.textProperty().bind(Bindings.createStringBinding(
        () -> graph.searchProperty().get().isBlank() ? "" : graph.matchCountProperty().get() + " found",
        graph.searchProperty(), graph.matchCountProperty()));

    ComboBox<StateFilter> filter = new ComboBox<>();
    filter.setId("filter");
    filter.getItems().setAll(StateFilter.values());
    filter.valueProperty().bindBidirectional(graph.filterProperty());

    Button fit = button("Fit", "Show the whole graph", canvas::fit);
    fit.setId("fit");
    Button zoomIn = button("+", "Zoom in", () -> canvas.zoom(1.25));
    Button zoomOut = button("−", "Zoom out", () -> canvas.zoom(0.8));
    Button expand = button("Expand all", "Expand every collapsed service", graph::expandAll);

    List<javafx.scene.Node> actions = ActionButtons.of(vm, this);

    MenuButton file = new MenuButton("File");
    file.setId("file-menu");
    file.getItems().addAll(
        menuItem("Export graph as…", "export-graph", files::exportGraph),
        menuItem("Save recording of this session…", "save-recording", files::saveRecording));
    file.getItems().addFirst(menuItem("Open recording (JSON Lines or JFR)…", "open-recording-menu", files::openRecording));

    // A tool bar that wraps onto a second row on a small window, rather than hiding actions behind "»".
    FlowPane bar = new FlowPane(6, 4, search, matches, filter, separator(), fit, zoomIn, zoomOut, expand, separator());
    bar.getChildren().addAll(actions);
    bar.getChildren().addAll(separator(), file);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("tool-bar");
    bar.setPadding(new javafx.geometry.Insets(4, 6, 4, 6));
    return bar;
  }

  /** Swimlanes beside the table of transitions. */
  private static SplitPane timeline(InspectorViewModel vm) {
    SplitPane split = new SplitPane(new SwimlaneView(vm), new TimelineView(vm.timeline(), vm.graph(), vm.details()));
    split.setId("timeline-split");
    split.setDividerPositions(0.55);
    return split;
  }

  private static Tab problemsTab(InspectorViewModel vm) {
    Tab tab = new Tab("Problems", new ProblemsView(vm.problems(), vm.graph()));
    tab.setId("problems-tab");
    tab.textProperty().bind(Bindings.createStringBinding(
        () -> vm.problems().rows().isEmpty() ? "Problems" : "Problems (" + vm.problems().rows().size() + ")",
        vm.problems().rows()));
    return tab;
  }

  private static MenuItem menuItem(String text, String id, Runnable action) {
    MenuItem item = new MenuItem(text);
    item.setId(id);
    item.setOnAction(e -> action.run());
    return item;
  }

  private static Button button(String text, String tip, Runnable action) {
    Button b = new Button(text);
    b.setTooltip(new Tooltip(tip));
    b.setOnAction(e -> action.run());
    return b;
  }

  /** Scrolls the swimlanes to the service's lane (for screenshots). FX thread. */
  public void revealLane(long serviceId) {
    if (lookup("#swimlanes") instanceof SwimlaneView lanes) {
      lanes.reveal(serviceId);
    }
  }

  /** The graph canvas (for snapshots and tests). */
  public GraphCanvas canvas() {
    return canvas;
  }

  /** What the toolbar's file buttons do; the app implements it with file choosers. */
  public interface FileCommands {
    /** Export the graph: DOT, annotated DOT, GraphML, GML, JSON or PNG (see {@code ExportFormat}). */
    void exportGraph();

    /** Open a recording (JSON Lines or JFR) chosen by the user; by default there is none to open. */
    default void openRecording() {}

    /** Save the session's recording. */
    void saveRecording();
  }
}
