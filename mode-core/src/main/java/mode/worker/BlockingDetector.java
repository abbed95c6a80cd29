package mode.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mode.events.ServiceEvent;
import mode.internal.Activities;
import mode.internal.EventHub;
import mode.internal.ServiceMarkers;
import mode.jfr.BlockingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's watchdog: reports every hook, task step and timer callback that has been running
 * longer than the blocking timeout (mode's {@code BlockingDetector}, which mode never starts by
 * itself; here it always runs with the worker).
 *
 * <p>A platform daemon thread polls {@link Activities#running()} every quarter of the timeout
 * (at least every 10 ms). Each busy stretch is reported once, with a WARN log line naming the
 * service, the activity, how long it has run and the thread's stack (attributed to the service, so
 * that its {@link ServiceEvent.Log} event carries the service's id), and a {@link
 * ServiceEvent.Blocking} event for subscribers (the inspector). Unlike mode it does not raise an
 * exception in the blocked code: it only observes.
 *
 * <p>{@link #close()} stops the thread and waits for it.
 */
public final class BlockingDetector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockingDetector.class);

  private final Duration timeout;
  private final Thread thread;
  /** Busy stretches already reported: the activity's token and its start. Watchdog thread only. */
  private final Set<List<Object>> reported = new HashSet<>();

  /** A detector whose thread is not started: tests drive {@link #checkOnce()} themselves. */
  BlockingDetector(Duration timeout) {
    this.timeout = timeout;
    this.thread = Thread.ofPlatform().daemon().name("mode-blocking-detector").unstarted(this::watch);
  }

  /**
   * Starts watching with {@code timeout}.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public static BlockingDetector start(Duration timeout) {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("blocking timeout must be positive, was " + timeout);
    }
    BlockingDetector detector = new BlockingDetector(timeout);
    detector.thread.start();
    return detector;
  }

  private void watch() {
    long period = Math.max(timeout.toNanos() / 4, Duration.ofMillis(10).toNanos());
    try {
      while (!Thread.currentThread().isInterrupted()) {
        checkOnce();
        Thread.sleep(Duration.ofNanos(period));
      }
    } catch (InterruptedException e) {
      // close() asked us to stop
    }
  }

  /** Reports the activities over the timeout that were not reported yet, and returns them. */
  List<Activities.Running> checkOnce() {
    List<Activities.Running> newlyReported = new ArrayList<>();
    Set<List<Object>> current = new HashSet<>();
    for (Activities.Running running : Activities.running()) {
      List<Object> key = List.of(running.token(), running.sinceNanos());
      current.add(key);
      Duration elapsed = running.elapsed();
      if (elapsed.compareTo(timeout) > 0 && reported.add(key)) {
        report(running, elapsed);
        newlyReported.add(running);
      }
    }
    reported.retainAll(current);
    return newlyReported;
  }

  private void report(Activities.Running running, Duration elapsed) {
    String stack = ThreadDumps.format(running.thread().getStackTrace());
    String label = running.service().label();
    // The marker attributes the line to the blocked service, so its Log event carries the id.
    LOG.warn(
        ServiceMarkers.of(running.service()),
        "Blocking detected (timeout={}s): {} of {} has been running for {}s on thread {}\n{}",
        seconds(timeout), running.what(), label, seconds(elapsed),
        ThreadDumps.describe(running.thread()), stack.stripTrailing());
    EventHub.publish(
        running.service(),
        new ServiceEvent.Blocking(Instant.now(), running.service().id(), running.what(), elapsed, stack));
    BlockingEvent.record(running.service(), running.what(), elapsed, stack);
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.3f", d.toNanos() / 1e9);
  }

  /** Stops the watchdog and waits for its thread to end. */
  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }
}
