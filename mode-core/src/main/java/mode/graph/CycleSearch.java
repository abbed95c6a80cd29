package mode.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DefaultEdge;

/**
 * Finds one cycle by an iterative depth-first search (deep graphs cannot overflow the stack).
 * JGraphT's {@code CycleDetector} tells which nodes lie on cycles but not in which order, and
 * the order is what makes the error message useful.
 */
final class CycleSearch {
  private enum Mark { ON_PATH, DONE }

  private final Graph<GraphNode, DefaultEdge> graph;
  private final Map<GraphNode, Mark> marks = new HashMap<>();

  CycleSearch(Graph<GraphNode, DefaultEdge> graph) {
    this.graph = graph;
  }

  Optional<List<GraphNode>> find() {
    for (GraphNode start : graph.vertexSet()) {
      if (!marks.containsKey(start)) {
        Optional<List<GraphNode>> cycle = searchFrom(start);
        if (cycle.isPresent()) {
          return cycle;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<List<GraphNode>> searchFrom(GraphNode start) {
    Deque<GraphNode> path = new ArrayDeque<>();
    Deque<Iterator<GraphNode>> pending = new ArrayDeque<>();
    enter(start, path, pending);
    while (!pending.isEmpty()) {
      Iterator<GraphNode> next = pending.peekLast();
      if (!next.hasNext()) {
        marks.put(path.removeLast(), Mark.DONE);
        pending.removeLast();
        continue;
      }
      GraphNode successor = next.next();
      Mark mark = marks.get(successor);
      if (mark == Mark.ON_PATH) {
        return Optional.of(cycleEndingAt(successor, path));
      }
      if (mark == null) {
        enter(successor, path, pending);
      }
    }
    return Optional.empty();
  }

  private void enter(GraphNode node, Deque<GraphNode> path, Deque<Iterator<GraphNode>> pending) {
    marks.put(node, Mark.ON_PATH);
    path.addLast(node);
    pending.addLast(Graphs.successorListOf(graph, node).iterator());
  }

  private static List<GraphNode> cycleEndingAt(GraphNode first, Deque<GraphNode> path) {
    List<GraphNode> nodes = new ArrayList<>(path);
    return List.copyOf(nodes.subList(nodes.indexOf(first), nodes.size()));
  }
}
