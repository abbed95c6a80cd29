package mode.inspector.view;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import mode.State;
import mode.inspector.layout.LayeredLayout;
import mode.inspector.layout.Layout;
import mode.inspector.model.Trouble;
import mode.inspector.viewmodel.GraphViewModel;

/**
 * Draws a laid-out graph on a canvas: edges as arrows (dependent above, dependency below), boxes
 * filled by state, the selection, search matches, "+N" badges on collapsed services, restart
 * counters, and a fading halo on services that just changed state. Only what intersects the
 * visible rectangle is drawn, and detail drops with the zoom, so 10,000 services stay fluid.
 *
 * <p>UI thread only.
 */
final class GraphPainter {
  private static final Font LABEL = Font.font("System", 12);
  private static final Font BADGE = Font.font("System", FontWeight.BOLD, 11);
  private static final double ARC = 10;
  /** A supervisor's box: rounder, with a second border this far inside the first. */
  private static final double SUPERVISOR_ARC = 16;
  private static final double SUPERVISOR_INSET = 3;
  /** The height of the shield before a supervisor's text. */
  static final double SHIELD_SIZE = 13;

  private final GraphViewModel vm;

  GraphPainter(GraphViewModel vm) {
    this.vm = vm;
  }

  /** Draws {@code layout} on a {@code w}×{@code h} canvas; returns how many boxes were drawn. */
  int paint(GraphicsContext gc, Layout layout, Viewport view, double w, double h, long nowNanos) {
    gc.setTransform(1, 0, 0, 1, 0, 0);
    gc.setGlobalAlpha(1);
    gc.setFill(Color.web("#fafafa"));
    gc.fillRect(0, 0, w, h);
    gc.setTransform(view.scale, 0, 0, view.scale, view.tx, view.ty);
    double left = view.toGraphX(0);
    double top = view.toGraphY(0);
    double right = view.toGraphX(w);
    double bottom = view.toGraphY(h);
    paintEdges(gc, layout, view.scale, left, top, right, bottom);
    int drawn = 0;
    Long selected = vm.selectedProperty().get();
    for (int i = 0; i < layout.size(); i++) {
      double x = layout.x(i);
      double y = layout.y(i);
      double bw = layout.width(i);
      double bh = layout.nodeHeight();
      if (x + bw < left || x > right || y + bh < top || y > bottom) {
        continue;
      }
      drawn++;
      long id = layout.id(i);
      paintNode(gc, id, x, y, bw, bh, view.scale, selected != null && selected == id, nowNanos);
    }
    gc.setGlobalAlpha(1);
    gc.setTransform(1, 0, 0, 1, 0, 0);
    return drawn;
  }

  private void paintEdges(GraphicsContext gc, Layout layout, double scale, double left, double top, double right, double bottom) {
    gc.setStroke(Palette.EDGE);
    gc.setFill(Palette.EDGE);
    gc.setLineWidth(1.2 / Math.max(scale, 0.5));
    boolean arrows = scale > 0.3;
    for (int i = 0; i < layout.size(); i++) {
      int[] children = layout.children(i);
      if (children.length == 0) {
        continue;
      }
      double minX = layout.x(i);
      double maxX = layout.x(i) + layout.width(i);
      double maxY = layout.y(i);
      for (int c : children) {
        minX = Math.min(minX, layout.x(c));
        maxX = Math.max(maxX, layout.x(c) + layout.width(c));
        maxY = Math.max(maxY, layout.y(c) + layout.nodeHeight());
      }
      if (maxX < left || minX > right || maxY < top || layout.y(i) > bottom) {
        continue;
      }
      if (layout.stacked(children[0])) {
        paintStack(gc, layout, i, children, arrows);
      } else {
        paintBus(gc, layout, i, children, arrows);
      }
    }
  }

  /** Dependent above, a horizontal bus half-way down the gap, a drop to each dependency. */
  private static void paintBus(GraphicsContext gc, Layout layout, int i, int[] children, boolean arrows) {
    double h = layout.nodeHeight();
    double px = layout.x(i) + layout.width(i) / 2;
    double py = layout.y(i) + h;
    double firstTop = Double.MAX_VALUE;
    for (int c : children) {
      firstTop = Math.min(firstTop, layout.y(c));
    }
    double busY = firstTop - layout.layerGap() / 2;
    double minX = px;
    double maxX = px;
    gc.strokeLine(px, py, px, busY);
    for (int c : children) {
      double cx = layout.x(c) + layout.width(c) / 2;
      minX = Math.min(minX, cx);
      maxX = Math.max(maxX, cx);
      double cy = layout.y(c);
      gc.strokeLine(cx, busY, cx, cy - (arrows ? 5 : 0));
      if (arrows) {
        arrowHead(gc, cx, busY, cx, cy);
      }
    }
    gc.strokeLine(minX, busY, maxX, busY);
  }

  /** A file-tree column: a spine down the left, a stub with an arrow into each dependency. */
  private static void paintStack(GraphicsContext gc, Layout layout, int i, int[] children, boolean arrows) {
    double h = layout.nodeHeight();
    double sx = layout.x(i) + LayeredLayout.STACK_INDENT / 2;
    double lastY = layout.y(i) + h;
    for (int c : children) {
      double cy = layout.y(c) + h / 2;
      lastY = Math.max(lastY, cy);
      gc.strokeLine(sx, cy, layout.x(c) - (arrows ? 5 : 0), cy);
      if (arrows) {
        arrowHead(gc, sx, cy, layout.x(c), cy);
      }
    }
    gc.strokeLine(sx, layout.y(i) + h, sx, lastY);
  }

  private static void arrowHead(GraphicsContext gc, double x1, double y1, double x2, double y2) {
    double angle = Math.atan2(y2 - y1, x2 - x1);
    double len = 7;
    double spread = Math.toRadians(22);
    gc.fillPolygon(
        new double[] {x2, x2 - len * Math.cos(angle - spread), x2 - len * Math.cos(angle + spread)},
        new double[] {y2, y2 - len * Math.sin(angle - spread), y2 - len * Math.sin(angle + spread)},
        3);
  }

  private void paintNode(GraphicsContext gc, long id, double x, double y, double w, double h, double scale,
      boolean selected, long nowNanos) {
    State state = vm.state(id);
    boolean stale = vm.staleProperty().get();
    gc.setGlobalAlpha(vm.isDimmed(id) ? 0.4 : 1);
    double flash = vm.flash(id, nowNanos);
    if (flash > 0) {
      double grow = 4 + 10 * flash;
      gc.setFill(Palette.stroke(state).deriveColor(0, 1, 1, 0.55 * flash));
      gc.fillRoundRect(x - grow, y - grow, w + 2 * grow, h + 2 * grow, ARC + grow, ARC + grow);
    }
    if (vm.matchesSearch(id)) {
      gc.setFill(Palette.MATCH);
      gc.fillRoundRect(x - 5, y - 5, w + 10, h + 10, ARC + 5, ARC + 5);
    }
    boolean supervisor = vm.isSupervisor(id);
    double arc = supervisor ? SUPERVISOR_ARC : ARC;
    gc.setFill(Palette.faded(Palette.fill(state), stale));
    gc.fillRoundRect(x, y, w, h, arc, arc);
    if (scale * w < 6) {
      return;
    }
    Trouble trouble = vm.trouble(id);
    Color troubleColour = trouble == null ? null : Palette.faded(Palette.trouble(trouble.kind()), stale);
    Color stateStroke = Palette.faded(Palette.stroke(state), stale);
    gc.setStroke(selected ? Palette.SELECTION : troubleColour != null ? troubleColour : stateStroke);
    gc.setLineWidth(selected || trouble != null ? 3 : state == State.CRASHED ? 2 : 1.2);
    gc.strokeRoundRect(x, y, w, h, arc, arc);
    if (supervisor) {
      // A double border: the inner line always in the state's colour.
      gc.setStroke(stateStroke);
      gc.setLineWidth(1);
      gc.strokeRoundRect(x + SUPERVISOR_INSET, y + SUPERVISOR_INSET, w - 2 * SUPERVISOR_INSET,
          h - 2 * SUPERVISOR_INSET, arc - SUPERVISOR_INSET, arc - SUPERVISOR_INSET);
    }
    if (scale < 0.35) {
      return;
    }
    int hidden = vm.hiddenBelow(id);
    double textRight = x + w - 8;
    if (hidden > 0) {
      String badge = "+" + compact(hidden);
      double bw = badgeWidth();
      gc.setFill(Palette.stroke(state));
      gc.fillRoundRect(x + w - bw - 4, y + 5, bw, h - 10, 8, 8);
      gc.setFill(Color.WHITE);
      gc.setFont(BADGE);
      gc.setTextAlign(TextAlignment.CENTER);
      gc.setTextBaseline(VPos.CENTER);
      gc.fillText(badge, x + w - bw / 2 - 4, y + h / 2);
      textRight = x + w - bw - 8;
    }
    double textLeft = x + 10;
    String label;
    if (supervisor) {
      shield(gc, x + 8 + SHIELD_SIZE / 2, y + h / 2, SHIELD_SIZE, stateStroke);
      textLeft = x + 10 + SHIELD_SIZE + 6;
      label = vm.boxText(id);
    } else {
      label = vm.label(id);
      if (label.length() > 28) {
        label = label.substring(0, 27) + "…";
      }
    }
    gc.setFill(Palette.TEXT);
    gc.setFont(LABEL);
    gc.setTextAlign(TextAlignment.LEFT);
    gc.setTextBaseline(VPos.CENTER);
    gc.fillText(label, textLeft, y + h / 2, Math.max(10, textRight - textLeft));
    if (trouble != null) {
      paintMarker(gc, trouble.serviceId() == id ? trouble.marker() : vm.label(trouble.serviceId()) + ": " + trouble.marker(),
          x, y, troubleColour);
      return;
    }
    GraphViewModel.RestartBadge badge = vm.restartBadge(id);
    if (badge != null) {
      String text = badge.text();
      double pw = 10 + 7 * text.length();
      double pcx = x + w - pw / 2 - 2;
      // Red when crashes caused restarts; grey when only an operator (or a parent) did.
      gc.setFill(badge.crash() ? Palette.stroke(State.CRASHED) : Color.web("#757575"));
      gc.fillRoundRect(pcx - pw / 2, y - 8, pw, 14, 14, 14);
      gc.setFill(Color.WHITE);
      gc.setFont(BADGE);
      gc.setTextAlign(TextAlignment.CENTER);
      gc.setTextBaseline(VPos.CENTER);
      gc.fillText(text, pcx, y - 1);
    }
  }

  /**
   * The frame of a supervisor's box without its text, as the graph draws it (for the legend):
   * filled, a double border, the shield.
   */
  static void supervisorSwatch(GraphicsContext gc, double x, double y, double w, double h, Color fill, Color stroke) {
    gc.setFill(fill);
    gc.fillRoundRect(x, y, w, h, SUPERVISOR_ARC, SUPERVISOR_ARC);
    gc.setStroke(stroke);
    gc.setLineWidth(1.2);
    gc.strokeRoundRect(x, y, w, h, SUPERVISOR_ARC, SUPERVISOR_ARC);
    gc.setLineWidth(1);
    gc.strokeRoundRect(x + SUPERVISOR_INSET, y + SUPERVISOR_INSET, w - 2 * SUPERVISOR_INSET, h - 2 * SUPERVISOR_INSET,
        SUPERVISOR_ARC - SUPERVISOR_INSET, SUPERVISOR_ARC - SUPERVISOR_INSET);
    shield(gc, x + 8 + SHIELD_SIZE / 2, y + h / 2, SHIELD_SIZE, stroke);
  }

  /** A shield centred on ({@code cx}, {@code cy}), {@code size} high: flat top, pointed bottom. */
  static void shield(GraphicsContext gc, double cx, double cy, double size, Color colour) {
    double half = size * 0.42;
    double top = cy - size / 2;
    double bottom = cy + size / 2;
    gc.setFill(colour);
    gc.beginPath();
    gc.moveTo(cx - half, top + 1.5);
    gc.quadraticCurveTo(cx, top - 0.5, cx + half, top + 1.5);
    gc.lineTo(cx + half, cy);
    gc.quadraticCurveTo(cx + half, bottom - 2.5, cx, bottom);
    gc.quadraticCurveTo(cx - half, bottom - 2.5, cx - half, cy);
    gc.closePath();
    gc.fill();
  }

  /** A pill on the box's top edge, legible at the default zoom: what is wrong, in words. */
  private static void paintMarker(GraphicsContext gc, String text, double x, double y, Color colour) {
    double pw = GraphViewModel.markerWidth(text.length()) - 8;
    gc.setFill(colour);
    gc.fillRoundRect(x + 4, y - 10, pw, 17, 17, 17);
    gc.setFill(Color.WHITE);
    gc.setFont(BADGE);
    gc.setTextAlign(TextAlignment.LEFT);
    gc.setTextBaseline(VPos.CENTER);
    gc.fillText(text, x + 10, y - 1.5);
  }

  static double badgeWidth() {
    return 30;
  }

  private static String compact(int n) {
    return n < 1000 ? Integer.toString(n) : n < 100_000 ? String.format("%.1fk", n / 1000.0) : (n / 1000) + "k";
  }
}
