package mode.inspector.view;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.Rectangle;
import mode.State;
import mode.inspector.model.Trouble;

/**
 * The legend: one swatch per state, in lifecycle order, plus the marks the graph uses.
 *
 * <p>UI thread only.
 */
public final class LegendView extends FlowPane {
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
