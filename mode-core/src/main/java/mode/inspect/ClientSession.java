package mode.inspect;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the agent: a reader thread (this one's {@link #serve()}), a writer
 * thread draining the client's {@link Outbox}, an event subscription feeding it, and a virtual
 * thread per command. Bad input ends only this connection, after an {@code error} line.
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
      java.util.function.Consumer<ClientSession> onClosed) {}

  private final long id;
  private final SocketChannel channel;
  private final Context context;
  private final boolean tokenRequired;
  private final Outbox outbox;
  private final Semaphore commandSlots = new Semaphore(MAX_COMMANDS_IN_FLIGHT);
  private final ReentrantLock subscriptionLock = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();
  private EventSubscription subscription;
  private Thread writerThread;
  private long lastClientSeq = -1;

  ClientSession(long id, SocketChannel channel, Context context, boolean tokenRequired) {
    this.id = id;
    this.channel = channel;
    this.context = context;
    this.tokenRequired = tokenRequired;
    this.outbox = new Outbox(context.queueCapacity(), context.events()::lastChangeNanos);
  }

  /** Serves the connection until it ends; runs on the session's reader thread. */
  void serve() {
    LineReader reader = new LineReader(channel, MAX_LINE_BYTES);
    LineWriter writer = new LineWriter(channel);
    try {
      if (tokenRequired && !authenticate(reader, writer)) {
        return;
      }
      writerThread = Thread.ofVirtual().name("mode-inspect-writer-" + id).start(() -> writeLoop(writer));
      outbox.offerControl(context.hello(), false);
      subscribe(outbox.generation());
      readLoop(reader);
    } catch (ProtocolException e) {
      fail(e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.debug("inspect client {} went away: {}", id, e.toString());
    } finally {
      close();
    }
  }

  private boolean authenticate(LineReader reader, LineWriter writer) throws IOException {
    CountDownLatch answered = new CountDownLatch(1);
    Thread.ofVirtual().name("mode-inspect-auth-timeout-" + id).start(() -> cutIfSilent(answered));
    try {
      Frame frame = MessageCodec.decode(requireLine(reader.readLine()));
      lastClientSeq = frame.seq();
      if (!(frame.message() instanceof InspectMessage.Auth auth)) {
        return refuse(writer, "a token is required first on TCP, got a " + frame.type() + " message");
      }
      byte[] expected = context.token().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(expected, auth.token().getBytes(StandardCharsets.UTF_8))) {
        return refuse(writer, "wrong token");
      }
      return true;
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
    LOG.warn("inspect client {} refused: {}", id, message);
    writer.write(new InspectMessage.ErrorMessage(message));
    return false;
  }

  private static String requireLine(String line) {
    if (line == null) {
      throw new ProtocolException("connection closed before the token was sent");
    }
    return line;
  }

  private void readLoop(LineReader reader) throws IOException {
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      Frame frame = MessageCodec.decode(line);
      if (frame.seq() <= lastClientSeq) {
        throw new ProtocolException("seq " + frame.seq() + " does not follow " + lastClientSeq);
      }
      lastClientSeq = frame.seq();
      switch (frame.message()) {
        case InspectMessage.Command command -> dispatch(frame.seq(), command);
        case InspectMessage.Unknown unknown ->
            throw new ProtocolException("unknown command '" + unknown.type() + "'");
        default -> throw new ProtocolException("a client may not send '" + frame.type() + "' messages");
      }
    }
  }

  private void dispatch(long seq, InspectMessage.Command command) {
    if (command instanceof InspectMessage.Ping) {
      outbox.offerControl(new InspectMessage.Reply(seq, true, "pong", null), false);
      return;
    }
    if (!commandSlots.tryAcquire()) {
      outbox.offerControl(new InspectMessage.Reply(seq, false,
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
      outbox.offerControl(reply, false);
    });
  }

  private InspectMessage.Reply execute(long seq, InspectMessage.Command command) {
    try {
      return command instanceof InspectMessage.ThreadDump
          ? new InspectMessage.Reply(seq, true, "thread dump", ThreadDumps.dump())
          : context.commands().handle(seq, command);
    } catch (RuntimeException | IOException e) {
      return new InspectMessage.Reply(seq, false, command.type() + " failed: " + e, null);
    }
  }

  private void writeLoop(LineWriter writer) {
    try {
      for (Outbox.Item item = outbox.take(); item != null; item = outbox.take()) {
        switch (item) {
          case Outbox.Send send -> {
            if (writeBatch(writer, send)) {
              return;
            }
          }
          case Outbox.Resubscribe resubscribe -> {
            // The old subscription's own count, final once it is closed, includes the events the
            // runtime did not even queue once it was suspended; the gaps it delivered already
            // stand for part of it. The gap counts every event this client missed, once.
            long unqueued = closeSubscription() - resubscribe.gapsSeen();
            ServiceEvent.Gap gap = resubscribe.gap();
            writer.write(new InspectMessage.Event(new ServiceEvent.Gap(gap.at(), gap.dropped() + unqueued)));
            subscribe(resubscribe.nextGeneration());
          }
        }
      }
    } catch (IOException e) {
      LOG.debug("inspect client {} stopped reading: {}", id, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeChannel();
    }
  }

  /**
   * Writes {@code first} and every message that may leave right after it, in one write call (up
   * to {@link #BATCH_BYTES}); returns whether the connection closes after the last one.
   */
  private boolean writeBatch(LineWriter writer, Outbox.Send first) throws IOException {
    Outbox.Send send = first;
    writer.append(send.message());
    while (!send.thenClose() && writer.pendingBytes() < BATCH_BYTES) {
      Outbox.Send more = outbox.poll();
      if (more == null) {
        break;
      }
      writer.append(more.message());
      send = more;
    }
    writer.flush();
    return send.thenClose();
  }

  /** Replaces the subscription; the new one starts with a snapshot. */
  private void subscribe(long generation) {
    subscriptionLock.lock();
    try {
      closeSubscription();
      if (!closed.get()) {
        AtomicBoolean suspended = new AtomicBoolean();
        AtomicReference<EventSubscription> self = new AtomicReference<>();
        self.set(context.events().subscribe(context.queueCapacity(), event -> {
          if (!outbox.offerEvent(generation, event)) {
            EventSubscription sub = self.get(); // null only while subscribe() has not returned yet
            if (sub != null && suspended.compareAndSet(false, true)) {
              suspend(sub);
            }
          }
        }));
        subscription = self.get();
      }
    } finally {
      subscriptionLock.unlock();
    }
  }

  /**
   * The client fell behind: until it has caught up and subscribes again, the runtime need not
   * even build its events (they are counted as dropped). Takes no lock: it runs on the thread that
   * delivers events, which may hold the source's own lock while {@link #subscribe} holds the
   * session's and waits for the source (to close the old subscription). Suspending a subscription
   * that was replaced meanwhile is harmless: it is closed already.
   */
  private void suspend(EventSubscription sub) {
    context.events().suspend(sub);
  }

  /** Closes the subscription, if any; returns the events it dropped in all. */
  private long closeSubscription() {
    subscriptionLock.lock();
    try {
      if (subscription == null) {
        return 0;
      }
      subscription.close();
      long dropped = subscription.dropped();
      subscription = null;
      return dropped;
    } finally {
      subscriptionLock.unlock();
    }
  }

  /** Sends an error as the last line, then closes (after a grace period at most). */
  private void fail(String message) {
    LOG.warn("inspect client {} sent bad input: {}", id, message);
    if (writerThread == null) {
      return;
    }
    outbox.offerControl(new InspectMessage.ErrorMessage(message), true);
    try {
      if (!writerThread.join(CLOSE_GRACE)) {
        LOG.debug("inspect client {} does not read; closing without the error line", id);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the session: subscription, queue and socket. Idempotent, safe from any thread. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeSubscription();
    outbox.close();
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
