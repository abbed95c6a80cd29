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
      InspectMessage.Command command = command(id);
      if (command instanceof InspectMessage.Stop && connection.isRoot(id)) {
        return stopWorker(connection, command);
      }
      InspectMessage.Reply reply = await(connection, command);
      var stream = reply.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr();
      stream.println(reply.ok() ? reply.message() : "mode-inspect: " + reply.message());
      stream.flush();
      return reply.ok() ? 0 : 1;
    }
  }

  /**
   * Stops a root service, i.e. the worker: it exits, and its agent may close the connection
   * before the reply leaves. Either is success: "worker NAME (pid P) stopped".
   */
  private int stopWorker(WorkerConnection connection, InspectMessage.Command command) throws IOException {
    InspectMessage.Reply reply;
    try {
      reply = connection.client().request(command).get();
    } catch (ExecutionException closedFirst) {
      reply = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the stop reply", e);
    }
    if (reply != null && !reply.ok()) {
      spec.commandLine().getErr().println("mode-inspect: " + reply.message());
      spec.commandLine().getErr().flush();
      return 1;
    }
    InspectMessage.Hello hello = connection.hello();
    spec.commandLine().getOut().println("worker " + hello.name() + " (pid " + hello.pid() + ") stopped");
    spec.commandLine().getOut().flush();
    return 0;
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
