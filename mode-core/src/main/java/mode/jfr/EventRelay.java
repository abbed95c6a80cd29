package mode.jfr;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceEventListener;
import mode.events.ServiceInfo;

/**
 * Turns the events of one subscription into JFR events: transitions, blocking reports and timer
 * overruns. Knows each service's label and class from the snapshot and the services added since.
 *
 * <p>Threading: {@link #onEvent} is called on the subscription's dispatch thread only, one event
 * at a time; {@link #awaitRootState} from any thread.
 */
final class EventRelay implements ServiceEventListener {
  /** A service as the JFR events name it. */
  private record Named(String label, String className) {}

  private static final Named UNKNOWN = new Named("?", "?");

  private final long rootId;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition rootMoved = lock.newCondition();
  private State rootState; // guarded by lock
  private final Map<Long, Named> services = new HashMap<>();
  /** The overruns last seen per service id and timer name. */
  private final Map<String, Long> overruns = new HashMap<>();

  EventRelay(long rootId) {
    this.rootId = rootId;
  }

  /**
   * Waits until the root's {@code state} was delivered, so that every event before it was
   * written (a Worker's last transitions come just before its watch closes).
   *
   * @return whether it was delivered within {@code timeout}
   */
  boolean awaitRootState(State state, Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (rootState != state) {
        if (left <= 0) {
          return false;
        }
        left = rootMoved.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void rootIs(State state) {
    lock.lock();
    try {
      rootState = state;
      rootMoved.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onEvent(ServiceEvent event) {
    switch (event) {
      case ServiceEvent.Snapshot s -> {
        services.clear();
        s.services().forEach(this::learn);
        s.services().stream().filter(i -> i.id() == rootId).forEach(i -> rootIs(i.state()));
      }
      case ServiceEvent.ServiceAdded a -> learn(a.service());
      case ServiceEvent.ServiceRemoved r -> services.remove(r.serviceId());
      case ServiceEvent.Transition t -> transition(t);
      case ServiceEvent.Blocking b -> blocking(b);
      case ServiceEvent.TimerStats t -> timerStats(t);
      default -> { } // edges, log lines, flags and gaps have no JFR event of their own
    }
  }

  private void learn(ServiceInfo info) {
    services.put(info.id(), new Named(info.label(), info.className()));
    for (ServiceInfo.TimerInfo timer : info.timers()) {
      overruns.put(info.id() + "/" + timer.name(), timer.overruns());
    }
  }

  private Named named(long id) {
    return services.getOrDefault(id, UNKNOWN);
  }

  private void transition(ServiceEvent.Transition t) {
    ServiceTransitionEvent e = new ServiceTransitionEvent();
    if (e.shouldCommit()) {
      commit(e, t);
    }
    if (t.serviceId() == rootId) {
      rootIs(t.to());
    }
  }

  private void commit(ServiceTransitionEvent e, ServiceEvent.Transition t) {
    Named n = named(t.serviceId());
    e.serviceId = t.serviceId();
    e.label = n.label();
    e.serviceClass = n.className();
    e.from = t.from().name();
    e.to = t.to().name();
    e.restartCount = t.restartCount();
    e.crashReason = t.crashReason();
    e.changedAt = t.at().toEpochMilli();
    e.commit();
  }

  private void blocking(ServiceEvent.Blocking b) {
    BlockingEvent e = new BlockingEvent();
    if (!e.shouldCommit()) {
      return;
    }
    e.serviceId = b.serviceId();
    e.label = named(b.serviceId()).label();
    e.activity = b.what();
    e.elapsed = b.elapsed().toNanos();
    e.stack = b.stack();
    e.commit();
  }

  private void timerStats(ServiceEvent.TimerStats t) {
    Long before = overruns.put(t.serviceId() + "/" + t.timer(), t.overruns());
    if (t.overruns() <= (before == null ? 0 : before)) {
      return;
    }
    TimerOverrunEvent e = new TimerOverrunEvent();
    if (!e.shouldCommit()) {
      return;
    }
    e.serviceId = t.serviceId();
    e.label = named(t.serviceId()).label();
    e.timer = t.timer();
    e.runs = t.runs();
    e.overruns = t.overruns();
    e.commit();
  }
}
