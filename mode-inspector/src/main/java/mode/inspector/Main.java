package mode.inspector;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.application.Application;
import mode.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts mode-inspector. Kept apart from the {@link Application} subclass so the app runs from a
 * plain class path (a main class extending Application there fails with "JavaFX runtime
 * components are missing").
 *
 * <p>With no display (no {@code DISPLAY} on Linux) it says so in two lines and what works instead,
 * and exits 2; {@code --screenshot} then renders off screen.
 *
 * <p>Exit codes: 0 after the window closed (or the screenshot was written), 2 for bad
 * command-line options (with a usage message on stderr) or no display.
 */
@Command(
    name = "mode-inspector",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Shows the live service graph of a running mode worker.")
public final class Main implements Callable<Integer> {
  private String[] args = new String[0];

  @Option(names = "--demo", description = "Start the bundled demo worker in a child JVM and attach to it.")
  boolean demo;

  @Option(names = "--attach", paramLabel = "<pid|host:port>", description = "Attach to the worker with this pid (same user) or TCP address.")
  String attach;

  @Option(names = "--token", description = "The token of a TCP worker (from its descriptor).")
  String token;

  @Option(names = "--open", paramLabel = "<recording>", description = "Open a recording and replay it.")
  Path open;

  @Option(names = "--screenshot", paramLabel = "FILE",
      description = "Write a PNG of the window to FILE --screenshot-delay seconds after the graph first shows, then quit. Needs no display: without one it renders off screen.")
  Path screenshot;

  @Option(names = "--screenshot-delay", paramLabel = "SECONDS", defaultValue = "3",
      description = "Seconds from the first graph to --screenshot (default: ${DEFAULT-VALUE}).")
  double screenshotDelay;

  @Option(names = "--select", hidden = true, description = "Select the first service with this label (for screenshots).")
  String select;

  @Option(names = "--live-stacks", hidden = true, description = "Ask what the selected service is doing now (for screenshots).")
  boolean liveStacks;

  @Option(names = "--tab", hidden = true, description = "Show this bottom tab: timeline, problems, startup or log (for screenshots).")
  String tab;

  /** {@code --version}: the build of mode for Java the inspector was made from. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"mode-inspector " + BuildInfo.describe()};
    }
  }

  /** The options in {@code args}; fails with picocli's message on bad ones. */
  static Main parse(String... args) {
    return CommandLine.populateCommand(new Main(), args);
  }

  /** Parses the options and runs the app; exits with its code. */
  public static void main(String[] args) {
    Main main = new Main();
    main.args = args.clone();
    System.exit(new CommandLine(main).execute(args));
  }

  @Override
  public Integer call() {
    if (attach != null && (demo || open != null) || demo && open != null) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "Give at most one of --demo, --attach and --open");
    }
    if (!Display.available()) {
      if (screenshot == null || !Display.offscreenAvailable()) {
        System.err.println(Display.advice());
        return 2;
      }
      Display.useOffscreen();
    }
    Application.launch(InspectorApp.class, args);
    return 0;
  }
}
