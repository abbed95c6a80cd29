package mode.inspect;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A connection to a worker's inspect agent: the one client of the CLI and the inspector.
 *
 * <pre>{@code
 * try (InspectClient client = InspectClient.connect(descriptor.unixTarget())) {
 *   client.onMessage(frame -> ...).onError(error -> ...).onClose(() -> ...);
 *   client.startAsync();                       // or start() to read on this thread
 *   client.request(new InspectMessage.Restart(id)).get();
 * }
 * }</pre>
 *
 * <p>The agent sends {@code hello}, then a {@code snapshot}, then every change; an event message
 * holds the {@link mode.events.ServiceEvent} itself ({@link InspectMessage.Event#event()}).
 *
 * <p>Threading: {@link #connect} returns a connected client that reads nothing until {@link
 * #start()} or {@link #startAsync()}, so callbacks registered before cannot miss a message. All
 * callbacks run on the one reader thread, in the order of the lines; {@code onClose} runs exactly
 * once, last. {@link #send}, {@link #request} and {@link #close} are safe from any thread.
 *
 * <p>Failures: a line that does not decode, or an exception thrown by {@code onMessage} or {@code
 * onLine}, is passed to {@code onError} and reading goes on; a
 * broken stream (oversized line, invalid UTF-8, I/O error) is passed to {@code onError} and ends
 * the connection. A message of an unknown type arrives as {@link InspectMessage.Unknown}.
 */
public final class InspectClient implements AutoCloseable {

  /** Longest line accepted from an agent, in bytes (64 MiB: room for a snapshot of a big tree). */
  public static final int MAX_LINE_BYTES = 64 << 20;

  private final InspectTarget target;
  private final SocketChannel channel;
  private final ReentrantLock sendLock = new ReentrantLock();
  private final LineWriter writer;
  private final Map<Long, CompletableFuture<InspectMessage.Reply>> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean closeReported = new AtomicBoolean();
  private volatile Consumer<String> onLine; // null: nobody wants the text
  private volatile Consumer<Frame> onMessage = frame -> {};
  private volatile Consumer<Throwable> onError = error -> {};
  private volatile Runnable onClose = () -> {};

  private InspectClient(InspectTarget target, SocketChannel channel) {
    this.target = target;
    this.channel = channel;
    this.writer = new LineWriter(channel);
  }

  /**
   * Connects to an agent; on TCP also sends the token. Blocks until connected.
   *
   * @param target where the agent listens
   * @return the connected client, not yet started
   * @throws IOException if the agent cannot be reached; the message names the target
   */
  public static InspectClient connect(InspectTarget target) throws IOException {
    Objects.requireNonNull(target, "target");
    SocketChannel channel = null;
    try {
      channel = switch (target) {
        case InspectTarget.Unix unix -> SocketChannel.open(UnixDomainSocketAddress.of(unix.socket()));
        case InspectTarget.Tcp tcp -> SocketChannel.open(new InetSocketAddress(tcp.host(), tcp.port()));
      };
      InspectClient client = new InspectClient(target, channel);
      if (target instanceof InspectTarget.Tcp tcp) {
        client.send(new InspectMessage.Auth(tcp.token()));
      }
      return client;
    } catch (IOException e) {
      if (channel != null) {
        channel.close();
      }
      throw new IOException("cannot attach to " + describe(target) + ": " + e.getMessage(), e);
    }
  }

  private static String describe(InspectTarget target) {
    return target instanceof InspectTarget.Tcp ? "tcp " + target : "socket " + target;
  }

  /**
   * Receives every frame, decoded.
   *
   * @param handler called with each frame
   * @return this client
   */
  public InspectClient onMessage(Consumer<Frame> handler) {
    this.onMessage = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /**
   * Receives every raw line before it is decoded (for recording).
   *
   * @param handler called with each line
   * @return this client
   */
  public InspectClient onLine(Consumer<String> handler) {
    this.onLine = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /**
   * Receives decoding and connection failures.
   *
   * @param handler called with each failure
   * @return this client
   */
  public InspectClient onError(Consumer<Throwable> handler) {
    this.onError = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /**
   * Runs once when the connection has ended, after the last message.
   *
   * @param handler the code to run
   * @return this client
   */
  public InspectClient onClose(Runnable handler) {
    this.onClose = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /** Reads on the calling thread until the connection ends. At most one start per client. */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("client of " + describe(target) + " already started");
    }
    readLoop();
  }

  /** Reads on a new virtual thread; returns at once. At most one start per client. */
  public void startAsync() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("client of " + describe(target) + " already started");
    }
    Thread.ofVirtual().name("mode-inspect-client-reader").start(this::readLoop);
  }

  private void readLoop() {
    LineReader reader = new LineReader(channel, MAX_LINE_BYTES);
    try {
      while (reader.readLine(this::deliver)) {
        // Each line was handled by deliver.
      }
    } catch (IOException | ProtocolException e) {
      if (!closed.get()) {
        report(e);
      }
    } finally {
      close();
      finish();
    }
  }

  private void deliver(byte[] bytes, int offset, int length) {
    try {
      dispatch(bytes, offset, length);
    } catch (RuntimeException e) {
      // A failing handler is reported; it does not end the connection.
      report(e);
    }
  }

  private void dispatch(byte[] bytes, int offset, int length) {
    Consumer<String> lineHandler = onLine;
    Frame frame;
    try {
      if (lineHandler != null) {
        // Only a client that records lines pays for their text.
        String line = new String(bytes, offset, length, StandardCharsets.UTF_8);
        lineHandler.accept(line);
        frame = MessageCodec.decode(line);
      } else {
        frame = MessageCodec.decodeUtf8(bytes, offset, length); // the reader checked the UTF-8
      }
    } catch (ProtocolException e) {
      report(e);
      return;
    }
    try {
      onMessage.accept(frame);
    } finally {
      // After onMessage, so whoever waits on the reply sees every line that came before it handled.
      if (frame.message() instanceof InspectMessage.Reply reply) {
        CompletableFuture<InspectMessage.Reply> future = pending.remove(reply.re());
        if (future != null) {
          future.complete(reply);
        }
      }
    }
  }

  private void report(Throwable error) {
    try {
      onError.accept(error);
    } catch (RuntimeException ignored) {
      // A failing error handler must not end the reader.
    }
  }

  private void finish() {
    IOException closedError = new IOException("connection to " + describe(target) + " closed");
    pending.values().forEach(future -> future.completeExceptionally(closedError));
    pending.clear();
    if (closeReported.compareAndSet(false, true)) {
      onClose.run();
    }
  }

  /**
   * Sends a message. Blocks while the agent does not read.
   *
   * @param message the message to send
   * @return the message's {@code seq}
   * @throws IOException if the connection is closed or fails
   */
  public long send(InspectMessage message) throws IOException {
    sendLock.lock();
    try {
      if (closed.get()) {
        throw new IOException("connection to " + describe(target) + " is closed");
      }
      return writer.write(message).seq();
    } finally {
      sendLock.unlock();
    }
  }

  /**
   * Sends a command; the future completes with its reply, or exceptionally when the connection
   * ends first. The reply is also passed to {@code onMessage}, before the future completes. Needs
   * a started client.
   *
   * @param command the command to send
   * @return the future of the reply
   */
  public CompletableFuture<InspectMessage.Reply> request(InspectMessage.Command command) {
    CompletableFuture<InspectMessage.Reply> future = new CompletableFuture<>();
    sendLock.lock();
    try {
      // Registered before the line leaves, so a fast reply always finds its future.
      long seq = writer.nextSeq();
      pending.put(seq, future);
      if (send(command) != seq) {
        throw new IllegalStateException("seq " + seq + " was not used for " + command);
      }
    } catch (IOException e) {
      pending.values().remove(future);
      future.completeExceptionally(e);
    } finally {
      sendLock.unlock();
    }
    return future;
  }

  /** Closes the connection; the reader then ends and runs {@code onClose}. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        channel.close();
      } catch (IOException e) {
        report(e);
      }
      if (!started.get()) {
        finish();
      }
    }
  }

  @Override
  public String toString() {
    return "InspectClient[" + describe(target) + "]";
  }
}
