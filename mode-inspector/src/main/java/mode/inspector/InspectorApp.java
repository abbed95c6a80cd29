package mode.inspector;

import java.io.IOException;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import mode.inspector.connection.FxPump;
import mode.inspector.layout.Layout;
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
  private Parts parts;

  /** Called by JavaFX. */
  public InspectorApp() {}

  /** The window's width when the app starts. */
  public static final double WIDTH = 1400;
  /** The window's height when the app starts. */
  public static final double HEIGHT = 900;

  /**
   * The wired pieces of one inspector window (view-model, pump, sessions, view and scene), built
   * as the app builds them; the benchmark measures the same window.
   *
   * <p>Threading: create, use and close on the FX thread.
   */
  public static final class Parts {
    final ExecutorService layouts =
        Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("mode-inspector-layout").unstarted(r));
    final InspectorViewModel vm;
    final FxPump pump;
    final Sessions sessions;
    final InspectorView view;
    final Scene scene;

    /** Wires a {@code width}×{@code height} window into {@code stage}, which is not shown yet. */
    public Parts(Stage stage, double width, double height) {
      InspectorViewModel[] holder = new InspectorViewModel[1];
      pump = new FxPump(batch -> holder[0].accept(batch), error -> holder[0].connection(
          holder[0].statusProperty().get(), null, "Internal error while showing events: " + error));
      vm = new InspectorViewModel(layouts, pump, InstantSource.system(), System::nanoTime);
      holder[0] = vm;
      sessions = new Sessions(vm, pump, stage);
      view = new InspectorView(vm, sessions.files());
      scene = new Scene(sessions.wrap(view), width, height);
      stage.setTitle("mode-inspector");
      stage.setScene(scene);
    }

    /** The window's view-model. */
    public InspectorViewModel vm() {
      return vm;
    }

    /** The pump that hands events to the view-model once per pulse. */
    public FxPump pump() {
      return pump;
    }

    /** The window's main view. */
    public InspectorView view() {
      return view;
    }

    /**
     * Stops the view's clock, closes the connection or demo, if any, and stops the layout thread,
     * in that order (nothing asks for a layout once the thread is gone). FX thread.
     */
    public void close() {
      view.close();
      sessions.close();
      layouts.shutdownNow();
    }
  }

  /**
   * System property: when {@code true}, the app prints {@code first-frame-epoch-ms=<time>} on
   * stderr when its first frame has been laid out (how the README's start-up times are measured).
   */
  public static final String FIRST_FRAME_PROPERTY = "mode.inspector.printFirstFrame";

  private static void printFirstFrame(Scene scene) {
    Runnable[] once = new Runnable[1];
    once[0] = () -> {
      scene.removePostLayoutPulseListener(once[0]);
      System.err.println("first-frame-epoch-ms=" + System.currentTimeMillis());
    };
    scene.addPostLayoutPulseListener(once[0]);
  }

  @Override
  public void start(Stage stage) {
    Main options = Main.parse(getParameters().getRaw().toArray(String[]::new));
    // A small screen (1000×700) gets a window that fits it, not one that hides its edges;
    // --size (for screenshots) is taken as it is.
    var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
    parts = options.size != null
        ? new Parts(stage, options.size.width(), options.size.height())
        : new Parts(stage, Math.min(WIDTH, screen.getWidth()), Math.min(HEIGHT, screen.getHeight()));
    if (Boolean.getBoolean(FIRST_FRAME_PROPERTY)) {
      printFirstFrame(parts.scene);
    }
    stage.show();
    parts.sessions.begin(options);
    if (options.screenshot != null) {
      screenshotLater(options);
    }
  }

  /**
   * Takes the screenshot {@code --screenshot-delay} seconds after the first graph is shown (at once
   * counting from start when no worker or recording was asked for).
   */
  private void screenshotLater(Main options) {
    if (!options.demo && options.attach == null && options.open == null) {
      screenshotAfterDelay(options);
      return;
    }
    ChangeListener<Layout> firstGraph = new ChangeListener<>() {
      @Override
      public void changed(ObservableValue<? extends Layout> value, Layout old, Layout now) {
        if (now != null && !parts.vm.shownModel().nodes().isEmpty()) {
          value.removeListener(this);
          screenshotAfterDelay(options);
        }
      }
    };
    parts.vm.graph().layoutProperty().addListener(firstGraph);
  }

  private void screenshotAfterDelay(Main options) {
    PauseTransition wait = new PauseTransition(Duration.seconds(options.screenshotDelay));
    wait.setOnFinished(e -> {
      if (options.disconnect) {
        parts.sessions.killDemo(() -> screenshotNow(options));
      } else {
        screenshotNow(options);
      }
    });
    wait.play();
  }

  private void screenshotNow(Main options) {
    parts.sessions.prepareScreenshot(options, parts.view);
    PauseTransition settle = new PauseTransition(Duration.millis(600));
    settle.setOnFinished(done -> {
      try {
        Snapshots.writePng(parts.scene.getRoot().snapshot(null, null), options.screenshot);
      } catch (IOException error) {
        System.err.println("Cannot write the screenshot " + options.screenshot + ": " + error.getMessage());
      }
      Platform.exit();
    });
    if (options.liveStacks) {
      parts.sessions.askUntilBusy(settle::play);
    } else {
      settle.play();
    }
  }

  @Override
  public void stop() {
    if (parts != null) {
      parts.close();
    }
  }
}
