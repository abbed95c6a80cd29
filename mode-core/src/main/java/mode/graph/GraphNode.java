package mode.graph;

import java.util.Objects;
import mode.State;

/**
 * One node of a {@link DependencyGraph}: a service, or any value given to {@link
 * DependencyGraph#of(java.util.Map)}.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param id unique within its graph: the service's {@code id()} for service graphs, the position
 *     of first appearance (from 1) for graphs built from a map
 * @param label what the node is called in DOT: the service's {@code label()}, or {@code
 *     String.valueOf(key)}; labels need not be unique
 * @param state the service's state when the graph was built, or {@code null} when the node is not
 *     a service
 */
public record GraphNode(long id, String label, State state) {

  /**
   * Checks the label.
   *
   * @throws NullPointerException if {@code label} is null
   */
  public GraphNode {
    Objects.requireNonNull(label, "label");
  }
}
