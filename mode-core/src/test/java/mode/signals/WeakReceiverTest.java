package mode.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WeakReceiverTest {
  private final List<String> history = new CopyOnWriteArrayList<>();
  private final ReferenceQueue<Object> reclaimed = new ReferenceQueue<>();
  /** Keeps the probe references themselves alive so that they get enqueued. */
  private final List<Object> keep = new CopyOnWriteArrayList<>();

  /** A receiver whose only job is to record; it holds the history, not the other way round. */
  private static final class Recorder implements Receiver<String, Integer> {
    private final List<String> history;

    Recorder(List<String> history) {
      this.history = history;
    }

    @Override
    public void receive(String sender, Integer value) {
      history.add(sender + ":" + value);
    }
  }

  /** A listener object whose handler is connected through its owner. */
  static final class Dashboard {
    final List<String> seen;

    Dashboard(List<String> seen) {
      this.seen = seen;
    }

    static void onValue(Dashboard self, String sender, Integer value) {
      self.seen.add("dashboard " + sender + ":" + value);
    }
  }

  private void awaitCollected() {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
      System.gc();
      return reclaimed.poll() != null;
    });
  }

  /** Connects a receiver that nothing but the signal (weakly) references once this returns. */
  private SignalConnection connectUnreferencedReceiver(SyncSignal<String, Integer> signal) {
    Recorder receiver = new Recorder(history);
    keep.add(new WeakReference<Object>(receiver, reclaimed));
    SignalConnection c = signal.connectWeak(receiver);
    signal.send("before", 1);
    return c;
  }

  @Test
  void weakReceiverHeldOnlyByTheSignalIsCollectedAndDisconnected() {
    SyncSignal<String, Integer> signal = new SyncSignal<>("weak");
    Recorder kept = new Recorder(history);
    signal.connectWeak(kept);
    SignalConnection gone = connectUnreferencedReceiver(signal);

    awaitCollected();
    signal.send("after", 2);

    assertThat(gone.isConnected()).isFalse();
    assertThat(signal.receiverCount()).isEqualTo(1);
    assertThat(history).containsExactly("before:1", "before:1", "after:2");
    Reference.reachabilityFence(kept);
  }

  private SignalConnection connectUnreferencedOwner(SyncSignal<String, Integer> signal) {
    Dashboard owner = new Dashboard(history);
    keep.add(new WeakReference<Object>(owner, reclaimed));
    SignalConnection c = signal.connectWeak(owner, Dashboard::onValue);
    signal.send("before", 1);
    return c;
  }

  @Test
  void ownedReceiverDisappearsWithItsOwner() {
    SyncSignal<String, Integer> signal = new SyncSignal<>("owned");
    SignalConnection c = connectUnreferencedOwner(signal);
    assertThat(c.isConnected()).isTrue();

    awaitCollected();
    signal.send("after", 2);

    assertThat(c.isConnected()).isFalse();
    assertThat(signal.receiverCount()).isZero();
    assertThat(history).containsExactly("dashboard before:1");
  }
}
