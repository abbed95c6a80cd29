package mode.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mode.timers.FakeTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FlightRecorderTest {
  static final Instant T0 = Instant.parse("2026-11-28T05:12:00Z");
  final FakeTime time = new FakeTime(T0);
  final Logger logger = (Logger) LoggerFactory.getLogger("flight-test-" + System.nanoTime());
  final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void capture() {
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void release() {
    logger.detachAppender(appender);
  }

  List<String> lines() {
    return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  /** The recorder's prefix, e.g. {@code [FlightRecorder-3] }, taken from the first line. */
  String ident() {
    String first = appender.list.get(0).getFormattedMessage();
    return first.substring(0, first.indexOf("] ") + 2);
  }

  @Test
  void aBlockThatEndsInTimeLogsNothing() {
    try (FlightRecorder fr = FlightRecorder.start(logger, Duration.ofSeconds(10), time)) {
      fr.info("+fetch {}", "users");
      time.advance(Duration.ofSeconds(9));
      fr.info("-fetch {}", "users");
      assertThat(fr.timedOut()).isFalse();
    }
    time.advance(Duration.ofSeconds(5));

    assertThat(lines()).isEmpty();
  }

  @Test
  void aBlockThatOutlivesTheTimeoutReplaysItsLinesWithTimesAndTheThreadsStack() {
    String thread = Thread.currentThread().getName();
    try (FlightRecorder fr = FlightRecorder.start(logger, Duration.ofSeconds(10), time)) {
      fr.info("+fetch {}", "users");
      time.advance(Duration.ofSeconds(3));
      fr.warn("slow reply from {}", "db-1");
      time.awaitSleeper(T0.plusSeconds(10));

      time.setTo(T0.plusSeconds(10));
      await().until(fr::timedOut);
      fr.info("-fetch {}", "users");
    }

    String id = ident();
    List<String> lines = lines();
    assertThat(lines.subList(0, 3)).containsExactly(
        "WARN " + id + "Still running after PT10S (opened at 2026-11-28T05:12:00Z); replaying its log",
        "INFO " + id + "(2026-11-28T05:12:00Z) +fetch users",
        "WARN " + id + "(2026-11-28T05:12:03Z) slow reply from db-1");
    assertThat(lines.get(3)).startsWith("WARN " + id + "End of log; thread " + thread + " is at:\n\tat ");
    assertThat(lines.subList(4, lines.size())).containsExactly("INFO " + id + "-fetch users");
    assertThat(id).matches("\\[FlightRecorder-\\d+] ");
  }

  @Test
  void aThrowableArgumentIsReplayedAsTheLinesCause() {
    try (FlightRecorder fr = FlightRecorder.start(logger, Duration.ofSeconds(1), time)) {
      fr.error("retrying after {}", "timeout", new IllegalStateException("no reply"));
      time.awaitSleeper(T0.plusSeconds(1));
      time.setTo(T0.plusSeconds(1));
      await().until(fr::timedOut);
    }

    ILoggingEvent replayed = appender.list.get(1);
    assertThat(replayed.getFormattedMessage()).endsWith("(2026-11-28T05:12:00Z) retrying after timeout");
    assertThat(replayed.getThrowableProxy().getMessage()).isEqualTo("no reply");
  }

  /** A service that lends its logger to the test. */
  static final class Cache extends mode.Service {
    mode.ServiceLog serviceLog() {
      return log();
    }
  }

  @Test
  void onAServiceLoggerEveryLineCarriesTheServicePrefix() {
    Cache cache = new Cache();
    Logger cacheLogger = (Logger) LoggerFactory.getLogger(Cache.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    cacheLogger.addAppender(lines);
    Level before = cacheLogger.getLevel();
    cacheLogger.setLevel(Level.DEBUG);
    try (FlightRecorder fr = FlightRecorder.start(cache.serviceLog(), Duration.ofSeconds(1), time)) {
      fr.info("+refresh");
      time.awaitSleeper(T0.plusSeconds(1));
      time.setTo(T0.plusSeconds(1));
      await().until(fr::timedOut);
    } finally {
      cacheLogger.detachAppender(lines);
      cacheLogger.setLevel(before);
    }

    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
        .allMatch(m -> m.startsWith("[^Cache]: [FlightRecorder-"))
        .anyMatch(m -> m.endsWith("] (2026-11-28T05:12:00Z) +refresh"));
  }

  @Test
  void afterCloseLinesAreLoggedAtOnce() {
    FlightRecorder fr = FlightRecorder.start(logger, Duration.ofSeconds(1), time);
    fr.close();

    fr.info("late {}", 1);

    assertThat(lines()).containsExactly("INFO late 1");
  }

  @Test
  void aNonPositiveTimeoutIsRejected() {
    assertThatThrownBy(() -> FlightRecorder.start(logger, Duration.ZERO, time))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("flight recorder timeout must be positive, was PT0S");
  }
}
