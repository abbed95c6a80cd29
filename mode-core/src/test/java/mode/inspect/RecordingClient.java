package mode.inspect;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** An {@link InspectClient} that keeps every frame, error and the close, for assertions. */
final class RecordingClient implements AutoCloseable {

  final InspectClient client;
  final List<Frame> frames = new CopyOnWriteArrayList<>();
  final List<Throwable> errors = new CopyOnWriteArrayList<>();
  final CountDownLatch closed = new CountDownLatch(1);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();

  RecordingClient(InspectTarget target) throws IOException {
    client = InspectClient.connect(target)
        .onMessage(this::add)
        .onError(errors::add)
        .onClose(closed::countDown);
    client.startAsync();
  }

  private void add(Frame frame) {
    lock.lock();
    try {
      frames.add(frame);
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits (at most 30 s) until {@code count} frames have arrived; true if they did. */
  boolean awaitFrames(int count) throws InterruptedException {
    return awaitFrames(frames -> frames.size() >= count);
  }

  /** Waits (at most 30 s) until the frames so far satisfy {@code condition}; true if they did. */
  boolean awaitFrames(java.util.function.Predicate<List<Frame>> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    lock.lock();
    try {
      while (!condition.test(frames)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        arrived.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  List<String> types() {
    return frames.stream().map(Frame::type).toList();
  }

  List<InspectMessage> messages() {
    return frames.stream().map(Frame::message).toList();
  }

  @Override
  public void close() {
    client.close();
  }
}
