package mode.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The screenshot options: --size and --disconnect, read and refused before any window opens. */
class MainOptionsTest {

  @Test
  void sizeIsWidthByHeightInPixels() {
    Main options = Main.parse("--demo", "--size", "1600x1000");
    assertThat(options.size).isEqualTo(new Main.WindowSize(1600, 1000));
    assertThat(Main.parse("--size", "1000X700").size).isEqualTo(new Main.WindowSize(1000, 700));
    assertThat(Main.parse("--size", "1000×700").size).isEqualTo(new Main.WindowSize(1000, 700));
    assertThat(Main.parse("--size", "800x600").size).isEqualTo(new Main.WindowSize(800, 600));
    assertThat(Main.parse("--demo").size).isNull();
  }

  @Test
  void aBadSizeIsAUsageErrorThatSaysWhatIsWrong() {
    assertThat(usageError("--size", "1600")).startsWith(
        "Invalid value for option '--size': '1600' is not WIDTHxHEIGHT in pixels, e.g. 1600x1000");
    assertThat(usageError("--size", "wide")).contains("'wide' is not WIDTHxHEIGHT in pixels");
    assertThat(usageError("--size", "640x480")).startsWith(
        "Invalid value for option '--size': '640x480' is too small: the window needs at least 800x600");
    assertThat(usageError("--size", "1600x599")).contains("too small");
    assertThat(usageError("--size", "20000x1000")).contains("'20000x1000' is too large: at most 8192 pixels a side");
    assertThatThrownBy(() -> Main.parse("--size", "0x0")).isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void disconnectNeedsTheDemoAndAScreenshot() {
    assertThat(Main.parse("--demo", "--screenshot", "x.png", "--disconnect").disconnect).isTrue();
    assertThat(usageError("--disconnect", "--demo")).startsWith("--disconnect needs --demo and --screenshot");
    assertThat(usageError("--disconnect", "--screenshot", "x.png")).startsWith("--disconnect needs --demo and --screenshot");
  }

  /** Runs the command line as {@link Main#main} does, without exiting; its exit code must be 2. */
  private static String usageError(String... args) {
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new Main());
    line.setErr(new PrintWriter(err, true));
    line.setOut(new PrintWriter(new StringWriter(), true));
    assertThat(line.execute(args)).isEqualTo(2);
    return err.toString();
  }
}
