package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The agent's own messages for one client: order, the writer's wake-up, the bound, the close. */
class OutboxTest {

  static InspectMessage.Reply pong(long re) {
    return new InspectMessage.Reply(re, true, "pong", null);
  }

  @Test
  void messagesLeaveInTheOrderOfferedAndEachOfferWakesTheWriter() throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    Outbox outbox = new Outbox(wakes::incrementAndGet);
    assertThat(outbox.isEmpty()).isTrue();

    outbox.offer(pong(1), false);
    outbox.offer(pong(2), false);
    outbox.offer(new InspectMessage.ErrorMessage("bad line"), true);

    assertThat(wakes).hasValue(3);
    assertThat(outbox.isEmpty()).isFalse();
    assertThat(outbox.drain()).containsExactly(
        new Outbox.Send(pong(1), false), new Outbox.Send(pong(2), false),
        new Outbox.Send(new InspectMessage.ErrorMessage("bad line"), true));
    assertThat(outbox.drain()).isEmpty();
  }

  @Test
  void aClientThatAsksAndNeverReadsWaitsForRoomButAClosingErrorNeverWaits() throws Exception {
    Outbox outbox = new Outbox(() -> {});
    for (int i = 1; i <= Outbox.MAX_PENDING; i++) {
      outbox.offer(pong(i), false);
    }
    CountDownLatch offered = new CountDownLatch(1);
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        outbox.offer(pong(Outbox.MAX_PENDING + 1), false);
        offered.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    outbox.offer(new InspectMessage.ErrorMessage("bad line"), true);
    assertThat(offered.getCount()).as("the offer beyond the bound is still waiting").isEqualTo(1);

    assertThat(outbox.drain()).hasSize(Outbox.MAX_PENDING + 1).last()
        .isEqualTo(new Outbox.Send(new InspectMessage.ErrorMessage("bad line"), true));
    assertThat(offered.await(30, TimeUnit.SECONDS)).as("room made, the waiting offer goes in").isTrue();
    assertThat(outbox.drain()).containsExactly(new Outbox.Send(pong(Outbox.MAX_PENDING + 1), false));
    reader.join();
  }

  @Test
  void closingDiscardsWhatWaitsReleasesWaitingOffersAndWakesTheWriter() throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    Outbox outbox = new Outbox(wakes::incrementAndGet);
    for (int i = 1; i <= Outbox.MAX_PENDING; i++) {
      outbox.offer(pong(i), false);
    }
    CountDownLatch released = new CountDownLatch(1);
    Thread.ofVirtual().start(() -> {
      try {
        outbox.offer(pong(0), false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      released.countDown();
    });

    outbox.close();

    assertThat(released.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(outbox.isClosed()).isTrue();
    assertThat(outbox.drain()).isEmpty();
    assertThat(wakes.get()).isEqualTo(Outbox.MAX_PENDING + 1);
    outbox.offer(pong(9), false);
    assertThat(outbox.drain()).as("nothing is queued once closed").isEmpty();
  }
}
