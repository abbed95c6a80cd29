package mode.inspector;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Parent;
import javafx.scene.control.TabPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import mode.inspector.connection.FxPump;
import mode.inspector.view.InspectorView;
import mode.inspector.view.Snapshots;
import mode.inspector.viewmodel.InspectorViewModel;

/**
 * The app's glue between the command line, the file choosers and the connection: starts the
 * demo, attaches, opens recordings, and runs the toolbar's file commands, reporting every
 * outcome in the status bar (never in a stack-trace dialog).
 *
 * <p>UI thread only.
 */
final class Sessions {
  private final InspectorViewModel vm;
  private final FxPump pump;
  private final Stage stage;
  private InspectorView view;

  Sessions(InspectorViewModel vm, FxPump pump, Stage stage) {
    this.vm = vm;
    this.pump = pump;
    this.stage = stage;
  }

  Parent wrap(InspectorView main) {
    this.view = main;
    return main;
  }

  void begin(Main options) {
    vm.connection(vm.statusProperty().get(), null, "Not attached");
  }

  void prepareScreenshot(Main options, InspectorView main, Runnable done) {
    if (options.tab != null) {
      main.lookupAll(".tab-pane").stream().filter(TabPane.class::isInstance).map(TabPane.class::cast)
          .forEach(tabs -> tabs.getTabs().stream()
              .filter(t -> t.getText().equalsIgnoreCase(options.tab))
              .findFirst().ifPresent(t -> tabs.getSelectionModel().select(t)));
    }
    if (options.select != null) {
      vm.shownModel().nodes().stream().filter(n -> n.label().equals(options.select)).findFirst()
          .ifPresent(n -> vm.graph().select(n.id()));
    }
    done.run();
  }

  InspectorView.FileCommands files() {
    return new InspectorView.FileCommands() {
      @Override
      public void exportDot() {
        Path file = choose("Export the graph as DOT (with state colours)", "graph.dot", "Graphviz DOT", "*.dot");
        if (file != null) {
          writeDot(file);
        }
      }

      @Override
      public void exportPng() {
        Path file = choose("Export the graph as PNG", "graph.png", "PNG image", "*.png");
        if (file == null) {
          return;
        }
        try {
          Snapshots.writePng(Snapshots.graphImage(vm.graph()), file);
          vm.actions().report("Graph written to " + file);
        } catch (IOException | RuntimeException e) {
          vm.actions().report("Cannot write " + file + ": " + e.getMessage());
        }
      }
    };
  }

  /** Writes the graph on screen as DOT with state colours; reports the outcome. */
  void writeDot(Path file) {
    try {
      Files.writeString(file, vm.dot(true), StandardCharsets.UTF_8);
      vm.actions().report("Graph written to " + file + " (DOT)");
    } catch (IOException | RuntimeException e) {
      vm.actions().report("Cannot write " + file + ": " + e.getMessage());
    }
  }

  private Path choose(String title, String name, String kind, String pattern) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.setInitialFileName(name);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
    File file = chooser.showSaveDialog(stage);
    return file == null ? null : file.toPath();
  }

  void close() {
    vm.actions().setCommands(null);
  }
}
