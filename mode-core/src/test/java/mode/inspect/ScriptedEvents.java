package mode.inspect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import mode.State;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEventListener;
import mode.events.ServiceInfo;

/**
 * An event source driven by the test: it keeps a tree of services, gives every subscriber a
 * snapshot of it, then delivers each published event to every subscriber, in order, on the
 * publishing thread (which the agent must never block).
 */
final class ScriptedEvents implements EventSource {

  static final Instant T0 = Instant.parse("2026-11-28T05:12:15.084Z");

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Long, ServiceInfo> services = new LinkedHashMap<>();
  private final List<ServiceEventListener> listeners = new ArrayList<>();
  private int subscriptions;

  static ServiceInfo info(long id, String label, State state, Long parent, List<Long> deps) {
    return new ServiceInfo(id, label, label, "demo." + label, state, parent, deps, T0, null, null,
        null, 0, null, null, List.of());
  }

  ScriptedEvents with(ServiceInfo info) {
    services.put(info.id(), info);
    return this;
  }

  ServiceEvent.Snapshot snapshot() {
    lock.lock();
    try {
      return new ServiceEvent.Snapshot(T0, List.copyOf(services.values()));
    } finally {
      lock.unlock();
    }
  }

  /** How many subscriptions were opened so far (a gap opens a new one). */
  int subscriptions() {
    lock.lock();
    try {
      return subscriptions;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public EventSubscription subscribe(int queueCapacity, ServiceEventListener listener) {
    lock.lock();
    try {
      subscriptions++;
      listeners.add(listener);
      listener.onEvent(new ServiceEvent.Snapshot(T0, List.copyOf(services.values())));
    } finally {
      lock.unlock();
    }
    return new EventSubscription() {
      @Override
      public void close() {
        lock.lock();
        try {
          listeners.remove(listener);
        } finally {
          lock.unlock();
        }
      }

      @Override
      public long dropped() {
        return 0;
      }
    };
  }

  /** Applies a transition to the tree and delivers it to every subscriber. */
  void transition(long id, State to) {
    lock.lock();
    try {
      ServiceInfo old = services.get(id);
      services.put(id, new ServiceInfo(id, old.label(), old.shortLabel(), old.className(), to,
          old.parentId(), old.dependencyIds(), T0, null, null, null, old.restartCount(), null, null, List.of(),
          old.flags()));
      publish(new ServiceEvent.Transition(T0, id, old.state(), to, old.restartCount(), null, null));
    } finally {
      lock.unlock();
    }
  }

  /** Delivers an event to every subscriber without changing the tree. */
  void publish(ServiceEvent event) {
    lock.lock();
    try {
      for (ServiceEventListener listener : List.copyOf(listeners)) {
        listener.onEvent(event);
      }
    } finally {
      lock.unlock();
    }
  }
}
