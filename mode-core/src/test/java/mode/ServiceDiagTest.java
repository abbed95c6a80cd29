package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import mode.internal.ServiceAccess;
import org.junit.jupiter.api.Test;

class ServiceDiagTest {
  final Recorder service = new Recorder("s", new CopyOnWriteArrayList<>());

  @Test
  void transitionsToSetsTheFlagForTheBlockOnly() {
    List<Boolean> inside = new CopyOnWriteArrayList<>();

    try (var flushing = service.diag().transitionsTo("FLUSHING")) {
      inside.add(service.diag().isSet("FLUSHING"));
      inside.add(service.diag().flags().containsKey("FLUSHING"));
    }

    assertThat(inside).containsExactly(true, true);
    assertThat(service.diag().isSet("FLUSHING")).isFalse();
    assertThat(service.diag().flags()).isEmpty();
    assertThat(service.diag().lastChanges()).containsOnlyKeys("FLUSHING");
  }

  @Test
  void setFlagsAreInTheServiceDescriptionWithTheTimeTheyWereSet() {
    service.diag().set("REBALANCING");
    service.diag().set("PAUSED");
    service.diag().clear("PAUSED");

    var flags = ServiceAccess.info(service).flags();

    assertThat(flags).containsOnlyKeys("REBALANCING");
    assertThat(flags.get("REBALANCING")).isEqualTo(service.diag().flags().get("REBALANCING"));
  }

  @Test
  void everyChangeIsAFlagEventInOrderWithTheOtherEvents() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (EventSubscription sub = ServiceEvents.subscribe(service, e -> seen.add(describe(e)))) {
      service.diag().set("A");
      service.start();
      try (var b = service.diag().transitionsTo("B")) {
        service.diag().clear("A");
      }
      service.stop();

      await().until(() -> seen.size() == 9);
    }

    assertThat(seen).containsExactly(
        "snapshot", "A set", "INIT>STARTING", "STARTING>RUNNING", "B set", "A cleared", "B cleared",
        "RUNNING>STOPPING", "STOPPING>SHUTDOWN");
  }

  static String describe(ServiceEvent e) {
    return switch (e) {
      case ServiceEvent.Snapshot s -> "snapshot";
      case ServiceEvent.FlagChanged f -> f.flag() + (f.set() ? " set" : " cleared");
      case ServiceEvent.Transition t -> t.from() + ">" + t.to();
      default -> e.getClass().getSimpleName();
    };
  }

  @Test
  void aBlankFlagIsRejectedNamingTheService() {
    assertThatThrownBy(() -> service.diag().set(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s: a diagnostic flag needs a name");
  }
}
