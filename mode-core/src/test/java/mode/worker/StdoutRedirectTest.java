package mode.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StdoutRedirectTest {
  final Logger logger = (Logger) LoggerFactory.getLogger(StdoutRedirect.LOGGER);
  final List<String> logged = new CopyOnWriteArrayList<>();
  final ByteArrayOutputStream console = new ByteArrayOutputStream();
  PrintStream realOut;
  PrintStream realErr;

  /** Records each line and, like a console appender, also writes it to System.err. */
  final AppenderBase<ILoggingEvent> echoing = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent e) {
      logged.add(e.getLevel() + " " + e.getFormattedMessage());
      System.err.println("console: " + e.getFormattedMessage());
    }
  };

  @BeforeEach
  void setUp() {
    realOut = System.out;
    realErr = System.err;
    PrintStream fake = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(fake);
    System.setErr(fake);
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    echoing.setContext(logger.getLoggerContext());
    echoing.start();
    logger.addAppender(echoing);
  }

  @AfterEach
  void tearDown() {
    logger.detachAppender(echoing);
    logger.setAdditive(true);
    System.setOut(realOut);
    System.setErr(realErr);
  }

  @Test
  void everyLineWrittenToStdoutOrStderrBecomesOneLogLineAtTheChosenLevel() {
    PrintStream before = System.out;
    try (StdoutRedirect redirect = StdoutRedirect.install(LogLevel.INFO)) {
      System.out.println("  hello  ");
      System.out.println();
      System.err.print("two ");
      System.err.println("parts ✓");
      System.out.print("unfinished");
    }

    assertThat(logged).containsExactly("INFO hello", "INFO two parts ✓", "INFO unfinished");
    assertThat(System.out).isSameAs(before);
  }

  @Test
  void whatTheLoggingWritesToTheConsoleGoesToThePreviousStreamInsteadOfLooping() {
    try (StdoutRedirect redirect = StdoutRedirect.install(LogLevel.WARN)) {
      System.out.println("from the service");
    }

    assertThat(logged).containsExactly("WARN from the service");
    assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("console: from the service\n");
  }
}
