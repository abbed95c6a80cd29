package mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A real child JVM running a main class of the test class path, whose standard output and error
 * are collected line by line so a test can wait for a line (never for a time), send it signals,
 * and read its exit code. Always {@link #close()} it (it destroys the process).
 */
final class ChildJvm implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final Process process;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<String> out = new ArrayList<>();
  private final List<String> err = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    readers.add(Thread.ofVirtual().start(() -> collect(process.getInputStream(), out)));
    readers.add(Thread.ofVirtual().start(() -> collect(process.getErrorStream(), err)));
  }

  /**
   * Whether SIGINT is ignored in this JVM, as it is when the tests were started under nohup or as
   * a background job of a non-interactive shell; a child started from here inherits that.
   */
  @SuppressWarnings("restriction")
  static boolean sigintIgnored() {
    sun.misc.Signal interrupt = new sun.misc.Signal("INT");
    sun.misc.SignalHandler previous = sun.misc.Signal.handle(interrupt, sun.misc.SignalHandler.SIG_IGN);
    sun.misc.Signal.handle(interrupt, previous);
    return previous == sun.misc.SignalHandler.SIG_IGN;
  }

  /** Starts {@code java -cp <test class path> mainClass args…} with the running JVM's java. */
  static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
    return start(System.getProperty("java.class.path"), mainClass, args);
  }

  /** Starts {@code java -cp classPath mainClass args…} with the running JVM's java. */
  static ChildJvm start(String classPath, Class<?> mainClass, String... args) throws IOException {
    return start(List.of(), classPath, mainClass, args);
  }

  /** Starts {@code java jvmOptions… -cp classPath mainClass args…} with the running JVM's java. */
  static ChildJvm start(List<String> jvmOptions, String classPath, Class<?> mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    return new ChildJvm(builder.start());
  }

  private void collect(InputStream stream, List<String> lines) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lock.lock();
        try {
          lines.add(line);
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    } catch (IOException e) {
      // the stream closes when the process is destroyed; what was read is kept
    }
  }

  long pid() {
    return process.pid();
  }

  /** Waits until a line of standard error matches, and returns it. */
  String awaitErr(Predicate<String> match) throws InterruptedException {
    return await(err, match, "stderr");
  }

  /** Waits until a line of standard output matches, and returns it. */
  String awaitOut(Predicate<String> match) throws InterruptedException {
    return await(out, match, "stdout");
  }

  private String await(List<String> lines, Predicate<String> match, String which)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    lock.lock();
    try {
      while (true) {
        for (String line : lines) {
          if (match.test(line)) {
            return line;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive() && readersDone()) {
          throw new AssertionError(
              "no matching line on " + which + " of the child JVM (alive: " + process.isAlive()
                  + ")\n--- stdout ---\n" + String.join("\n", out)
                  + "\n--- stderr ---\n" + String.join("\n", err));
        }
        changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean readersDone() {
    return readers.stream().noneMatch(Thread::isAlive);
  }

  /** Sends a signal (e.g. {@code TERM}) with {@code kill}. */
  void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    assertThat(kill.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -%s exit code", name).isZero();
  }

  /** Waits for the child to exit and for its output to be read; returns the exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the child JVM did not exit\n--- stderr ---\n" + String.join("\n", err()));
    }
    for (Thread reader : readers) {
      reader.join();
    }
    return process.exitValue();
  }

  /** Standard output so far. */
  List<String> out() {
    return snapshot(out);
  }

  /** Standard error so far. */
  List<String> err() {
    return snapshot(err);
  }

  private List<String> snapshot(List<String> lines) {
    lock.lock();
    try {
      return List.copyOf(lines);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
