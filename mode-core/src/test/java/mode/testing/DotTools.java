package mode.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The outside readers of exported DOT: pydot (Debian's {@code python3-pydot}, run by {@code
 * /usr/bin/python3}) and Graphviz's {@code dot}. {@code .ci/run} installs both; under {@code CI}
 * a missing one fails the test, elsewhere it is skipped with a message saying what to install
 * (mode-core's and mode-inspector's DOT tests share this rule; the class reaches the inspector
 * through mode-core's test jar).
 */
public final class DotTools {
  /** The Python that has Debian's pydot. */
  public static final String PYTHON = "/usr/bin/python3";

  private DotTools() {}

  /** Fails (under CI) or skips the calling test unless pydot and Graphviz's dot can be run. */
  public static void requirePydotAndGraphviz() {
    requirePydot();
    requireGraphviz();
  }

  /** Fails (under CI) or skips the calling test unless {@link #PYTHON} can import pydot. */
  public static void requirePydot() {
    require("pydot (Debian package python3-pydot)", List.of(PYTHON, "-c", "import pydot"));
  }

  /** Fails (under CI) or skips the calling test unless Graphviz's {@code dot} can be run. */
  public static void requireGraphviz() {
    require("Graphviz's dot (Debian package graphviz)", List.of("dot", "-V"));
  }

  private static void require(String name, List<String> probe) {
    boolean present;
    try {
      Process process = new ProcessBuilder(probe).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      present = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      present = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking for " + name, e);
    }
    String message = name + " is not installed (install the Debian packages python3-pydot and graphviz;"
        + " .ci/run does)";
    if (!present && System.getenv("CI") != null) {
      fail(message + "; CI must provide it");
    }
    Assumptions.assumeTrue(present, message + "; skipping");
  }
}
