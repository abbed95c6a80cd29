package mode.signals;

import java.util.ArrayList;
import java.util.List;

/**
 * A signal whose {@link #send} calls every matching receiver in the caller's thread, one after
 * the other, in the order they were connected.
 *
 * <p>Typical use: a field of the sending class, e.g. {@code final SyncSignal<Cache, String>
 * evicted = new SyncSignal<>("Cache.evicted");} and {@code evicted.send(this, key)}.
 *
 * <p>Thread-safe. A send delivers to the receivers connected when it began.
 *
 * @param <S> the type of the sender
 * @param <T> the type of the value sent
 */
public final class SyncSignal<S, T> extends BaseSignal<S, T> {

  /** A signal labelled "SyncSignal". */
  public SyncSignal() {
    this("SyncSignal");
  }

  /**
   * A signal with a label for log lines and errors, e.g. {@code "Cache.evicted"}.
   *
   * @param name the label
   */
  public SyncSignal(String name) {
    super(name);
  }

  /**
   * Calls every receiver connected for all senders or for {@code sender}, in connection order,
   * in this thread, and returns when all have run.
   *
   * @param sender who sends (must not be null; selects the sender-filtered receivers)
   * @param value what is sent
   * @throws SignalDeliveryException after every receiver ran, if any of them threw (the first
   *     failure is the cause, see {@link SignalDeliveryException} for the policy); if a receiver
   *     threw {@link InterruptedException}, this thread's interrupt flag is set again
   * @throws NullPointerException if {@code sender} is null
   */
  public void send(S sender, T value) {
    List<Throwable> failures = new ArrayList<>(0);
    for (Receiver<? super S, ? super T> receiver : receiversFor(sender)) {
      try {
        receiver.receive(sender, value);
      } catch (Exception | Error e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      throw new SignalDeliveryException(label(), failures);
    }
  }
}
