package mode.inspector.view;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import mode.State;
import mode.inspector.model.Texts;
import mode.inspector.viewmodel.GraphViewModel;
import mode.inspector.viewmodel.StartupViewModel;
import mode.inspector.viewmodel.StartupViewModel.StartupRow;

/**
 * The startup Gantt chart: one bar per service from the moment its first start began to the
 * moment it was running, in start order, with the duration written after the bar; the slowest
 * starts stand out in a stronger colour. Clicking a bar selects the service.
 *
 * <p>UI thread only.
 */
public final class StartupView extends ScrollPane {
  private static final double ROW = 18;
  private static final double NAME_WIDTH = 190;
  private static final double CHART_WIDTH = 600;
  // A canvas is one texture: 2,000 rows (36,000 px) could not be allocated and the whole window
  // stopped rendering with large trees; 400 rows stay under 8,192 px, the common texture limit.
  private static final int MAX_ROWS = 400;

  private final StartupViewModel vm;
  private final Canvas canvas = new Canvas(NAME_WIDTH + CHART_WIDTH + 190, ROW);

  /** A chart bound to {@code vm}; clicks select through {@code graph}. */
  public StartupView(StartupViewModel vm, GraphViewModel graph) {
    this.vm = vm;
    setId("startup");
    setContent(canvas);
    vm.rows().addListener((ListChangeListener<StartupRow>) c -> paint());
    canvas.setOnMouseClicked(e -> {
      int row = (int) ((e.getY() - ROW) / ROW);
      List<StartupRow> rows = vm.rows();
      if (row >= 0 && row < Math.min(rows.size(), MAX_ROWS)) {
        graph.reveal(rows.get(row).id());
      }
    });
    paint();
  }

  private void paint() {
    List<StartupRow> rows = vm.rows();
    int shown = Math.min(rows.size(), MAX_ROWS);
    canvas.setHeight(ROW * (shown + 2));
    GraphicsContext gc = canvas.getGraphicsContext2D();
    gc.setFill(Color.WHITE);
    gc.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    gc.setFont(Font.font("System", 11));
    gc.setTextBaseline(VPos.CENTER);
    if (shown == 0) {
      gc.setFill(Color.GRAY);
      gc.fillText("No service has finished starting yet", 10, ROW / 2 + 4);
      return;
    }
    Instant first = rows.getFirst().start();
    Instant last = first;
    for (int i = 0; i < shown; i++) {
      if (rows.get(i).end().isAfter(last)) {
        last = rows.get(i).end();
      }
    }
    double total = Math.max(1, Duration.between(first, last).toNanos());
    Duration totalTime = Duration.between(first, last);
    // Slow: a service that spent a tenth of the whole startup (and at least 100 ms) on itself.
    Duration slowThreshold = Duration.ofMillis(Math.max(100, totalTime.toMillis() / 10));
    gc.setFill(Color.web("#424242"));
    String slowest = vm.slowest(3).stream().filter(r -> r.self().compareTo(slowThreshold) >= 0)
        .map(r -> r.label() + " " + Texts.human(r.self())).collect(java.util.stream.Collectors.joining(", "));
    gc.fillText("Startup: " + Texts.human(totalTime) + " for " + rows.size() + " services. "
        + (slowest.isEmpty() ? "No service was slow by itself." : "Slow by themselves (red): " + slowest),
        10, ROW / 2 + 2);
    for (int i = 0; i < shown; i++) {
      paintRow(gc, rows.get(i), i, first, total, slowThreshold);
    }
  }

  private static void paintRow(GraphicsContext gc, StartupRow row, int i, Instant first, double total, Duration slowThreshold) {
    double y = ROW * (i + 1) + 2;
    double x0 = NAME_WIDTH + CHART_WIDTH * Duration.between(first, row.start()).toNanos() / total;
    double w = Math.max(2, CHART_WIDTH * row.duration().toNanos() / total);
    boolean slow = row.self().compareTo(slowThreshold) >= 0;
    gc.setTextAlign(TextAlignment.RIGHT);
    gc.setFill(Palette.TEXT);
    gc.fillText(row.label(), NAME_WIDTH - 8, y + ROW / 2 - 1, NAME_WIDTH - 12);
    gc.setFill(slow ? Palette.stroke(State.CRASHED) : Palette.stroke(State.STARTING));
    gc.fillRect(x0, y + 2, w, ROW - 6);
    gc.setTextAlign(TextAlignment.LEFT);
    gc.setFill(Color.web("#424242"));
    String text = Texts.human(row.duration());
    if (!row.self().equals(row.duration())) {
      text += "  (itself " + Texts.human(row.self()) + ")";
    }
    gc.fillText(text, x0 + w + 4, y + ROW / 2 - 1);
  }
}
