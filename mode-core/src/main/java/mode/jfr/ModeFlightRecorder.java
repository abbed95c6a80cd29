package mode.jfr;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import mode.Service;

/**
 * Puts the trees of mode services into JDK Flight Recorder recordings.
 *
 * <p>{@link #watch(Service)} registers a tree. The whole tree is written as {@link
 * ServiceNodeEvent}s when a recording begins to run, at the beginning and end of every chunk, and
 * when the watch is closed. Transitions, start and stop durations, blocking reports and timer
 * overruns ({@link ServiceTransitionEvent}, {@link ServiceStartEvent}, {@link ServiceStopEvent},
 * {@link BlockingEvent}, {@link TimerOverrunEvent}) are recorded for every service, watched or
 * not, by the thread that does the work (transitions through a log that a writer thread commits),
 * the way the JDK's own events are: while no recording takes them, each costs one check. (A
 * subscriber to {@link mode.events.ServiceEvents} would lose events in a burst, by design, and its
 * fresh snapshots hold the runtime's lock: a recording must hold every transition, and cost the
 * services as little as possible.)
 *
 * <p>Nothing here starts Flight Recorder: recordings come from {@code -XX:StartFlightRecording},
 * {@code jcmd <pid> JFR.start} or {@link Recording}. Thread-safe.
 */
public final class ModeFlightRecorder {
  private static final Set<Watch> WATCHES = new CopyOnWriteArraySet<>();
  /**
   * Serializes following: each pass reads the recordings' current state and applies it, so the
   * last pass to run leaves the right answer. Never held by a Flight Recorder callback.
   */
  private static final ReentrantLock FOLLOW = new ReentrantLock();
  private static boolean listening; // guarded by FOLLOW
  private static boolean hooked; // guarded by FOLLOW

  private ModeFlightRecorder() {}

  /**
   * Watches the tree under {@code root} until the returned handle is closed. A Worker watches
   * its own tree; call this for services run without one. A recording that already runs is
   * followed before this returns; one started later is followed a moment after it starts.
   *
   * @param root the service whose tree is watched
   * @return closes the watch (idempotent)
   * @throws NullPointerException if {@code root} is null
   */
  public static AutoCloseable watch(Service root) {
    Watch watch = new Watch(Objects.requireNonNull(root, "root"));
    WATCHES.add(watch);
    FOLLOW.lock();
    try {
      if (!listening) {
        listening = true;
        // Does not start Flight Recorder; if it is up, recorderInitialized is called at once.
        FlightRecorder.addListener(new Listener());
      }
    } finally {
      FOLLOW.unlock();
    }
    if (FlightRecorder.isInitialized()) {
      followRecordings();
    }
    return watch;
  }

  /**
   * Registers the tree hook once and makes every watch follow whether a recording runs. Takes
   * Flight Recorder's locks, so it never runs inside one of its callbacks.
   */
  private static void followRecordings() {
    FOLLOW.lock();
    try {
      if (!hooked) {
        hooked = true;
        FlightRecorder.addPeriodicEvent(ServiceNodeEvent.class, ModeFlightRecorder::writeTrees);
      }
      boolean running = FlightRecorder.getFlightRecorder().getRecordings().stream()
          .anyMatch(r -> r.getState() == RecordingState.RUNNING);
      for (Watch watch : WATCHES) {
        watch.follow(running);
      }
    } finally {
      FOLLOW.unlock();
    }
  }

  private static void writeTrees() {
    for (Watch watch : WATCHES) {
      TreeWriter.write(watch.root);
    }
  }

  /**
   * Follows recordings as they start and stop. Flight Recorder calls it with its own locks held,
   * so it hands the work to a thread of its own (calling back into Flight Recorder from here can
   * deadlock with a thread that dumps a recording).
   */
  private static final class Listener implements FlightRecorderListener {
    @Override
    public void recorderInitialized(FlightRecorder recorder) {
      Thread.ofVirtual().name("mode-jfr-follow").start(ModeFlightRecorder::followRecordings);
    }

    @Override
    public void recordingStateChanged(Recording recording) {
      Thread.ofVirtual().name("mode-jfr-follow").start(ModeFlightRecorder::followRecordings);
    }
  }

  /** One watched tree: whether a recording runs, so that its tree is written when that begins. */
  private static final class Watch implements AutoCloseable {
    private final Service root;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean following; // guarded by lock
    private boolean closed; // guarded by lock

    Watch(Service root) {
      this.root = root;
    }

    /** Writes the tree when recordings begin to run (the chunk that runs began before). */
    void follow(boolean recording) {
      lock.lock();
      try {
        if (recording && !following && !closed) {
          TreeWriter.write(root);
        }
        following = recording && !closed;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      WATCHES.remove(this);
      lock.lock();
      try {
        if (following) {
          TreeWriter.write(root); // its last state; a chunk that ends later no longer sees it
        }
        closed = true;
        following = false;
      } finally {
        lock.unlock();
      }
    }
  }
}
