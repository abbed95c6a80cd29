package mode.inspect.cli;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.inspect.Frame;
import mode.inspect.InspectMessage;

/**
 * What became of an attached worker, told from what it sent: the states of its root services.
 * When the connection ends without the client closing it, a worker whose roots were stopping or
 * stopped exited cleanly, one whose root crashed crashed, and one whose roots were still running
 * was killed (or closed its agent without stopping). Thread-safe.
 */
final class WorkerFate {

  /** How the session ended: the CLI's exit code and what to tell the user, if anything. */
  record Ending(int exitCode, Optional<String> message) {
    /** The message, if there is one to print. */
    Optional<String> describe() {
      return message;
    }
  }

  private final Map<Long, State> roots = new ConcurrentHashMap<>();
  private volatile InspectMessage.Hello hello;
  private volatile String crashReason;

  /** Takes note of one frame; call for every frame, in order. */
  void track(Frame frame) {
    switch (frame.message()) {
      case InspectMessage.Hello h -> hello = h;
      case InspectMessage.Event(ServiceEvent.Snapshot s) -> {
        roots.clear();
        s.services().stream().filter(service -> service.parentId() == null).forEach(this::root);
      }
      case InspectMessage.Event(ServiceEvent.ServiceAdded a) when a.service().parentId() == null -> root(a.service());
      case InspectMessage.Event(ServiceEvent.ServiceRemoved r) -> roots.remove(r.serviceId());
      case InspectMessage.Event(ServiceEvent.Transition t) when roots.containsKey(t.serviceId()) -> {
        roots.put(t.serviceId(), t.to());
        if (t.to() == State.CRASHED) {
          crashReason = t.crashReason();
        }
      }
      default -> { }
    }
  }

  private void root(ServiceInfo service) {
    roots.put(service.id(), service.state());
    if (service.state() == State.CRASHED) {
      crashReason = service.crashReason();
    }
  }

  /**
   * How the session ended.
   *
   * @param closedHere whether this client closed the connection (count reached, output closed)
   */
  Ending ending(boolean closedHere) {
    if (closedHere) {
      return new Ending(0, Optional.empty());
    }
    String worker = hello == null ? "the worker" : "worker " + hello.name() + " (pid " + hello.pid() + ")";
    if (crashReason != null || roots.containsValue(State.CRASHED)) {
      return new Ending(1, Optional.of(worker + " crashed: " + (crashReason == null ? "no reason given" : crashReason)));
    }
    if (!roots.isEmpty() && roots.values().stream().allMatch(s -> s == State.STOPPING || s == State.SHUTDOWN)) {
      return new Ending(0, Optional.of(worker + " stopped"));
    }
    String states = String.join("/", roots.values().stream().map(State::name).distinct().sorted().toList());
    return new Ending(1, Optional.of("lost " + worker + " while it was " + (states.isEmpty() ? "starting" : states)
        + ": it was killed, or closed its agent without stopping"));
  }
}
