package mode.worker;

import mode.Worker;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Something that runs alongside a {@link Worker}: it may add command-line options, is started
 * once the command line is parsed and logging is set up (before the worker's services start),
 * and is closed when the worker exits (after its services stopped), in reverse order of start.
 *
 * <p>Extensions are found with {@link java.util.ServiceLoader} ({@code provides
 * mode.worker.WorkerExtension with …} in a module, or a {@code META-INF/services} entry on the
 * class path) and can be given to a worker directly in tests. This package is not exported: it
 * is how parts of mode itself (the inspect agent) attach to the worker.
 *
 * <p>Threading: every method is called on the thread that runs {@link Worker#execute}.
 */
public interface WorkerExtension {

  /** Adds this extension's options to the worker's command line; by default none. */
  default void addOptions(CommandSpec spec) {}

  /**
   * Starts the extension for {@code worker}; the returned resource is closed at the worker's
   * exit.
   *
   * @param options the parsed command line, including this extension's options
   * @throws Exception if the extension cannot start: the worker logs it, starts no service and
   *     exits with code 1
   */
  AutoCloseable start(Worker worker, ParseResult options) throws Exception;
}
