package mode.inspector;

import java.util.Map;

/**
 * Whether this machine has a display for the inspector's window, what to say when it has none,
 * and the off-screen renderer that {@code --screenshot} uses there.
 *
 * <p>On Linux and the other X11/Wayland systems a display exists when {@code DISPLAY} or {@code
 * WAYLAND_DISPLAY} is set; macOS and Windows always have one. A JavaFX platform chosen
 * explicitly ({@code -Dglass.platform=...}, as the headless tests do) counts as a display.
 *
 * <p>Stateless; safe from any thread.
 */
final class Display {
  /** System property naming the command that started the inspector, for the advice. */
  static final String COMMAND_PROPERTY = "mode.inspector.command";
  /** System property naming the terminal tool's command, for the advice. */
  static final String CLI_PROPERTY = "mode.inspect.command";

  private static final String MONOCLE = "com.sun.glass.ui.monocle.MonoclePlatformFactory";

  private Display() {}

  /** Whether a window can open, judged from the environment {@code env} on the OS {@code osName}. */
  static boolean available(Map<String, String> env, String osName, String glassPlatform) {
    if (glassPlatform != null && !glassPlatform.isBlank()) {
      return true;
    }
    String os = osName.toLowerCase(java.util.Locale.ROOT);
    if (os.startsWith("mac") || os.startsWith("windows")) {
      return true;
    }
    return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
  }

  /** Whether a window can open in this JVM. */
  static boolean available() {
    return available(System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"));
  }

  /**
   * The two lines printed when there is no display: what is wrong and what works instead.
   *
   * @param command how the user started the inspector (e.g. {@code bin/demo})
   * @param cli how the user starts the terminal tool (e.g. {@code bin/mode-inspect})
   */
  static String advice(String command, String cli) {
    return "mode-inspector: no display here (DISPLAY is not set), so its window cannot open.\n"
        + "Instead: 'xvfb-run -a " + command + "' for a virtual display; '" + command
        + " --screenshot graph.png' to render the live graph to a PNG without one; or the terminal tools '"
        + cli + " list | tail | export-dot'.";
  }

  /** {@link #advice(String, String)} for the commands named by the launcher's system properties. */
  static String advice() {
    return advice(System.getProperty(COMMAND_PROPERTY, "mode-inspector"), System.getProperty(CLI_PROPERTY, "mode-inspect"));
  }

  /** Whether the off-screen renderer (Monocle) is part of this installation. */
  static boolean offscreenAvailable() {
    try {
      Class.forName(MONOCLE, false, Display.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Makes JavaFX render off screen (Monocle's headless platform, software pipeline). Call before launch. */
  static void useOffscreen() {
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    System.setProperty("prism.text", "native");
    System.setProperty("java.awt.headless", "true");
    // The virtual screen must hold the whole window, or painting it overflows the screen buffer.
    System.setProperty("headless.geometry", (int) InspectorApp.WIDTH + "x" + (int) InspectorApp.HEIGHT + "-32");
  }
}
