package mode;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lifecycle operations of one service, carried out one at a time in the order they arrived:
 * the serialization behind {@link Service#start()}, {@link Service#stop()} and {@link
 * Service#restart()} when they are called from several threads at once.
 *
 * <p>Each call becomes an operation in this service's queue, or joins one already there and
 * shares its outcome (see {@link #perform}); an operation is carried out on the thread that made
 * it, once every earlier one is done. A lifecycle call made on the thread that is carrying out
 * this service's current operation (a hook stopping its own service) runs at once, inside it.
 * Operations on a dependency are queued on the dependency, while the parent's operation holds the
 * parent's turn: turns are taken parent first, along the dependency edges, so they cannot wait
 * in a circle.
 *
 * <p>The lock guards the queue and is never held while an operation runs (hooks run without
 * it). Waiting for a turn is not interruptible (the interrupt status is kept). The service's
 * background registrations ({@link TaskRunner}, {@link Contexts}) use the same lock for their own
 * short critical sections, which take no other lock of the service and wait for nothing: one lock
 * object less per service, and the one a stop takes is already at hand.
 */
final class LifecycleQueue {

  /** What an operation does. */
  enum Kind {
    START,
    /** mode's {@code maybe_start}: starts only from INIT; used by parents and supervisors. */
    MAYBE_START,
    STOP,
    RESTART,
    /** A parent's restart resetting this service (back to INIT); never joined. */
    RESET;

    boolean starts() {
      return this == START || this == MAYBE_START || this == RESTART;
    }
  }

  /** The work of one operation; returns whether it acted (for {@code maybeStart}). */
  @FunctionalInterface
  interface Body {
    boolean run();
  }

  /**
   * How a call ended.
   *
   * @param state the service's state when the operation completed; for a start or restart that
   *     gave up because a stop came after it, the state that stop left (when the caller asked to
   *     wait for it)
   * @param joined whether the call joined an operation of another caller instead of queueing its
   *     own
   * @param acted whether the call's own operation acted (a {@code maybeStart} that started)
   * @param sequence the operation's place in this service's order (1, 2, …); calls that joined
   *     one share it; -1 for a call run inside the current operation
   */
  record Outcome(State state, boolean joined, boolean acted, long sequence) {}

  private static final class Op {
    final Kind kind;
    final long sequence;
    /** The fields below are guarded by the queue's lock. */
    Op next;
    boolean begun;
    boolean done;
    State state;
    boolean acted;
    Throwable failure;
    /** The stop that made this start give up; its outcome is this one's. */
    Op supersededBy;
    /**
     * Whether this is a start that gave up with no stop queued here (an ancestor's stop woke it;
     * that stop stops this service later).
     */
    boolean awaitsStop;
    /** For such a start: the state the next stop done here left, once it is done; else null. */
    State settledByStop;

    Op(Kind kind, long sequence) {
      this.kind = kind;
      this.sequence = sequence;
    }
  }

  private final Service service;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}; null until an operation has to wait (idle services never do). */
  private Condition changed;
  /** Guarded by {@link #lock}: the operation being carried out (or next), and the last queued. */
  private Op head;
  private Op tail;
  /** Guarded by {@link #lock}: the thread carrying out {@link #head}, or null. */
  private Thread owner;
  /** Guarded by {@link #lock}. */
  private long sequences;
  /**
   * Guarded by {@link #lock}: starts that gave up for a stop not yet queued here; the next stop
   * done records the state it left as their settled state (read later, the service's own state may
   * already belong to a later operation, e.g. a parent's reset).
   */
  private java.util.List<Op> awaitingStop;
  /** Stops queued behind the current operation; written under the lock. */
  private volatile int stopsWaiting;

  LifecycleQueue(Service service) {
    this.service = service;
  }

  /** The queue's lock, shared with the service's background registrations. */
  ReentrantLock lock() {
    return lock;
  }

  /** Whether a stop waits for its turn: a start in progress then gives up at its next step. */
  boolean stopWaiting() {
    return stopsWaiting > 0;
  }

  /**
   * Carries out an operation of {@code kind} in this service's order, or joins one:
   *
   * <ul>
   *   <li>a start joins the last queued start or restart (begun or not); a {@code maybeStart}
   *       joins nothing (its turn comes after them, and it then finds the service started);
   *   <li>a stop joins the last queued stop; when it queues its own behind a start or restart
   *       that is being carried out, {@code onStopQueued} runs first (it makes that start give
   *       up at its next step, as mode's stop does);
   *   <li>a restart joins the last queued restart that has not begun (so its stop and start
   *       both come after the call);
   *   <li>otherwise the call queues its own operation and carries it out when its turn comes.
   * </ul>
   *
   * @param settle whether a start or restart that gave up for a later stop waits for that stop
   *     (so that its outcome is a settled state)
   * @throws ServiceException what the operation threw; a caller that joined gets a new exception
   *     with the same message whose cause is the original cause
   */
  Outcome perform(Kind kind, Body body, boolean settle, Runnable onStopQueued) {
    Op op;
    boolean joined;
    boolean abortStart;
    boolean turn = false;
    lock.lock();
    try {
      if (owner == Thread.currentThread()) {
        op = null;
        joined = false;
        abortStart = false;
      } else {
        Op join = joinable(kind);
        joined = join != null;
        op = joined ? join : append(kind);
        abortStart = kind == Kind.STOP && !joined && head != op && head.begun && head.kind.starts();
        if (!joined && head == op) {
          // The queue was empty (the usual case: one caller): the turn is taken here, in the
          // same critical section, rather than by taking the lock again in carryOut.
          begin(op);
          turn = true;
        }
      }
    } finally {
      lock.unlock();
    }
    if (op == null) {
      boolean acted = body.run(); // a hook of the current operation: inside it, at once
      return new Outcome(service.machine.state(), false, acted, -1);
    }
    if (abortStart) {
      onStopQueued.run();
    }
    if (!joined) {
      carryOut(op, body, turn);
    }
    if (!joined && !settle) {
      // This thread carried the operation out and wrote its fields in finish(): nothing to wait
      // for and no later operation to follow, so no need for the lock again.
      return new Outcome(op.state, false, op.acted, op.sequence);
    }
    return outcomeOf(op, joined, settle);
  }

  /** Gives {@code op} (now at the head) the turn; call with the lock held. */
  private void begin(Op op) {
    op.begun = true;
    owner = Thread.currentThread();
  }

  /** The condition operations wait on, made the first time one has to wait; with the lock held. */
  private Condition changed() {
    Condition c = changed;
    if (c == null) {
      c = lock.newCondition();
      changed = c;
    }
    return c;
  }

  private Op joinable(Kind kind) {
    Op last = tail;
    if (last == null) {
      return null;
    }
    return switch (kind) {
      case START -> last.kind == Kind.START || last.kind == Kind.RESTART ? last : null;
      case STOP -> last.kind == Kind.STOP ? last : null;
      case RESTART -> last.kind == Kind.RESTART && !last.begun ? last : null;
      case MAYBE_START, RESET -> null;
    };
  }

  private Op append(Kind kind) {
    Op op = new Op(kind, ++sequences);
    if (tail == null) {
      head = op;
    } else {
      tail.next = op;
    }
    tail = op;
    if (kind == Kind.STOP && head != op) {
      stopsWaiting++;
    }
    return op;
  }

  private void carryOut(Op op, Body body, boolean turn) {
    if (!turn) {
      lock.lock();
      try {
        while (head != op) {
          changed().awaitUninterruptibly();
        }
        begin(op);
      } finally {
        lock.unlock();
      }
    }
    boolean acted = false;
    Throwable failure = null;
    try {
      acted = body.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      finish(op, acted, failure);
    }
  }

  private void finish(Op op, boolean acted, Throwable failure) {
    lock.lock();
    try {
      State state = service.machine.state();
      op.state = state;
      op.acted = acted;
      op.failure = failure;
      if (failure == null && op.kind.starts() && state != State.RUNNING && state != State.CRASHED) {
        op.supersededBy = firstStopAfter(op);
        if (op.supersededBy == null && !state.isTerminal() && state != State.INIT) {
          op.awaitsStop = true;
          if (awaitingStop == null) {
            awaitingStop = new java.util.ArrayList<>(2);
          }
          awaitingStop.add(op);
        }
      }
      if (op.kind == Kind.STOP && awaitingStop != null) {
        for (Op waiting : awaitingStop) {
          waiting.settledByStop = state;
        }
        awaitingStop.clear();
      }
      op.done = true;
      head = op.next;
      if (head == null) {
        tail = null;
      } else if (head.kind == Kind.STOP) {
        stopsWaiting--;
      }
      owner = null;
      if (changed != null) {
        changed.signalAll(); // only made once someone waited
      }
    } finally {
      lock.unlock();
    }
  }

  private static Op firstStopAfter(Op op) {
    for (Op o = op.next; o != null; o = o.next) {
      if (o.kind == Kind.STOP) {
        return o;
      }
    }
    return null;
  }

  private Outcome outcomeOf(Op op, boolean joined, boolean settle) {
    Op settled = op;
    lock.lock();
    try {
      awaitDone(op);
      while (settle && settled.supersededBy != null) {
        settled = settled.supersededBy;
        awaitDone(settled);
      }
      State state = settled.state;
      if (settle && settled.awaitsStop) {
        while (settled.settledByStop == null) {
          changed().awaitUninterruptibly(); // the ancestor's stop that woke it reaches this service
        }
        state = settled.settledByStop;
      }
      if (joined && op.failure != null) {
        throw copy(op.failure);
      }
      return new Outcome(state, joined, !joined && op.acted, op.sequence);
    } finally {
      lock.unlock();
    }
  }

  private void awaitDone(Op op) {
    while (!op.done) {
      changed().awaitUninterruptibly();
    }
  }

  /** The failure of a joined operation, as thrown to one more caller. */
  private static ServiceException copy(Throwable failure) {
    if (failure instanceof Lifecycle.StartFailure f) {
      return new Lifecycle.StartFailure(f.getMessage(), f.getCause());
    }
    return new ServiceException(failure.getMessage(), failure);
  }
}
