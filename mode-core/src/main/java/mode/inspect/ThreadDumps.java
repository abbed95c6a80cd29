package mode.inspect;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Thread dumps of this JVM that include virtual threads (which {@code jstack}-style APIs omit). */
final class ThreadDumps {

  private ThreadDumps() {}

  /**
   * Every thread of this JVM with its stack, as plain text, virtual threads grouped by their
   * containers. Blocks while the dump is written.
   *
   * @throws IOException if the dump cannot be written to or read from a temporary file
   */
  static String dump() throws IOException {
    HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    // The bean only writes to a file that does not exist yet; a private folder keeps it ours.
    Path dir = Files.createTempDirectory("mode-threads", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    Path file = dir.resolve("threads.txt");
    try {
      bean.dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
      return Files.readString(file, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }
}
