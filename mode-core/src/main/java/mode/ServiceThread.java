package mode;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A service whose lifecycle hooks run on a dedicated platform thread of its own, and whose
 * background methods run on platform threads (mode's {@code ServiceThread}). For code that must
 * not run on virtual threads: thread-affine libraries, long native calls, code that holds
 * monitors while blocking.
 *
 * <p>Each run (from a start or a stop to the end of that stop) gets a new thread, named {@code
 * ServiceThread-<label>}: {@link #start()} hands the start hooks to it and returns once they
 * have run there (the dependencies are started in between, as for any service); {@link #stop()}
 * hands it the stop hooks, after which the thread ends and is joined. A hook that throws on the
 * thread fails the call exactly as on a plain service: a failing start hook crashes the service
 * and {@code start()} throws {@link ServiceException} with that exception as the cause.
 *
 * <p>A stop is bounded by {@link #shutdownTimeout()} per stop hook: a stop hook still running
 * after it is reported with the thread's stack and left behind on that thread (a daemon, which
 * ends once the hook returns); the stop goes on, running the remaining hooks on a fresh thread. mode's {@code onThreadStarted}/{@code
 * onThreadStop} are simply {@link #onStarted()} and {@link #onStop()} here, since every hook runs
 * on the thread.
 *
 * <p>Threads: lifecycle methods may be called from any thread; hooks must not call {@code stop()}
 * of their own service (they would wait for themselves). {@link #onInitDependencies()} and the
 * starting and stopping of dependencies run on the thread that called the lifecycle method,
 * as for any service.
 */
public abstract class ServiceThread extends Service {
  private static final Set<String> START_HOOKS = Set.of("onFirstStart", "onStart", "onStarted", "onRestart");

  private final ReentrantLock lock = new ReentrantLock();
  /** The thread of the current run; guarded by {@link #lock}. */
  private HookThread current;

  /** A service thread in state {@link State#INIT}; no thread exists until it starts. */
  protected ServiceThread() {}

  /** {@return the thread running this service's hooks now, or {@code null} between runs} */
  public final Thread thread() {
    lock.lock();
    try {
      return current == null ? null : current.thread;
    } finally {
      lock.unlock();
    }
  }

  @Override
  final Thread.Builder backgroundThreads() {
    return Thread.ofPlatform().daemon(true);
  }

  @Override
  final void runHook(String name, Lifecycle.Hook hook) throws Exception {
    boolean stopping = name.equals("onStop") || name.equals("onShutdown");
    HookThread t = threadForRun();
    CompletableFuture<Void> done = t.submit(hook);
    try {
      await(done, stopping ? shutdownTimeout() : null, name, t);
    } catch (Exception | Error e) {
      if (START_HOOKS.contains(name)) {
        retire(t, shutdownTimeout()); // a failed start runs no stop hooks: end the run's thread now
      }
      throw e;
    }
    if (name.equals("onShutdown")) {
      retire(t, shutdownTimeout());
    }
  }

  private HookThread threadForRun() {
    lock.lock();
    try {
      if (current == null) {
        current = new HookThread("ServiceThread-" + label());
      }
      return current;
    } finally {
      lock.unlock();
    }
  }

  /** Waits for a hook, uninterruptibly (a hook's outcome decides the lifecycle), maybe bounded. */
  private void await(CompletableFuture<Void> done, Duration bound, String name, HookThread t) throws Exception {
    boolean interrupted = false;
    long deadline = bound == null ? 0 : System.nanoTime() + bound.toNanos();
    try {
      while (true) {
        try {
          if (bound == null) {
            done.get();
          } else {
            done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          }
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw rethrow(e.getCause());
        } catch (TimeoutException e) {
          abandon(t);
          throw new TimeoutException(name + " of " + label() + " did not finish within " + bound
              + " on thread " + t.thread.getName() + "; the stop goes on without it");
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Exception rethrow(Throwable failure) {
    if (failure instanceof Error error) {
      throw error;
    }
    return (Exception) failure;
  }

  /** Lets the thread end after its queued hooks and joins it, at most {@code timeout}. */
  private void retire(HookThread t, Duration timeout) {
    lock.lock();
    try {
      if (current == t) {
        current = null;
      }
    } finally {
      lock.unlock();
    }
    t.finish();
    try {
      if (!t.thread.join(timeout)) {
        log().warn("Thread {} did not end within {}; leaving it behind. Stack:\n{}",
            t.thread.getName(), timeout, stack(t.thread));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A hook overran the stop's bound: report the thread and leave it; the next run gets a new one. */
  private void abandon(HookThread t) {
    log().warn("Thread {} is stuck in a stop hook; leaving it behind. Stack:\n{}", t.thread.getName(), stack(t.thread));
    lock.lock();
    try {
      if (current == t) {
        current = null;
      }
    } finally {
      lock.unlock();
    }
    t.finish();
  }

  private static String stack(Thread t) {
    StringBuilder sb = new StringBuilder();
    for (StackTraceElement e : t.getStackTrace()) {
      sb.append("\tat ").append(e).append('\n');
    }
    return sb.toString();
  }

  /** One run's platform thread: runs the hooks handed to it, in order, until told to finish. */
  private static final class HookThread {
    private static final Runnable FINISH = () -> {};
    private final LinkedBlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
    final Thread thread;

    HookThread(String name) {
      thread = Thread.ofPlatform().name(name).daemon(true).start(this::serve);
    }

    CompletableFuture<Void> submit(Lifecycle.Hook hook) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      jobs.add(() -> {
        try {
          hook.run();
          done.complete(null);
        } catch (Throwable t) {
          done.completeExceptionally(t);
        }
      });
      return done;
    }

    void finish() {
      jobs.add(FINISH);
    }

    private void serve() {
      try {
        for (Runnable job = jobs.take(); job != FINISH; job = jobs.take()) {
          job.run();
        }
      } catch (InterruptedException e) {
        // Nobody interrupts this thread but the JVM at exit: just end.
      }
    }
  }
}
