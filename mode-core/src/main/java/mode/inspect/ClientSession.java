package mode.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import mode.events.ServiceEvent;
import mode.internal.EventQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the agent: a reader thread (this one's {@link #serve()}), a writer
 * thread, and a virtual thread per command. Bad input ends only this connection, after an {@code
 * error} line.
 *
 * <p>The writer owns the client's one event queue ({@link EventQueue}: bounded, filled by the
 * runtime without blocking, the only place where this client's events are dropped) and the
 * agent's own messages for it ({@link Outbox}). It writes {@code hello}, then what the queue
 * delivers — the snapshot, the changes, each gap followed at once by a fresh snapshot — and each
 * reply after the events queued before it. While the runtime is in a burst of changes it holds
 * events back (see {@link BurstHold}), unless a reply waits.
 */
final class ClientSession {

  /** Longest line a client may send, in bytes; commands are tiny, so this is generous. */
  static final int MAX_LINE_BYTES = 1 << 20;

  /** How long a TCP client has to send its token, unless the agent says otherwise. */
  static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);

  /** How long the error line may take to leave before the connection is cut anyway. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  /** Bytes of lines the writer gathers before a write call. */
  private static final int BATCH_BYTES = 64 * 1024;

  /** The longest an idle writer parks without a wake-up (the queue's own backstop is shorter). */
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private static final long NOT_HELD = Long.MIN_VALUE;

  /** Commands one client may have running at once. */
  static final int MAX_COMMANDS_IN_FLIGHT = 16;

  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

  /** What a session needs from its agent. */
  record Context(
      InspectMessage.Hello hello,
      EventSource events,
      CommandHandler commands,
      int queueCapacity,
      String token,
      Duration authTimeout,
      java.util.function.Consumer<ClientSession> onClosed,
      java.util.function.Function<ClientSession, java.util.Optional<String>> onAuthenticated,
      RefusalLog refusals,
      LongSupplier nanoClock) {}

  private final long id;
  private final SocketChannel channel;
  private final Context context;
  private final boolean tokenRequired;
  private final Outbox outbox;
  private final Semaphore commandSlots = new Semaphore(MAX_COMMANDS_IN_FLIGHT);
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The writer's event queue, once it subscribed; closed by whoever ends the session. */
  private final AtomicReference<EventQueue> events = new AtomicReference<>();
  private volatile Thread writerThread;
  private long lastClientSeq;

  ClientSession(long id, SocketChannel channel, Context context, boolean tokenRequired) {
    this.id = id;
    this.channel = channel;
    this.context = context;
    this.tokenRequired = tokenRequired;
    this.outbox = new Outbox(this::wakeWriter);
  }

  /** Serves the connection until it ends; runs on the session's reader thread. */
  void serve() {
    LineReader reader = new LineReader(channel, MAX_LINE_BYTES);
    LineWriter writer = new LineWriter(channel);
    try {
      if (tokenRequired && !authenticate(reader, writer)) {
        return;
      }
      // A platform thread: it sleeps and wakes during bursts, and a platform thread wakes with one
      // futex call where a virtual one needs the scheduler's timer thread and a carrier besides.
      writerThread = Thread.ofPlatform().daemon().name("mode-inspect-writer-" + id).start(() -> writeLoop(writer));
      readLoop(reader);
    } catch (ProtocolException e) {
      fail(e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.debug("inspect client {} went away: {}", id, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close();
    }
  }

  private boolean authenticate(LineReader reader, LineWriter writer) throws IOException {
    CountDownLatch answered = new CountDownLatch(1);
    Thread.ofVirtual().name("mode-inspect-auth-timeout-" + id).start(() -> cutIfSilent(answered));
    try {
      Frame frame = MessageCodec.decode(requireLine(reader.readLine()));
      checkSeq(frame);
      if (!(frame.message() instanceof InspectMessage.Auth auth)) {
        return refuse(writer, "a token is required first on TCP, got a " + frame.type() + " message");
      }
      byte[] expected = context.token().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(expected, auth.token().getBytes(StandardCharsets.UTF_8))) {
        return refuse(writer, "wrong token");
      }
      java.util.Optional<String> noRoom = context.onAuthenticated().apply(this);
      return noRoom.isEmpty() || refuse(writer, noRoom.get());
    } catch (ProtocolException e) {
      return refuse(writer, e.getMessage());
    } finally {
      answered.countDown();
    }
  }

  private void cutIfSilent(CountDownLatch answered) {
    try {
      if (!answered.await(context.authTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean refuse(LineWriter writer, String message) throws IOException {
    context.refusals().refused("TCP client " + id + ": " + message);
    writer.write(new InspectMessage.ErrorMessage(message));
    return false;
  }

  private static String requireLine(String line) {
    if (line == null) {
      throw new ProtocolException("connection closed before the token was sent");
    }
    return line;
  }

  private void readLoop(LineReader reader) throws IOException, InterruptedException {
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      Frame frame = MessageCodec.decode(line);
      checkSeq(frame);
      switch (frame.message()) {
        case InspectMessage.Command command -> dispatch(frame.seq(), command);
        case InspectMessage.Unknown unknown ->
            throw new ProtocolException("unknown command '" + unknown.type() + "'");
        default -> throw new ProtocolException("a client may not send '" + frame.type() + "' messages");
      }
    }
  }

  /** PROTOCOL.md: a connection's first seq is 1, and each line's is one more than the line before. */
  private void checkSeq(Frame frame) {
    long expected = lastClientSeq + 1;
    if (frame.seq() != expected) {
      throw new ProtocolException("seq " + frame.seq() + " breaks the rule that seq starts at 1 and grows by exactly 1:"
          + (lastClientSeq == 0 ? " the first line must have seq 1" : " expected " + expected + " after " + lastClientSeq));
    }
    lastClientSeq = frame.seq();
  }

  private void dispatch(long seq, InspectMessage.Command command) throws InterruptedException {
    if (command instanceof InspectMessage.Ping) {
      outbox.offer(new InspectMessage.Reply(seq, true, "pong", null), false);
      return;
    }
    if (!commandSlots.tryAcquire()) {
      outbox.offer(new InspectMessage.Reply(seq, false,
          "too many commands in flight (at most " + MAX_COMMANDS_IN_FLIGHT + ")", null), false);
      return;
    }
    // Off the reader thread: a restart may take a while, and the reader must stay responsive.
    Thread.ofVirtual().name("mode-inspect-command-" + id + "-" + seq).start(() -> {
      InspectMessage.Reply reply;
      try {
        reply = execute(seq, command);
      } finally {
        // Freed before the reply is queued: a client that sends its next command when a reply
        // arrives, keeping at most MAX_COMMANDS_IN_FLIGHT unanswered, is never refused.
        commandSlots.release();
      }
      try {
        outbox.offer(reply, false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** How this connection is named in the {@code by} of the moves its commands cause, and in its hello. */
  private String clientName() {
    return "client " + id;
  }

  private InspectMessage.Reply execute(long seq, InspectMessage.Command command) {
    try {
      return command instanceof InspectMessage.ThreadDump
          ? new InspectMessage.Reply(seq, true, "thread dump", ThreadDumps.dump())
          : context.commands().handle(seq, command, clientName());
    } catch (RuntimeException | IOException e) {
      return new InspectMessage.Reply(seq, false, command.type() + " failed: " + e, null);
    }
  }

  private void writeLoop(LineWriter writer) {
    try {
      writer.append(context.hello().forClient(clientName()));
      EventQueue queue = context.events().subscribe(context.queueCapacity());
      events.set(queue);
      if (closed.get()) {
        queue.close(); // close() ran before the queue existed
        return;
      }
      long heldSince = NOT_HELD;
      while (!outbox.isClosed()) {
        boolean replies = !outbox.isEmpty();
        if (!replies && queue.isEmpty()) {
          heldSince = NOT_HELD;
          queue.awaitEvents(IDLE_PARK_NANOS);
          continue;
        }
        if (!replies) {
          long now = context.nanoClock().getAsLong();
          heldSince = heldSince == NOT_HELD ? now : heldSince;
          long wait = BurstHold.remaining(now, context.events().lastChangeNanos(), heldSince);
          if (wait > 0) {
            // Woken early only by a reply or the close, not by each event of the burst.
            LockSupport.parkNanos(this, wait);
            continue;
          }
        }
        heldSince = NOT_HELD;
        if (writeReady(writer, queue)) {
          return;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("inspect client {} stopped reading: {}", id, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A snapshot failed (a service's label() threw): the stream cannot go on correctly.
      LOG.warn("inspect client {}: the event stream ends", id, e);
    } finally {
      closeQueue();
      closeChannel();
    }
  }

  /**
   * Writes the events queued now, then the replies offered before this call (so each comes after
   * the changes its command made), in as few write calls as {@link #BATCH_BYTES} allows; returns
   * whether the connection closes after them.
   */
  private boolean writeReady(LineWriter writer, EventQueue queue) throws IOException, InterruptedException {
    List<Outbox.Send> replies = outbox.drain();
    queue.drainTo(event -> append(writer, new InspectMessage.Event(event)));
    for (Outbox.Send send : replies) {
      append(writer, send.message());
      if (send.thenClose()) {
        writer.flush();
        return true;
      }
    }
    writer.flush();
    return false;
  }

  private static void append(LineWriter writer, InspectMessage message) {
    writer.append(message);
    if (writer.pendingBytes() >= BATCH_BYTES) {
      try {
        writer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void wakeWriter() {
    Thread writer = writerThread;
    if (writer != null) {
      LockSupport.unpark(writer);
    }
  }

  private void closeQueue() {
    EventQueue queue = events.getAndSet(null);
    if (queue != null) {
      queue.close();
    }
  }

  /** Sends an error as the last line, then closes (after a grace period at most). */
  private void fail(String message) {
    LOG.warn("inspect client {} sent bad input: {}", id, message);
    if (writerThread == null) {
      return;
    }
    try {
      outbox.offer(new InspectMessage.ErrorMessage(message), true);
      if (!writerThread.join(CLOSE_GRACE)) {
        LOG.debug("inspect client {} does not read; closing without the error line", id);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Ends the session gracefully as the agent closes: what is queued is written first (the last
   * transitions of a stopping worker), then a final {@code log} line with {@code notice}, then
   * the connection closes; within {@code grace} at most, so a client that does not read cannot
   * hold the worker's exit up.
   */
  void closeAfterQueued(String notice, Duration grace) {
    Thread writer = writerThread;
    if (writer != null && !closed.get()) {
      try {
        outbox.offer(new InspectMessage.Event(
            new ServiceEvent.Log(java.time.Instant.now(), null, "INFO", "mode.inspect", notice)), true);
        writer.join(grace);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    close();
  }

  /** Ends the session: subscription, queue and socket. Idempotent, safe from any thread. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    outbox.close();
    closeQueue();
    closeChannel();
    context.onClosed().accept(this);
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing inspect client {}: {}", id, e.toString());
    }
  }
}
