package mode.inspect.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.inspect.Frame;
import mode.inspect.InspectClient;
import mode.inspect.InspectMessage;
import mode.inspect.InspectTarget;

/**
 * An attached client that has received the worker's {@code hello} and first {@code snapshot}:
 * what every command of the CLI starts from. Further frames go to the given consumer on the
 * client's reader thread.
 */
final class WorkerConnection implements AutoCloseable {

  private final InspectClient client;
  private final CompletableFuture<InspectMessage.Hello> hello = new CompletableFuture<>();
  private final CompletableFuture<ServiceEvent.Snapshot> snapshot = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final WorkerFate fate = new WorkerFate();
  private volatile boolean closedHere;

  private WorkerConnection(InspectClient client) {
    this.client = client;
  }

  /**
   * Attaches and waits for hello and snapshot.
   *
   * @param frames receives every frame (hello and snapshot included), on the reader thread
   * @param lines receives every raw line, on the reader thread
   * @throws IOException if the worker cannot be reached, refuses the connection, or does not send
   *     its snapshot within {@code timeout}
   */
  static WorkerConnection open(InspectTarget target, Duration timeout, Consumer<Frame> frames, Consumer<String> lines)
      throws IOException {
    WorkerConnection connection = new WorkerConnection(InspectClient.connect(target));
    connection.client
        .onLine(lines)
        .onMessage(frame -> {
          connection.track(frame);
          frames.accept(frame);
        })
        .onClose(connection::ended);
    connection.client.startAsync();
    try {
      connection.snapshot.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return connection;
    } catch (ExecutionException e) {
      connection.close();
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      connection.close();
      throw new IOException("worker at " + target + " sent no snapshot within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connection.close();
      throw new IOException("interrupted while attaching to " + target, e);
    }
  }

  /** Attaches without following the stream. */
  static WorkerConnection open(InspectTarget target, Duration timeout) throws IOException {
    return open(target, timeout, frame -> {}, line -> {});
  }

  private void track(Frame frame) {
    fate.track(frame);
    switch (frame.message()) {
      case InspectMessage.Hello h -> hello.complete(h);
      case InspectMessage.Event(ServiceEvent.Snapshot s) -> snapshot.complete(s);
      case InspectMessage.ErrorMessage error -> {
        IOException refused = new IOException("the worker refused: " + error.message());
        hello.completeExceptionally(refused);
        snapshot.completeExceptionally(refused);
      }
      default -> { }
    }
  }

  private void ended() {
    IOException gone = new IOException("the worker closed the connection");
    hello.completeExceptionally(gone);
    snapshot.completeExceptionally(gone);
    closed.complete(null);
  }

  InspectMessage.Hello hello() {
    return hello.join();
  }

  /** The first snapshot received. */
  ServiceEvent.Snapshot snapshot() {
    return snapshot.join();
  }

  InspectClient client() {
    return client;
  }

  /** Blocks until the connection ends (the worker exits or {@link #close()} is called). */
  void awaitClose() throws InterruptedException {
    try {
      closed.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The id of the service named {@code labelOrId}: an id of the snapshot, or a unique label or
   * short label.
   *
   * @throws IllegalArgumentException if no service or several match; the message lists them
   */
  long resolve(String labelOrId) {
    List<ServiceInfo> services = snapshot().services();
    Optional<Long> byId = parseId(labelOrId).filter(id -> services.stream().anyMatch(s -> s.id() == id));
    if (byId.isPresent()) {
      return byId.get();
    }
    List<ServiceInfo> matches = services.stream()
        .filter(s -> s.label().equals(labelOrId) || s.shortLabel().equals(labelOrId)).toList();
    if (matches.size() == 1) {
      return matches.getFirst().id();
    }
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("no service '" + labelOrId + "' in worker " + hello().name()
          + " (services: " + String.join(", ", services.stream().map(WorkerConnection::describe).toList()) + ")");
    }
    throw new IllegalArgumentException("several services are called '" + labelOrId + "': "
        + String.join(", ", matches.stream().map(WorkerConnection::describe).toList()) + "; give the id");
  }

  static String describe(ServiceInfo service) {
    return service.label() + " (id " + service.id() + ")";
  }

  private static Optional<Long> parseId(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * How the session ended (meaningful once it has): closed by this client, or the worker stopped,
   * crashed or was lost.
   */
  WorkerFate.Ending ending() {
    return fate.ending(closedHere);
  }

  /** Whether service {@code id} is a root of the first snapshot (the worker itself, as a rule). */
  boolean isRoot(long id) {
    return snapshot().services().stream().anyMatch(s -> s.id() == id && s.parentId() == null);
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      closedHere = true;
    }
    client.close();
  }
}
