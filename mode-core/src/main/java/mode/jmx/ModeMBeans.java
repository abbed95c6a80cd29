package mode.jmx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import mode.Service;
import mode.Worker;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEventListener;
import mode.events.ServiceEvents;
import mode.events.ServiceInfo;
import mode.internal.ServiceMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the services of a tree as MBeans and keeps the registration in step with the tree:
 * services added at run time are registered, removed ones unregistered, and every transition is
 * sent as a notification by the service's MBean. A {@link Worker} root also gets a {@link
 * WorkerMXBean}. A Worker does this by itself unless started with {@code --no-jmx}.
 *
 * <p>Threading: registration follows the events of one subscription on its dispatch thread; a
 * registration that fails (a name already taken) is logged as a warning and the rest go on.
 */
public final class ModeMBeans implements AutoCloseable, ServiceEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(ModeMBeans.class);

  private final Service root;
  private final MBeanServer server;
  private final Map<Long, ServiceBean> beans = new ConcurrentHashMap<>();
  private final Map<Long, ObjectName> names = new ConcurrentHashMap<>();
  private final ObjectName workerName;
  private final EventSubscription subscription;

  private ModeMBeans(Service root, MBeanServer server) throws JMException {
    this.root = root;
    this.server = server;
    if (root instanceof Worker worker) {
      workerName = name("Worker", worker);
      server.registerMBean(new WorkerBean(worker, beans::size), workerName);
    } else {
      workerName = null;
    }
    subscription = ServiceEvents.subscribe(root, this);
  }

  /**
   * Registers the tree under {@code root} with {@code server} until the returned handle is
   * closed; the first registrations follow a moment later, on the subscription's thread.
   *
   * @param root the service whose tree is registered
   * @param server the MBean server, usually the platform's
   * @return the handle whose {@code close()} unregisters every MBean
   * @throws JMException if the Worker's own MBean cannot be registered
   */
  public static ModeMBeans register(Service root, MBeanServer server) throws JMException {
    return new ModeMBeans(Objects.requireNonNull(root, "root"), Objects.requireNonNull(server, "server"));
  }

  /**
   * The name of a service's MBean: {@code mode:type=Service,name=<quoted label>,id=<id>}.
   *
   * @param service the service
   * @return the name
   * @throws MalformedObjectNameException not in practice: the label is quoted
   */
  public static ObjectName serviceName(Service service) throws MalformedObjectNameException {
    return name("Service", service);
  }

  private static ObjectName name(String type, Service s) throws MalformedObjectNameException {
    return new ObjectName("mode:type=" + type + ",name=" + ObjectName.quote(s.label()) + ",id=" + s.id());
  }

  @Override
  public void onEvent(ServiceEvent event) {
    switch (event) {
      case ServiceEvent.Snapshot s -> sync(s);
      case ServiceEvent.ServiceAdded a -> register(find(a.service()), a.service());
      case ServiceEvent.ServiceRemoved r -> unregister(r.serviceId());
      case ServiceEvent.Transition t -> {
        ServiceBean bean = beans.get(t.serviceId());
        if (bean != null) {
          bean.transition(t, names.get(t.serviceId()));
        }
      }
      default -> { } // other events change no attribute
    }
  }

  /** After a snapshot (the first, or one after a gap): exactly its services are registered. */
  private void sync(ServiceEvent.Snapshot snapshot) {
    Map<Long, Service> tree = walk();
    Set<Long> present = new HashSet<>();
    for (ServiceInfo info : snapshot.services()) {
      present.add(info.id());
      if (!beans.containsKey(info.id())) {
        register(tree.get(info.id()), info);
      }
    }
    for (Long id : Set.copyOf(beans.keySet())) {
      if (!present.contains(id)) {
        unregister(id);
      }
    }
  }

  /** The service of {@code info}: among its parent's dependencies, else anywhere in the tree. */
  private Service find(ServiceInfo info) {
    ServiceBean parent = info.parentId() == null ? null : beans.get(info.parentId());
    if (parent != null) {
      for (Service child : parent.service().dependencies()) {
        if (child.id() == info.id()) {
          return child;
        }
      }
    }
    return walk().get(info.id());
  }

  private Map<Long, Service> walk() {
    Map<Long, Service> found = new HashMap<>();
    Deque<Service> queue = new ArrayDeque<>();
    queue.add(root);
    while (!queue.isEmpty()) {
      Service s = queue.poll();
      if (found.putIfAbsent(s.id(), s) == null) {
        queue.addAll(s.dependencies());
      }
    }
    return found;
  }

  private void register(Service service, ServiceInfo info) {
    if (service == null) {
      return; // it left the tree before this event was handled; a removal follows
    }
    try {
      ObjectName name = serviceName(service);
      ServiceBean bean = new ServiceBean(service, info);
      server.registerMBean(bean, name);
      beans.put(service.id(), bean);
      names.put(service.id(), name);
    } catch (JMException e) {
      LOG.warn(ServiceMarkers.of(service), "MBean of {} not registered: {}", service.label(), e.toString());
    }
  }

  private void unregister(long id) {
    beans.remove(id);
    ObjectName name = names.remove(id);
    if (name != null) {
      try {
        server.unregisterMBean(name);
      } catch (JMException e) {
        LOG.warn("MBean {} not unregistered: {}", name, e.toString());
      }
    }
  }

  /** Stops following the tree and unregisters every MBean it registered. Idempotent. */
  @Override
  public void close() {
    subscription.close();
    for (Long id : Set.copyOf(names.keySet())) {
      unregister(id);
    }
    if (workerName != null && server.isRegistered(workerName)) {
      try {
        server.unregisterMBean(workerName);
      } catch (JMException e) {
        LOG.warn("MBean {} not unregistered: {}", workerName, e.toString());
      }
    }
  }
}
