package mode.jfr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.FlightRecorder;
import mode.Service;
import mode.State;
import mode.internal.EventHub;
import mode.internal.WallClock;

/**
 * Transitions on their way into a recording. The thread that moves a service writes the move's
 * plain values into a segment here, under the runtime's hub lock that it already holds for the move
 * (a few array stores); a writer thread of its own turns them into {@link ServiceTransitionEvent}s
 * a moment later (in a pause of the moves, within about 120 ms), in the order the moves were
 * made. Nothing is lost: at the end of every chunk
 * (so before a recording stops or is dumped) Flight Recorder runs {@link #drain()}, and a mover
 * that finds {@link #MAX_PENDING} segments waiting commits them itself.
 *
 * <p>Why not one event per move on the mover's thread: an event costs about as much as the move
 * itself (its label, class and state names, its clock read), and a tree's start is mostly moves.
 *
 * <p>Threading: {@link #appendLocked} with the hub lock held; {@link #afterMove()} right after it is
 * released; {@link #drain()} from any thread that holds neither the hub lock nor a lock of a
 * caller's.
 */
final class TransitionLog {
  /** Moves per segment. */
  static final int SEGMENT = 1024;
  /** Full segments that may wait for the writer before a mover commits them itself. */
  static final int MAX_PENDING = 256;
  /**
   * Full segments that wake the writer before its round and end its wait for a pause: it is not
   * woken at every segment, as a writer that commits while the movers move competes with them for
   * the processors.
   */
  static final int WAKE_AT = MAX_PENDING / 2;
  /** How often the writer commits what has come, at the least. */
  private static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  /**
   * A pause in moves this long ends a burst. The writer commits in the pauses: a burst of starts
   * and stops (a restart storm, a tree coming up) is not slowed by the recording's own work, which
   * takes place right after it.
   */
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** The longest the writer waits for a pause before it commits anyway. */
  private static final long MAX_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** How long the writer waits with nothing to write before it ends (a later move starts another). */
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** Emptied segments kept for reuse. */
  private static final int POOL = 4;

  /** The plain values of up to {@link #SEGMENT} moves, in the order they were made. */
  private static final class Segment {
    final Service[] services = new Service[SEGMENT];
    final Thread[] threads = new Thread[SEGMENT];
    final long[] nanos = new long[SEGMENT];
    /** The from state's ordinal, and the to state's shifted left by 8. */
    final short[] moves = new short[SEGMENT];
    final int[] restarts = new int[SEGMENT];
    /** Made at the first crash written into the segment. */
    String[] reasons;
    long firstSequence;
    int size;

    void clear() {
      Arrays.fill(services, 0, size, null);
      Arrays.fill(threads, 0, size, null);
      reasons = null;
      size = 0;
    }
  }

  private static final State[] STATES = State.values();

  // Guarded by the hub lock (EventHub).
  private static Segment current;
  private static final ArrayDeque<Segment> full = new ArrayDeque<>();
  private static final ArrayDeque<Segment> pool = new ArrayDeque<>();
  private static long sequence;
  /** The time stamp of the last move written. */
  private static long lastMoveNanos;
  private static Thread writer;
  private static boolean wakeWriter;

  /** Set under the hub lock when the mover must act after releasing it (start or wake the writer, catch up). */
  private static volatile boolean attention;

  /** Serializes draining, so that events are committed in the order of the moves. */
  private static final ReentrantLock DRAIN = new ReentrantLock();
  /** Whether Flight Recorder drains the log at chunk boundaries yet; guarded by {@link #DRAIN}. */
  private static boolean hooked;

  /** The lock that serializes draining; a test holds it to keep the writer out. */
  static ReentrantLock drainLock() {
    return DRAIN;
  }

  /** How many full segments wait to be committed. */
  static int pendingSegments() {
    EventHub.lock();
    try {
      return full.size();
    } finally {
      EventHub.unlock();
    }
  }
  private TransitionLog() {}

  /** Writes one move; the caller holds the hub lock and has checked that a recording takes it. */
  static void appendLocked(Service service, State from, State to, int restartCount, String crashReason,
      long nanos) {
    Segment seg = current;
    if (seg == null) {
      seg = pool.poll();
      if (seg == null) {
        seg = new Segment();
      }
      seg.firstSequence = sequence;
      current = seg;
      if (writer == null) {
        attention = true;
      }
    }
    int i = seg.size;
    seg.services[i] = service;
    seg.threads[i] = Thread.currentThread();
    seg.nanos[i] = nanos;
    seg.moves[i] = (short) (from.ordinal() | to.ordinal() << 8);
    seg.restarts[i] = restartCount;
    if (crashReason != null) {
      if (seg.reasons == null) {
        seg.reasons = new String[SEGMENT];
      }
      seg.reasons[i] = crashReason;
    }
    sequence++;
    lastMoveNanos = nanos;
    if (++seg.size == SEGMENT) {
      full.add(seg);
      current = null;
      if (full.size() == WAKE_AT) {
        wakeWriter = true;
        attention = true;
      } else if (full.size() >= MAX_PENDING) {
        attention = true; // the mover commits them itself, right after the move
      }
    }
  }

  /** Right after the hub lock is released: starts or wakes the writer, or catches up when far behind. */
  static void afterMove() {
    if (!attention || EventHub.heldByCurrentThread()) {
      return; // (a move made under an outer hold of the hub lock: the next move outside it acts)
    }
    Thread start = null;
    Thread wake = null;
    boolean behind;
    EventHub.lock();
    try {
      attention = false;
      if (writer == null && (current != null || !full.isEmpty())) {
        writer = start = Thread.ofPlatform().daemon().name("mode-jfr-transitions").unstarted(TransitionLog::write);
      } else if (wakeWriter) {
        wake = writer;
      }
      wakeWriter = false;
      behind = full.size() >= MAX_PENDING;
    } finally {
      EventHub.unlock();
    }
    if (start != null) {
      hook(); // before the writer runs: a recording that stops at once still gets these moves
      start.start();
    } else if (wake != null) {
      LockSupport.unpark(wake);
    }
    if (behind) {
      drain();
    }
  }

  /** The writer: commits what has come every {@link #FLUSH_NANOS}, or sooner when {@link #WAKE_AT} segments wait. */
  private static void write() {
    long idleSince = System.nanoTime();
    while (true) {
      LockSupport.parkNanos(FLUSH_NANOS);
      // A segment at a time, each in a pause: a burst that begins while the writer commits gets
      // the processors back within a segment's commits.
      long round = System.nanoTime();
      int written = 0;
      int n;
      do {
        awaitPause(round);
        n = drain(1);
        written += n;
      } while (n > 0);
      if (written > 0) {
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince > IDLE_NANOS) {
        EventHub.lock();
        try {
          if (current == null && full.isEmpty()) {
            writer = null;
            return;
          }
        } finally {
          EventHub.unlock();
        }
      }
    }
  }

  /**
   * Waits while moves are being made (no pause of {@link #QUIET_NANOS} yet), until {@link
   * #MAX_HOLD_NANOS} after {@code heldSince} at most, or until {@link #WAKE_AT} segments are full.
   */
  private static void awaitPause(long heldSince) {
    while (true) {
      long last;
      int pending;
      EventHub.lock();
      try {
        last = lastMoveNanos;
        pending = full.size();
      } finally {
        EventHub.unlock();
      }
      long now = System.nanoTime();
      if (now - last >= QUIET_NANOS || now - heldSince >= MAX_HOLD_NANOS || pending >= WAKE_AT) {
        return;
      }
      LockSupport.parkNanos(QUIET_NANOS);
    }
  }

  /** Has Flight Recorder drain the log at the beginning and end of every chunk (once per JVM). */
  private static void hook() {
    DRAIN.lock();
    try {
      if (hooked) {
        return;
      }
      hooked = true;
    } finally {
      DRAIN.unlock();
    }
    FlightRecorder.addPeriodicEvent(ServiceTransitionEvent.class, TransitionLog::drain);
  }

  /**
   * Commits every move written so far, in order; returns how many. Called by the writer, by Flight
   * Recorder at chunk boundaries, and by a mover that finds the writer far behind.
   */
  static int drain() {
    return drain(Integer.MAX_VALUE);
  }

  /** Commits the moves of up to {@code segments} segments, the oldest first; returns how many. */
  private static int drain(int segments) {
    DRAIN.lock();
    try {
      List<Segment> taken = new ArrayList<>();
      EventHub.lock();
      try {
        while (taken.size() < segments && !full.isEmpty()) {
          taken.add(full.poll());
        }
        if (taken.size() < segments && current != null && current.size > 0) {
          taken.add(current);
          current = null;
        }
      } finally {
        EventHub.unlock();
      }
      int count = 0;
      for (Segment seg : taken) {
        for (int i = 0; i < seg.size; i++) {
          commit(seg, i);
        }
        count += seg.size;
        seg.clear();
      }
      if (!taken.isEmpty()) {
        EventHub.lock();
        try {
          for (Segment seg : taken) {
            if (pool.size() < POOL) {
              pool.add(seg);
            }
          }
        } finally {
          EventHub.unlock();
        }
      }
      return count;
    } finally {
      DRAIN.unlock();
    }
  }

  private static void commit(Segment seg, int i) {
    Service service = seg.services[i];
    ServiceTransitionEvent e = new ServiceTransitionEvent();
    e.serviceId = service.id();
    e.label = labelOf(service);
    e.serviceClass = service.getClass().getName();
    e.from = STATES[seg.moves[i] & 0xff].name();
    e.to = STATES[seg.moves[i] >>> 8].name();
    e.restartCount = seg.restarts[i];
    e.crashReason = seg.reasons == null ? null : seg.reasons[i];
    e.changedAt = WallClock.instantAt(seg.nanos[i]).toEpochMilli();
    e.sequence = seg.firstSequence + i;
    e.movedBy = seg.threads[i];
    e.commit();
  }

  /** A label is user code: one that throws must not cost the recording its other moves. */
  private static String labelOf(Service service) {
    try {
      return service.label();
    } catch (RuntimeException e) {
      return service.getClass().getSimpleName();
    }
  }
}
