package mode.inspect;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A worker in a child JVM, on this test run's class path, with its own inspect folder. */
final class ChildWorker implements AutoCloseable {

  final Process process;
  final Path dir;
  final List<String> output = new CopyOnWriteArrayList<>();
  /**
   * Completes when the collector has read the child's output to its end. The process may be seen
   * as exited before its last lines are collected, so whoever reads the output after the exit
   * waits for this first.
   */
  private final CompletableFuture<Void> drained = new CompletableFuture<>();

  private ChildWorker(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
    Thread.ofVirtual().name("child-output-" + process.pid()).start(this::drain);
  }

  /** Starts {@code mainClass} with {@code args}; system properties {@code -Dkey=value} may be in jvmArgs. */
  static ChildWorker start(Path dir, List<String> jvmArgs, Class<?> mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-D" + InspectDirectory.DIRECTORY_PROPERTY + "=" + dir);
    command.addAll(jvmArgs);
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    return new ChildWorker(process, dir);
  }

  private void drain() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        output.add(line);
      }
    } catch (IOException ended) {
      // The child is gone; its output so far is kept.
    } finally {
      drained.complete(null);
    }
  }

  /** Waits until the child has printed {@code READY} (its tree is running). */
  void awaitReady() {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("child exited with " + process.exitValue() + ": " + String.join("\n", output));
      }
      return output.contains("READY");
    });
  }

  /** Waits until the child is running and its descriptor is published, and returns it. */
  Descriptor awaitDescriptor() {
    awaitReady();
    return await().atMost(Duration.ofSeconds(30)).until(this::published, d -> d != null);
  }

  private Descriptor published() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException("child exited with " + process.exitValue() + ": " + String.join("\n", output));
    }
    return InspectDirectory.open(dir).workers().stream().filter(d -> d.pid() == process.pid()).findFirst().orElse(null);
  }

  /** Sends SIGTERM and waits for the exit code and the whole output. */
  int terminate() throws InterruptedException, ExecutionException, TimeoutException {
    process.destroy();
    return awaitExit();
  }

  /**
   * Waits until the child has exited and all its output is in {@link #output}, and returns its
   * exit code.
   *
   * @throws IllegalStateException if it does not exit within 30 s
   */
  int awaitExit() throws InterruptedException, ExecutionException, TimeoutException {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child " + process.pid() + " did not exit: " + String.join("\n", output));
    }
    drained.get(30, TimeUnit.SECONDS); // the pipe ends at the exit, so this is soon
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
