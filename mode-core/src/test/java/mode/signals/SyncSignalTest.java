package mode.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SyncSignalTest {
  private final List<String> history = new CopyOnWriteArrayList<>();
  private final SyncSignal<String, Integer> signal = new SyncSignal<>("Cache.evicted");

  private Receiver<String, Integer> recorder(String name) {
    return (sender, value) -> history.add(name + "<-" + sender + ":" + value + "@" + Thread.currentThread().getName());
  }

  @Test
  void sendCallsReceiversInConnectionOrderInTheCallersThread() {
    signal.connect(recorder("a"));
    signal.connect(recorder("b"), "cache");
    signal.connect(recorder("c"));
    String me = Thread.currentThread().getName();

    signal.send("cache", 1);

    assertThat(history).containsExactly(
        "a<-cache:1@" + me, "b<-cache:1@" + me, "c<-cache:1@" + me);
  }

  @Test
  void senderFilteredReceiverOnlyHearsItsSender() {
    signal.connect(recorder("any"));
    signal.connect(recorder("onlyX"), "x");
    String me = Thread.currentThread().getName();

    signal.send("y", 1);
    signal.send("x", 2);

    assertThat(history).containsExactly("any<-y:1@" + me, "any<-x:2@" + me, "onlyX<-x:2@" + me);
  }

  @Test
  void disconnectByHandleStopsDeliveryAndIsIdempotent() {
    SignalConnection a = signal.connect(recorder("a"));
    signal.connect(recorder("b"));

    assertThat(a.disconnect()).isTrue();
    assertThat(a.disconnect()).isFalse();
    assertThat(a.isConnected()).isFalse();
    signal.send("s", 1);

    assertThat(history).containsExactly("b<-s:1@" + Thread.currentThread().getName());
  }

  @Test
  void disconnectByReceiverWorksForStrongReceiversEvenWhenConnectedTwice() {
    Receiver<String, Integer> a = recorder("a");
    signal.connect(a);
    signal.connect(a, "s");
    signal.connect(recorder("b"));

    assertThat(signal.disconnect(a)).isTrue();
    assertThat(signal.disconnect(a)).isFalse();
    signal.send("s", 1);

    assertThat(history).containsExactly("b<-s:1@" + Thread.currentThread().getName());
    assertThat(signal.receiverCount()).isEqualTo(1);
  }

  @Test
  void disconnectWithSenderRemovesOnlyThatSendersConnection() {
    Receiver<String, Integer> a = recorder("a");
    signal.connect(a, "x");
    signal.connect(a, "y");

    assertThat(signal.disconnect(a, "x")).isTrue();
    assertThat(signal.disconnect(a, "z")).isFalse();
    signal.send("x", 1);
    signal.send("y", 2);

    assertThat(history).containsExactly("a<-y:2@" + Thread.currentThread().getName());
  }

  @Test
  void disconnectByReceiverWorksForWeakReceivers() {
    Receiver<String, Integer> weak = recorder("weak");
    SignalConnection c = signal.connectWeak(weak);
    signal.send("s", 1);

    assertThat(signal.disconnect(weak)).isTrue();
    assertThat(c.isConnected()).isFalse();
    signal.send("s", 2);

    assertThat(history).containsExactly("weak<-s:1@" + Thread.currentThread().getName());
  }

  @Test
  void failingReceiverDoesNotStopTheOthersAndAllFailuresAreReported() {
    IllegalStateException first = new IllegalStateException("first");
    Exception second = new Exception("second");
    signal.connect((s, v) -> {
      throw first;
    });
    signal.connect(recorder("ok"));
    signal.connect((s, v) -> {
      throw second;
    });

    assertThatThrownBy(() -> signal.send("s", 1))
        .isInstanceOfSatisfying(SignalDeliveryException.class, e -> {
          assertThat(e).hasMessage(
              "2 receiver(s) of signal Cache.evicted failed; first: java.lang.IllegalStateException: first");
          assertThat(e.getCause()).isSameAs(first);
          assertThat(e.getSuppressed()).containsExactly(second);
          assertThat(e.failures()).containsExactly(first, second);
        });
    assertThat(history).containsExactly("ok<-s:1@" + Thread.currentThread().getName());
  }

  @Test
  void receiverMayDisconnectItselfWhileBeingCalled() {
    SignalConnection[] self = new SignalConnection[1];
    self[0] = signal.connect((s, v) -> {
      history.add("once:" + v);
      self[0].disconnect();
    });
    signal.connect((s, v) -> history.add("always:" + v));

    signal.send("s", 1);
    signal.send("s", 2);

    assertThat(history).containsExactly("once:1", "always:1", "always:2");
  }

  @Test
  void nullSenderIsRejectedNamingTheSignal() {
    assertThatThrownBy(() -> signal.send(null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("signal Cache.evicted: sender must not be null");
  }

  @Test
  void closingAConnectionDisconnectsIt() {
    try (SignalConnection c = signal.connect(recorder("scoped"))) {
      signal.send("s", 1);
      assertThat(c.isConnected()).isTrue();
    }
    signal.send("s", 2);

    assertThat(history).containsExactly("scoped<-s:1@" + Thread.currentThread().getName());
    assertThat(signal).hasToString("<SyncSignal: Cache.evicted>");
  }
}
