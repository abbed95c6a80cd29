package mode.inspector.view;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javafx.geometry.Insets;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.stage.Window;
import mode.inspector.model.ThreadDumpGroups;

/**
 * A non-modal window showing a thread dump grouped by service: on the left every thread, then
 * the threads of each service (by their names, see {@link ThreadDumpGroups}), then those of no
 * service; on the right the chosen group in a searchable {@link StackViewer}.
 *
 * <p>UI thread only.
 */
final class ThreadDumpWindow {
  private ThreadDumpWindow() {}

  /** One entry of the group list: its title and its text. */
  private record Entry(String title, String text) {}

  static void show(Window owner, String worker, String text, Collection<String> labels) {
    List<ThreadDumpGroups.Group> groups = ThreadDumpGroups.of(text, labels);
    List<Entry> entries = new ArrayList<>();
    int threads = groups.stream().mapToInt(g -> g.threads().size()).sum();
    entries.add(new Entry("All threads (" + threads + ")", text));
    for (ThreadDumpGroups.Group group : groups) {
      String name = group.service() == null ? "No service" : group.service();
      entries.add(new Entry(name + " (" + group.threads().size() + ")", group.text()));
    }
    ListView<Entry> list = new ListView<>();
    list.setId("thread-dump-groups");
    list.getItems().setAll(entries);
    list.setCellFactory(view -> new ListCell<>() {
      @Override
      protected void updateItem(Entry entry, boolean empty) {
        super.updateItem(entry, empty);
        setText(empty || entry == null ? null : entry.title());
      }
    });
    StackViewer viewer = new StackViewer("thread-dump");
    viewer.setPadding(new Insets(0, 6, 6, 6));
    list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) ->
        viewer.textProperty().set(now == null ? "" : now.text()));
    list.getSelectionModel().selectFirst();
    SplitPane split = new SplitPane(list, viewer);
    split.setDividerPositions(0.22);
    String title = "Thread dump" + (worker == null || worker.isEmpty() ? "" : " · " + worker);
    StackWindows.show(owner, new ReadOnlyStringWrapper(title), split, 650);
  }
}
