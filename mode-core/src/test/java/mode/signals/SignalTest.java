package mode.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalTest {
  private final List<String> history = new CopyOnWriteArrayList<>();
  private final Signal<String, Integer> signal = new Signal<>("Worker.started");

  @Test
  void sendDeliversToEveryMatchingReceiverOnVirtualThreadsAndCompletesWhenAllRan() throws Exception {
    List<Boolean> virtual = new CopyOnWriteArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      signal.connect((s, v) -> {
        virtual.add(Thread.currentThread().isVirtual());
        history.add(name + "<-" + s + ":" + v);
      });
    }
    signal.connect((s, v) -> history.add("onlyOther"), "other");

    signal.send("w", 7).get(10, TimeUnit.SECONDS);

    assertThat(history).containsExactlyInAnyOrder("a<-w:7", "b<-w:7", "c<-w:7");
    assertThat(virtual).containsExactly(true, true, true);
  }

  @Test
  void receiversOfOneSendRunConcurrently() throws Exception {
    CountDownLatch bothInside = new CountDownLatch(2);
    Receiver<String, Integer> meet = (s, v) -> {
      bothInside.countDown();
      if (!bothInside.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the other receiver never ran alongside");
      }
    };
    signal.connect(meet);
    signal.connect(meet);

    signal.send("w", 1).get(20, TimeUnit.SECONDS);

    assertThat(bothInside.getCount()).isZero();
  }

  @Test
  void futureCompletesOnlyAfterTheSlowestReceiver() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    signal.connect((s, v) -> history.add("fast"));
    signal.connect((s, v) -> {
      release.await();
      history.add("slow");
    });

    CompletableFuture<Void> done = signal.send("w", 1);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> history.contains("fast"));
    assertThat(done).isNotDone();
    release.countDown();
    done.get(10, TimeUnit.SECONDS);

    assertThat(history).containsExactly("fast", "slow");
  }

  @Test
  void failuresAreCollectedInConnectionOrderAfterEveryReceiverRan() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalArgumentException second = new IllegalArgumentException("second");
    signal.connect((s, v) -> {
      throw first;
    });
    signal.connect((s, v) -> history.add("ok"));
    signal.connect((s, v) -> {
      throw second;
    });

    CompletableFuture<Void> done = signal.send("w", 1);

    assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(SignalDeliveryException.class, e -> {
          assertThat(e.failures()).containsExactly(first, second);
          assertThat(e.getCause()).isSameAs(first);
          assertThat(e).hasMessageStartingWith("2 receiver(s) of signal Worker.started failed");
        });
    assertThat(history).containsExactly("ok");
  }

  @Test
  void sendWithoutReceiversIsAlreadyComplete() {
    assertThat(signal.send("w", 1)).isCompleted();
  }

  @Test
  void disconnectedReceiverIsNotCalled() throws Exception {
    Receiver<String, Integer> r = (s, v) -> history.add("r");
    signal.connect(r);
    signal.disconnect(r);

    signal.send("w", 1).get(10, TimeUnit.SECONDS);

    assertThat(history).isEmpty();
    assertThat(signal.receiverCount()).isZero();
  }
}
