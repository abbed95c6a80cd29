package mode.inspector.view;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
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
