package mode.inspect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.internal.EventQueue;

/**
 * An event source driven by the test: it keeps a tree of services, gives every subscriber a
 * snapshot of it, then queues each published event for every subscriber, in order, on the
 * publishing thread, which never waits for a subscriber (a full queue drops, as the hub's does).
 */
final class ScriptedEvents implements EventSource {

  static final Instant T0 = Instant.parse("2026-11-28T05:12:15.084Z");

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Long, ServiceInfo> services = new LinkedHashMap<>();
  private final List<ScriptedQueue> queues = new ArrayList<>();
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
  public EventQueue subscribe(int queueCapacity) {
    lock.lock();
    try {
      subscriptions++;
      ScriptedQueue queue = new ScriptedQueue(queueCapacity, snapshot());
      queues.add(queue);
      return queue;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A bounded queue as the event hub's: the publisher never waits; when full, events are counted
   * as dropped and the consumer's next drain delivers a gap, then at once a fresh snapshot.
   */
  private final class ScriptedQueue implements EventQueue {
    private final int capacity;
    private final Deque<ServiceEvent> events = new ArrayDeque<>();
    private final Thread consumer = Thread.currentThread();
    private ServiceEvent.Snapshot first;
    private long dropped;
    private long droppedAtGap;
    private boolean overflowing;
    private volatile boolean closed;

    ScriptedQueue(int capacity, ServiceEvent.Snapshot first) {
      this.capacity = capacity;
      this.first = first;
    }

    /** Called with the source's lock held. */
    void offerLocked(ServiceEvent event) {
      if (overflowing || events.size() >= capacity) {
        overflowing = true;
        dropped++;
      } else {
        events.add(event);
      }
      LockSupport.unpark(consumer);
    }

    @Override
    public boolean isEmpty() {
      lock.lock();
      try {
        return first == null && events.isEmpty() && !overflowing;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void awaitEvents(long maxNanos) {
      if (isEmpty() && !closed) {
        LockSupport.parkNanos(this, maxNanos);
      }
    }

    @Override
    public void wake() {
      LockSupport.unpark(consumer);
    }

    @Override
    public void drainTo(Consumer<ServiceEvent> sink) {
      List<ServiceEvent> ready = new ArrayList<>();
      lock.lock();
      try {
        if (first != null) {
          ready.add(first);
          first = null;
        }
        ready.addAll(events);
        events.clear();
        if (overflowing) {
          ready.add(new ServiceEvent.Gap(T0, dropped - droppedAtGap));
          ready.add(snapshot());
          droppedAtGap = dropped;
          overflowing = false;
        }
      } finally {
        lock.unlock();
      }
      ready.forEach(sink);
    }

    @Override
    public void close() {
      closed = true;
      lock.lock();
      try {
        queues.remove(this);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public long dropped() {
      lock.lock();
      try {
        return dropped;
      } finally {
        lock.unlock();
      }
    }
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
      for (ScriptedQueue queue : queues) {
        queue.offerLocked(event);
      }
    } finally {
      lock.unlock();
    }
  }
}
