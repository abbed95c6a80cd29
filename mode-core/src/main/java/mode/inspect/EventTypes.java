package mode.inspect;

import java.util.Map;
import mode.events.ServiceEvent;

/** The wire names of the {@link ServiceEvent} kinds, in one place for encoder and decoder. */
final class EventTypes {

  private static final Map<String, Class<? extends ServiceEvent>> BY_TYPE =
      Map.ofEntries(
          Map.entry("snapshot", ServiceEvent.Snapshot.class),
          Map.entry("service.added", ServiceEvent.ServiceAdded.class),
          Map.entry("service.removed", ServiceEvent.ServiceRemoved.class),
          Map.entry("dependency.added", ServiceEvent.DependencyAdded.class),
          Map.entry("dependency.removed", ServiceEvent.DependencyRemoved.class),
          Map.entry("transition", ServiceEvent.Transition.class),
          Map.entry("stats", ServiceEvent.TimerStats.class),
          Map.entry("blocking", ServiceEvent.Blocking.class),
          Map.entry("log", ServiceEvent.Log.class),
          Map.entry("flag", ServiceEvent.FlagChanged.class),
          Map.entry("gap", ServiceEvent.Gap.class));

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
      case ServiceEvent.FlagChanged f -> "flag";
      case ServiceEvent.Gap g -> "gap";
    };
  }

  /** Every event wire type. */
  static java.util.Set<String> names() {
    return BY_TYPE.keySet();
  }

  /** The event record class for a wire type, or {@code null} when the type is not an event. */
  static Class<? extends ServiceEvent> classOf(String type) {
    return BY_TYPE.get(type);
  }
}
