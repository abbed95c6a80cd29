package mode.inspector;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import javafx.application.Application;
import mode.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

  @Spec
  CommandSpec spec;

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

  @Option(names = "--size", hidden = true, paramLabel = "WIDTHxHEIGHT", converter = WindowSize.Converter.class,
      description = "The window's size in pixels, e.g. 1600x1000, at least 800x600, even if the screen is smaller (for screenshots).")
  WindowSize size;

  @Option(names = "--disconnect", hidden = true,
      description = "With --demo and --screenshot: kill the demo worker (SIGKILL) just before the screenshot, to show a disconnect (for screenshots).")
  boolean disconnect;

  /**
   * The window's size from {@code --size}, in pixels: {@code WIDTHxHEIGHT}, each side between
   * {@link #MIN_WIDTH}×{@link #MIN_HEIGHT} and {@link #MAX_SIDE}.
   */
  record WindowSize(int width, int height) {
    static final int MIN_WIDTH = 800;
    static final int MIN_HEIGHT = 600;
    static final int MAX_SIDE = 8192;
    private static final Pattern FORM = Pattern.compile("(\\d{1,5})[x×](\\d{1,5})");

    /** Reads {@code 1600x1000}; a message that says what is wrong otherwise. */
    static WindowSize parse(String text) {
      var m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + text + "' is not WIDTHxHEIGHT in pixels, e.g. 1600x1000");
      }
      int width = Integer.parseInt(m.group(1));
      int height = Integer.parseInt(m.group(2));
      if (width < MIN_WIDTH || height < MIN_HEIGHT) {
        throw new IllegalArgumentException("'" + text + "' is too small: the window needs at least "
            + MIN_WIDTH + "x" + MIN_HEIGHT);
      }
      if (width > MAX_SIDE || height > MAX_SIDE) {
        throw new IllegalArgumentException("'" + text + "' is too large: at most " + MAX_SIDE + " pixels a side");
      }
      return new WindowSize(width, height);
    }

    /** Picocli's converter: a bad value becomes a usage error naming the option. */
    static final class Converter implements CommandLine.ITypeConverter<WindowSize> {
      @Override
      public WindowSize convert(String value) {
        try {
          return parse(value);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.TypeConversionException(e.getMessage());
        }
      }
    }
  }

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
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Give at most one of --demo, --attach and --open");
    }
    if (disconnect && (!demo || screenshot == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--disconnect needs --demo and --screenshot");
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
