package mode.inspector;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import mode.inspect.Descriptor;
import mode.inspect.InspectDirectory;
import mode.inspector.connection.AttachTarget;
import mode.inspector.connection.DemoProcess;
import mode.inspector.connection.FxPump;
import mode.inspector.connection.RecordingFiles;
import mode.inspector.connection.WorkerConnection;
import mode.inspector.view.InspectorView;
import mode.inspector.view.Snapshots;
import mode.inspector.view.WorkersView;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.viewmodel.ExportFormat;
import mode.inspector.viewmodel.InspectorViewModel;
import mode.inspector.viewmodel.WorkersViewModel;
import mode.inspector.viewmodel.WorkersViewModel.WorkerEntry;

/**
 * The app's glue between the command line, the file choosers and the connection: starts the
 * demo, attaches, opens and saves recordings, exports, keeps the list of workers fresh, and
 * reports every outcome in the status bar (never in a stack-trace dialog).
 *
 * <p>Threading: called on the FX thread; slow work (process start, file and socket I/O) runs on
 * a background thread and comes back through the pump.
 */
final class Sessions implements WorkersViewModel.Attacher {
  private static final Duration DEMO_START_TIMEOUT = Duration.ofSeconds(60);

  private final InspectorViewModel vm;
  private final FxPump pump;
  private final Stage stage;
  private final WorkersViewModel workers = new WorkersViewModel();
  private final ScheduledExecutorService background =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("mode-inspector-io").unstarted(r));
  private InspectDirectory directory;
  private WorkerConnection connection;
  private volatile DemoProcess demo;

  /** Below this width the workers list gives its room to the graph once a worker is attached. */
  static final double NARROW_WINDOW = 1200;

  Sessions(InspectorViewModel vm, FxPump pump, Stage stage) {
    this.vm = vm;
    this.pump = pump;
    this.stage = stage;
    workers.setAttacher(this);
  }

  Parent wrap(InspectorView main) {
    WorkersView list = new WorkersView(workers);
    list.setMinWidth(0);
    SplitPane split = new SplitPane(list, main);
    split.getStylesheets().add(InspectorView.STYLESHEET);
    split.setDividerPositions(0.14);
    SplitPane.setResizableWithParent(split.getItems().getFirst(), false);
    // On a small screen the graph needs the room more once attached; drag the divider to get the list back.
    vm.statusProperty().addListener((obs, old, now) -> {
      if (now == ConnectionStatus.CONNECTED && split.getWidth() < NARROW_WINDOW) {
        split.setDividerPositions(0);
      }
    });
    return split;
  }

  void begin(Main options) {
    try {
      directory = InspectDirectory.openDefault();
      background.scheduleWithFixedDelay(this::refreshWorkers, 0, 2, TimeUnit.SECONDS);
    } catch (IOException e) {
      workers.listingFailed("Cannot read the list of workers: " + e.getMessage());
    }
    if (options.demo) {
      startDemo();
    } else if (options.attach != null) {
      attach(options.attach, options.token);
    } else if (options.open != null) {
      open(options.open);
    }
  }

  private void refreshWorkers() {
    try {
      List<WorkerEntry> found = directory.workers().stream()
          .map(d -> new WorkerEntry(d.pid(), d.name(), d.mainClass(), d.startedAt(), d.tcpTarget().isPresent()))
          .toList();
      pump.execute(() -> workers.workersFound(found));
    } catch (IOException | RuntimeException e) {
      pump.execute(() -> workers.listingFailed("Cannot read the list of workers: " + e.getMessage()));
    }
  }

  private void startDemo() {
    if (directory == null) {
      vm.connection(ConnectionStatus.DISCONNECTED, null, "Cannot start the demo: the inspect directory is not readable");
      return;
    }
    vm.connection(ConnectionStatus.CONNECTING, "mode-demo", "Starting the demo worker in a child JVM…");
    background.execute(() -> {
      try {
        demo = DemoProcess.start(directory.path());
        Descriptor descriptor = awaitDescriptor(demo);
        pump.execute(() -> connect(new AttachTarget.Local(directory, descriptor)));
      } catch (IOException | RuntimeException e) {
        pump.execute(() -> vm.connection(ConnectionStatus.DISCONNECTED, null, e.getMessage()));
      }
    });
  }

  private Descriptor awaitDescriptor(DemoProcess process) throws IOException {
    Instant deadline = Instant.now().plus(DEMO_START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Optional<Descriptor> found = directory.workers().stream().filter(d -> d.pid() == process.pid()).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (!process.isAlive()) {
        throw new IOException("The demo worker exited before it could be attached; its output is in " + process.log());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for the demo worker", e);
      }
    }
    throw new IOException("The demo worker did not publish its inspect agent within "
        + DEMO_START_TIMEOUT.toSeconds() + " s; its output is in " + process.log());
  }

  @Override
  public void attach(WorkerEntry worker) {
    attach(Long.toString(worker.pid()), null);
  }

  @Override
  public void attach(String address, String token) {
    if (directory == null && address.strip().matches("\\d+")) {
      vm.connection(ConnectionStatus.DISCONNECTED, null, "Cannot attach by pid: the inspect directory is not readable");
      return;
    }
    try {
      connect(AttachTarget.parse(address, token, directory));
    } catch (IOException | IllegalArgumentException e) {
      workers.problemProperty().set(e.getMessage());
      vm.connection(ConnectionStatus.DISCONNECTED, null, e.getMessage());
    }
  }

  private void connect(AttachTarget target) {
    if (connection != null) {
      connection.close();
    }
    vm.newSession();
    if (target instanceof AttachTarget.Local local) {
      workers.attachedTo(local.descriptor().pid());
    } else {
      workers.detached();
    }
    connection = WorkerConnection.attach(target, pump, new WorkerConnection.StatusListener() {
      @Override
      public void status(ConnectionStatus status, String name, String message) {
        vm.connection(status, name, message);
      }

      @Override
      public void hello(mode.inspect.InspectMessage.Hello hello) {
        vm.hello(hello);
      }
    });
    vm.actions().setCommands(connection);
  }

  @Override
  public void openRecording() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Open a recording");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Recording (JSON Lines or JFR)", "*.jsonl", "*.jfr"));
    File file = chooser.showOpenDialog(stage);
    if (file != null) {
      open(file.toPath());
    }
  }

  void open(Path file) {
    background.execute(() -> {
      try {
        RecordingFiles.Opened opened = RecordingFiles.read(file);
        pump.execute(() -> {
          if (connection != null) {
            connection.close();
            connection = null;
          }
          workers.detached();
          vm.actions().setCommands(null);
          vm.openRecording(opened.name(), opened.recording(), opened.hello());
        });
      } catch (IOException | RuntimeException e) {
        String message = "Cannot open " + file + ": " + e.getMessage();
        System.err.println("mode-inspector: " + message); // --open has no window to read it in yet
        pump.execute(() -> vm.connection(ConnectionStatus.DISCONNECTED, null, message));
      }
    });
  }

  /** Puts the window in the state a screenshot asks for (a tab; a selected service, its swimlane in sight). */
  void prepareScreenshot(Main options, InspectorView main) {
    if (options.tab != null) {
      main.lookupAll(".tab-pane").stream().filter(TabPane.class::isInstance).map(TabPane.class::cast)
          .forEach(tabs -> tabs.getTabs().stream()
              .filter(t -> t.getText().toLowerCase(java.util.Locale.ROOT).startsWith(options.tab.toLowerCase(java.util.Locale.ROOT)))
              .findFirst().ifPresent(t -> tabs.getSelectionModel().select(t)));
    }
    if (options.select != null) {
      vm.shownModel().nodes().stream().filter(n -> n.label().equals(options.select)).findFirst()
          .ifPresent(n -> {
            // A narrow window shows only the graph's top: there it is centred on the service.
            if (main.getScene().getWidth() < NARROW_WINDOW) {
              vm.graph().reveal(n.id());
            } else {
              vm.graph().select(n.id());
            }
            main.revealLane(n.id());
          });
    }
  }

  /**
   * For {@code --disconnect}: kills the demo worker (SIGKILL, as {@code kill -9} would) and runs
   * {@code gone} once the view has noticed (it is no longer connected), or after 15 s at most.
   */
  void killDemo(Runnable gone) {
    DemoProcess process = demo;
    if (process == null) {
      gone.run();
      return;
    }
    boolean[] done = {false};
    Runnable once = () -> {
      if (!done[0]) {
        done[0] = true;
        gone.run();
      }
    };
    javafx.beans.value.ChangeListener<ConnectionStatus> left = new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends ConnectionStatus> value,
          ConnectionStatus old, ConnectionStatus now) {
        if (now != ConnectionStatus.CONNECTED) {
          value.removeListener(this);
          once.run();
        }
      }
    };
    vm.statusProperty().addListener(left);
    javafx.animation.PauseTransition timeout = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(15));
    timeout.setOnFinished(e -> {
      vm.statusProperty().removeListener(left);
      once.run();
    });
    timeout.play();
    process.kill();
  }

  /**
   * For {@code --live-stacks}: asks what the selected service is doing now, again every 200 ms
   * while it is idle (for 60 s at most), then runs {@code ready}; a service that blocks now and
   * then is caught in the act.
   */
  void askUntilBusy(Runnable ready) {
    var stacks = vm.actions().liveStacks();
    int[] asked = {0};
    javafx.beans.value.ChangeListener<Number> answered = new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends Number> value, Number old, Number now) {
        if (stacks.textProperty().get().contains("running its code") || ++asked[0] >= 300) {
          value.removeListener(this);
          ready.run();
        } else {
          javafx.animation.PauseTransition again = new javafx.animation.PauseTransition(javafx.util.Duration.millis(200));
          again.setOnFinished(e -> stacks.fetch());
          again.play();
        }
      }
    };
    stacks.answersProperty().addListener(answered);
    stacks.fetch();
  }

  InspectorView.FileCommands files() {
    return new InspectorView.FileCommands() {
      @Override
      public void exportGraph() {
        Export target = exportChooser.get();
        if (target != null) {
          writeExport(target.file(), target.format());
        }
      }

      @Override
      public void openRecording() {
        Sessions.this.openRecording();
      }

      @Override
      public void saveRecording() {
        Path file = chooseSave("Save this session's recording", "session.jsonl", "Recording (JSON Lines)", "*.jsonl");
        if (file != null) {
          writeRecording(file);
        }
      }
    };
  }

  /** Where and how to export the graph, as the user chose it. */
  record Export(Path file, ExportFormat format) {}

  /** Asks where to export the graph; {@code null} when the user cancels. Tests put a chooser of their own. */
  Supplier<Export> exportChooser = this::chooseExport;

  private Export chooseExport() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export the graph");
    chooser.setInitialFileName("graph.dot");
    for (ExportFormat format : ExportFormat.values()) {
      chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.description(), "*." + format.extension()));
    }
    File file = chooser.showSaveDialog(stage);
    if (file == null) {
      return null;
    }
    int chosen = chooser.getExtensionFilters().indexOf(chooser.getSelectedExtensionFilter());
    ExportFormat selected = chosen < 0 ? ExportFormat.DOT : ExportFormat.values()[chosen];
    return new Export(file.toPath(), ExportFormat.forFile(file.toPath(), selected));
  }

  /** Writes the graph on screen to {@code file} in {@code format}; reports the outcome in the status bar. */
  void writeExport(Path file, ExportFormat format) {
    try {
      if (format == ExportFormat.PNG) {
        Snapshots.writePng(Snapshots.exportImage(vm.graph(), vm.exportCaption()), file);
      } else {
        Files.writeString(file, vm.export(format.textFormat()), StandardCharsets.UTF_8);
      }
      vm.actions().report("Graph written to " + file + " (" + format.description() + ")");
    } catch (IOException | RuntimeException e) {
      vm.actions().report("Cannot write " + file + ": " + e.getMessage());
    }
  }

  void writeRecording(Path file) {
    // A copy, because the live recording keeps changing on this thread while the file is written.
    var recording = vm.recording().copy();
    String name = vm.workerNameProperty().get();
    var hello = vm.workerHello();
    background.execute(() -> {
      try {
        RecordingFiles.write(file, hello != null ? hello : RecordingFiles.unknownWorker(name, recording), recording);
        int written = recording.events().size();
        pump.execute(() -> vm.actions().report("Recording of " + written + " events written to " + file));
      } catch (IOException | RuntimeException e) {
        pump.execute(() -> vm.actions().report("Cannot write " + file + ": " + e.getMessage()));
      }
    });
  }

  private FileChooser chooser(String title, String kind, String pattern) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
    return chooser;
  }

  private Path chooseSave(String title, String name, String kind, String pattern) {
    FileChooser chooser = chooser(title, kind, pattern);
    chooser.setInitialFileName(name);
    File file = chooser.showSaveDialog(stage);
    return file == null ? null : file.toPath();
  }

  /** The demo worker's process when --demo started one, else {@code null}. */
  DemoProcess demoProcess() {
    return demo;
  }

  void close() {
    vm.actions().setCommands(null);
    if (connection != null) {
      connection.close();
    }
    background.shutdownNow();
    if (demo != null) {
      demo.close();
    }
  }
}
