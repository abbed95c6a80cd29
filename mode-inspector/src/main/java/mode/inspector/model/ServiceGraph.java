package mode.inspector.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The inspector's picture of a worker's service graph, built by applying {@link ServiceEvent}s in
 * order: a JGraphT directed graph whose vertices are service ids and whose edges go from a
 * service to each of its dependencies, the {@link ServiceNode} details of every service, and the
 * history of the newest transitions seen.
 *
 * <p>A {@link ServiceEvent.Snapshot} replaces the graph (services missing from it are removed;
 * state differences against the previous picture are recorded as inferred transitions, so the
 * history survives a gap or a reconnect). Events naming unknown services are counted and
 * ignored: they can only come from a stream that lost its snapshot.
 *
 * <p>Memory: the history keeps the newest {@link #HISTORY_CAPACITY} transitions and the newest
 * {@link #LOG_CAPACITY} log events (unless constructed with other bounds); older ones are
 * discarded and counted ({@link #historyDiscarded()}, {@link #logsDiscarded()}), so a worker
 * attached for hours cannot fill the inspector's heap.
 *
 * <p>Threading: not thread-safe; confine to one thread (the FX thread in the app, the test
 * thread in tests). Never fails on odd input.
 */
public final class ServiceGraph {
  /**
   * The most transitions {@link #history()} keeps by default. A transition kept costs about 53
   * bytes of heap (measured: its record and a slot; its label and instant are shared), so a full
   * history takes about 11 MB, and the timeline's references to it 1 MB more.
   */
  public static final int HISTORY_CAPACITY = 200_000;

  /**
   * The most log events {@link #logs()} keeps by default. A log event carries text (about 220
   * bytes of heap with a 90-character message, measured), and a message may hold a stack trace,
   * so they are kept by the ten thousand: a few MB.
   */
  public static final int LOG_CAPACITY = 10_000;

  private final Graph<Long, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
  private final Map<Long, ServiceNode> nodes = new HashMap<>();
  private final Ring<TransitionRecord> history;
  private final Ring<ServiceEvent.Log> logs;
  private long ignoredEvents;
  private long gaps;
  private Instant lastEventAt;

  /** How the worker names this inspector's connection (its hello's {@code client}), or null. */
  private String client;

  /** An empty graph keeping the default numbers of transitions and log events. */
  public ServiceGraph() {
    this(HISTORY_CAPACITY, LOG_CAPACITY);
  }

  /**
   * An empty graph keeping at most {@code historyCapacity} transitions and {@code logCapacity}
   * log events (0 keeps none, and only counts them).
   *
   * @throws IllegalArgumentException if a capacity is negative
   */
  public ServiceGraph(int historyCapacity, int logCapacity) {
    this.history = new Ring<>(historyCapacity);
    this.logs = new Ring<>(logCapacity);
  }

  /**
   * A copy of this graph's services (every detail of each), edges, counters and last event time,
   * whose history and logs start empty with the given bounds: the transitions and logs this graph
   * saw in all count as discarded in the copy. Used to continue a replay from a base state.
   */
  ServiceGraph continuation(int historyCapacity, int logCapacity) {
    ServiceGraph copy = new ServiceGraph(historyCapacity, logCapacity);
    for (Long id : graph.vertexSet()) {
      copy.graph.addVertex(id);
    }
    // In the order they were added, so every service lists its dependencies (and dependents)
    // in the same order as here.
    for (DefaultEdge edge : graph.edgeSet()) {
      copy.graph.addEdge(graph.getEdgeSource(edge), graph.getEdgeTarget(edge));
    }
    for (ServiceNode node : nodes.values()) {
      copy.nodes.put(node.id(), new ServiceNode(node));
    }
    copy.history.countDiscarded(history.total());
    copy.logs.countDiscarded(logs.total());
    copy.ignoredEvents = ignoredEvents;
    copy.gaps = gaps;
    copy.lastEventAt = lastEventAt;
    copy.client = client;
    return copy;
  }

  /** Applies one event and returns what it changed. */
  public ChangeSet apply(ServiceEvent event) {
    ChangeSet changes = new ChangeSet();
    apply(event, changes);
    return changes;
  }

  /** Applies events in order, collecting what they changed into one change set. */
  public ChangeSet applyAll(Collection<? extends ServiceEvent> events) {
    ChangeSet changes = new ChangeSet();
    for (ServiceEvent event : events) {
      apply(event, changes);
    }
    return changes;
  }

  private void apply(ServiceEvent event, ChangeSet changes) {
    lastEventAt = event.at();
    switch (event) {
      case ServiceEvent.Snapshot s -> applySnapshot(s, changes);
      case ServiceEvent.ServiceAdded a -> addService(a.service(), changes);
      case ServiceEvent.ServiceRemoved r -> removeService(r.serviceId(), changes);
      case ServiceEvent.DependencyAdded d -> addDependency(d.parentId(), d.childId(), changes);
      case ServiceEvent.DependencyRemoved d -> removeDependency(d.parentId(), d.childId(), changes);
      case ServiceEvent.Transition t -> applyTransition(t, changes);
      case ServiceEvent.TimerStats s -> withNode(s.serviceId(), changes, n -> n.apply(s));
      case ServiceEvent.Blocking b -> withNode(b.serviceId(), changes, n -> n.apply(b));
      case ServiceEvent.FlagChanged f -> withNode(f.serviceId(), changes, n -> n.apply(f));
      case ServiceEvent.Log l -> {
        logs.append(l);
        changes.log(l);
      }
      case ServiceEvent.Gap g -> {
        gaps++;
        changes.gap(g.dropped());
      }
    }
  }

  private void applySnapshot(ServiceEvent.Snapshot snapshot, ChangeSet changes) {
    Map<Long, ServiceInfo> incoming = new HashMap<>();
    for (ServiceInfo info : snapshot.services()) {
      incoming.put(info.id(), info);
    }
    for (Long id : List.copyOf(nodes.keySet())) {
      if (!incoming.containsKey(id)) {
        graph.removeVertex(id);
        nodes.remove(id);
      }
    }
    for (ServiceInfo info : snapshot.services()) {
      ServiceNode known = nodes.get(info.id());
      if (known == null) {
        nodes.put(info.id(), new ServiceNode(info));
        graph.addVertex(info.id());
      } else {
        if (known.state() != info.state()) {
          TransitionRecord inferred = record(snapshot.at(), known, info, true);
          history.append(inferred);
          changes.transition(inferred);
        }
        known.update(info);
      }
      changes.changed(info.id());
    }
    graph.removeAllEdges(List.copyOf(graph.edgeSet()));
    for (ServiceInfo info : snapshot.services()) {
      for (Long child : info.dependencyIds()) {
        if (nodes.containsKey(child) && !child.equals(info.id())) {
          graph.addEdge(info.id(), child);
        }
      }
    }
    changes.snapshot();
  }

  private static TransitionRecord record(
      Instant at, ServiceNode known, ServiceInfo now, boolean inferred) {
    return new TransitionRecord(
        at, known.id(), now.label(), known.state(), now.state(), now.restartCount(),
        now.crashReason(), inferred);
  }

  private void addService(ServiceInfo info, ChangeSet changes) {
    ServiceNode node = nodes.get(info.id());
    if (node == null) {
      nodes.put(info.id(), new ServiceNode(info));
      graph.addVertex(info.id());
    } else {
      node.update(info);
    }
    if (info.parentId() != null && nodes.containsKey(info.parentId())) {
      graph.addEdge(info.parentId(), info.id());
    }
    for (Long child : info.dependencyIds()) {
      if (nodes.containsKey(child) && !child.equals(info.id())) {
        graph.addEdge(info.id(), child);
      }
    }
    changes.changed(info.id());
    changes.structure();
  }

  private void removeService(long id, ChangeSet changes) {
    if (nodes.remove(id) == null) {
      ignoredEvents++;
      return;
    }
    graph.removeVertex(id);
    changes.structure();
  }

  private void addDependency(long parent, long child, ChangeSet changes) {
    if (!nodes.containsKey(parent) || !nodes.containsKey(child) || parent == child) {
      ignoredEvents++;
      return;
    }
    graph.addEdge(parent, child);
    if (nodes.get(parent).supervise(child)) {
      changes.changed(parent);
    }
    changes.structure();
  }

  private void removeDependency(long parent, long child, ChangeSet changes) {
    if (graph.removeEdge(parent, child) == null) {
      ignoredEvents++;
      return;
    }
    if (nodes.get(parent).unsupervise(child)) {
      changes.changed(parent);
    }
    changes.structure();
  }

  private void applyTransition(ServiceEvent.Transition t, ChangeSet changes) {
    ServiceNode node = nodes.get(t.serviceId());
    if (node == null) {
      ignoredEvents++;
      return;
    }
    TransitionRecord record =
        new TransitionRecord(
            t.at(), t.serviceId(), node.label(), t.from(), t.to(), t.restartCount(),
            t.crashReason(), false, t.cause(), t.by());
    node.apply(t);
    node.applyCause(record);
    history.append(record);
    changes.transition(record);
  }

  private void withNode(long id, ChangeSet changes, Consumer<ServiceNode> action) {
    ServiceNode node = nodes.get(id);
    if (node == null) {
      ignoredEvents++;
      return;
    }
    action.accept(node);
    changes.changed(id);
  }

  /**
   * How the worker names the connection of the inspector that saw these events (its hello's
   * {@code client}): the operator moves {@code by} it were made by "you". {@code null} if unknown.
   */
  public String client() {
    return client;
  }

  /**
   * Sets {@link #client()}.
   *
   * @param name the hello's {@code client}, or {@code null}
   */
  public void client(String name) {
    client = name;
  }

  /** The graph of service ids, edges from a service to its dependencies; read-only. */
  public Graph<Long, DefaultEdge> graph() {
    return new AsUnmodifiableGraph<>(graph);
  }

  /** The service with this id, or {@code null} when it is not (or no longer) in the graph. */
  public ServiceNode node(long id) {
    return nodes.get(id);
  }

  /** Every service, in no particular order. */
  public Collection<ServiceNode> nodes() {
    return Collections.unmodifiableCollection(nodes.values());
  }

  /** How many services the graph holds. */
  public int size() {
    return nodes.size();
  }

  /** The ids of the services {@code id} depends on, in insertion order. */
  public List<Long> dependencies(long id) {
    return graph.containsVertex(id) ? Graphs.successorListOf(graph, id) : List.of();
  }

  /** The ids of the services that depend on {@code id}. */
  public List<Long> dependents(long id) {
    return graph.containsVertex(id) ? Graphs.predecessorListOf(graph, id) : List.of();
  }

  /**
   * The supervisor that supervises {@code id}, or {@code null} when none does (or the worker did
   * not say).
   */
  public ServiceNode supervisorOf(long id) {
    for (ServiceNode node : nodes.values()) {
      if (node.supervisor() != null && node.supervisor().supervisedIds().contains(id)) {
        return node;
      }
    }
    return null;
  }

  /** The services no other service depends on (the roots), in no particular order. */
  public List<Long> roots() {
    List<Long> roots = new ArrayList<>();
    for (Long id : graph.vertexSet()) {
      if (graph.inDegreeOf(id) == 0) {
        roots.add(id);
      }
    }
    roots.sort(null);
    return roots;
  }

  /** Every service as a {@link ServiceInfo}, by id (creation order), with its dependencies. */
  public List<ServiceInfo> toServiceInfos() {
    List<Long> ids = new ArrayList<>(nodes.keySet());
    ids.sort(null);
    List<ServiceInfo> infos = new ArrayList<>(ids.size());
    for (long id : ids) {
      infos.add(nodes.get(id).toInfo(dependencies(id)));
    }
    return infos;
  }

  /**
   * The newest transitions seen (at most the history capacity), oldest first; read-only, and
   * it follows the graph as events are applied.
   */
  public List<TransitionRecord> history() {
    return Collections.unmodifiableList(history);
  }

  /** How many older transitions were discarded to keep within the history capacity. */
  public long historyDiscarded() {
    return history.discarded();
  }

  /**
   * The newest log events seen (at most the log capacity), oldest first; read-only, and it
   * follows the graph as events are applied.
   */
  public List<ServiceEvent.Log> logs() {
    return Collections.unmodifiableList(logs);
  }

  /** How many older log events were discarded to keep within the log capacity. */
  public long logsDiscarded() {
    return logs.discarded();
  }

  /** Events that named a service the graph did not know, and were ignored. */
  public long ignoredEvents() {
    return ignoredEvents;
  }

  /** Gap notices seen. */
  public long gaps() {
    return gaps;
  }

  /** The time of the last event applied, or {@code null} before the first. */
  public Instant lastEventAt() {
    return lastEventAt;
  }
}
