package mode.inspect;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import mode.Service;
import mode.events.ServiceEvent;
import mode.internal.ServiceAccess;
import mode.internal.TransitionCauses;

/**
 * Carries out lifecycle commands on the services of one tree, found by id from its root, and
 * answers {@code stacks} with the live stacks of one of them ({@link LiveStacks}). The reply
 * states the outcome once the command's operation completed and settled ({@code now RUNNING}),
 * never a state some other operation is passing through; a command that joined an operation
 * already queued (a start during a start, a stop during a stop, a restart while another waits)
 * says so.
 */
final class ServiceCommands implements CommandHandler {

  private final Service root;

  ServiceCommands(Service root) {
    this.root = root;
  }

  @Override
  public InspectMessage.Reply handle(long re, InspectMessage.Command command, String client) {
    if (command instanceof InspectMessage.Stacks stacks) {
      return find(stacks.service()).map(service -> LiveStacks.reply(re, service))
          .orElseGet(() -> new InspectMessage.Reply(re, false, "stacks: no service with id " + stacks.service()
              + " under " + root.label() + " (the id must be one of a service in the snapshot)", null));
    }
    long id = switch (command) {
      case InspectMessage.Start start -> start.service();
      case InspectMessage.Stop stop -> stop.service();
      case InspectMessage.Restart restart -> restart.service();
      default -> throw new IllegalArgumentException("not a lifecycle command: " + command.type());
    };
    Optional<Service> found = find(id);
    if (found.isEmpty()) {
      return new InspectMessage.Reply(re, false, "no service with id " + id + " under " + root.label(), null);
    }
    Service service = found.get();
    String name = service.label() + " (id " + id + ")";
    try {
      ServiceAccess.LifecycleCall call = switch (command) {
        case InspectMessage.Start start -> ServiceAccess.LifecycleCall.START;
        case InspectMessage.Stop stop -> ServiceAccess.LifecycleCall.STOP;
        default -> ServiceAccess.LifecycleCall.RESTART;
      };
      // The moves this command makes are the operator's (those of the services below, its parent's).
      ServiceAccess.Settled settled = TransitionCauses.call(ServiceEvent.Transition.OPERATOR, client, service,
          () -> ServiceAccess.perform(service, call));
      String joined = settled.joined() ? " together with a " + command.type() + " already queued" : "";
      return new InspectMessage.Reply(re, true, past(command) + " " + name + joined + ", now " + settled.state(), null);
    } catch (RuntimeException e) {
      return new InspectMessage.Reply(re, false, command.type() + " of " + name + " failed: " + e, null);
    }
  }

  private static String past(InspectMessage.Command command) {
    return switch (command) {
      case InspectMessage.Start start -> "started";
      case InspectMessage.Stop stop -> "stopped";
      default -> "restarted";
    };
  }

  /** The service with this id reachable from the root, walking dependencies breadth-first. */
  Optional<Service> find(long id) {
    Deque<Service> queue = new ArrayDeque<>();
    Set<Long> seen = new HashSet<>();
    queue.add(root);
    while (!queue.isEmpty()) {
      Service service = queue.poll();
      if (!seen.add(service.id())) {
        continue;
      }
      if (service.id() == id) {
        return Optional.of(service);
      }
      queue.addAll(service.dependencies());
    }
    return Optional.empty();
  }
}
