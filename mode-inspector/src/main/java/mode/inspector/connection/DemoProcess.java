package mode.inspector.connection;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mode.inspector.demo.DemoWorker;

/**
 * The bundled demo worker running in a child JVM started from this JVM's class path. Its output
 * goes to a log file, so a chatty worker never blocks on a full pipe. Closing stops it: first
 * gracefully (SIGTERM, the worker's stop hooks run), then forcibly after a few seconds. If this
 * JVM ends without closing it (even killed), the demo stops by itself: it watches this process.
 *
 * <p>Threading: safe from any thread.
 */
public final class DemoProcess implements AutoCloseable {
  /** The demo worker's main class. */
  public static final String MAIN_CLASS = "mode.inspector.demo.DemoWorker";

  private final Process process;
  private final Path log;

  private DemoProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the demo worker with {@code args}, its inspect agent in {@code inspectDir}.
   *
   * @throws IOException if the JVM cannot be started (the message names the java executable)
   */
  public static DemoProcess start(Path inspectDir, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java,
        "-cp", System.getProperty("java.class.path"),
        "-Dmode.inspect.dir=" + inspectDir.toAbsolutePath(),
        "-D" + DemoWorker.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid(),
        MAIN_CLASS));
    command.addAll(List.of(args));
    Path log = File.createTempFile("mode-demo-", ".log").toPath();
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new DemoProcess(process, log);
    } catch (IOException e) {
      throw new IOException("Cannot start the demo worker with " + java + ": " + e.getMessage(), e);
    }
  }

  /** The child's process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the child still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Where the child's output goes. */
  public Path log() {
    return log;
  }

  /** Kills the child at once (SIGKILL): its stop hooks do not run, as after {@code kill -9}. */
  public void kill() {
    process.destroyForcibly();
  }

  /** Stops the child: SIGTERM, then SIGKILL after five seconds. Idempotent. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
