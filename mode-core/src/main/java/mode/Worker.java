package mode;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import mode.events.ServiceEvent;
import mode.internal.TransitionCauses;
import mode.worker.BlockingDetector;
import mode.worker.LogLevel;
import mode.worker.LogSetup;
import mode.worker.ServiceTreeDump;
import mode.worker.StdoutRedirect;
import mode.worker.ThreadDumps;
import mode.worker.WorkerCommandLine;
import mode.worker.WorkerExtension;
import mode.worker.WorkerSettings;
import picocli.CommandLine.ParseResult;

/**
 * Runs services from a {@code main} method: parses the command line, sets up logging, starts the
 * services, blocks until it is told to stop or something crashes, stops everything and returns
 * an exit code — mode's {@code Worker}.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   new Worker(new App()).executeFromCommandLine(args);
 * }
 * }</pre>
 *
 * <p>The worker is a service itself: the services it runs are its dependencies, so they start
 * in order after it and stop before it, and their log lines are prefixed {@code [^-App]}.
 *
 * <p>Command line: {@code --loglevel LEVEL} (trace, debug, info, warn, error; default warn, as
 * in mode), {@code --logfile FILE}, {@code --debug}, {@code --quiet}, {@code --blocking-timeout
 * SECONDS} (default 10), {@code --help}, {@code --version}. An unknown or malformed option is
 * reported on standard error with the usage, and the exit code is 2.
 *
 * <p>Signals: {@code INT} and {@code TERM} log {@code Signal received: SIGTERM (15)} and stop
 * the services gracefully (exit code 0); {@code USR1} writes the service tree with each
 * service's state and the stack of every thread, virtual threads included, to standard error.
 *
 * <p>Exit codes: 0 after a stop; 1 when a service crashed, a start failed, or the stop did not
 * finish within the sum of the services' shutdown timeouts plus a margin (the worker never
 * hangs); 2 for a bad command line.
 *
 * <p>A watchdog reports every hook, task step and timer callback that runs longer than the
 * blocking timeout, once, with that thread's stack: a WARN log line and a {@code Blocking} event.
 *
 * <p>Threading: {@link #execute} blocks the calling thread for the worker's whole life and may
 * be called once per worker; {@link #requestStop()} is safe from any thread.
 */
public final class Worker extends Service {
  /** Added to the services' shutdown timeouts for the last-resort bound on a stop. */
  private static final Duration STOP_MARGIN = Duration.ofSeconds(2);

  private final String name;
  private final WorkerSettings defaults;
  private final PrintStream stdout;
  private final PrintStream stderr;
  private final boolean overrideLogging;
  private final boolean handleSignals;
  private final LogLevel redirectLevel;
  private final Runnable onWorkerShutdown;
  private final List<WorkerExtension> extensions;
  private final Duration shutdownTimeout;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final AtomicBoolean signalled = new AtomicBoolean();
  /** The signal that asked the worker to stop ({@code SIGTERM}), or null: the stop's {@code by}. */
  private volatile String stopSignal;
  private final AtomicBoolean executed = new AtomicBoolean();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile WorkerSettings settings;

  /**
   * A worker running {@code services} with mode's defaults (see {@link #builder}).
   *
   * @param services the services to run
   */
  public Worker(Service... services) {
    this(builder(services));
  }

  private Worker(Builder builder) {
    this.name = builder.name;
    this.defaults = builder.settings;
    this.stdout = builder.stdout;
    this.stderr = builder.stderr;
    this.overrideLogging = builder.overrideLogging;
    this.handleSignals = builder.handleSignals;
    this.redirectLevel = builder.redirectLevel;
    this.onWorkerShutdown = builder.onWorkerShutdown;
    this.shutdownTimeout = builder.shutdownTimeout;
    List<WorkerExtension> all = new ArrayList<>(builder.extensions);
    ServiceLoader.load(WorkerExtension.class, Worker.class.getClassLoader()).forEach(all::add);
    this.extensions = List.copyOf(all);
    this.settings = builder.settings;
    for (Service service : builder.services) {
      addDependency(service);
    }
  }

  /**
   * A builder for a worker running {@code services}; the options set on it are the defaults
   * that the command line overrides.
   *
   * @param services the services to run
   * @return a new builder
   * @throws NullPointerException if a service is null
   */
  public static Builder builder(Service... services) {
    return new Builder(List.of(services));
  }

  /**
   * Parses {@code args}, runs the services until they are stopped or one crashes, and returns
   * the exit code (0 stopped, 1 crashed or failed to start, 2 bad command line). Never calls
   * {@link System#exit}.
   *
   * @param args the command line, without the program name
   * @return the exit code
   * @throws IllegalStateException if this worker was executed before
   */
  public int execute(String... args) {
    if (!executed.compareAndSet(false, true)) {
      throw new IllegalStateException("worker " + label() + " was already executed");
    }
    PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(stderr, true, StandardCharsets.UTF_8);
    WorkerCommandLine commandLine = new WorkerCommandLine(name, BuildInfo.describe(), defaults, extensions);
    return switch (commandLine.parse(args, out, err)) {
      case WorkerCommandLine.Outcome.Exit exit -> exit.code();
      case WorkerCommandLine.Outcome.Run run -> run(run.settings(), run.parsed());
    };
  }

  /**
   * {@link #execute} then {@link System#exit} with its code. Does not return.
   *
   * @param args the command line, as {@code main} received it
   */
  public void executeFromCommandLine(String... args) {
    System.exit(execute(args));
  }

  /**
   * Asks the running worker to stop its services gracefully, as {@code SIGTERM} does; returns at
   * once. A request made before the worker started makes it stop as soon as it has started.
   */
  public void requestStop() {
    stopRequested.countDown();
    if (state() == State.STARTING) {
      // Stop now rather than after the start: a start hook may be the thing waiting forever.
      stopAsync();
    }
  }

  /** The builder's {@link Builder#shutdownTimeout}: how long the worker's own stop may take. */
  @Override
  protected Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  private int run(WorkerSettings chosen, ParseResult parsed) {
    settings = chosen;
    if (overrideLogging) {
      LogSetup.configure(chosen.effectiveLogLevel(), chosen.logFile(), stderr);
    }
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      if (redirectLevel != null) {
        resources.push(StdoutRedirect.install(redirectLevel)); // closed last
      }
      if (handleSignals) {
        // Named in full, not imported: an import makes javadoc read SignalHandlers, whose
        // sun.misc imports it reports as warnings under --release (mode.worker is not documented).
        resources.push(
            mode.worker.SignalHandlers.install(this::onSignal, "INT", "TERM", "USR1"));
      }
      resources.push(BlockingDetector.start(chosen.blockingTimeout()));
      for (WorkerExtension extension : extensions) {
        resources.push(extension.start(this, parsed));
      }
      return runServices();
    } catch (Exception e) {
      log().error("Worker could not start: {}", e.toString(), e);
      return 1;
    } finally {
      closeAll(resources);
    }
  }

  private int runServices() {
    say("starting " + label() + " (pid " + ProcessHandle.current().pid() + ") with "
        + dependencies().stream().map(Service::label).toList());
    Throwable startFailure = null;
    try {
      // Every move of the start is the worker's (the events say so: cause "worker").
      TransitionCauses.run(ServiceEvent.Transition.WORKER, null, null, this::start);
    } catch (ServiceException e) {
      startFailure = e;
    }
    if (startFailure == null) {
      Thread.ofVirtual().name("mode-worker-watch").start(this::awaitEnd);
      try {
        stopRequested.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log().warn("Interrupted while running; stopping");
      }
    }
    return exitCode(startFailure, awaitStop(stopAsync()));
  }

  /** Wakes the main thread when the worker stops or crashes by itself. */
  private void awaitEnd() {
    while (!waitUntilStopped(Duration.ofHours(1))) {
      if (stopRequested.getCount() == 0) {
        return;
      }
    }
    stopRequested.countDown();
  }

  private CompletableFuture<Void> stopAsync() {
    if (stopping.compareAndSet(false, true)) {
      Thread.ofPlatform().daemon().name("mode-worker-stop").start(() -> {
        try {
          runShutdownHook(); // here, so that it precedes the stop however the stop began
          TransitionCauses.run(ServiceEvent.Transition.WORKER, stopSignal, null, this::stop);
          stopped.complete(null);
        } catch (RuntimeException e) {
          stopped.completeExceptionally(e);
        }
      });
    }
    return stopped;
  }

  private boolean awaitStop(CompletableFuture<Void> stop) {
    Duration bound = stopBound();
    try {
      stop.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      log().error("Services did not stop within {} s; exiting anyway. Threads:\n{}",
          bound.toMillis() / 1000.0, ThreadDumps.dumpAllOrExplain());
      return false;
    } catch (ExecutionException e) {
      log().error("Stopping failed: {}", e.getCause().toString(), e.getCause());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log().error("Interrupted while stopping; exiting without waiting for the services");
      return false;
    }
  }

  private int exitCode(Throwable startFailure, boolean stoppedInTime) {
    if (startFailure != null) {
      // The cause was logged with its stack where it happened; this line says what it means.
      log().error("Start failed, exiting with code 1: {}", startFailure.getMessage());
      return 1;
    }
    Throwable crash = crashReason();
    if (crash != null) {
      log().error("We experienced a crash! Exiting with code 1. Reason: {}", crash.toString());
      return 1;
    }
    return stoppedInTime ? 0 : 1;
  }

  /** The sum of every service's shutdown timeout, plus a margin: a stop never takes longer. */
  private Duration stopBound() {
    Duration total = STOP_MARGIN;
    Deque<Service> pending = new ArrayDeque<>(List.of(this));
    java.util.Set<Service> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    while (!pending.isEmpty()) {
      Service service = pending.pop();
      if (seen.add(service)) {
        total = total.plus(service.shutdownTimeout());
        pending.addAll(service.dependencies());
      }
    }
    return total;
  }

  private void onSignal(String signal, int number) {
    if ("SIGUSR1".equals(signal)) {
      Thread.ofPlatform().daemon().name("mode-worker-dump").start(this::dumpToStderr);
      return;
    }
    if (signalled.compareAndSet(false, true)) {
      if ("SIGINT".equals(signal)) {
        carp("-INT- ".repeat(6).trim());
      }
      log().info("Signal received: {} ({})", signal, number);
      stopSignal = signal;
      requestStop();
    }
  }

  private void dumpToStderr() {
    stderr.print("Services (pid " + ProcessHandle.current().pid() + "):\n" + ServiceTreeDump.of(this)
        + "Threads (virtual threads included):\n" + ThreadDumps.dumpAllOrExplain());
    stderr.flush();
  }

  /** mode's {@code on_worker_shutdown}: runs once, before the services stop; failures are logged. */
  private void runShutdownHook() {
    try {
      onWorkerShutdown.run();
    } catch (RuntimeException | Error e) {
      log().error("onWorkerShutdown failed; stopping anyway: {}", e.toString(), e);
    }
  }

  /**
   * Prints {@code message} on the worker's standard output (the builder's, never redirected into
   * the log), unless {@code --quiet}. Thread-safe.
   *
   * @param message the line to print
   */
  public void say(String message) {
    if (!settings.quiet()) {
      stdout.println(message);
    }
  }

  /**
   * Prints {@code message} on the worker's standard error, unless {@code --quiet}. Thread-safe.
   *
   * @param message the line to print
   */
  public void carp(String message) {
    if (!settings.quiet()) {
      stderr.println(message);
    }
  }

  private void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        log().warn("Closing {} at the worker's exit failed: {}", resource, e.toString(), e);
      }
    }
  }

  /**
   * Options of a {@link Worker}; each is a default that the command line may override. Not
   * thread-safe; build on one thread.
   */
  public static final class Builder {
    private final List<Service> services;
    private WorkerSettings settings = WorkerSettings.defaults();
    private String name = "worker";
    private PrintStream stdout = System.out;
    private PrintStream stderr = System.err;
    private boolean overrideLogging = true;
    private boolean handleSignals = true;
    private LogLevel redirectLevel = LogLevel.WARN;
    private Runnable onWorkerShutdown = () -> {};
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private final List<WorkerExtension> extensions = new ArrayList<>();

    private Builder(List<Service> services) {
      this.services = services;
    }

    /**
     * The program name shown in the usage message; default {@code worker}.
     *
     * @param name the program name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * The log level: trace, debug, info, warn or error, any case; default warn.
     *
     * @param level the level's name
     * @return this builder
     * @throws IllegalArgumentException naming the value if it is no level
     */
    public Builder logLevel(String level) {
      settings = settings.withLogLevel(LogLevel.parse(level));
      return this;
    }

    /**
     * Log lines go to this file (appended) instead of standard error.
     *
     * @param file the log file; created if missing
     * @return this builder
     */
    public Builder logFile(Path file) {
      settings = settings.withLogFile(Objects.requireNonNull(file, "file"));
      return this;
    }

    /**
     * Debug mode: log level at most debug.
     *
     * @param on whether to run in debug mode
     * @return this builder
     */
    public Builder debug(boolean on) {
      settings = settings.withDebug(on);
      return this;
    }

    /**
     * Quiet: the worker writes no messages of its own to standard output or error.
     *
     * @param on whether to be quiet
     * @return this builder
     */
    public Builder quiet(boolean on) {
      settings = settings.withQuiet(on);
      return this;
    }

    /**
     * How long a hook, task step or timer callback may run before it is reported as blocking;
     * default 10 s.
     *
     * @param timeout the longest run not reported
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder blockingTimeout(Duration timeout) {
      settings = settings.withBlockingTimeout(timeout);
      return this;
    }

    /**
     * Where the worker's messages, help and version go; default {@link System#out}.
     *
     * @param out the stream for the worker's own output
     * @return this builder
     */
    public Builder stdout(PrintStream out) {
      this.stdout = Objects.requireNonNull(out, "out");
      return this;
    }

    /**
     * Where log lines (without a log file), usage errors and dumps go; default {@link
     * System#err}.
     *
     * @param err the stream for logs, errors and dumps
     * @return this builder
     */
    public Builder stderr(PrintStream err) {
      this.stderr = Objects.requireNonNull(err, "err");
      return this;
    }

    /**
     * Whether the worker configures logback (the default); turn off when the application
     * configures logging itself.
     *
     * @param on whether the worker configures logback
     * @return this builder
     */
    public Builder overrideLogging(boolean on) {
      this.overrideLogging = on;
      return this;
    }

    /**
     * Whether the worker handles INT, TERM and USR1 (the default); turn off when the application
     * owns signal handling or several workers share a JVM.
     *
     * @param on whether the worker installs signal handlers
     * @return this builder
     */
    public Builder handleSignals(boolean on) {
      this.handleSignals = on;
      return this;
    }

    /**
     * How long the worker's own stop may wait for its background threads, as {@code
     * shutdownTimeout()} of any service; default 10 s. Each service's stop is bounded by its own
     * timeout, and the whole stop by the sum of them plus two seconds.
     *
     * @param timeout the longest wait for the worker's own background threads
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder shutdownTimeout(Duration timeout) {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("shutdown timeout must be positive, was " + timeout);
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    /**
     * Whether lines that code writes to {@link System#out} and {@link System#err} while the
     * worker runs become log lines (logger {@code mode.redirect}), as in mode; default on, at
     * warn. The previous streams are put back when the worker exits.
     *
     * @param on whether to redirect the standard streams (at warn)
     * @return this builder
     */
    public Builder redirectStdouts(boolean on) {
      this.redirectLevel = on ? LogLevel.WARN : null;
      return this;
    }

    /**
     * Redirects standard output and error into the log at {@code level} (trace, debug, info,
     * warn or error).
     *
     * @param level the log level of the redirected lines
     * @return this builder
     * @throws IllegalArgumentException naming the value if it is no level
     */
    public Builder redirectStdouts(String level) {
      this.redirectLevel = LogLevel.parse(level);
      return this;
    }

    /**
     * Runs {@code hook} once when the worker begins to shut down (a stop request, a signal, a
     * crash or a failed start), before its services stop (mode's {@code on_worker_shutdown}), on
     * the worker's stop thread. An exception is logged and the shutdown goes on; a hook that
     * blocks counts against the worker's bound on the stop.
     *
     * @param hook the code to run; replaces a hook set before
     * @return this builder
     */
    public Builder onWorkerShutdown(Runnable hook) {
      this.onWorkerShutdown = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /** Adds an extension that starts and stops with the worker (used by mode itself and tests). */
    Builder extension(WorkerExtension extension) {
      extensions.add(Objects.requireNonNull(extension, "extension"));
      return this;
    }

    /** {@return the worker} */
    public Worker build() {
      return new Worker(this);
    }
  }
}
