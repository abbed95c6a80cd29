package mode;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A service around a one-shot job (mode's {@code from_awaitable}), made by {@link
 * Service#fromCallable}: its start runs the job to completion, so {@code start()} returns once the
 * job has returned; a job that throws fails the start (the service is then CRASHED and {@code
 * start()} throws {@link ServiceException} with the job's exception as the cause). A stop
 * requested while the job runs (from another thread) interrupts the job, and the start gives up.
 * A restart runs the job again.
 *
 * <p>The job runs on a thread of its own named {@code Label.wait-N}; {@link #result()} completes
 * with its value, exceptionally with its failure, or cancelled if the service stopped first.
 * Thread-safe.
 *
 * @param <T> the type of the job's value
 */
public final class CallableService<T> extends Service {
  private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

  private final String name;
  private final Callable<T> job;
  private volatile CompletableFuture<T> result = new CompletableFuture<>();

  CallableService(String name, Callable<T> job) {
    this.name = Objects.requireNonNull(name, "name");
    this.job = Objects.requireNonNull(job, "job");
  }

  /** The name given to {@link Service#fromCallable}. */
  @Override
  public String label() {
    return name;
  }

  /** {@return the outcome of the job in the current run} A restart begins a new one. */
  public CompletableFuture<T> result() {
    return result;
  }

  @Override
  protected void onStart() throws Exception {
    CompletableFuture<T> outcome = result;
    try {
      WaitResult<T> r = waitFor(job, FOREVER);
      if (r.stopped()) {
        outcome.cancel(false);
      } else {
        outcome.complete(r.value());
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      outcome.completeExceptionally(cause);
      if (cause instanceof Error error) {
        throw error;
      }
      throw cause instanceof Exception failure ? failure : e;
    } catch (Exception e) {
      outcome.completeExceptionally(e);
      throw e;
    }
  }

  @Override
  protected void onRestart() {
    result = new CompletableFuture<>();
  }
}
