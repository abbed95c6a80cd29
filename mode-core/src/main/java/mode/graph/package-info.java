/**
 * Dependency graphs of services: building them from a live tree or a snapshot, topological
 * order, cycle detection and DOT export in mode's format.
 *
 * <p>{@link mode.graph.DependencyGraph} is the graph (a JGraphT graph of {@link
 * mode.graph.GraphNode}s), {@link mode.graph.GraphFormatter} writes it in DOT.
 */
package mode.graph;
