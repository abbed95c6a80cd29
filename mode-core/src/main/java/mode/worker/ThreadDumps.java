package mode.worker;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Thread dumps that include virtual threads.
 *
 * <p>{@link Thread#getAllStackTraces()} leaves virtual threads out, and in a mode worker every
 * task and timer is one. {@code HotSpotDiagnosticMXBean.dumpThreads} (JDK 21+) writes all of them,
 * grouped by thread container, but only to a file: the dump goes to a temporary file that is
 * copied out and deleted. Where that bean is missing (another JVM), the platform threads' stacks
 * are written instead, with a note saying so. Safe to call from any thread.
 */
public final class ThreadDumps {
  private ThreadDumps() {}

  /** Writes the stack of every thread, virtual ones included, to {@code out}. */
  public static void writeAll(PrintStream out) {
    try {
      out.print(dumpAll());
    } catch (IOException | RuntimeException e) {
      out.println("(the full thread dump failed: " + e + "; platform threads only)");
      writePlatformThreads(out);
    }
    out.flush();
  }

  /**
   * The full dump as text.
   *
   * @throws IOException if the temporary file cannot be written or read
   * @throws UnsupportedOperationException if the JVM has no HotSpot diagnostic bean
   */
  public static String dumpAll() throws IOException {
    HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (bean == null) {
      throw new UnsupportedOperationException("this JVM has no HotSpotDiagnosticMXBean");
    }
    Path dir = Files.createTempDirectory("mode-threads");
    Path file = dir.resolve("threads.txt");
    try {
      // dumpThreads refuses an existing file, hence a fresh directory rather than a temp file.
      bean.dumpThreads(file.toAbsolutePath().toString(), ThreadDumpFormat.TEXT_PLAIN);
      return Files.readString(file);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /** {@link #dumpAll()}, or a line saying why it failed. */
  public static String dumpAllOrExplain() {
    try {
      return dumpAll();
    } catch (IOException | RuntimeException e) {
      return "(thread dump failed: " + e + ")\n";
    }
  }

  private static void writePlatformThreads(PrintStream out) {
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      out.println(describe(e.getKey()));
      for (StackTraceElement frame : e.getValue()) {
        out.println("      " + frame);
      }
      out.println();
    }
  }

  /** E.g. {@code #31 "timer-tick" virtual RUNNABLE}. */
  public static String describe(Thread thread) {
    return "#" + thread.threadId() + " \"" + thread.getName() + "\""
        + (thread.isVirtual() ? " virtual" : "") + " " + thread.getState();
  }

  /** {@code frames} as text, one {@code "    at frame"} line each. */
  public static String format(StackTraceElement[] frames) {
    StringBuilder text = new StringBuilder();
    for (StackTraceElement frame : frames) {
      text.append("    at ").append(frame).append('\n');
    }
    return text.toString();
  }
}
