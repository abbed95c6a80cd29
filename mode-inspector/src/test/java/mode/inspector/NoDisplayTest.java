package mode.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** First contact on a machine without a display: two plain lines, exit code 2, no stack trace. */
class NoDisplayTest {

  @Test
  void withoutDisplayTheInspectorSaysWhatWorksAndExits2() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-D" + Display.COMMAND_PROPERTY + "=bin/demo", "-D" + Display.CLI_PROPERTY + "=bin/mode-inspect",
        Main.class.getName(), "--demo");
    builder.environment().remove("DISPLAY");
    builder.environment().remove("WAYLAND_DISPLAY");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(out).isEmpty();
    assertThat(err.lines().toList()).containsExactly(
        "mode-inspector: no display here (DISPLAY is not set), so its window cannot open.",
        "Instead: 'xvfb-run -a bin/demo' for a virtual display; 'bin/demo --screenshot graph.png' to render "
            + "the live graph to a PNG without one; or the terminal tools 'bin/mode-inspect list | tail | export-dot'.");
  }

  @Test
  void aDisplayIsThereWhenX11OrWaylandIsNamedOrThePlatformIsChosen() {
    assertThat(Display.available(Map.of(), "Linux", null)).isFalse();
    assertThat(Display.available(Map.of("DISPLAY", ""), "Linux", null)).isFalse();
    assertThat(Display.available(Map.of("DISPLAY", ":0"), "Linux", null)).isTrue();
    assertThat(Display.available(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isTrue();
    assertThat(Display.available(Map.of(), "Linux", "Monocle")).isTrue();
    assertThat(List.of("Mac OS X", "Windows 11")).allMatch(os -> Display.available(Map.of(), os, null));
  }
}
