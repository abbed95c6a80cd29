package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import org.junit.jupiter.api.Test;

/** Tasks that begin before a stop, late registrations, and user code kept off the hub lock. */
class ServiceHardeningTest {

  static final class Counting extends Service {
    final AtomicInteger began;

    Counting(AtomicInteger began) {
      this.began = began;
    }

    @Task
    void work() {
      began.incrementAndGet();
      sleep(Duration.ofHours(1)); // returns at the stop
    }
  }

  @Test
  void aTaskBodyBeginsEvenWhenTheStopFollowsTheStartAtOnce() {
    AtomicInteger began = new AtomicInteger();
    for (int i = 0; i < 200; i++) {
      Counting s = new Counting(began);
      s.start();
      s.stop(); // waits for the task's thread: its body has begun by now

      assertThat(began).as("cycle %d", i).hasValue(i + 1);
    }
  }

  static final class LateInShutdown extends Service {
    final AtomicReference<Throwable> futureRefused = new AtomicReference<>();
    final AtomicReference<Throwable> contextRefused = new AtomicReference<>();
    final AtomicBoolean contextClosed = new AtomicBoolean();

    @Override
    public String label() {
      return "Late";
    }

    @Override
    protected void onShutdown() {
      try {
        addFuture(() -> "never");
      } catch (ServiceException e) {
        futureRefused.set(e);
      }
      try {
        addContext(new Named("conn", contextClosed));
      } catch (ServiceException e) {
        contextRefused.set(e);
      }
    }
  }

  record Named(String name, AtomicBoolean closed) implements AutoCloseable {
    @Override
    public void close() {
      closed.set(true);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @Test
  void aFutureOrContextAddedFromOnShutdownIsRefusedNamingServiceAndState() {
    LateInShutdown s = new LateInShutdown();
    s.start();
    s.stop();

    assertThat(s.futureRefused.get()).isInstanceOf(ServiceException.class).hasMessage(
        "Cannot add a future to service Late: it is STOPPING and its stop already cancelled its background threads");
    assertThat(s.contextRefused.get()).isInstanceOf(ServiceException.class).hasMessage(
        "Cannot add context conn to service Late: it is STOPPING and its stop already closed its contexts");
    assertThat(s.contextClosed).as("a refused resource stays the caller's").isFalse();
    assertThat(s.state()).isEqualTo(State.SHUTDOWN);
  }

  /** A task that keeps adding futures until refused: it races the stop's cancellation. */
  static final class Registering extends Service {
    final List<CompletableFuture<?>> futures = new CopyOnWriteArrayList<>();
    final List<Throwable> refusals = new CopyOnWriteArrayList<>();
    final CountDownLatch registered = new CountDownLatch(1);

    @Task
    void register() {
      // Bounded, so that a stop that never refuses makes the test fail instead of hang.
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (refusals.isEmpty() && System.nanoTime() - end < 0) {
        try {
          futures.add(addFuture(() -> {
            Thread.sleep(Long.MAX_VALUE);
            return null;
          }));
        } catch (ServiceException e) {
          refusals.add(e);
        }
        registered.countDown();
        Thread.interrupted(); // outlive the stop's interrupt, to race its cancellation
      }
    }
  }

  @Test
  void whatATaskOrAnotherThreadAddsWhileTheStopRunsIsEitherRefusedOrEndedByThatStop() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("ServiceHardeningTest registration race: seed " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 30; round++) {
      Registering s = new Registering();
      List<Named> contexts = new CopyOnWriteArrayList<>();
      AtomicReference<Throwable> contextRefused = new AtomicReference<>();
      s.start();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); // fail rather than hang
      Thread adder = Thread.ofPlatform().start(() -> {
        for (int i = 0; contextRefused.get() == null && System.nanoTime() - end < 0; i++) {
          try {
            contexts.add(s.addContext(new Named("c" + i, new AtomicBoolean())));
          } catch (ServiceException e) {
            contextRefused.set(e);
          }
        }
      });
      s.registered.await(10, TimeUnit.SECONDS);
      for (int spin = random.nextInt(5000); spin > 0; spin--) {
        Thread.onSpinWait(); // a random moment inside both loops
      }
      s.stop();
      adder.join(Duration.ofSeconds(10));

      String why = "seed " + seed + ", round " + round;
      assertThat(s.refusals).as(why).singleElement().satisfies(e -> assertThat(e).hasMessageStartingWith(
          "Cannot add a future to service Registering: it is "));
      assertThat(contextRefused.get()).as(why).hasMessageContaining("to service Registering: it is ");
      assertThat(s.futures).as(why).allMatch(CompletableFuture::isDone);
      assertThat(contexts).as(why).allMatch(c -> c.closed().get());
    }
  }

  static final class BlockingLabel extends Service {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String label() {
      if (Thread.currentThread().getName().startsWith("main") || entered.getCount() == 0) {
        return "Blocking";
      }
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "Blocking";
    }
  }

  static final class Plain extends Service {}

  static final class ThrowingLabel extends Service {
    @Override
    public String label() {
      throw new IllegalStateException("no label today");
    }
  }

  @Test
  void aLabelThatBlocksStallsNoOtherServicesStateChanges() throws Exception {
    Plain root = new Plain();
    List<ServiceEvent> events = new CopyOnWriteArrayList<>();
    Plain unrelated = new Plain();
    BlockingLabel slow = new BlockingLabel();
    try (EventSubscription sub = ServiceEvents.subscribe(root, 1_000, events::add)) {
      // The latch is released inside the subscription's block: closing the subscription takes the
      // hub lock, which a label() blocked under it would hold for ever (a hang, not a failure).
      try {
        CompletableFuture<Void> adding = CompletableFuture.runAsync(() -> root.addDependency(slow));
        assertThat(slow.entered.await(10, TimeUnit.SECONDS)).as("label() was called").isTrue();

        // While label() is blocked, another thread changes states (each change needs the hub lock).
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
          unrelated.start();
          unrelated.stop();
        });
        other.get(10, TimeUnit.SECONDS);
        adding.get(10, TimeUnit.SECONDS);

        slow.release.countDown();
        await().until(() -> events.stream().anyMatch(e -> e instanceof ServiceEvent.ServiceAdded a
            && a.service().label().equals("Blocking")));
        assertThat(unrelated.state()).isEqualTo(State.SHUTDOWN);
      } finally {
        slow.release.countDown();
      }
    }
  }

  @Test
  void aLabelThatThrowsDoesNotBreakTheHub() throws Exception {
    Plain root = new Plain();
    List<ServiceEvent> events = new CopyOnWriteArrayList<>();
    try (EventSubscription sub = ServiceEvents.subscribe(root, 1_000, events::add)) {
      ThrowingLabel bad = new ThrowingLabel();
      root.addDependency(bad);
      Plain after = root.addDependency(new Plain());
      after.start();

      await().until(() -> events.stream().anyMatch(e -> e instanceof ServiceEvent.Transition t
          && t.serviceId() == after.id() && t.to() == State.RUNNING));
      List<String> added = new ArrayList<>();
      for (ServiceEvent e : events) {
        if (e instanceof ServiceEvent.ServiceAdded a) {
          added.add(a.service().id() == bad.id() ? a.service().label() : "id " + a.service().id());
        }
      }
      assertThat(added).containsExactly(
          ThrowingLabel.class.getName() + " (label() threw java.lang.IllegalStateException)", "id " + after.id());
      after.stop();
    }
  }
}
