package mode.inspector.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import mode.events.ServiceEvent;

/**
 * The one place where work moves onto the JavaFX thread. Events offered from any thread are
 * queued and handed over once per pulse, as one batch, so a burst of a thousand transitions
 * costs one model update and one repaint, not a thousand. Other work ({@link #execute}) runs in
 * the same pulse, after the batch, in the order offered.
 *
 * <p>Threading: {@link #offer} and {@link #execute} from any thread; the consumer and tasks run
 * on the FX thread. The pulse timer runs only while work is waiting, so an idle inspector uses
 * no CPU. A task that throws is reported to the error handler and the pump goes on.
 */
public final class FxPump implements Executor {
  private final ConcurrentLinkedQueue<ServiceEvent> events = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Consumer<List<ServiceEvent>> consumer;
  private final Consumer<Throwable> errors;
  private final AnimationTimer timer;

  /**
   * A pump delivering batches to {@code consumer}.
   *
   * @param consumer receives each pulse's events, in order, on the FX thread
   * @param errors told about failures of the consumer or of tasks, on the FX thread
   */
  public FxPump(Consumer<List<ServiceEvent>> consumer, Consumer<Throwable> errors) {
    this.consumer = consumer;
    this.errors = errors;
    this.timer = new AnimationTimer() {
      @Override
      public void handle(long now) {
        drain();
      }
    };
  }

  /** Queues an event for the next pulse. */
  public void offer(ServiceEvent event) {
    events.add(event);
    wake();
  }

  /** Runs {@code task} on the FX thread in the next pulse. */
  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    wake();
  }

  private void wake() {
    if (scheduled.compareAndSet(false, true)) {
      Platform.runLater(timer::start);
    }
  }

  private void drain() {
    List<ServiceEvent> batch = new ArrayList<>();
    for (ServiceEvent e = events.poll(); e != null; e = events.poll()) {
      batch.add(e);
    }
    if (!batch.isEmpty()) {
      run(() -> consumer.accept(batch));
    }
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
      run(task);
    }
    if (batch.isEmpty()) {
      timer.stop();
      scheduled.set(false);
      // Work offered between the last poll and the reset above must not wait for the next offer.
      if ((!events.isEmpty() || !tasks.isEmpty()) && scheduled.compareAndSet(false, true)) {
        timer.start();
      }
    }
  }

  private void run(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      errors.accept(e);
    }
  }
}
