package mode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this copy of mode for Java is: the project version and the git commit it was built from.
 * The launchers print it for {@code --version} and the inspect agent sends it in its {@code hello}.
 *
 * <p>Both come from resources the build writes: the version from the Maven project, the commit
 * from {@code git rev-parse} in the source tree ({@code unknown} when the sources were built
 * outside a git checkout; a {@code -dirty} suffix when the tree had uncommitted changes).
 *
 * <p>Thread-safe: the values are read once.
 */
public final class BuildInfo {
  /** The commit reported when the build could not ask git. */
  public static final String UNKNOWN = "unknown";

  private static final String VERSION = read("build-info.properties", "version");
  private static final String COMMIT = read("build-commit.properties", "commit");

  private BuildInfo() {}

  /**
   * The project version, e.g. {@code 0.1.0-SNAPSHOT}.
   *
   * @return the version, or {@value #UNKNOWN} if the build left its resource out
   */
  public static String version() {
    return VERSION;
  }

  /**
   * The abbreviated git commit the build was made from, e.g. {@code 3f2a9c1d0b7e}, possibly with
   * {@code -dirty}.
   *
   * @return the commit, or {@value #UNKNOWN} when the build ran outside a git checkout
   */
  public static String commit() {
    return COMMIT;
  }

  /**
   * Version and commit in one phrase, as {@code --version} prints them: {@code 0.1.0-SNAPSHOT,
   * commit 3f2a9c1d0b7e}.
   *
   * @return the description
   */
  public static String describe() {
    return VERSION + ", commit " + COMMIT;
  }

  private static String read(String resource, String key) {
    try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties properties = new Properties();
      properties.load(in);
      String value = properties.getProperty(key, "").strip();
      return value.isEmpty() ? UNKNOWN : value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
