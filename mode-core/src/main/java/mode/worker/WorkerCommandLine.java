package mode.worker;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The worker's command line: {@code --loglevel}, {@code --logfile}, {@code --debug}, {@code
 * --quiet}, {@code --blocking-timeout}, {@code --help}, {@code --version}, plus the options of
 * the {@link WorkerExtension}s.
 *
 * <p>Built with picocli's programmatic model rather than annotations, so nothing here needs to
 * be opened to reflection when mode runs on the module path. Not thread-safe; one instance per
 * {@code execute} call.
 */
public final class WorkerCommandLine {
  /** Exit code of a command line that cannot be parsed (picocli's usage error code). */
  public static final int USAGE_ERROR = CommandLine.ExitCode.USAGE;

  /** What to do after parsing. */
  public sealed interface Outcome {
    /** Run the worker with these settings; {@code parsed} also carries extensions' options. */
    record Run(WorkerSettings settings, ParseResult parsed) implements Outcome {}

    /** Exit at once with this code (help, version, or a usage error already reported). */
    record Exit(int code) implements Outcome {}
  }

  private final CommandLine commandLine;
  private final WorkerSettings defaults;

  /**
   * A command line named {@code name} (shown in the usage) whose option defaults are {@code
   * defaults}.
   */
  public WorkerCommandLine(
      String name, String version, WorkerSettings defaults, List<WorkerExtension> extensions) {
    this.defaults = defaults;
    CommandSpec spec = CommandSpec.create().name(name).version(name + " (mode for Java " + version + ")");
    spec.mixinStandardHelpOptions(true);
    spec.usageMessage().description("Runs services until stopped (INT/TERM), dumps them on USR1.");
    spec.addOption(
        option("--loglevel", "LEVEL", LogLevel.class, "trace, debug, info, warn or error (default: "
            + defaults.logLevel().cliName() + ")"));
    spec.addOption(option("--logfile", "FILE", Path.class, "write log lines to FILE instead of standard error"));
    spec.addOption(flag("--debug", "log at debug level"));
    spec.addOption(flag("--quiet", "no messages from the worker itself on standard output"));
    spec.addOption(
        option("--blocking-timeout", "SECONDS", Duration.class,
            "report a hook, task step or timer callback running longer than this (default: "
                + defaults.blockingTimeout().toMillis() / 1000.0 + ")"));
    for (WorkerExtension extension : extensions) {
      extension.addOptions(spec);
    }
    commandLine = new CommandLine(spec);
    commandLine.registerConverter(LogLevel.class, text -> convert(() -> LogLevel.parse(text)));
    commandLine.registerConverter(Duration.class, text -> convert(() -> seconds(text)));
  }

  private static <T> T convert(java.util.function.Supplier<T> conversion) {
    try {
      return conversion.get();
    } catch (IllegalArgumentException e) {
      // picocli reports a TypeConversionException as "Invalid value for option '--x': <message>".
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** A positive, finite number of seconds, e.g. {@code 0.2}. */
  static Duration seconds(String text) {
    double seconds;
    try {
      seconds = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number of seconds", e);
    }
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("'" + text + "' is not a positive number of seconds");
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  private static OptionSpec option(String name, String label, Class<?> type, String description) {
    return OptionSpec.builder(name).paramLabel(label).type(type).description(description).build();
  }

  private static OptionSpec flag(String name, String description) {
    return OptionSpec.builder(name).arity("0").type(boolean.class).description(description).build();
  }

  /**
   * Parses {@code args}. Help and version go to {@code out}; a usage error is reported on {@code
   * err} as one message line and the usage, without a stack trace.
   */
  public Outcome parse(String[] args, PrintWriter out, PrintWriter err) {
    ParseResult parsed;
    try {
      parsed = commandLine.parseArgs(args);
    } catch (ParameterException e) {
      err.println(e.getMessage());
      commandLine.usage(err);
      err.flush();
      return new Outcome.Exit(USAGE_ERROR);
    }
    if (commandLine.isUsageHelpRequested()) {
      commandLine.usage(out);
      out.flush();
      return new Outcome.Exit(CommandLine.ExitCode.OK);
    }
    if (commandLine.isVersionHelpRequested()) {
      commandLine.printVersionHelp(out);
      out.flush();
      return new Outcome.Exit(CommandLine.ExitCode.OK);
    }
    return new Outcome.Run(settings(parsed), parsed);
  }

  private WorkerSettings settings(ParseResult parsed) {
    WorkerSettings s = defaults;
    if (parsed.hasMatchedOption("--loglevel")) {
      s = s.withLogLevel(parsed.matchedOptionValue("--loglevel", s.logLevel()));
    }
    if (parsed.hasMatchedOption("--logfile")) {
      s = s.withLogFile(parsed.matchedOptionValue("--logfile", (Path) null));
    }
    if (parsed.hasMatchedOption("--debug")) {
      s = s.withDebug(true);
    }
    if (parsed.hasMatchedOption("--quiet")) {
      s = s.withQuiet(true);
    }
    if (parsed.hasMatchedOption("--blocking-timeout")) {
      s = s.withBlockingTimeout(parsed.matchedOptionValue("--blocking-timeout", s.blockingTimeout()));
    }
    return s;
  }
}
