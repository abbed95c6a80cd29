package mode.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import mode.events.ServiceInfo;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * A directed graph of dependencies: an edge goes from a node to each node it depends on (parent
 * to dependency), the port of mode's {@code DependencyGraph} and {@code Node.as_graph()}.
 *
 * <p>Built from a live service tree ({@link #of(mode.Service)}), from a snapshot received over
 * the wire ({@link #of(Collection)}; both give the same graph for the same tree), or from any
 * adjacency map ({@link #of(Map)}). Nodes keep the order in which a breadth-first walk from the
 * root meets them (the order mode prints them in), and each node's dependencies keep insertion
 * order. A node reachable along several paths is one node; repeated edges are one edge.
 *
 * <p>Unlike mode, a graph may hold a cycle (a map can describe one): {@link #hasCycle()} and
 * {@link #findCycle()} report it, and {@link #topologicalOrder()} works on every acyclic graph
 * (mode's {@code topsort()} raises {@code TypeError}).
 *
 * <p>A graph is an immutable picture taken when it was built: later changes to the services are
 * not reflected. It is safe to share between threads.
 */
public final class DependencyGraph {
  private final Graph<GraphNode, DefaultEdge> graph;
  private final Set<GraphNode> declared;

  private DependencyGraph(Graph<GraphNode, DefaultEdge> graph, Set<GraphNode> declared) {
    this.graph = new AsUnmodifiableGraph<>(graph);
    this.declared = Set.copyOf(declared);
  }

  /**
   * The graph of the services reachable from {@code root} through {@link
   * mode.Service#dependencies()}, with their ids, labels and current states.
   *
   * <p>Safe to call from any thread while the services run; each service's dependencies are read
   * once, so a dependency added during the walk may or may not appear.
   *
   * @param root the service the walk starts from
   * @return the graph
   * @throws NullPointerException if {@code root} is null
   */
  public static DependencyGraph of(mode.Service root) {
    Objects.requireNonNull(root, "root");
    return walk(
        List.of(root),
        s -> new GraphNode(s.id(), s.label(), s.state()),
        mode.Service::dependencies,
        mode.Service::id);
  }

  /**
   * The graph described by a snapshot of service descriptions (e.g. the services of a {@link
   * mode.events.ServiceEvent.Snapshot}), equal to the graph {@link #of(mode.Service)} builds for
   * the same tree.
   *
   * <p>The roots are the services no other service in the collection depends on, in collection
   * order; the walk starts from them, then from any service it did not reach (a cycle), so every
   * service of the collection is a node.
   *
   * @param services every service of the tree, each once
   * @return the graph
   * @throws IllegalArgumentException if two services share an id, or a service depends on an id
   *     that is not in the collection (the message names both)
   */
  public static DependencyGraph of(Collection<ServiceInfo> services) {
    Map<Long, ServiceInfo> byId = new LinkedHashMap<>();
    for (ServiceInfo info : services) {
      ServiceInfo previous = byId.putIfAbsent(info.id(), info);
      if (previous != null) {
        throw new IllegalArgumentException(
            "services " + previous.label() + " and " + info.label() + " share the id " + info.id());
      }
    }
    Set<Long> referenced = new HashSet<>();
    for (ServiceInfo info : byId.values()) {
      for (Long dependency : info.dependencyIds()) {
        if (!byId.containsKey(dependency)) {
          throw new IllegalArgumentException(
              "service " + info.label() + " (id " + info.id() + ") depends on id " + dependency
                  + ", which is not in the snapshot");
        }
        referenced.add(dependency);
      }
    }
    List<ServiceInfo> starts = new ArrayList<>();
    byId.values().stream().filter(i -> !referenced.contains(i.id())).forEach(starts::add);
    starts.addAll(byId.values());
    return walk(
        starts,
        i -> new GraphNode(i.id(), i.label(), i.state()),
        i -> i.dependencyIds().stream().map(byId::get).toList(),
        ServiceInfo::id);
  }

  /**
   * The graph of an adjacency map: each key depends on the values of its entry, as in mode's
   * {@code DependencyGraph.update}. Nodes are labelled {@code String.valueOf(key)}, have no state
   * and are numbered from 1 in order of first appearance (iterate a {@link LinkedHashMap} for a
   * stable order). Keys are drawn even when they have no dependencies; values that are not keys
   * are drawn as edge targets only, as mode does.
   *
   * @param <K> the type of the keys
   * @param adjacency each key mapped to the keys it depends on
   * @return the graph
   * @throws NullPointerException if a key, a value list or a value is null
   */
  public static <K> DependencyGraph of(Map<K, ? extends Collection<? extends K>> adjacency) {
    Graph<GraphNode, DefaultEdge> graph = newGraph();
    Map<K, GraphNode> nodes = new HashMap<>();
    Function<K, GraphNode> node =
        k ->
            nodes.computeIfAbsent(
                Objects.requireNonNull(k, "a node of the adjacency map is null"),
                key -> {
                  GraphNode created = new GraphNode(nodes.size() + 1, String.valueOf(key), null);
                  graph.addVertex(created);
                  return created;
                });
    Set<GraphNode> declared = new LinkedHashSet<>();
    adjacency.forEach(
        (key, values) -> {
          GraphNode from = node.apply(key);
          declared.add(from);
          Objects.requireNonNull(values, () -> "the dependencies of " + key + " are null");
          for (K value : values) {
            graph.addEdge(from, node.apply(value));
          }
        });
    return new DependencyGraph(graph, declared);
  }

  private static <T> DependencyGraph walk(
      List<T> starts,
      Function<T, GraphNode> toNode,
      Function<T, List<? extends T>> dependencies,
      Function<T, Long> idOf) {
    Graph<GraphNode, DefaultEdge> graph = newGraph();
    Map<Long, GraphNode> seen = new HashMap<>();
    Set<GraphNode> declared = new LinkedHashSet<>();
    for (T start : starts) {
      if (seen.containsKey(idOf.apply(start))) {
        continue;
      }
      GraphNode root = toNode.apply(start);
      seen.put(root.id(), root);
      graph.addVertex(root);
      declared.add(root);
      Deque<T> queue = new ArrayDeque<>(List.of(start));
      while (!queue.isEmpty()) {
        T current = queue.removeFirst();
        GraphNode from = seen.get(idOf.apply(current));
        for (T dependency : dependencies.apply(current)) {
          GraphNode to = seen.get(idOf.apply(dependency));
          if (to == null) {
            to = toNode.apply(dependency);
            seen.put(to.id(), to);
            graph.addVertex(to);
            queue.addLast(dependency);
          }
          graph.addEdge(from, to);
          declared.add(from);
        }
      }
    }
    return new DependencyGraph(graph, declared);
  }

  private static Graph<GraphNode, DefaultEdge> newGraph() {
    return new DefaultDirectedGraph<>(DefaultEdge.class);
  }

  /** {@return every node, in the order described in the class comment} */
  public List<GraphNode> nodes() {
    return List.copyOf(graph.vertexSet());
  }

  /**
   * The nodes {@code node} depends on, in insertion order.
   *
   * @param node a node of this graph
   * @return its dependencies
   * @throws IllegalArgumentException if {@code node} is not in this graph
   */
  public List<GraphNode> dependenciesOf(GraphNode node) {
    requireNode(node);
    return Graphs.successorListOf(graph, node);
  }

  /**
   * The nodes that depend on {@code node}, in insertion order.
   *
   * @param node a node of this graph
   * @return its dependents
   * @throws IllegalArgumentException if {@code node} is not in this graph
   */
  public List<GraphNode> dependentsOf(GraphNode node) {
    requireNode(node);
    return Graphs.predecessorListOf(graph, node);
  }

  /**
   * The node with this id, if any.
   *
   * @param id a node's id (a service's id, or its number for an adjacency map)
   * @return the node, or empty
   */
  public Optional<GraphNode> node(long id) {
    return graph.vertexSet().stream().filter(n -> n.id() == id).findFirst();
  }

  /**
   * A read-only JGraphT view of this graph (edges from dependent to dependency), for algorithms
   * and layouts. Mutators throw {@link UnsupportedOperationException}.
   *
   * @return the view; it does not change with the services
   */
  public Graph<GraphNode, DefaultEdge> asGraph() {
    return graph;
  }

  /**
   * Every node before the nodes it depends on: the order in which mode runs {@code on_start}
   * hooks (a parent before its dependencies). Reverse the list for dependencies first. Ties keep
   * the node order of this graph, so the result is deterministic.
   *
   * @return every node, dependents first
   * @throws DependencyCycleException if the graph has a cycle (the exception names it)
   */
  public List<GraphNode> topologicalOrder() {
    findCycle()
        .ifPresent(
            cycle -> {
              throw new DependencyCycleException(cycle);
            });
    List<GraphNode> order = new ArrayList<>(graph.vertexSet().size());
    new TopologicalOrderIterator<>(graph).forEachRemaining(order::add);
    return order;
  }

  /** {@return whether some node depends, directly or not, on itself} */
  public boolean hasCycle() {
    return findCycle().isPresent();
  }

  /**
   * A cycle, if the graph has one: its nodes in edge order, each once (the last depends on the
   * first; a node that depends on itself is a cycle of one). The search is depth-first in node
   * order, so the answer is deterministic.
   *
   * @return the cycle's nodes, or empty when there is none
   */
  public Optional<List<GraphNode>> findCycle() {
    return new CycleSearch(graph).find();
  }

  /** {@return the graph in DOT, in mode's format} See {@link GraphFormatter#defaults()}. */
  public String toDot() {
    return GraphFormatter.defaults().format(this);
  }

  /**
   * The graph in DOT, written by {@code formatter}.
   *
   * @param formatter how nodes and edges are written
   * @return the DOT text
   */
  public String toDot(GraphFormatter formatter) {
    return formatter.format(this);
  }

  /**
   * Whether mode would list this node as an arc of its graph (a key of its adjacency): a node
   * with dependencies, a root, or a key of the map the graph was built from.
   */
  boolean isDeclared(GraphNode node) {
    return declared.contains(node);
  }

  private void requireNode(GraphNode node) {
    if (!graph.containsVertex(node)) {
      throw new IllegalArgumentException("node " + node + " is not in this graph");
    }
  }

  @Override
  public String toString() {
    return "DependencyGraph[" + graph.vertexSet().size() + " nodes, "
        + graph.edgeSet().size() + " edges]";
  }
}
