package mode.inspect.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import mode.inspect.InspectMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mode-inspect stacks SERVICE}: what one service is doing right now, as the live stacks of
 * the threads running its hooks, tasks and timers (unlike {@code threads}, which dumps every
 * thread of the worker).
 */
@Command(name = "stacks", mixinStandardHelpOptions = true,
    description = {"Print what a service is doing right now: the live stacks of the threads (platform and virtual)"
        + " running its hooks, tasks and timers, each with what it runs and since when.",
        "Prints that the service is idle when none does. For every thread of the worker, see 'threads'."})
final class StacksCommand implements Callable<Integer> {

  @Mixin AttachOptions attach;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "The service's label, short label or id.")
  String service;

  @Override
  public Integer call() throws IOException {
    try (WorkerConnection connection = WorkerConnection.open(attach.target(), Duration.ofSeconds(5))) {
      InspectMessage.Reply reply = LifecycleCommand.await(connection, new InspectMessage.Stacks(connection.resolve(service)));
      if (!reply.ok()) {
        spec.commandLine().getErr().println("mode-inspect: " + reply.message());
        spec.commandLine().getErr().flush();
        return 1;
      }
      spec.commandLine().getOut().print(reply.text() == null ? reply.message() + "\n" : reply.text());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
