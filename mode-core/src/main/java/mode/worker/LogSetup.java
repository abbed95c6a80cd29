package mode.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import mode.internal.LogbackSupport;
import org.slf4j.LoggerFactory;

/**
 * Configures logback in code (no {@code logback.xml} needed) so that log lines have mode's shape:
 *
 * <pre>[2026-11-28 05:12:15,084] [8658] [INFO] [^-App]: Starting...</pre>
 *
 * <p>that is {@code [date time,millis] [pid] [LEVEL] message}, with Python's level names
 * ({@code WARNING} rather than {@code WARN}); the {@code [^-App]:} prefix is part of the message,
 * written by each service's logger. Lines go to standard error or to a log file (appended).
 *
 * <p>Replaces the whole logback configuration of the JVM; call it once, from the thread that
 * starts the worker. When SLF4J is bound to something else (the application excluded logback and
 * brought JUL or Log4j 2), it leaves logging alone: the application's configuration decides.
 */
public final class LogSetup {
  /** The layout; {@code %d} takes its pattern in quotes because a comma would end it. */
  static final String PATTERN =
      "[%d{\"yyyy-MM-dd HH:mm:ss,SSS\"}] [" + ProcessHandle.current().pid()
          + "] [%replace(%level){'^WARN$','WARNING'}] %msg%n";

  private LogSetup() {}

  /**
   * Sends every log line at {@code level} or above to {@code logFile}, or to {@code stderr} when
   * {@code logFile} is null.
   */
  public static void configure(LogLevel level, Path logFile, PrintStream stderr) {
    if (!LogbackSupport.active()) {
      // The application brought its own binding (JUL, Log4j 2): its configuration decides.
      LoggerFactory.getLogger(LogSetup.class).debug(
          "SLF4J is bound to {}, not logback: the worker leaves logging as the application set it",
          LoggerFactory.getILoggerFactory().getClass().getName());
      return;
    }
    Logback.configure(level, logFile, stderr);
  }

  /** The logback configuration; loaded only when logback is the backend. */
  private static final class Logback {
    static void configure(LogLevel level, Path logFile, PrintStream stderr) {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      context.reset();
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern(PATTERN);
      encoder.start();
      OutputStreamAppender<ILoggingEvent> appender;
      if (logFile != null) {
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setFile(logFile.toAbsolutePath().toString());
        file.setAppend(true);
        appender = file;
      } else {
        appender = new OutputStreamAppender<>();
        appender.setOutputStream(unclosable(stderr));
      }
      appender.setName(logFile != null ? "mode-logfile" : "mode-stderr");
      appender.setContext(context);
      appender.setEncoder(encoder);
      appender.setImmediateFlush(true);
      appender.start();
      Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      root.setLevel(Level.toLevel(level.name()));
      root.addAppender(appender);
    }
  }

  /** Keeps logback from closing standard error when it resets or stops the appender. */
  private static OutputStream unclosable(PrintStream stream) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        stream.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        stream.write(b, off, len);
      }

      @Override
      public void flush() {
        stream.flush();
      }

      @Override
      public void close() {
        stream.flush();
      }
    };
  }
}
