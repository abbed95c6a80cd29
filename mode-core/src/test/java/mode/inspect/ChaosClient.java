package mode.inspect;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import mode.chaos.Picture;

/**
 * A client of the agent for the chaos test and the soak benchmark, written against the wire
 * protocol only: it reads the stream on a thread of its own into a {@link Picture}, can stop
 * reading for a while (a stalled client, with a small receive buffer so that the agent's writes
 * block soon), and marks quiescent points with a ping whose reply comes after every event queued
 * before it. Also checks the frame promises: {@code hello} first, {@code seq} 1, 2, 3, …
 */
public final class ChaosClient implements AutoCloseable {

  private final String name;
  private final SocketChannel channel;
  private final LineReader reader;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Picture picture = new Picture();
  private final List<String> violations = new ArrayList<>();
  private long frames;
  private long nextSeq = 1;
  private long repliedTo;
  private long countAtReply;
  private boolean stalled;
  private boolean ended;
  private Throwable failure;
  private final Thread thread;

  private ChaosClient(String name, SocketChannel channel) {
    this.name = name;
    this.channel = channel;
    this.reader = new LineReader(channel, InspectClient.MAX_LINE_BYTES);
    this.thread = Thread.ofPlatform().daemon().name("chaos-client-" + name).start(this::readLoop);
  }

  /**
   * Connects to the agent of {@code descriptor}: over its Unix socket, or over TCP with its token
   * when {@code tcp}; a positive {@code receiveBuffer} sets the socket's receive buffer first.
   */
  public static ChaosClient connect(String name, Descriptor descriptor, boolean tcp, int receiveBuffer)
      throws IOException {
    SocketChannel channel = SocketChannel.open(tcp ? StandardProtocolFamily.INET : StandardProtocolFamily.UNIX);
    if (receiveBuffer > 0) {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
    }
    channel.connect(tcp
        ? new InetSocketAddress(descriptor.tcpHost(), descriptor.tcpPort())
        : UnixDomainSocketAddress.of(descriptor.socket()));
    ChaosClient client = new ChaosClient(name, channel);
    if (tcp) {
      client.send(new InspectMessage.Auth(descriptor.token()));
    }
    return client;
  }

  private void readLoop() {
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        awaitNotStalled();
        Frame frame = MessageCodec.decode(line);
        lock.lock();
        try {
          take(frame);
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
      end(null);
    } catch (IOException | RuntimeException | InterruptedException e) {
      end(e);
    }
  }

  private void take(Frame frame) {
    frames++;
    if (frame.seq() != frames) {
      violation("frame " + frames + " has seq " + frame.seq());
    }
    if ((frames == 1) != (frame.message() instanceof InspectMessage.Hello)) {
      violation("frame " + frames + " is a " + frame.type());
    }
    switch (frame.message()) {
      case InspectMessage.Event e -> picture.apply(e.event());
      case InspectMessage.Reply r -> {
        repliedTo = r.re();
        countAtReply = picture.deltas() + picture.dropped();
      }
      case InspectMessage.ErrorMessage error -> violation("error from the agent: " + error.message());
      default -> {
        // hello
      }
    }
  }

  private void awaitNotStalled() throws InterruptedException {
    lock.lock();
    try {
      while (stalled) {
        changed.await();
      }
    } finally {
      lock.unlock();
    }
  }

  private void end(Throwable why) {
    lock.lock();
    try {
      ended = true;
      failure = why;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void violation(String what) {
    if (violations.size() < 20) {
      violations.add(name + ": " + what);
    }
  }

  private void send(InspectMessage message) throws IOException {
    long seq;
    lock.lock();
    try {
      seq = nextSeq++;
    } finally {
      lock.unlock();
    }
    String line = MessageCodec.encode(new Frame(seq, Instant.now(), message)) + "\n";
    ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /** Stops reading until {@link #resume()}: the agent's writes to it block once the buffers fill. */
  public void stall() {
    lock.lock();
    try {
      stalled = true;
    } finally {
      lock.unlock();
    }
  }

  /** Reads again. */
  public void resume() {
    lock.lock();
    try {
      stalled = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends a ping and waits (at most {@code timeoutSeconds}) for its reply; returns how many events
   * the client had then accounted for: those it read (snapshots and gaps aside) plus those its gaps
   * said it missed.
   *
   * @throws AssertionError if no reply came in time or the connection ended
   */
  public long barrier(long timeoutSeconds) throws IOException, InterruptedException {
    long seq;
    lock.lock();
    try {
      seq = nextSeq;
    } finally {
      lock.unlock();
    }
    send(new InspectMessage.Ping());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    lock.lock();
    try {
      while (repliedTo < seq) {
        if (ended) {
          throw new AssertionError(name + ": the connection ended before the ping's reply", failure);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(name + ": no reply to a ping in " + timeoutSeconds + " s");
        }
        changed.awaitNanos(left);
      }
      return countAtReply;
    } finally {
      lock.unlock();
    }
  }

  /** The client's picture of the tree now. */
  public Map<Long, Picture.Node> nodes() {
    lock.lock();
    try {
      return picture.nodes();
    } finally {
      lock.unlock();
    }
  }

  /** Broken promises of the frames and of the stream. */
  public List<String> violations() {
    lock.lock();
    try {
      List<String> all = new ArrayList<>(violations);
      picture.violations().forEach(v -> all.add(name + ": " + v));
      return all;
    } finally {
      lock.unlock();
    }
  }

  /** Gaps and snapshots read so far, as {gaps, snapshots}. */
  public long[] resyncs() {
    lock.lock();
    try {
      return new long[] {picture.gaps(), picture.snapshots()};
    } finally {
      lock.unlock();
    }
  }

  /** The client's name. */
  public String name() {
    return name;
  }

  @Override
  public void close() throws IOException {
    resume();
    channel.close();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
