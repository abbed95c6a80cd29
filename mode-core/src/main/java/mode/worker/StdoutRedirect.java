package mode.worker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Standard output and standard error redirected into the log (mode's {@code redirect_stdouts}):
 * while installed, {@link System#out} and {@link System#err} are replaced by streams that turn
 * every line written to them (stripped; blank lines skipped) into one log line at the chosen
 * level, on the logger {@value #LOGGER}. {@link #close()} puts the previous streams back, after
 * logging any unfinished last line.
 *
 * <p>Thread-safe: writers share one line buffer per stream, under a lock. A line that the logging
 * itself writes to {@code System.out} or {@code System.err} (a console appender) goes to the
 * previous stream instead of looping.
 */
public final class StdoutRedirect implements AutoCloseable {
  /** The logger that redirected lines are logged on. */
  public static final String LOGGER = "mode.redirect";

  private final PrintStream previousOut;
  private final PrintStream previousErr;
  private final LineLogger out;
  private final LineLogger err;

  private StdoutRedirect(Level level) {
    Logger logger = LoggerFactory.getLogger(LOGGER);
    previousOut = System.out;
    previousErr = System.err;
    out = new LineLogger(logger, level, previousOut);
    err = new LineLogger(logger, level, previousErr);
  }

  /** Replaces {@code System.out} and {@code System.err}; close the result to put them back. */
  public static StdoutRedirect install(LogLevel level) {
    StdoutRedirect redirect = new StdoutRedirect(Level.valueOf(Objects.requireNonNull(level, "level").name()));
    System.setOut(new PrintStream(redirect.out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(redirect.err, true, StandardCharsets.UTF_8));
    return redirect;
  }

  @Override
  public void close() {
    System.setOut(previousOut);
    System.setErr(previousErr);
    out.flushLine();
    err.flushLine();
  }

  @Override
  public String toString() {
    return "standard output and error redirected to the log";
  }

  /** Collects bytes up to each newline and logs the line. */
  private static final class LineLogger extends OutputStream {
    private static final ThreadLocal<Boolean> LOGGING = ThreadLocal.withInitial(() -> false);
    private final Logger logger;
    private final Level level;
    private final PrintStream fallback;
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineLogger(Logger logger, Level level, PrintStream fallback) {
      this.logger = logger;
      this.level = level;
      this.fallback = fallback;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
      if (LOGGING.get()) {
        fallback.write(bytes, off, len); // written by the logging itself: do not loop
        return;
      }
      lock.lock();
      try {
        for (int i = off; i < off + len; i++) {
          if (bytes[i] == '\n') {
            emit(takeLine());
          } else {
            line.write(bytes[i]);
          }
        }
      } finally {
        lock.unlock();
      }
    }

    void flushLine() {
      String rest;
      lock.lock();
      try {
        rest = takeLine();
      } finally {
        lock.unlock();
      }
      emit(rest);
    }

    private String takeLine() {
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      return text;
    }

    private void emit(String text) {
      String stripped = text.strip();
      if (stripped.isEmpty()) {
        return;
      }
      LOGGING.set(true);
      try {
        logger.atLevel(level).log(stripped);
      } finally {
        LOGGING.set(false);
      }
    }
  }
}
