package mode.inspector.view;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.viewmodel.InspectorViewModel;

/**
 * The always-visible connection health: a coloured dot (green connected, amber connecting or
 * reconnecting, grey disconnected, blue replay), the worker's name, the last message (e.g. a
 * gap), what the memory bounds dropped if anything (how far back the replay reaches, older log
 * entries discarded), and on the right the outcome of the last action.
 *
 * <p>UI thread only.
 */
public final class StatusBar extends HBox {
  /** A status bar bound to {@code vm}. */
  public StatusBar(InspectorViewModel vm) {
    super(10);
    setAlignment(Pos.CENTER_LEFT);
    setPadding(new Insets(3, 8, 3, 8));
    setStyle("-fx-background-color: #eceff1; -fx-border-color: #cfd8dc; -fx-border-width: 1 0 0 0;");
    Circle dot = new Circle(6);
    dot.fillProperty().bind(Bindings.createObjectBinding(() -> colour(vm.statusProperty().get()), vm.statusProperty()));
    Label status = new Label();
    status.setId("connection-status");
    status.textProperty().bind(Bindings.createStringBinding(
        () -> describe(vm.statusProperty().get()) + (vm.workerNameProperty().get().isEmpty() ? "" : " · " + vm.workerNameProperty().get()),
        vm.statusProperty(), vm.workerNameProperty()));
    status.setStyle("-fx-font-weight: bold;");
    Label message = new Label();
    message.setId("status-message");
    message.textProperty().bind(vm.statusMessageProperty());
    Label memory = new Label();
    memory.setId("memory-notice");
    memory.textProperty().bind(vm.memoryNoticeProperty());
    memory.setStyle("-fx-text-fill: #8d6e63;");
    Region spring = new Region();
    HBox.setHgrow(spring, Priority.ALWAYS);
    Label action = new Label();
    action.setId("action-result");
    action.textProperty().bind(vm.actions().resultProperty());
    // An error is never cut off unread: the whole text is the tooltip, and the label is the last to shrink.
    javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
    whole.textProperty().bind(vm.actions().resultProperty());
    whole.setWrapText(true);
    whole.setMaxWidth(600);
    action.setTooltip(whole);
    action.setMinWidth(Region.USE_PREF_SIZE);
    message.setMinWidth(0);
    getChildren().addAll(dot, status, message, memory, spring, action);
  }

  private static Color colour(ConnectionStatus status) {
    return switch (status) {
      case CONNECTED -> Color.web("#2e7d32");
      case CONNECTING, RECONNECTING -> Color.web("#f9a825");
      case DISCONNECTED -> Color.web("#9e9e9e");
      case REPLAY -> Color.web("#1e88e5");
    };
  }

  private static String describe(ConnectionStatus status) {
    return switch (status) {
      case CONNECTED -> "Connected";
      case CONNECTING -> "Connecting";
      case RECONNECTING -> "Reconnecting";
      case DISCONNECTED -> "Disconnected";
      case REPLAY -> "Replay";
    };
  }
}
