package mode.inspector.view;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The one way the inspector opens stacks in a window of their own (live stacks, a thread dump, a
 * crash): a non-modal stage owned by the main window, with the inspector's stylesheet, large
 * enough for long frames.
 *
 * <p>UI thread only.
 */
final class StackWindows {
  /** The size a stack window opens with: wide, since frames are long lines. */
  static final double WIDTH = 1000;
  static final double HEIGHT = 700;

  private StackWindows() {}

  /**
   * Shows {@code content} in a new window titled {@code title}, owned by the window of {@code
   * owner} (none when {@code owner} is in no window).
   *
   * @return the stage, shown
   */
  static Stage show(Node owner, ObservableValue<String> title, Parent content) {
    return show(owner == null || owner.getScene() == null ? null : owner.getScene().getWindow(), title, content, HEIGHT);
  }

  /** As {@link #show(Node, ObservableValue, Parent)}, owned by {@code owner} and {@code height} high. */
  static Stage show(Window owner, ObservableValue<String> title, Parent content, double height) {
    Stage stage = new Stage();
    if (owner != null) {
      stage.initOwner(owner);
    }
    stage.titleProperty().bind(title);
    Scene scene = new Scene(content, WIDTH, height);
    scene.getStylesheets().add(InspectorView.STYLESHEET);
    stage.setScene(scene);
    stage.show();
    return stage;
  }
}
