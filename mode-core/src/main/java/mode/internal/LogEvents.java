package mode.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import mode.Service;
import mode.events.ServiceEvent;
import org.slf4j.LoggerFactory;

/**
 * Turns WARN and ERROR log lines into {@code Log} events for the subscribers (the inspector's
 * log panel): a logback appender on the root logger, installed when the first subscription is
 * made and put back if logback is reset (e.g. when the Worker configures logging).
 *
 * <p>A line written through {@code Service.log()} is attributed to its service and delivered to
 * the subscriptions that see that service; any other line goes to every subscription. Lines of
 * this package are left out (a failing listener's warning must not feed itself). Does nothing
 * when SLF4J is not bound to logback. Thread-safe; never blocks on a listener.
 */
public final class LogEvents {
  /** The appender's name on the root logger. */
  public static final String NAME = "mode-log-events";
  private static final AtomicBoolean LISTENING = new AtomicBoolean();
  private static final String OWN_PACKAGE = LogEvents.class.getPackageName() + ".";

  private LogEvents() {}

  /**
   * Attaches the appender to logback's root logger unless it is there already. Idempotent. Does
   * nothing when logback is not the SLF4J backend (it may be absent: logback's classes are only
   * loaded when it is).
   */
  public static void install() {
    if (LogbackSupport.active()) {
      Appender.install();
    }
  }

  /** The appender itself; loaded only when logback is the backend. */
  private static final class Appender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static void install() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      if (root.getAppender(NAME) == null) {
        Appender appender = new Appender();
        appender.setName(NAME);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
      }
      if (LISTENING.compareAndSet(false, true)) {
        context.addListener(new Reattach());
      }
    }

    @Override
    protected void append(ILoggingEvent event) {
      if (!event.getLevel().isGreaterOrEqual(Level.WARN) || event.getLoggerName().startsWith(OWN_PACKAGE)) {
        return;
      }
      Service service = ServiceMarkers.service(event.getMarkerList());
      EventHub.publish(
          service,
          new ServiceEvent.Log(
              Instant.ofEpochMilli(event.getTimeStamp()),
              service == null ? null : service.id(),
              event.getLevel().toString(),
              event.getLoggerName(),
              event.getFormattedMessage()));
    }
  }

  /** A reset removes every appender; this puts ours back. */
  private static final class Reattach implements LoggerContextListener {
    @Override
    public boolean isResetResistant() {
      return true;
    }

    @Override
    public void onStart(LoggerContext context) {}

    @Override
    public void onReset(LoggerContext context) {
      install();
    }

    @Override
    public void onStop(LoggerContext context) {}

    @Override
    public void onLevelChange(Logger logger, Level level) {}
  }
}
