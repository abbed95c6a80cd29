package mode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import mode.internal.Activities;
import mode.timers.StopSignal;

/**
 * The waits of one service ({@link Service#waitFor}, {@link Service#waitFirst}, {@link
 * Service#waitMany}): the calling thread parks until the awaited work is done, the service is
 * asked to stop or crashes, the timeout passes, or the thread is interrupted, whichever comes
 * first. Whenever a wait returns without the work's outcome, it cancels the unfinished work.
 *
 * <p>Callables run on new threads of the service's kind (virtual; platform for a {@link
 * ServiceThread}), named {@code Label.wait-N}, not bound to the service's lifetime like {@code
 * addFuture}: their failures go to the waiter, they do not crash the service. Thread-safe: every
 * wait is independent.
 */
final class Waits {
  private final Service service;
  private static final AtomicLongFieldUpdater<Waits> IDS =
      AtomicLongFieldUpdater.newUpdater(Waits.class, "ids");
  /** The last number given to a wait's thread (a field, not an AtomicLong: one object less). */
  private volatile long ids;

  /** How a wait ended. */
  private enum End { DONE, STOPPED, TIMED_OUT }

  Waits(Service service) {
    this.service = service;
  }

  <T> WaitResult<T> waitFor(Future<T> future, Duration timeout, String what)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<Future<?>> one = List.of(future);
    End end = await(one, false, timeout);
    if (end == End.DONE) {
      return WaitResult.of(future.get());
    }
    future.cancel(true);
    if (end == End.STOPPED) {
      return WaitResult.stop();
    }
    throw timedOut(timeout, what);
  }

  <T> WaitResult<T> waitFor(Callable<T> work, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<T> future = spawn(work);
    return waitFor(future, timeout, "a callable");
  }

  <T> WaitResults<T> waitFirst(Duration timeout, Callable<? extends T>[] work)
      throws InterruptedException, ExecutionException, TimeoutException {
    return waitAll(timeout, work, false);
  }

  <T> WaitResults<T> waitMany(Duration timeout, Callable<? extends T>[] work)
      throws InterruptedException, ExecutionException, TimeoutException {
    return waitAll(timeout, work, true);
  }

  private <T> WaitResults<T> waitAll(Duration timeout, Callable<? extends T>[] work, boolean all)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (work.length == 0) {
      throw new IllegalArgumentException(service.label() + ": nothing to wait for");
    }
    List<CompletableFuture<? extends T>> futures = new ArrayList<>(work.length);
    for (Callable<? extends T> w : work) {
      futures.add(spawn(w));
    }
    try {
      End end = await(futures, all, timeout);
      if (end == End.STOPPED) {
        return WaitResults.stop();
      }
      if (end == End.TIMED_OUT) {
        throw timedOut(timeout, (all ? "all of " : "any of ") + work.length + " pieces of work");
      }
      return collect(futures);
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
  }

  /** The finished work's values in argument order; the first failure (in that order) is thrown. */
  private static <T> WaitResults<T> collect(List<CompletableFuture<? extends T>> futures)
      throws InterruptedException, ExecutionException {
    List<Integer> done = new ArrayList<>();
    List<T> results = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      CompletableFuture<? extends T> f = futures.get(i);
      if (f.isDone()) {
        results.add(f.get());
        done.add(i);
      }
    }
    return new WaitResults<>(done, results, false);
  }

  private TimeoutException timedOut(Duration timeout, String what) {
    return new TimeoutException(
        "Service " + service.label() + " waited " + timeout + " for " + what + " in vain; cancelled it");
  }

  /** Runs {@code work} on a new thread; cancelling the future interrupts the thread. */
  private <T> CompletableFuture<T> spawn(Callable<T> work) {
    String name = service.label() + ".wait-" + IDS.incrementAndGet(this);
    Thread[] runner = new Thread[1];
    CompletableFuture<T> future = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterrupt) {
        boolean cancelled = super.cancel(mayInterrupt);
        if (cancelled) {
          runner[0].interrupt();
        }
        return cancelled;
      }
    };
    runner[0] = service.backgroundThreads().name(name).unstarted(() -> {
      Activities.Step step = Activities.begin(service, "wait " + name);
      try {
        future.complete(work.call());
      } catch (Throwable t) {
        future.completeExceptionally(t);
      } finally {
        Activities.end(step);
      }
    });
    runner[0].start();
    return future;
  }

  /**
   * Parks until any (or, with {@code all}, every) future is done, the service should stop, or
   * the timeout passes. A stop wins over finished work, as in mode.
   *
   * @throws InterruptedException if the thread is interrupted first (the work is cancelled)
   */
  private End await(List<? extends Future<?>> futures, boolean all, Duration timeout)
      throws InterruptedException {
    StopSignal signal = service.machine.signal();
    Thread me = Thread.currentThread();
    List<Thread> watchers = new ArrayList<>();
    for (Future<?> f : futures) {
      if (f instanceof CompletableFuture<?> cf) {
        cf.whenComplete((r, e) -> LockSupport.unpark(me));
      } else {
        watchers.add(Thread.ofVirtual().start(() -> awaitQuietly(f, me)));
      }
    }
    long deadline = System.nanoTime() + StopSignal.saturatedNanos(timeout);
    signal.enlist();
    Activities.pause();
    try {
      while (true) {
        if (service.machine.shouldStop()) {
          return End.STOPPED;
        }
        if (all ? futures.stream().allMatch(Future::isDone) : futures.stream().anyMatch(Future::isDone)) {
          return End.DONE;
        }
        if (Thread.interrupted()) {
          futures.forEach(f -> f.cancel(true));
          throw new InterruptedException(service.label() + ": interrupted while waiting");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return End.TIMED_OUT;
        }
        LockSupport.parkNanos(this, left);
      }
    } finally {
      signal.leave();
      Activities.resume();
      watchers.forEach(Thread::interrupt);
    }
  }

  /** Wakes {@code waiter} when a plain {@link Future} (no completion callbacks) is done. */
  private static void awaitQuietly(Future<?> f, Thread waiter) {
    try {
      f.get();
    } catch (InterruptedException stopWatching) {
      return;
    } catch (Exception doneAnyway) {
      // failed or cancelled: done all the same
    }
    LockSupport.unpark(waiter);
  }

}
