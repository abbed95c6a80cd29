package mode.inspect.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import mode.inspect.InspectMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mode-inspect threads}: a thread dump of the worker. */
@Command(name = "threads", mixinStandardHelpOptions = true,
    description = "Print a dump of every thread of the worker, virtual threads included.")
final class ThreadsCommand implements Callable<Integer> {

  @Mixin AttachOptions attach;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    try (WorkerConnection connection = WorkerConnection.open(attach.target(), Duration.ofSeconds(5))) {
      InspectMessage.Reply reply = LifecycleCommand.await(connection, new InspectMessage.ThreadDump());
      if (!reply.ok()) {
        spec.commandLine().getErr().println("mode-inspect: " + reply.message());
        spec.commandLine().getErr().flush();
        return 1;
      }
      spec.commandLine().getOut().print(reply.text());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
