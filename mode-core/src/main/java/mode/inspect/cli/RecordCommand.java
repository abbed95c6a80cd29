package mode.inspect.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mode-inspect record}: the raw session to a JSON Lines file. */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = "Record the session (every line the worker sends, as received) to a JSON Lines file,"
        + " until interrupted, until the worker exits, or until --count lines.")
final class RecordCommand implements Callable<Integer> {

  @Mixin AttachOptions attach;
  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The JSON Lines file to write.")
  Path output;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N lines.")
  Long count;

  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong written = new AtomicLong();

  @Override
  public Integer call() throws IOException, InterruptedException {
    try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      WorkerConnection[] connection = new WorkerConnection[1];
      connection[0] = WorkerConnection.open(attach.target(), Duration.ofSeconds(5), frame -> {}, line -> {
        if (append(writer, line) && connection[0] != null) {
          connection[0].close();
        }
      });
      try (WorkerConnection open = connection[0]) {
        if (count != null && written.get() >= count) {
          open.close();
        }
        open.awaitClose();
      }
    }
    spec.commandLine().getErr().printf("recorded %d lines to %s%n", written.get(), output);
    spec.commandLine().getErr().flush();
    return 0;
  }

  /** Writes one line (flushed, so an interrupt loses nothing); true when the count is reached. */
  private boolean append(BufferedWriter writer, String line) {
    lock.lock();
    try {
      if (count != null && written.get() >= count) {
        return true;
      }
      writer.write(line);
      writer.newLine();
      writer.flush();
      long lines = written.incrementAndGet();
      return count != null && lines >= count;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
