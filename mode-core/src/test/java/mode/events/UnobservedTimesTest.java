package mode.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import mode.Service;
import mode.State;
import org.junit.jupiter.api.Test;

/**
 * Transitions that nobody watches record only a monotonic stamp (no wall-clock read on the hot
 * path); a later snapshot must still describe them with the right instants and durations.
 */
class UnobservedTimesTest {
  /** Derived instants may differ from a direct wall-clock read by clock adjustments; not more. */
  private static final Duration SLACK = Duration.ofMillis(50);

  static final class Plain extends Service {}

  static ServiceInfo snapshotOf(Service s) throws InterruptedException {
    BlockingQueue<ServiceEvent> events = new ArrayBlockingQueue<>(16);
    try (EventSubscription sub = ServiceEvents.subscribe(s, events::add)) {
      ServiceEvent first = events.poll(10, TimeUnit.SECONDS);
      assertThat(first).isInstanceOf(ServiceEvent.Snapshot.class);
      return ((ServiceEvent.Snapshot) first).services().getFirst();
    }
  }

  @Test
  void aServiceStartedWhileUnobservedIsDescribedWithItsStartInstantAndDuration() throws Exception {
    Plain s = new Plain();
    Instant before = Instant.now();
    s.start();
    Instant after = Instant.now();

    ServiceInfo info = snapshotOf(s);

    assertThat(info.state()).isEqualTo(State.RUNNING);
    assertThat(info.startedAt()).isBetween(before.minus(SLACK), after.plus(SLACK));
    assertThat(info.stateSince()).isEqualTo(info.startedAt());
    assertThat(info.startDuration()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO)
        .isLessThanOrEqualTo(Duration.between(before, after).plus(SLACK));
    assertThat(info.stopDuration()).isNull();
    s.stop();
  }

  @Test
  void aStoppedServiceKeepsItsStartAndGainsAStopDuration() throws Exception {
    Plain s = new Plain();
    s.start();
    Instant beforeStop = Instant.now();
    s.stop();
    Instant afterStop = Instant.now();

    ServiceInfo info = snapshotOf(s);

    assertThat(info.state()).isEqualTo(State.SHUTDOWN);
    assertThat(info.startedAt()).isNotNull().isBefore(info.stateSince().plus(SLACK));
    assertThat(info.stateSince()).isBetween(beforeStop.minus(SLACK), afterStop.plus(SLACK));
    assertThat(info.stopDuration()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
  }

  @Test
  void aNewServiceHasNoStartYetAndIsInInitSinceItsCreation() throws Exception {
    Instant before = Instant.now();
    Plain s = new Plain();
    Instant after = Instant.now();

    ServiceInfo info = snapshotOf(s);

    assertThat(info.state()).isEqualTo(State.INIT);
    assertThat(info.stateSince()).isBetween(before.minus(SLACK), after.plus(SLACK));
    assertThat(info.startedAt()).isNull();
    assertThat(info.startDuration()).isNull();
    assertThat(info.stopDuration()).isNull();
  }
}
