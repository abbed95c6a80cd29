package mode.inspect.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mode-inspect record}: the raw session to a JSON Lines file. The lines grow in {@code
 * FILE.partial} (mode 0600), which becomes {@code FILE} when the recording ends (count reached,
 * worker gone, Ctrl-C or SIGTERM); killed outright, the recording stays in {@code FILE.partial},
 * every line whole. An existing {@code FILE} is replaced only then, never emptied beforehand.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = "Record the session (every line the worker sends, as received) to a JSON Lines file,"
        + " until interrupted, until the worker exits, or until --count lines. The lines grow in FILE.partial,"
        + " renamed to FILE when the recording ends (a killed recording stays in FILE.partial).")
final class RecordCommand implements Callable<Integer> {

  @Mixin AttachOptions attach;
  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The JSON Lines file to write.")
  Path output;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N lines.")
  Long count;

  private final AtomicLong written = new AtomicLong();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicReference<IOException> failure = new AtomicReference<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    var target = attach.target(); // a worker that cannot be found leaves no file behind
    OutputFile.Growing file = OutputFile.Growing.create(output);
    PrintWriter err = spec.commandLine().getErr();
    WorkerConnection connection;
    WorkerConnection[] self = new WorkerConnection[1];
    try {
      connection = WorkerConnection.open(target, Duration.ofSeconds(5), frame -> {}, line -> {
        if (append(file, line) && self[0] != null) {
          self[0].close();
        }
      });
    } catch (IOException | RuntimeException e) {
      file.discard();
      throw e;
    }
    self[0] = connection;
    err.printf("recording to %s (renamed to %s when the recording ends)%n", file.partial(), output);
    err.flush();
    Thread hook = new Thread(() -> end(connection, file, err), "mode-inspect-record-end");
    Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C and SIGTERM end the recording cleanly
    try {
      if (count != null && written.get() >= count) {
        connection.close();
      }
      connection.awaitClose();
    } finally {
      removeHook(hook);
    }
    end(connection, file, err);
    if (failure.get() != null) {
      throw failure.get();
    }
    return connection.ending().exitCode();
  }

  /** Ends the recording once: on the main thread, or in the shutdown hook on Ctrl-C or SIGTERM. */
  private void end(WorkerConnection connection, OutputFile.Growing file, PrintWriter err) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    connection.close(); // a no-op when the worker ended it; marks an ending of ours (count, Ctrl-C) as such
    WorkerFate.Ending ending = connection.ending();
    try {
      file.finish();
      err.printf("recorded %d lines to %s%n", written.get(), output);
      ending.describe().ifPresent(err::println);
    } catch (IOException e) {
      failure.compareAndSet(null, e);
    }
    err.flush();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // The JVM is exiting and the hook runs; it ends the recording.
    }
  }

  /** Writes one line (flushed, so a kill loses nothing); true when the count is reached. */
  private boolean append(OutputFile.Growing file, String line) {
    if (count != null && written.get() >= count) {
      return true;
    }
    try {
      if (file.append(line)) {
        long lines = written.incrementAndGet();
        return count != null && lines >= count;
      }
      return true;
    } catch (IOException e) {
      failure.compareAndSet(null, e); // e.g. the disk is full: stop, and say so
      return true;
    }
  }
}
