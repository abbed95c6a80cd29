package mode.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

/**
 * An asynchronous signal: {@link #send} hands the value to every matching receiver, each on a
 * virtual thread of its own, and returns at once with a future that completes when all of them
 * have run.
 *
 * <p>Receivers of one send run concurrently, so they must not depend on each other's order
 * (use a {@link SyncSignal} for ordered delivery). mode's async signal awaits its receivers one
 * by one on the event loop; on virtual threads, blocking receivers are cheap and need not wait
 * for each other.
 *
 * <p>Thread-safe. A send delivers to the receivers connected when it began.
 *
 * @param <S> the type of the sender
 * @param <T> the type of the value sent
 */
public final class Signal<S, T> extends BaseSignal<S, T> {
  private final ThreadFactory threads;

  /** A signal labelled "Signal". */
  public Signal() {
    this("Signal");
  }

  /**
   * A signal with a label for log lines, errors and the names of its delivery threads, e.g.
   * {@code "Worker.started"}.
   *
   * @param name the label
   */
  public Signal(String name) {
    super(name);
    this.threads = Thread.ofVirtual().name("signal-" + name + "-", 0).factory();
  }

  /**
   * Delivers {@code value} to every receiver connected for all senders or for {@code sender},
   * each on its own virtual thread.
   *
   * @param sender who sends (must not be null; selects the sender-filtered receivers)
   * @param value what is sent
   * @return a future that completes normally when every receiver returned, or exceptionally
   *     with a {@link SignalDeliveryException} once every receiver has finished if any threw
   *     (never cancels other receivers); already complete if no receiver matched
   * @throws NullPointerException if {@code sender} is null
   */
  public CompletableFuture<Void> send(S sender, T value) {
    List<Receiver<? super S, ? super T>> receivers = receiversFor(sender);
    List<CompletableFuture<Throwable>> runs = new ArrayList<>(receivers.size());
    for (Receiver<? super S, ? super T> receiver : receivers) {
      CompletableFuture<Throwable> run = new CompletableFuture<>();
      threads.newThread(() -> run.complete(deliver(receiver, sender, value))).start();
      runs.add(run);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
        .whenComplete((ignored, never) -> finish(done, runs));
    return done;
  }

  private static <S, T> Throwable deliver(Receiver<? super S, ? super T> receiver, S sender, T value) {
    try {
      receiver.receive(sender, value);
      return null;
    } catch (Exception | Error e) {
      return e;
    }
  }

  private void finish(CompletableFuture<Void> done, List<CompletableFuture<Throwable>> runs) {
    List<Throwable> failures = new ArrayList<>(0);
    for (CompletableFuture<Throwable> run : runs) {
      Throwable failure = run.join();
      if (failure != null) {
        failures.add(failure);
      }
    }
    if (failures.isEmpty()) {
      done.complete(null);
    } else {
      done.completeExceptionally(new SignalDeliveryException(label(), failures));
    }
  }
}
