package mode.inspector.viewmodel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mode.inspector.layout.LayoutGraph;
import mode.inspector.model.ServiceGraph;
import mode.inspector.model.ServiceNode;

/**
 * Decides which services the graph draws: everything reachable from the roots without passing
 * through a collapsed service, narrowed by the state filter to the matches plus their ancestors
 * (drawn dimmed, for context). Produces the {@link LayoutGraph} to lay out.
 *
 * <p>Threading: reads the model, so call it on the thread that owns the model.
 */
final class VisibleGraph {
  static final double CHAR_WIDTH = 7.2;
  static final double BADGE_WIDTH = 34;
  /** Room for the shield a supervisor's box shows before its text. */
  static final double SHIELD_WIDTH = 18;

  final LayoutGraph layoutGraph;
  final Set<Long> dimmed;
  /** What each collapsed service hides (its descendants), so that their trouble shows on it. */
  final Map<Long, Set<Long>> hiddenBelow;

  private VisibleGraph(LayoutGraph layoutGraph, Set<Long> dimmed, Map<Long, Set<Long>> hiddenBelow) {
    this.layoutGraph = layoutGraph;
    this.dimmed = dimmed;
    this.hiddenBelow = hiddenBelow;
  }

  static double nodeWidth(String label, boolean collapsed) {
    int chars = Math.min(label.length(), 28);
    return 20 + chars * CHAR_WIDTH + (collapsed ? BADGE_WIDTH : 0);
  }

  /**
   * The width of a service's box: its label's (at most 28 characters), or for a supervisor its
   * whole policy line, the shield and the double border.
   */
  static double nodeWidth(ServiceNode node, boolean collapsed) {
    if (node.supervisor() == null) {
      return nodeWidth(node.label(), collapsed);
    }
    return 20 + SHIELD_WIDTH + node.boxText().length() * CHAR_WIDTH + (collapsed ? BADGE_WIDTH : 0);
  }

  /** The services shown; a service with a trouble marker is at least as wide as {@code markerWidths} says. */
  static VisibleGraph of(ServiceGraph model, Set<Long> collapsedByUser, StateFilter filter, Map<Long, Double> markerWidths) {
    // A filter looks inside collapsed subtrees: a crash must never hide behind a "+N".
    Set<Long> collapsed = filter == StateFilter.ALL ? collapsedByUser : Set.of();
    List<Long> order = depthFirst(model, collapsed);
    Set<Long> reachable = new HashSet<>(order);
    Set<Long> shown = reachable;
    Set<Long> dimmed = Set.of();
    if (filter != StateFilter.ALL) {
      shown = new HashSet<>();
      for (long id : order) {
        if (filter.accepts(model.node(id).state())) {
          addWithAncestors(model, id, reachable, shown);
        }
      }
      dimmed = new HashSet<>();
      for (long id : shown) {
        if (!filter.accepts(model.node(id).state())) {
          dimmed.add(id);
        }
      }
    }
    Map<Long, Set<Long>> hiddenBelow = new HashMap<>();
    LayoutGraph graph = layoutGraph(model, order, shown, collapsed, hiddenBelow, markerWidths);
    return new VisibleGraph(graph, dimmed, hiddenBelow);
  }

  /** Every service reachable from the roots without entering a collapsed one, depth first. */
  private static List<Long> depthFirst(ServiceGraph model, Set<Long> collapsed) {
    Set<Long> seen = new HashSet<>();
    List<Long> order = new ArrayList<>();
    Deque<Long> stack = new ArrayDeque<>();
    List<Long> roots = model.roots();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.push(roots.get(i));
    }
    while (!stack.isEmpty()) {
      long id = stack.pop();
      if (!seen.add(id)) {
        continue;
      }
      order.add(id);
      if (!collapsed.contains(id)) {
        List<Long> children = model.dependencies(id);
        for (int i = children.size() - 1; i >= 0; i--) {
          stack.push(children.get(i));
        }
      }
    }
    return order;
  }

  private static LayoutGraph layoutGraph(ServiceGraph model, List<Long> order, Set<Long> shown,
      Set<Long> collapsed, Map<Long, Set<Long>> hiddenBelow, Map<Long, Double> markerWidths) {
    LayoutGraph.Builder builder = LayoutGraph.builder();
    for (long id : order) {
      if (shown.contains(id)) {
        boolean isCollapsed = collapsed.contains(id) && !model.dependencies(id).isEmpty();
        if (isCollapsed) {
          hiddenBelow.put(id, descendants(model, id));
        }
        builder.node(id, Math.max(nodeWidth(model.node(id), isCollapsed), markerWidths.getOrDefault(id, 0.0)));
      }
    }
    for (long id : order) {
      if (shown.contains(id) && !collapsed.contains(id)) {
        for (long child : model.dependencies(id)) {
          if (shown.contains(child)) {
            builder.edge(id, child);
          }
        }
      }
    }
    return builder.build();
  }

  private static void addWithAncestors(ServiceGraph model, long id, Set<Long> reachable, Set<Long> shown) {
    Deque<Long> todo = new ArrayDeque<>();
    todo.push(id);
    while (!todo.isEmpty()) {
      long next = todo.pop();
      if (reachable.contains(next) && shown.add(next)) {
        for (long parent : model.dependents(next)) {
          todo.push(parent);
        }
      }
    }
  }

  private static Set<Long> descendants(ServiceGraph model, long id) {
    Set<Long> seen = new HashSet<>();
    Deque<Long> todo = new ArrayDeque<>(model.dependencies(id));
    while (!todo.isEmpty()) {
      long next = todo.pop();
      if (next != id && seen.add(next)) {
        todo.addAll(model.dependencies(next));
      }
    }
    return seen;
  }
}
