package mode.inspector.view;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.Rectangle;
import mode.State;
import mode.inspector.model.Trouble;

/**
 * The legend: one swatch per state, in lifecycle order, the supervisor's shape, plus the marks
 * the graph uses.
 *
 * <p>UI thread only.
 */
public final class LegendView extends FlowPane {
  /**
   * The supervisor's shape: a double border and a shield, with its strategy and restart limit as
   * the box's text.
   */
  static Label supervisorEntry() {
    Canvas swatch = new Canvas(30, 16);
    GraphPainter.supervisorSwatch(swatch.getGraphicsContext2D(), 0.5, 0.5, 29, 15,
        Palette.fill(State.RUNNING), Palette.stroke(State.RUNNING));
    Label label = new Label("supervisor: strategy · restart limit", swatch);
    label.setId("legend-supervisor");
    label.setTooltip(new Tooltip("A supervisor restarts the services it supervises when they crash."
        + " Its box says how (one-for-one, one-for-all, ...) and its limit: at most N restarts in a"
        + " time window, one more and it gives up and crashes itself."));
    return label;
  }

  /** The legend. */
  public LegendView() {
    super(12, 2);
    setId("legend");
    setAlignment(Pos.CENTER_LEFT);
    setPadding(new Insets(2, 8, 2, 8));
    for (State state : State.values()) {
      Rectangle swatch = new Rectangle(14, 12);
      swatch.setArcWidth(5);
      swatch.setArcHeight(5);
      swatch.setFill(Palette.fill(state));
      swatch.setStroke(Palette.stroke(state));
      swatch.setStrokeWidth(1.5);
      Label label = new Label(state.name().toLowerCase(), swatch);
      getChildren().add(label);
    }
    getChildren().add(supervisorEntry());
    Label marks = new Label("A → B: A depends on B · ↻n restarts · +n collapsed · halo = just changed");
    marks.setStyle("-fx-text-fill: #616161;");
    getChildren().add(marks);
    for (Trouble.Kind kind : Trouble.Kind.values()) {
      Label marker = new Label(kind.title());
      marker.setStyle("-fx-text-fill: white; -fx-font-weight: bold; -fx-padding: 0 6 0 6; -fx-background-radius: 8;"
          + " -fx-background-color: " + Palette.hex(Palette.trouble(kind)) + ";");
      getChildren().add(marker);
    }
  }
}
