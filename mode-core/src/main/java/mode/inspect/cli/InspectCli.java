package mode.inspect.cli;

import java.io.PrintWriter;
import mode.BuildInfo;
import mode.inspect.InspectMessage;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mode-inspect}: the headless command line of the inspect protocol. Lists running
 * workers, follows their transitions, exports the live graph, records sessions, dumps threads,
 * shows what one service is doing now and starts, stops or restarts services. Run {@code mode-inspect --help} or {@code mode-inspect
 * COMMAND --help}.
 *
 * <p>Exit codes: 0 success, 1 failure (the message on stderr names the worker or service), 2 bad
 * usage.
 */
@Command(
    name = "mode-inspect",
    mixinStandardHelpOptions = true,
    versionProvider = InspectCli.Version.class,
    description = "Attach to running mode workers: list them, follow them, control them.",
    subcommands = {
      ListCommand.class,
      TailCommand.class,
      ExportCommand.class,
      ExportDotCommand.class,
      RecordCommand.class,
      ThreadsCommand.class,
      StacksCommand.class,
      LifecycleCommand.Start.class,
      LifecycleCommand.Stop.class,
      LifecycleCommand.Restart.class,
      CommandLine.HelpCommand.class
    })
public final class InspectCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the CLI and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
  }

  /**
   * The CLI writing to {@code out} and {@code err}, ready to {@code execute(args)}; for tests and
   * embedding. Failures print {@code mode-inspect: <message>} and give exit code 1.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new InspectCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((error, cl, parsed) -> {
      cl.getErr().println("mode-inspect: " + (error.getMessage() == null ? error.toString() : error.getMessage()));
      cl.getErr().flush();
      return 1;
    });
    return commandLine;
  }

  /** {@code --version}: the build of mode for Java and the protocol it speaks. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "mode-inspect " + BuildInfo.describe() + " (protocol " + InspectMessage.PROTOCOL_VERSION + ")"
      };
    }
  }

  /** Without a command: prints the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
