package mode.inspector.view;

/**
 * Where the drawing is seen from: scale and translation from graph coordinates to screen
 * pixels ({@code screen = graph * scale + translate}).
 *
 * <p>Mutable; UI thread only.
 */
final class Viewport {
  static final double MIN_SCALE = 0.02;
  static final double MAX_SCALE = 3;
  /** The smallest scale Fit uses: labels stay about 8 px high or more (scroll to see the rest). */
  static final double READABLE_SCALE = 0.7;
  double scale = 1;
  double tx;
  double ty;

  double toGraphX(double sx) {
    return (sx - tx) / scale;
  }

  double toGraphY(double sy) {
    return (sy - ty) / scale;
  }

  void zoomAt(double factor, double sx, double sy) {
    double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
    double gx = toGraphX(sx);
    double gy = toGraphY(sy);
    scale = next;
    tx = sx - gx * scale;
    ty = sy - gy * scale;
  }

  /**
   * Shows the whole drawing, or, when whole its labels would be too small to read, its top at
   * {@link #READABLE_SCALE} (the rest is a drag or a scroll away).
   */
  void fit(double drawingW, double drawingH, double viewW, double viewH) {
    double margin = 24;
    double fitScale = Math.min((viewW - 2 * margin) / Math.max(1, drawingW), (viewH - 2 * margin) / Math.max(1, drawingH));
    if (fitScale >= READABLE_SCALE) {
      scale = Math.min(1.25, fitScale);
      tx = (viewW - drawingW * scale) / 2;
      ty = (viewH - drawingH * scale) / 2;
    } else {
      scale = READABLE_SCALE;
      tx = drawingW * scale <= viewW - 2 * margin ? (viewW - drawingW * scale) / 2 : margin;
      ty = margin;
    }
  }

  /** Centres the point (graph coordinates) in the view, zooming in if the view is far out. */
  void centreOn(double gx, double gy, double viewW, double viewH) {
    scale = Math.max(scale, 0.8);
    tx = viewW / 2 - gx * scale;
    ty = viewH / 2 - gy * scale;
  }
}
