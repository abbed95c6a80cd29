package mode.inspect;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import mode.Service;

/** Carries out lifecycle commands on the services of one tree, found by id from its root. */
final class ServiceCommands implements CommandHandler {

  private final Service root;

  ServiceCommands(Service root) {
    this.root = root;
  }

  @Override
  public InspectMessage.Reply handle(long re, InspectMessage.Command command) {
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
      switch (command) {
        case InspectMessage.Start start -> service.start();
        case InspectMessage.Stop stop -> service.stop();
        default -> service.restart();
      }
      return new InspectMessage.Reply(re, true, past(command) + " " + name + ", now " + service.state(), null);
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
