package mode.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of mode-core, as built (from a resource Maven fills in). */
public final class Version {
  private Version() {}

  /**
   * E.g. {@code 0.1.0-SNAPSHOT}.
   *
   * @throws IllegalStateException if the build left the resource out
   */
  public static String current() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("mode/worker/version.properties is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
