package mode.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mode.Worker;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

class WorkerCommandLineTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private WorkerCommandLine.Outcome parse(String... args) {
    return parse(List.of(), args);
  }

  private WorkerCommandLine.Outcome parse(List<WorkerExtension> extensions, String... args) {
    return new WorkerCommandLine("app", "1.2.3", WorkerSettings.defaults(), extensions)
        .parse(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static WorkerSettings settingsOf(WorkerCommandLine.Outcome outcome) {
    assertThat(outcome).isInstanceOf(WorkerCommandLine.Outcome.Run.class);
    return ((WorkerCommandLine.Outcome.Run) outcome).settings();
  }

  @Test
  void noArgumentsKeepModesDefaults() {
    assertThat(settingsOf(parse()))
        .isEqualTo(new WorkerSettings(LogLevel.WARN, null, false, false, Duration.ofSeconds(10)));
  }

  @Test
  void everyOptionIsApplied() {
    WorkerSettings settings =
        settingsOf(parse("--loglevel=InFo", "--logfile", "w.log", "--quiet", "--blocking-timeout", "0.25"));
    assertThat(settings)
        .isEqualTo(new WorkerSettings(LogLevel.INFO, Path.of("w.log"), false, true, Duration.ofMillis(250)));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void debugLowersTheLevelToDebugButNotBelow() {
    assertThat(settingsOf(parse("--debug")).effectiveLogLevel()).isEqualTo(LogLevel.DEBUG);
    assertThat(settingsOf(parse("--debug", "--loglevel", "TRACE")).effectiveLogLevel())
        .isEqualTo(LogLevel.TRACE);
  }

  @Test
  void pythonLevelNamesAreAccepted() {
    assertThat(settingsOf(parse("--loglevel", "warning")).logLevel()).isEqualTo(LogLevel.WARN);
    assertThat(settingsOf(parse("--loglevel", "CRITICAL")).logLevel()).isEqualTo(LogLevel.ERROR);
  }

  @Test
  void unknownOptionIsAUsageErrorWithoutStackTrace() {
    assertThat(parse("--bogus")).isEqualTo(new WorkerCommandLine.Outcome.Exit(2));
    assertThat(err.toString()).startsWith("Unknown option: '--bogus'\nUsage: app ").doesNotContain("Exception");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void unknownLogLevelIsNamedWithTheAcceptedOnes() {
    assertThat(parse("--loglevel", "loud")).isEqualTo(new WorkerCommandLine.Outcome.Exit(2));
    assertThat(err.toString())
        .startsWith(
            "Invalid value for option '--loglevel': 'loud' is not a log level; "
                + "use one of trace, debug, info, warn, error\n");
  }

  @Test
  void blockingTimeoutMustBeAPositiveNumber() {
    assertThat(parse("--blocking-timeout", "0")).isEqualTo(new WorkerCommandLine.Outcome.Exit(2));
    assertThat(err.toString())
        .startsWith("Invalid value for option '--blocking-timeout': '0' is not a positive number of seconds\n");
  }

  @Test
  void helpPrintsTheWholeUsageAndExitsZero() {
    assertThat(parse("--help")).isEqualTo(new WorkerCommandLine.Outcome.Exit(0));
    assertThat(out.toString().replace(System.lineSeparator(), "\n"))
        .isEqualTo(
            """
            Usage: app [-hV] [--debug] [--quiet] [--blocking-timeout=SECONDS]
                       [--logfile=FILE] [--loglevel=LEVEL]
            Runs services until stopped (INT/TERM), dumps them on USR1.
                  --blocking-timeout=SECONDS
                                     report a hook, task step or timer callback running
                                       longer than this (default: 10.0)
                  --debug            log at debug level
              -h, --help             Show this help message and exit.
                  --logfile=FILE     write log lines to FILE instead of standard error
                  --loglevel=LEVEL   trace, debug, info, warn or error (default: warn)
                  --quiet            no messages from the worker itself on standard output
              -V, --version          Print version information and exit.
            """);
  }

  @Test
  void versionNamesTheProgramAndModesVersion() {
    assertThat(parse("--version")).isEqualTo(new WorkerCommandLine.Outcome.Exit(0));
    assertThat(out.toString().trim()).isEqualTo("app (mode for Java 1.2.3)");
  }

  @Test
  void extensionsAddOptionsAndReadThem() {
    WorkerExtension greeter =
        new WorkerExtension() {
          @Override
          public void addOptions(CommandSpec spec) {
            spec.addOption(OptionSpec.builder("--greet").paramLabel("NAME").type(String.class).build());
          }

          @Override
          public AutoCloseable start(Worker worker, ParseResult options) {
            return () -> {};
          }
        };
    WorkerCommandLine.Outcome outcome = parse(List.of(greeter), "--greet", "Ada", "--quiet");
    ParseResult parsed = ((WorkerCommandLine.Outcome.Run) outcome).parsed();
    assertThat(parsed.<String>matchedOptionValue("--greet", null)).isEqualTo("Ada");
    assertThat(settingsOf(outcome).quiet()).isTrue();
  }
}
