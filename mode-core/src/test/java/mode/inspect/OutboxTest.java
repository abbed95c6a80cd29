package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import mode.State;
import mode.events.ServiceEvent;
import org.junit.jupiter.api.Test;

/** The per-client queue of the agent: order, holding events during bursts, gap accounting. */
class OutboxTest {

  static final Instant T0 = Instant.parse("2026-11-28T05:12:15.084Z");
  /** A source whose last change was long ago: events leave at once. */
  static final LongSupplier QUIET = () -> System.nanoTime() - TimeUnit.HOURS.toNanos(1);
  /** A source that is always in the middle of a burst. */
  static final LongSupplier BUSY = System::nanoTime;

  static ServiceEvent.Transition transition(long id) {
    return new ServiceEvent.Transition(T0, id, State.INIT, State.STARTING, 0, null, null);
  }

  static ServiceEvent eventOf(Outbox.Item item) {
    return ((InspectMessage.Event) ((Outbox.Send) item).message()).event();
  }

  @Test
  void eventsAndControlMessagesLeaveInTheOrderOffered() throws Exception {
    Outbox outbox = new Outbox(8, QUIET);
    outbox.offerEvent(0, transition(1));
    outbox.offerControl(new InspectMessage.Reply(1, true, "pong", null), false);
    outbox.offerEvent(0, transition(2));

    assertThat(eventOf(outbox.take())).isEqualTo(transition(1));
    assertThat(((Outbox.Send) outbox.take()).message()).isEqualTo(new InspectMessage.Reply(1, true, "pong", null));
    assertThat(eventOf(outbox.take())).isEqualTo(transition(2));
  }

  @Test
  void eventsHeldBackDuringANeverEndingBurstStillLeaveInOrder() {
    Outbox outbox = new Outbox(8, BUSY);
    outbox.offerEvent(0, transition(1));
    outbox.offerControl(new InspectMessage.Reply(1, true, "pong", null), false);

    // Held at most Outbox.MAX_HOLD_NANOS; the bound here is only against a hang.
    List<Object> taken = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> List.of(eventOf(outbox.take()), ((Outbox.Send) outbox.take()).message()));

    assertThat(taken).containsExactly(transition(1), new InspectMessage.Reply(1, true, "pong", null));
  }

  @Test
  void aClosingErrorIsNeverHeldBack() throws Exception {
    Outbox outbox = new Outbox(8, BUSY);
    outbox.offerControl(new InspectMessage.ErrorMessage("bad line"), true);

    Outbox.Send send = (Outbox.Send) outbox.take();

    assertThat(send.thenClose()).isTrue();
  }

  @Test
  void droppedEventsAreCountedWithTheGapsOfTheSubscriptionAndSnapshotsCountNothing() throws Exception {
    Outbox outbox = new Outbox(1, QUIET);
    assertThat(outbox.offerEvent(0, transition(1))).isTrue();
    assertThat(outbox.offerEvent(0, transition(2))).isFalse();
    assertThat(outbox.offerEvent(0, new ServiceEvent.Gap(T0, 5))).isFalse();
    assertThat(outbox.offerEvent(0, new ServiceEvent.Snapshot(T0, List.of()))).isFalse();

    assertThat(eventOf(outbox.take())).isEqualTo(transition(1));
    Outbox.Resubscribe resubscribe = (Outbox.Resubscribe) assertTimeoutPreemptively(Duration.ofSeconds(30), outbox::take);

    assertThat(resubscribe.gap().dropped()).isEqualTo(6);
    assertThat(resubscribe.gapsSeen()).isEqualTo(5);
    assertThat(resubscribe.nextGeneration()).isEqualTo(1);
    assertThat(outbox.offerEvent(0, transition(3))).as("an event of the old generation is ignored").isTrue();
    assertThat(outbox.generation()).isEqualTo(1);
  }

  @Test
  void pollGivesWhatMayLeaveNowInOrderAndNeverWaits() throws Exception {
    Outbox quiet = new Outbox(8, QUIET);
    assertThat(quiet.poll()).isNull();
    quiet.offerEvent(0, transition(1));
    quiet.offerControl(new InspectMessage.Reply(1, true, "pong", null), false);

    assertThat(eventOf(quiet.poll())).isEqualTo(transition(1));
    assertThat(quiet.poll().message()).isEqualTo(new InspectMessage.Reply(1, true, "pong", null));
    assertThat(quiet.poll()).isNull();

    Outbox busy = new Outbox(8, BUSY);
    busy.offerEvent(0, transition(1));
    busy.offerControl(new InspectMessage.Reply(1, true, "pong", null), false);
    assertThat(busy.poll()).as("an event held back, and the reply behind it").isNull();
  }
}
