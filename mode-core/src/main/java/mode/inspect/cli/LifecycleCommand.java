package mode.inspect.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import mode.inspect.InspectMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mode-inspect start|stop|restart SERVICE}: a lifecycle call on one service. */
abstract class LifecycleCommand implements Callable<Integer> {

  @Mixin AttachOptions attach;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "The service's label, short label or id.")
  String service;

  abstract InspectMessage.Command command(long id);

  @Override
  public Integer call() throws IOException {
    try (WorkerConnection connection = WorkerConnection.open(attach.target(), Duration.ofSeconds(5))) {
      long id = connection.resolve(service);
      InspectMessage.Reply reply = await(connection, command(id));
      var stream = reply.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr();
      stream.println(reply.ok() ? reply.message() : "mode-inspect: " + reply.message());
      stream.flush();
      return reply.ok() ? 0 : 1;
    }
  }

  /** Sends a command and waits for its reply (lifecycle calls may take as long as they take). */
  static InspectMessage.Reply await(WorkerConnection connection, InspectMessage.Command command) throws IOException {
    try {
      return connection.client().request(command).get();
    } catch (ExecutionException e) {
      throw new IOException(command.type() + " got no reply: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the " + command.type() + " reply", e);
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a service of the worker (by label or id).")
  static final class Start extends LifecycleCommand {
    @Override
    InspectMessage.Command command(long id) {
      return new InspectMessage.Start(id);
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a service of the worker (by label or id).")
  static final class Stop extends LifecycleCommand {
    @Override
    InspectMessage.Command command(long id) {
      return new InspectMessage.Stop(id);
    }
  }

  @Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart a service of the worker (by label or id).")
  static final class Restart extends LifecycleCommand {
    @Override
    InspectMessage.Command command(long id) {
      return new InspectMessage.Restart(id);
    }
  }
}
