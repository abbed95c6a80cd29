package mode.graph;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A graph that must be acyclic has a cycle; {@link #cycle()} names the nodes on it.
 *
 * <p>The message reads like {@code dependency cycle: A -> B -> A}.
 */
public final class DependencyCycleException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient List<GraphNode> cycle;

  /**
   * A cycle through {@code cycle}, in edge order: each node depends on the next, the last on
   * the first.
   *
   * @param cycle the nodes on the cycle, each once
   */
  public DependencyCycleException(List<GraphNode> cycle) {
    super(describe(cycle));
    this.cycle = List.copyOf(cycle);
  }

  /** {@return the nodes on the cycle in edge order, each once; the last depends on the first} */
  public List<GraphNode> cycle() {
    return cycle;
  }

  private static String describe(List<GraphNode> cycle) {
    if (cycle.isEmpty()) {
      throw new IllegalArgumentException("a cycle has at least one node");
    }
    return Stream.concat(cycle.stream(), Stream.of(cycle.get(0)))
        .map(GraphNode::label)
        .collect(Collectors.joining(" -> ", "dependency cycle: ", ""));
  }
}
