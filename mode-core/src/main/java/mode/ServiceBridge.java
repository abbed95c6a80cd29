package mode;

import java.util.ArrayList;
import java.util.List;
import mode.events.ServiceInfo;
import mode.internal.CrashHandler;
import mode.internal.ServiceAccess;
import mode.timers.TimeSource;

/** Gives {@link ServiceAccess} the internals of {@link Service}. */
final class ServiceBridge implements ServiceAccess.Bridge {

  @Override
  public ServiceInfo info(Service s) {
    Service parent = s.deps.parent();
    List<Service> children = s.deps.children();
    List<Long> ids = new ArrayList<>(children.size());
    for (Service c : children) {
      ids.add(c.id());
    }
    return s.machine.info(parent == null ? null : parent.id(), ids, s.tasks.timerInfos(), s.diag.flags());
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
  public CrashHandler supervisor(Service s) {
    return s.supervisor;
  }

  @Override
  public void setTimeSource(Service s, TimeSource time) {
    s.tasks.time = time;
  }
}
