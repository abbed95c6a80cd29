package mode.inspector.view;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.paint.Color;
import mode.State;
import mode.inspector.model.Trouble;

/**
 * The colours of the states: a light fill for the box and a strong colour for its border, the
 * legend and the change highlight. Chosen so that crashed (red) and running (green) differ in
 * lightness too, for readers who do not tell red from green.
 *
 * <p>Immutable; any thread.
 */
public final class Palette {
  private static final Map<State, Color> FILL = new EnumMap<>(State.class);
  private static final Map<State, Color> STROKE = new EnumMap<>(State.class);

  static {
    put(State.INIT, "#eceff1", "#78909c");
    put(State.STARTING, "#bbdefb", "#1e88e5");
    put(State.RUNNING, "#c8e6c9", "#2e7d32");
    put(State.STOPPING, "#ffe0b2", "#ef6c00");
    put(State.SHUTDOWN, "#d7d7d7", "#424242");
    put(State.CRASHED, "#ef9a9a", "#b71c1c");
  }

  /** Selection outline. */
  public static final Color SELECTION = Color.web("#6a1b9a");
  /** Search match halo. */
  public static final Color MATCH = Color.web("#fdd835");
  /** Edges. */
  public static final Color EDGE = Color.web("#90a4ae");
  /** Text on boxes. */
  public static final Color TEXT = Color.web("#212121");

  private Palette() {}

  private static void put(State state, String fill, String stroke) {
    FILL.put(state, Color.web(fill));
    STROKE.put(state, Color.web(stroke));
  }

  /** The fill of a box in {@code state}; a gone service ({@code null}) is white. */
  public static Color fill(State state) {
    return state == null ? Color.WHITE : FILL.get(state);
  }

  /** The border and highlight colour of {@code state}. */
  public static Color stroke(State state) {
    return state == null ? Color.GRAY : STROKE.get(state);
  }

  /** {@code c} drained of most of its colour when {@code stale} (a past moment on screen), else {@code c}. */
  public static Color faded(Color c, boolean stale) {
    return stale ? c.interpolate(c.grayscale(), 0.8) : c;
  }

  /** The colour of a kind of trouble: its marker and the node's border. */
  public static Color trouble(Trouble.Kind kind) {
    return switch (kind) {
      case CRASH_LOOP -> Color.web("#c62828");
      case BLOCKED -> Color.web("#e65100");
      case STUCK -> Color.web("#283593");
    };
  }

  /** CSS-style hex of the stroke colour, for DOT export and CSS. */
  public static String hex(Color c) {
    return String.format("#%02x%02x%02x",
        (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
  }
}
