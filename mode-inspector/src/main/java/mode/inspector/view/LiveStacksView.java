package mode.inspector.view;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import mode.inspector.viewmodel.LiveStacksViewModel;

/**
 * "What is it doing now?": the button above the details panel that asks for the selected
 * service's live stacks, and the "Live stacks" tab (full width, resizable with the split above
 * it) that shows them in a {@link StackViewer}; each answer brings the tab forward. The tab can
 * open the same stacks in a window of their own.
 *
 * <p>UI thread only.
 */
final class LiveStacksView {
  private LiveStacksView() {}

  /** {@code details} with the "What is it doing now?" button above it. */
  static Node withButton(Node details, LiveStacksViewModel vm) {
    Button ask = new Button("What is it doing now?");
    ask.setId("live-stacks-ask");
    ask.setOnAction(e -> vm.fetch());
    ask.disableProperty().bind(vm.whyNotProperty().isNotEmpty());
    Label wrapper = new Label(null, ask); // a disabled button shows no tooltip; its wrapper does
    Tooltip tip = new Tooltip();
    tip.textProperty().bind(Bindings.createStringBinding(() -> vm.whyNotProperty().get().isEmpty()
        ? "The live stacks of the threads running its hooks, tasks and timers"
        : "Not possible: " + vm.whyNotProperty().get(), vm.whyNotProperty()));
    wrapper.setTooltip(tip);
    HBox bar = new HBox(wrapper);
    bar.setPadding(new Insets(6, 10, 0, 10));
    VBox box = new VBox(bar, details);
    VBox.setVgrow(details, Priority.ALWAYS);
    return box;
  }

  /** The "Live stacks" tab; selected whenever an answer arrives. */
  static Tab tab(LiveStacksViewModel vm) {
    Tab tab = new Tab("Live stacks", pane(vm, "live-stacks", true));
    tab.setId("live-stacks-tab");
    vm.answersProperty().addListener((obs, old, now) -> {
      if (tab.getTabPane() != null) {
        tab.getTabPane().getSelectionModel().select(tab);
      }
    });
    return tab;
  }

  private static VBox pane(LiveStacksViewModel vm, String prefix, boolean withWindowButton) {
    Label title = new Label();
    title.setId(prefix + "-title");
    title.setFont(Font.font("System", FontWeight.BOLD, 12));
    title.textProperty().bind(vm.titleProperty());
    StackViewer viewer = new StackViewer(prefix);
    viewer.textProperty().bind(vm.textProperty());
    Button refresh = new Button("Ask again");
    refresh.setId(prefix + "-refresh");
    refresh.setTooltip(new Tooltip("Ask again what the selected service is doing now"));
    refresh.setOnAction(e -> vm.fetch());
    refresh.disableProperty().bind(vm.whyNotProperty().isNotEmpty());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    viewer.bar().getChildren().addAll(gap, refresh);
    if (withWindowButton) {
      Button window = new Button("Open in window");
      window.setId(prefix + "-window");
      window.setTooltip(new Tooltip("Show these stacks in a window of their own"));
      window.setOnAction(e -> openWindow(vm, window));
      viewer.bar().getChildren().add(window);
    }
    VBox pane = new VBox(2, title, viewer);
    pane.setAlignment(Pos.TOP_LEFT);
    pane.setPadding(new Insets(6, 8, 6, 8));
    VBox.setVgrow(viewer, Priority.ALWAYS);
    return pane;
  }

  private static void openWindow(LiveStacksViewModel vm, Node owner) {
    StackWindows.show(owner, vm.titleProperty(), pane(vm, "live-stacks-window", false));
  }
}
