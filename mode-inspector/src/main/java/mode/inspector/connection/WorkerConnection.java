package mode.inspector.connection;

import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mode.inspect.Frame;
import mode.inspect.InspectClient;
import mode.inspect.InspectMessage;
import mode.inspect.InspectTarget;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.connection.WorkerCommands;

/**
 * A live attachment to a worker: connects with the inspect client, hands every event to the
 * {@link FxPump}, reports connection health, sends commands, and when the worker goes away keeps
 * waiting for a worker of the same name (or the same address) and attaches again. A worker that
 * refuses the connection (a wrong token) or cannot be reached at the first attempt ends the
 * attachment with a message instead.
 *
 * <p>Threading: runs its own virtual thread; status reports reach the listener on the FX thread
 * through the pump; commands may be sent from any thread.
 */
public final class WorkerConnection implements WorkerCommands, AutoCloseable {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** Told about connection health, on the FX thread. */
  @FunctionalInterface
  public interface StatusListener {
    /** The connection is now {@code status}; {@code name} is the worker's name when known. */
    void status(ConnectionStatus status, String name, String message);

    /** The worker said hello (on each attach, again after a reconnect). */
    default void hello(InspectMessage.Hello hello) {}
  }

  private final AttachTarget target;
  private final FxPump pump;
  private final StatusListener listener;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile InspectClient client;
  private volatile String name;
  private volatile long pid;
  private volatile String refusal;
  private volatile boolean hadHello;

  private WorkerConnection(AttachTarget target, FxPump pump, StatusListener listener) {
    this.target = target;
    this.pump = pump;
    this.listener = listener;
    this.name = target.name().orElse(null);
  }

  /** Starts attaching to {@code target}; returns at once. */
  public static WorkerConnection attach(AttachTarget target, FxPump pump, StatusListener listener) {
    WorkerConnection connection = new WorkerConnection(target, pump, listener);
    Thread.ofVirtual().name("mode-inspector-connection").start(connection::run);
    return connection;
  }

  private void report(ConnectionStatus status, String message) {
    String known = name;
    pump.execute(() -> listener.status(status, known, message));
  }

  private void run() {
    boolean again = false;
    while (closed.getCount() > 0) {
      if (!again) {
        report(ConnectionStatus.CONNECTING, "Attaching to " + target.describe() + "…");
      }
      Optional<InspectClient> connected = connect(again);
      if (connected.isEmpty()) {
        if (!again) {
          return;
        }
        waitABit();
        continue;
      }
      session(connected.get());
      if (closed.getCount() == 0) {
        return;
      }
      if (refusal != null) {
        report(ConnectionStatus.DISCONNECTED, "The worker refused the connection: " + refusal);
        return;
      }
      if (!hadHello && !again) {
        report(ConnectionStatus.DISCONNECTED, "The connection to " + target.describe() + " closed before the worker said hello");
        return;
      }
      report(ConnectionStatus.RECONNECTING, "Worker " + describeWorker() + " went away at " + LocalTime.now().format(CLOCK)
          + "; the history is kept; waiting for " + (target instanceof AttachTarget.Tcp ? target.describe() : "a worker named " + name) + " to come back");
      again = true;
      waitABit();
    }
  }

  private String describeWorker() {
    return (name == null ? target.describe() : name) + (pid > 0 ? " (pid " + pid + ")" : "");
  }

  private Optional<InspectClient> connect(boolean again) {
    try {
      Optional<InspectTarget> resolved = target.resolve(again);
      if (resolved.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(InspectClient.connect(resolved.get()));
    } catch (IOException | RuntimeException e) {
      if (!again) {
        report(ConnectionStatus.DISCONNECTED, "Cannot attach to " + target.describe() + ": " + e.getMessage());
      }
      return Optional.empty();
    }
  }

  private void session(InspectClient c) {
    refusal = null;
    hadHello = false;
    client = c;
    c.onMessage(this::onFrame).onError(error -> { }).onClose(() -> { });
    if (closed.getCount() == 0) {
      c.close();
      return;
    }
    c.start();
    client = null;
  }

  private void onFrame(Frame frame) {
    switch (frame.message()) {
      case InspectMessage.Event event -> pump.offer(event.event());
      case InspectMessage.Hello hello -> {
        hadHello = true;
        name = hello.name();
        pid = hello.pid();
        pump.execute(() -> listener.hello(hello));
        report(ConnectionStatus.CONNECTED, "Attached to " + hello.name() + " (pid " + hello.pid() + ") at "
            + LocalTime.now().format(CLOCK));
      }
      case InspectMessage.ErrorMessage error -> refusal = error.message();
      default -> {
        // Replies complete their futures inside the client; other messages carry nothing to show.
      }
    }
  }

  private void waitABit() {
    try {
      closed.await(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed.countDown();
    }
  }

  private CompletableFuture<String> request(InspectMessage.Command command) {
    InspectClient c = client;
    if (c == null) {
      return CompletableFuture.failedFuture(new IOException("not connected to a worker"));
    }
    return c.request(command).thenCompose(reply -> reply.ok()
        ? CompletableFuture.completedFuture(reply.text() != null ? reply.text() : reply.message())
        : CompletableFuture.failedFuture(new IOException(reply.message())));
  }

  @Override
  public CompletableFuture<String> start(long serviceId) {
    return request(new InspectMessage.Start(serviceId));
  }

  @Override
  public CompletableFuture<String> stop(long serviceId) {
    return request(new InspectMessage.Stop(serviceId));
  }

  @Override
  public CompletableFuture<String> restart(long serviceId) {
    return request(new InspectMessage.Restart(serviceId));
  }

  @Override
  public CompletableFuture<String> threadDump() {
    return request(new InspectMessage.ThreadDump());
  }

  @Override
  public CompletableFuture<String> stacks(long serviceId) {
    return request(new InspectMessage.Stacks(serviceId));
  }

  /** Detaches; no more reports after this. Idempotent. */
  @Override
  public void close() {
    closed.countDown();
    InspectClient c = client;
    if (c != null) {
      c.close();
    }
  }
}
