package mode.inspector.view;

import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A non-modal window showing a thread dump in a read-only, copyable text area.
 *
 * <p>UI thread only.
 */
final class ThreadDumpWindow {
  private ThreadDumpWindow() {}

  static void show(Window owner, String worker, String text) {
    TextArea area = new TextArea(text);
    area.setId("thread-dump");
    area.setEditable(false);
    area.setFont(Font.font("Monospaced", 12));
    Stage stage = new Stage();
    if (owner != null) {
      stage.initOwner(owner);
    }
    stage.setTitle("Thread dump" + (worker == null || worker.isEmpty() ? "" : " · " + worker));
    stage.setScene(new Scene(area, 820, 600));
    stage.show();
  }
}
