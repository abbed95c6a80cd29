package mode.worker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import mode.Service;
import mode.Worker;
import mode.inspect.InspectAgent;
import mode.inspect.InspectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * Starts the inspect agent with every worker (unless {@code --no-inspect}) and closes it at the
 * worker's exit. Options: {@code --inspect=HOST:PORT} adds a TCP listener (loopback unless
 * {@code --inspect-allow-remote}); {@code --no-inspect} turns the agent off.
 *
 * <p>Failures: when the default agent cannot start (its folder cannot be created or belongs to
 * someone else) the worker logs a warning and runs without it; when {@code --inspect} was given,
 * the worker does not start (exit code 1). A malformed {@code --inspect} value is a usage error
 * (exit code 2).
 */
public final class InspectExtension implements WorkerExtension {

  private static final Logger LOG = LoggerFactory.getLogger(InspectExtension.class);

  /** Found by {@link java.util.ServiceLoader}. */
  public InspectExtension() {}

  @Override
  public void addOptions(CommandSpec spec) {
    spec.addOption(OptionSpec.builder("--inspect").paramLabel("HOST:PORT").type(InetSocketAddress.class)
        .converters(InspectExtension::convert)
        .description("also accept inspect clients over TCP on HOST:PORT (loopback; a token from the descriptor is required)")
        .build());
    spec.addOption(OptionSpec.builder("--no-inspect").arity("0").type(boolean.class)
        .description("do not start the inspect agent (no socket, no descriptor)").build());
    spec.addOption(OptionSpec.builder("--inspect-allow-remote").arity("0").type(boolean.class)
        .description("allow --inspect on an address other than loopback (logged as a warning)").build());
  }

  @Override
  public AutoCloseable start(Worker worker, ParseResult options) throws IOException {
    if (options.hasMatchedOption("--no-inspect")) {
      return () -> {};
    }
    InspectOptions inspect = InspectOptions.defaults(name(worker, options)).withMainClass(mainClass());
    if (options.hasMatchedOption("--inspect")) {
      // Asked for explicitly: a failure is the worker's failure (exit code 1).
      inspect = inspect.withTcp(options.matchedOptionValue("--inspect", (InetSocketAddress) null),
          options.hasMatchedOption("--inspect-allow-remote"));
      return InspectAgent.start(worker, inspect);
    }
    try {
      return InspectAgent.start(worker, inspect);
    } catch (IOException e) {
      // On by default, so it must not keep a worker from running (a read-only or foreign folder).
      LOG.warn("Inspect agent not started, the worker runs without it: {}", e.getMessage());
      return () -> {};
    }
  }

  /**
   * The name {@code mode-inspect list} shows: the program name given to the worker's builder, or
   * else the labels of the services it runs.
   */
  static String name(Worker worker, ParseResult options) {
    String program = options.commandSpec().name();
    if (program != null && !program.isBlank() && !program.equals("worker") && !program.startsWith("<")) {
      return program;
    }
    List<String> labels = worker.dependencies().stream().map(Service::label).toList();
    return labels.isEmpty() ? worker.label() : String.join(", ", labels);
  }

  private static InetSocketAddress convert(String value) {
    try {
      return address(value);
    } catch (IllegalArgumentException e) {
      // picocli reports this as "Invalid value for option '--inspect': <message>", exit code 2.
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** {@code HOST:PORT} or {@code [IPv6]:PORT} as an address. */
  static InetSocketAddress address(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("--inspect needs HOST:PORT, got '" + value + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--inspect needs a numeric port, got '" + value + "'", e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--inspect port must be in 0..65535, got " + port);
    }
    return new InetSocketAddress(host, port);
  }

  /** The main class this JVM was started with, as the launcher recorded it, or "". */
  static String mainClass() {
    String command = System.getProperty("sun.java.command", "").strip();
    int space = command.indexOf(' ');
    return space < 0 ? command : command.substring(0, space);
  }
}
