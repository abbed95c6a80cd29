package mode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import mode.events.ServiceInfo;
import mode.internal.CrashHandler;
import mode.internal.EventHub;
import mode.internal.ServiceAccess;
import mode.timers.TimeSource;

/** Gives {@link ServiceAccess} the internals of {@link Service}. */
final class ServiceBridge implements ServiceAccess.Bridge {

  @Override
  public ServiceInfo info(Service s) {
    Supplier<ServiceInfo> description;
    EventHub.lock();
    try {
      description = captureLocked(s);
    } finally {
      EventHub.unlock();
    }
    return description.get();
  }

  @Override
  public Supplier<ServiceInfo> captureLocked(Service s) {
    Service parent = s.deps.parent();
    // The copy-on-write list's iterator holds its array as of now: a snapshot without a copy.
    Iterator<Service> children = s.deps.children().iterator();
    StateMachine.Facts facts = s.machine.factsLocked();
    Map<String, Instant> flags = s.diag.flags();
    Supplier<ServiceInfo.SupervisorInfo> supervision = s.supervision;
    return () -> {
      List<Long> ids = new ArrayList<>();
      children.forEachRemaining(c -> ids.add(c.id()));
      ServiceInfo info = facts.describe(s, parent == null ? null : parent.id(), ids, s.tasks.timerInfos(), flags);
      return supervision == null ? info : info.withSupervisor(supervision.get());
    };
  }

  @Override
  public List<Service> dependencies(Service s) {
    return s.deps.children();
  }

  @Override
  public Object observersLocked(Service s) {
    return s.machine.observers;
  }

  @Override
  public void setObserversLocked(Service s, Object observers) {
    s.machine.observers = observers;
  }

  @Override
  public Service parent(Service s) {
    return s.deps.parent();
  }

  @Override
  public void setSupervisor(Service s, CrashHandler handler) {
    s.supervisor = handler;
  }

  @Override
  public void setSupervision(Service s, Supplier<ServiceInfo.SupervisorInfo> supervision) {
    s.supervision = supervision;
  }

  @Override
  public CrashHandler supervisor(Service s) {
    return s.supervisor;
  }

  @Override
  public void setTimeSource(Service s, TimeSource time) {
    s.tasks.time = time;
  }

  @Override
  public ServiceAccess.Settled perform(Service s, ServiceAccess.LifecycleCall call) {
    LifecycleQueue.Outcome outcome = switch (call) {
      case START -> s.lifecycle.start(true);
      case STOP -> s.lifecycle.stop(true);
      case RESTART -> s.lifecycle.restart(true);
    };
    return new ServiceAccess.Settled(outcome.state(), outcome.joined());
  }
}
