package mode.inspector.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import mode.inspector.layout.Layout;
import mode.inspector.model.Texts;
import mode.inspector.model.TransitionRecord;
import mode.inspector.viewmodel.InspectorViewModel;
import mode.inspector.viewmodel.Swimlanes;
import mode.inspector.viewmodel.TimeWindow;

/**
 * The timeline as swimlanes: one lane per service shown in the graph (in the graph's order),
 * its states as coloured spans ({@link Palette}), its crashes as red markers (the reason as a
 * tooltip), a time axis below, and the replayed moment as a line. The wheel zooms in time around
 * the pointer, dragging scrolls in time, the scroll bar scrolls the lanes; a click on a span or a
 * marker replays the session to that moment and selects the service. Until the user zooms or
 * drags, the lanes show the whole session as it grows; a zoomed window that reaches the session's
 * end follows it, keeping its length.
 *
 * <p>The spans come from {@link Swimlanes}, computed again once per pulse in which something
 * changed. UI thread only.
 */
final class SwimlaneView extends Region {
  static final double LANE = 20;
  static final double AXIS = 22;
  static final double NAMES = 150;
  private final InspectorViewModel vm;
  private final Canvas canvas = new Canvas();
  private final ScrollBar lanesBar = new ScrollBar();
  private final Tooltip tip = new Tooltip();
  private TimeWindow window;
  private List<Long> ids = List.of();
  private List<Swimlanes.Lane> lanes = List.of();
  private boolean dirty = true;
  private double dragX = Double.NaN;
  /** Whether the user zoomed or dragged the window (else it shows the whole session). */
  private boolean userMoved;

  SwimlaneView(InspectorViewModel vm) {
    this.vm = vm;
    setId("swimlanes");
    lanesBar.setOrientation(Orientation.VERTICAL);
    getChildren().addAll(canvas, lanesBar);
    Runnable mark = () -> dirty = true;
    vm.graph().layoutProperty().subscribe(l -> mark.run());
    vm.graph().repaintProperty().subscribe(n -> mark.run());
    vm.timeline().totalProperty().subscribe(n -> mark.run());
    vm.replayMomentProperty().subscribe(m -> mark.run());
    lanesBar.valueProperty().subscribe(v -> mark.run());
    widthProperty().subscribe(w -> mark.run());
    heightProperty().subscribe(h -> mark.run());
    Runnable pulse = () -> {
      if (dirty) {
        dirty = false;
        paint();
      }
    };
    sceneProperty().addListener((obs, old, now) -> {
      if (old != null) {
        old.removePostLayoutPulseListener(pulse);
      }
      if (now != null) {
        now.addPostLayoutPulseListener(pulse);
      }
    });
    Tooltip.install(canvas, tip);
    canvas.setOnScroll(e -> {
      Instant[] range = range();
      if (range == null || window == null || e.getDeltaY() == 0) {
        return;
      }
      double anchor = Math.clamp((e.getX() - NAMES) / plotWidth(), 0, 1);
      window = window.zoom(e.getDeltaY() > 0 ? 1.25 : 0.8, anchor, range[0], range[1]);
      userMoved = true;
      dirty = true;
    });
    canvas.setOnMousePressed(e -> dragX = e.getX());
    canvas.setOnMouseDragged(e -> {
      Instant[] range = range();
      if (range != null && window != null && !Double.isNaN(dragX)) {
        window = window.scroll((dragX - e.getX()) / plotWidth(), range[0], range[1]);
        dragX = e.getX();
        userMoved = true;
        dirty = true;
      }
    });
    canvas.setOnMouseMoved(e -> tip.setText(tipAt(e.getX(), e.getY())));
    canvas.setOnMouseClicked(e -> {
      if (e.isStillSincePress()) {
        clickAt(e.getX(), e.getY());
      }
    });
  }

  private double plotWidth() {
    return Math.max(1, canvas.getWidth() - NAMES);
  }

  /** The session's first and last moments, or {@code null} before any transition. */
  private Instant[] range() {
    List<TransitionRecord> history = vm.liveHistory();
    if (history.isEmpty()) {
      return null;
    }
    Instant first = history.getFirst().at();
    Instant last = vm.liveEnd();
    if (!last.isAfter(first)) {
      last = first.plusMillis(TimeWindow.MIN_MILLIS);
    }
    return new Instant[] {first, last};
  }

  @Override
  protected void layoutChildren() {
    double barWidth = lanesBar.prefWidth(-1);
    canvas.setWidth(Math.max(0, getWidth() - barWidth));
    canvas.setHeight(getHeight());
    lanesBar.resizeRelocate(getWidth() - barWidth, 0, barWidth, getHeight());
  }

  private void paint() {
    GraphicsContext g = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, w, h);
    Instant[] range = range();
    ids = laneIds();
    if (range == null || ids.isEmpty()) {
      g.setFill(Color.GRAY);
      g.fillText("No transitions yet", 10, 20);
      lanes = List.of();
      if (range == null) {
        // A new session (or one with no transitions yet): shown whole again once it has some.
        window = null;
        userMoved = false;
      }
      return;
    }
    // Unless the user zoomed or dragged, the whole session; a window that reached the end
    // follows it, keeping its length.
    boolean follow = window == null || window.followsEnd(previousEnd);
    previousEnd = range[1];
    if (!userMoved) {
      window = new TimeWindow(range[0], range[1]);
    } else if (follow) {
      long length = window == null ? Long.MAX_VALUE : window.millis();
      window = new TimeWindow(range[1].minusMillis(Math.min(length, range[1].toEpochMilli() - range[0].toEpochMilli())), range[1])
          .within(range[0], range[1]);
    }
    int visible = Math.max(1, (int) ((h - AXIS) / LANE));
    lanesBar.setMax(Math.max(0, ids.size() - visible));
    lanesBar.setVisibleAmount(visible);
    int first = (int) Math.round(lanesBar.getValue());
    List<Long> shown = ids.subList(Math.min(first, ids.size()), Math.min(ids.size(), first + visible));
    lanes = Swimlanes.lanes(vm.liveHistory(), shown, vm.graph()::state, window.from(), window.to());
    g.setFont(Font.font(11));
    g.setTextBaseline(VPos.CENTER);
    double pw = plotWidth();
    for (int i = 0; i < lanes.size(); i++) {
      Swimlanes.Lane lane = lanes.get(i);
      double y = i * LANE;
      boolean selected = Long.valueOf(lane.serviceId()).equals(vm.graph().selectedProperty().get());
      g.setFill(selected ? Palette.SELECTION.deriveColor(0, 1, 1, 0.15) : (i % 2 == 0 ? Color.WHITE : Color.web("#f7f7f7")));
      g.fillRect(0, y, w, LANE);
      g.setFill(Palette.TEXT);
      g.setTextAlign(TextAlignment.LEFT);
      g.fillText(vm.label(lane.serviceId()), 4, y + LANE / 2, NAMES - 8);
      double lastPx = -1;
      for (Swimlanes.Span span : lane.spans()) {
        double x0 = NAMES + window.fraction(span.start()) * pw;
        double x1 = NAMES + window.fraction(span.end()) * pw;
        if (x1 <= lastPx) {
          continue;
        }
        g.setFill(Palette.fill(span.state()));
        g.fillRect(x0, y + 3, Math.max(1, x1 - x0), LANE - 6);
        g.setStroke(Palette.stroke(span.state()));
        g.strokeLine(x0 + 0.5, y + 3, x0 + 0.5, y + LANE - 3);
        lastPx = Math.max(x1, x0 + 1);
      }
      g.setFill(Palette.stroke(mode.State.CRASHED));
      for (Swimlanes.Crash crash : lane.crashes()) {
        double x = NAMES + window.fraction(crash.at()) * pw;
        g.fillPolygon(new double[] {x - 5, x + 5, x}, new double[] {y + 1, y + 1, y + LANE / 2 + 2}, 3);
      }
    }
    paintAxis(g, w, h, pw);
  }

  private Instant previousEnd;

  private void paintAxis(GraphicsContext g, double w, double h, double pw) {
    double y = h - AXIS;
    g.setFill(Color.web("#eceff1"));
    g.fillRect(0, y, w, AXIS);
    g.setStroke(Color.web("#90a4ae"));
    g.setFill(Palette.TEXT);
    g.setTextAlign(TextAlignment.CENTER);
    int maxTicks = Math.max(1, (int) (pw / 90));
    for (Swimlanes.Tick tick : Swimlanes.ticks(window.from(), window.to(), maxTicks)) {
      double x = NAMES + window.fraction(tick.at()) * pw;
      g.strokeLine(x, 0, x, y + 4);
      g.fillText(tick.label(), Math.clamp(x, NAMES + 30, w - 30), y + AXIS / 2 + 2);
    }
    Instant moment = vm.replayMomentProperty().get();
    if (moment != null) {
      double x = NAMES + window.fraction(moment) * pw;
      g.setStroke(Palette.SELECTION);
      g.setLineWidth(2);
      g.strokeLine(x, 0, x, y);
      g.setLineWidth(1);
    }
  }

  /**
   * Scrolls the lanes so the service's lane shows, two lanes below the top where it can; nothing
   * when the service has no lane.
   */
  void reveal(long serviceId) {
    int index = laneIds().indexOf(serviceId);
    if (index >= 0) {
      int visible = Math.max(1, (int) ((getHeight() - AXIS) / LANE));
      lanesBar.setMax(Math.max(0, laneIds().size() - visible));
      lanesBar.setValue(Math.clamp(index - 2, 0, (int) lanesBar.getMax()));
      dirty = true;
    }
  }

  /** The services shown in the graph, in its order (filtered and collapsed as it is). */
  private List<Long> laneIds() {
    Layout layout = vm.graph().layoutProperty().get();
    List<Long> out = new ArrayList<>(layout.size());
    for (int i = 0; i < layout.size(); i++) {
      out.add(layout.id(i));
    }
    return out;
  }

  private Swimlanes.Crash crashAt(Swimlanes.Lane lane, double x) {
    for (Swimlanes.Crash crash : lane.crashes()) {
      if (Math.abs(NAMES + window.fraction(crash.at()) * plotWidth() - x) <= 6) {
        return crash;
      }
    }
    return null;
  }

  private Swimlanes.Lane laneAt(double y) {
    int i = (int) (y / LANE);
    return y < 0 || i >= lanes.size() || window == null ? null : lanes.get(i);
  }

  private String tipAt(double x, double y) {
    Swimlanes.Lane lane = laneAt(y);
    if (lane == null || x < NAMES) {
      return null;
    }
    Swimlanes.Crash crash = crashAt(lane, x);
    if (crash != null) {
      return vm.label(lane.serviceId()) + " crashed at " + Texts.time(crash.at()) + ": "
          + (crash.reason() == null ? "no reason given" : crash.reason());
    }
    Instant at = window.at((x - NAMES) / plotWidth());
    for (Swimlanes.Span span : lane.spans()) {
      if (!at.isBefore(span.start()) && at.isBefore(span.end())) {
        return vm.label(lane.serviceId()) + ": " + span.state() + " since " + Texts.time(span.entered());
      }
    }
    return null;
  }

  private void clickAt(double x, double y) {
    Swimlanes.Lane lane = laneAt(y);
    if (lane == null || x < NAMES) {
      return;
    }
    vm.graph().select(lane.serviceId());
    Swimlanes.Crash crash = crashAt(lane, x);
    if (crash != null) {
      vm.replayTo(crash.at());
      return;
    }
    Instant at = window.at((x - NAMES) / plotWidth());
    for (Swimlanes.Span span : lane.spans()) {
      if (!at.isBefore(span.start()) && at.isBefore(span.end())) {
        vm.replayTo(span.entered() == null ? span.start() : span.entered());
        return;
      }
    }
  }

  /** Where the first crash marker of {@code serviceId} is drawn, in this view's coordinates (for tests). */
  double[] crashMarker(long serviceId) {
    for (int i = 0; i < lanes.size(); i++) {
      if (lanes.get(i).serviceId() == serviceId && !lanes.get(i).crashes().isEmpty()) {
        return new double[] {NAMES + window.fraction(lanes.get(i).crashes().getFirst().at()) * plotWidth(), i * LANE + 5};
      }
    }
    return null;
  }

  /**
   * Where the lane of {@code serviceId} is drawn at {@code moment}, in this view's coordinates,
   * or {@code null} if that lane or moment is not in sight (for tests).
   */
  double[] lanePoint(long serviceId, Instant moment) {
    if (window == null || moment.isBefore(window.from()) || moment.isAfter(window.to())) {
      return null;
    }
    for (int i = 0; i < lanes.size(); i++) {
      if (lanes.get(i).serviceId() == serviceId) {
        return new double[] {NAMES + window.fraction(moment) * plotWidth(), i * LANE + LANE / 2};
      }
    }
    return null;
  }
}
