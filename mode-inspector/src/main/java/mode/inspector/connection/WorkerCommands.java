package mode.inspector.connection;

import java.util.concurrent.CompletableFuture;

/**
 * The commands a worker accepts. Implemented by the connection; each call returns at once and
 * completes with the worker's answer (a short text) or fails with the worker's error.
 *
 * <p>Threading: callable from any thread; futures complete on a connection thread.
 */
public interface WorkerCommands {
  /** Starts the service. */
  CompletableFuture<String> start(long serviceId);

  /** Stops the service. */
  CompletableFuture<String> stop(long serviceId);

  /** Restarts the service. */
  CompletableFuture<String> restart(long serviceId);

  /** Every thread's stack, as text. */
  CompletableFuture<String> threadDump();

  /**
   * What the service is doing now: the live stacks of the threads running its hooks, tasks and
   * timers, as text. A worker (or connection) that cannot tell fails the future.
   */
  default CompletableFuture<String> stacks(long serviceId) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("live stacks are not available here"));
  }
}
