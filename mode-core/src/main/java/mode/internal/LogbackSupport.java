package mode.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * What mode does with logback when logback is the SLF4J backend, and nothing when it is not:
 * logback is optional ({@code requires static}), so an application may exclude it and bring
 * another binding (JUL, Log4j 2). Logback's classes are touched only after {@link #active()}
 * said yes.
 */
public final class LogbackSupport {
  private static final String LOGBACK_FACTORY = "ch.qos.logback.classic.LoggerContext";
  private static final AtomicBoolean QUIETED = new AtomicBoolean();

  private LogbackSupport() {}

  /**
   * Whether SLF4J is bound to logback. Checks the active factory, not whether logback's classes
   * are present: logback on the class path may still not be the provider SLF4J chose.
   */
  public static boolean active() {
    return LoggerFactory.getILoggerFactory().getClass().getName().equals(LOGBACK_FACTORY);
  }

  /**
   * mode's quiet default for an application that runs services without a Worker and never
   * configured logging: warnings and errors only, as Python's logging does by default (logback's
   * own default prints every service's lifecycle at DEBUG). Only when logback is the backend and
   * was configured by no file; applied once per JVM. A Worker sets its own level afterwards.
   */
  public static void quietDefault() {
    if (QUIETED.compareAndSet(false, true) && active()) {
      Quiet.apply();
    }
  }

  /** Loaded only when logback is the backend. */
  private static final class Quiet {
    static void apply() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      if (ConfigurationWatchListUtil.getMainWatchURL(context) == null) {
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
      }
    }
  }
}
