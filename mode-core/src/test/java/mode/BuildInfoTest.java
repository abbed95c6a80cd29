package mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The version and commit the build wrote, checked against the checkout the tests run in. */
class BuildInfoTest {

  @Test
  void versionIsTheProjectVersion() {
    assertThat(BuildInfo.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void commitIsTheCheckoutsHeadOrUnknownOutsideGit() throws Exception {
    String head = gitHead();
    if (head == null) {
      assertThat(BuildInfo.commit()).isEqualTo(BuildInfo.UNKNOWN);
    } else {
      assertThat(BuildInfo.commit()).matches(head + "(-dirty)?");
    }
  }

  @Test
  void describeJoinsBoth() {
    assertThat(BuildInfo.describe()).isEqualTo(BuildInfo.version() + ", commit " + BuildInfo.commit());
  }

  /** {@code git rev-parse --short=12 HEAD} in this module, or null when git or the checkout is missing. */
  private static String gitHead() throws InterruptedException {
    try {
      Process git = new ProcessBuilder("git", "-C", Path.of("").toAbsolutePath().toString(), "rev-parse", "--short=12", "HEAD")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : null;
    } catch (IOException noGit) {
      return null;
    }
  }
}
