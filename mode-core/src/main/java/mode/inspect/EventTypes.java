package mode.inspect;

import java.util.Map;
import mode.events.ServiceEvent;

/** The wire names of the {@link ServiceEvent} kinds, in one place for encoder and decoder. */
final class EventTypes {

  private static final Map<String, Class<? extends ServiceEvent>> BY_TYPE =
      Map.of(
          "snapshot", ServiceEvent.Snapshot.class,
          "service.added", ServiceEvent.ServiceAdded.class,
          "service.removed", ServiceEvent.ServiceRemoved.class,
          "dependency.added", ServiceEvent.DependencyAdded.class,
          "dependency.removed", ServiceEvent.DependencyRemoved.class,
          "transition", ServiceEvent.Transition.class,
          "stats", ServiceEvent.TimerStats.class,
          "blocking", ServiceEvent.Blocking.class,
          "log", ServiceEvent.Log.class,
          "gap", ServiceEvent.Gap.class);

  private EventTypes() {}

  /** The wire type of an event. */
  static String typeOf(ServiceEvent event) {
    return switch (event) {
      case ServiceEvent.Snapshot s -> "snapshot";
      case ServiceEvent.ServiceAdded s -> "service.added";
      case ServiceEvent.ServiceRemoved s -> "service.removed";
      case ServiceEvent.DependencyAdded d -> "dependency.added";
      case ServiceEvent.DependencyRemoved d -> "dependency.removed";
      case ServiceEvent.Transition t -> "transition";
      case ServiceEvent.TimerStats t -> "stats";
      case ServiceEvent.Blocking b -> "blocking";
      case ServiceEvent.Log l -> "log";
      case ServiceEvent.Gap g -> "gap";
    };
  }

  /** The event record class for a wire type, or {@code null} when the type is not an event. */
  static Class<? extends ServiceEvent> classOf(String type) {
    return BY_TYPE.get(type);
  }
}
