package mode.inspector.view;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import mode.inspector.layout.Layout;
import mode.inspector.viewmodel.GraphViewModel;

/**
 * Images of the inspector: the whole graph drawn off screen (for "Export PNG"), and writing any
 * JavaFX image as a PNG file.
 *
 * <p>UI thread only (snapshots need it). Failures to write are {@link IOException}s naming the file.
 */
public final class Snapshots {
  /** The largest side of an exported image, in pixels; bigger graphs are scaled down to fit. */
  public static final int MAX_SIDE = 4096;

  private Snapshots() {}

  /** The whole graph of {@code vm}, as it is laid out now, with a margin. */
  public static WritableImage graphImage(GraphViewModel vm) {
    Layout layout = vm.layoutProperty().get();
    double margin = 24;
    double scale = Math.min(1.0, Math.min(
        (MAX_SIDE - 2 * margin) / Math.max(1, layout.width()), (MAX_SIDE - 2 * margin) / Math.max(1, layout.height())));
    Canvas canvas = new Canvas(
        Math.ceil(layout.width() * scale + 2 * margin), Math.ceil(layout.height() * scale + 2 * margin));
    Viewport viewport = new Viewport();
    viewport.scale = scale;
    viewport.tx = margin;
    viewport.ty = margin;
    new GraphPainter(vm).paint(canvas.getGraphicsContext2D(), layout, viewport, canvas.getWidth(), canvas.getHeight(), 0);
    return canvas.snapshot(null, null);
  }

  /**
   * The picture "Export graph as… PNG" writes: {@code caption} (the worker and the time) above the
   * whole graph ({@link #graphImage}), the legend below, on white.
   *
   * @param vm the graph to draw
   * @param caption the line above the graph
   * @return the picture
   */
  public static WritableImage exportImage(GraphViewModel vm, String caption) {
    WritableImage graph = graphImage(vm);
    Label title = new Label(caption);
    title.setId("export-caption");
    title.setStyle("-fx-font-weight: bold; -fx-font-size: 14px; -fx-text-fill: #212121;");
    LegendView legend = new LegendView();
    legend.setPrefWrapLength(Math.max(400, graph.getWidth() - 16));
    VBox picture = new VBox(6, title, new ImageView(graph), legend);
    picture.setPadding(new Insets(10, 8, 10, 8));
    picture.setStyle("-fx-background-color: white;");
    // Laid out and styled in a scene of its own, off screen, so the picture never depends on the window.
    Scene scene = new Scene(picture);
    scene.getStylesheets().add(InspectorView.STYLESHEET);
    picture.applyCss();
    picture.layout();
    return picture.snapshot(null, null);
  }

  /**
   * Writes {@code image} as a PNG file.
   *
   * @throws IOException if the file cannot be written
   */
  public static void writePng(Image image, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
      throw new IOException("No PNG writer available for " + file);
    }
  }
}
