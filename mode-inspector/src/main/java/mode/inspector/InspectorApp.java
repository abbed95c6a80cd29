package mode.inspector;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import mode.inspector.connection.FxPump;
import mode.inspector.view.InspectorView;
import mode.inspector.view.Snapshots;
import mode.inspector.viewmodel.InspectorViewModel;

/**
 * The JavaFX application: wires the pump, the view-model and the view, then does what the
 * command line asked (start the demo, attach, open a recording, or show the list of workers).
 * Launched by {@link Main}.
 *
 * <p>Threading: JavaFX calls {@link #start} and {@link #stop} on the FX thread.
 */
public final class InspectorApp extends Application {
  private ExecutorService layouts;
  private InspectorViewModel vm;
  private FxPump pump;
  private Sessions sessions;

  /** Called by JavaFX. */
  public InspectorApp() {}

  @Override
  public void start(Stage stage) {
    Main options = Main.parse(getParameters().getRaw().toArray(String[]::new));
    layouts = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("mode-inspector-layout").unstarted(r));
    pump = new FxPump(batch -> vm.accept(batch), error -> vm.connection(vm.statusProperty().get(), null,
        "Internal error while showing events: " + error));
    vm = new InspectorViewModel(layouts, pump, InstantSource.system(), System::nanoTime);
    sessions = new Sessions(vm, pump, stage);
    InspectorView view = new InspectorView(vm, sessions.files());
    Scene scene = new Scene(sessions.wrap(view), 1400, 900);
    stage.setTitle("mode-inspector");
    stage.setScene(scene);
    stage.show();
    sessions.begin(options);
    if (options.screenshot != null) {
      screenshotLater(options, view, scene);
    }
  }

  private void screenshotLater(Main options, InspectorView view, Scene scene) {
    PauseTransition wait = new PauseTransition(Duration.seconds(options.screenshotDelay));
    wait.setOnFinished(e -> {
      try {
        Snapshots.writePng(scene.getRoot().snapshot(null, null), options.screenshot);
      } catch (IOException error) {
        System.err.println("Cannot write the screenshot " + options.screenshot + ": " + error.getMessage());
      }
      Platform.exit();
    });
    sessions.prepareScreenshot(options, view, wait::play);
  }

  @Override
  public void stop() {
    if (sessions != null) {
      sessions.close();
    }
    if (layouts != null) {
      layouts.shutdownNow();
    }
  }

}
