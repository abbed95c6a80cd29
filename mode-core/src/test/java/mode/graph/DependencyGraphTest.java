package mode.graph;

import static mode.graph.Snapshots.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mode.State;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  private static List<String> labels(List<GraphNode> nodes) {
    return nodes.stream().map(GraphNode::label).toList();
  }

  private static Map<String, List<String>> adjacency(String... keyThenDependencies) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String entry : keyThenDependencies) {
      String[] parts = entry.split(":", -1);
      map.put(parts[0], parts[1].isEmpty() ? List.of() : List.of(parts[1].split(",")));
    }
    return map;
  }

  @Test
  void topologicalOrderPutsEveryNodeBeforeItsDependencies() {
    DependencyGraph graph = DependencyGraph.of(GraphFormatterTest.exampleTree());
    assertThat(labels(graph.topologicalOrder()))
        .containsExactly("App", "Web", "Cache", "Router", "Sessions");
  }

  @Test
  void topologicalOrderOfASharedDependencyWaitsForAllItsDependents() {
    DependencyGraph graph = DependencyGraph.of(adjacency("app:web,db", "web:db", "db:"));
    assertThat(labels(graph.topologicalOrder())).containsExactly("app", "web", "db");
  }

  @Test
  void aNodeReachableTwiceIsOneNodeWithBothEdges() {
    DependencyGraph graph =
        DependencyGraph.of(
            List.of(
                info(1, "App", State.RUNNING, null, 2L, 3L),
                info(2, "Web", State.RUNNING, 1L, 3L),
                info(3, "Db", State.RUNNING, 1L)));
    GraphNode db = graph.node(3).orElseThrow();
    assertThat(labels(graph.nodes())).containsExactly("App", "Web", "Db");
    assertThat(labels(graph.dependentsOf(db))).containsExactly("App", "Web");
    assertThat(graph.asGraph().edgeSet()).hasSize(3);
  }

  @Test
  void nodesCarryIdLabelAndStateFromTheSnapshot() {
    DependencyGraph graph =
        DependencyGraph.of(
            List.of(info(5, "Cache", State.CRASHED, 1L), info(1, "App", State.STOPPING, null, 5L)));
    assertThat(graph.nodes())
        .containsExactly(
            new GraphNode(1, "App", State.STOPPING), new GraphNode(5, "Cache", State.CRASHED));
  }

  @Test
  void mapNodesAreNumberedInOrderOfFirstAppearanceAndHaveNoState() {
    DependencyGraph graph = DependencyGraph.of(adjacency("x:y,z", "z:y"));
    assertThat(graph.nodes())
        .containsExactly(
            new GraphNode(1, "x", null), new GraphNode(2, "y", null), new GraphNode(3, "z", null));
    assertThat(labels(graph.dependenciesOf(graph.node(1).orElseThrow()))).containsExactly("y", "z");
  }

  @Test
  void acyclicGraphHasNoCycle() {
    DependencyGraph graph = DependencyGraph.of(adjacency("a:b,c", "b:c", "c:"));
    assertThat(graph.hasCycle()).isFalse();
    assertThat(graph.findCycle()).isEmpty();
  }

  @Test
  void cycleIsFoundWithItsNodesInEdgeOrder() {
    DependencyGraph graph = DependencyGraph.of(adjacency("a:b", "b:c", "c:d", "d:b"));
    assertThat(graph.hasCycle()).isTrue();
    assertThat(labels(graph.findCycle().orElseThrow())).containsExactly("b", "c", "d");
  }

  @Test
  void nodeDependingOnItselfIsACycleOfOne() {
    DependencyGraph graph = DependencyGraph.of(adjacency("a:b", "b:b"));
    assertThat(labels(graph.findCycle().orElseThrow())).containsExactly("b");
  }

  @Test
  void topologicalOrderOfACyclicGraphFailsNamingTheCycle() {
    DependencyGraph graph = DependencyGraph.of(adjacency("App:Web", "Web:Cache", "Cache:App"));
    assertThatThrownBy(graph::topologicalOrder)
        .isInstanceOfSatisfying(
            DependencyCycleException.class,
            e -> assertThat(labels(e.cycle())).containsExactly("App", "Web", "Cache"))
        .hasMessage("dependency cycle: App -> Web -> Cache -> App");
  }

  @Test
  void deepChainNeedsNoDeepStack() {
    Map<Integer, List<Integer>> chain = new LinkedHashMap<>();
    for (int i = 0; i < 100_000; i++) {
      chain.put(i, List.of(i + 1));
    }
    chain.put(100_000, List.of(0));
    DependencyGraph graph = DependencyGraph.of(chain);
    assertThat(graph.findCycle().orElseThrow()).hasSize(100_001);
  }

  @Test
  void snapshotServicesInACycleAreAllNodes() {
    DependencyGraph graph =
        DependencyGraph.of(
            List.of(info(1, "A", State.RUNNING, 2L, 2L), info(2, "B", State.RUNNING, 1L, 1L)));
    assertThat(labels(graph.nodes())).containsExactly("A", "B");
    assertThat(labels(graph.findCycle().orElseThrow())).containsExactly("A", "B");
  }

  @Test
  void snapshotWithAnUnknownDependencyIsRejectedNamingIt() {
    assertThatThrownBy(() -> DependencyGraph.of(List.of(info(1, "App", State.RUNNING, null, 9L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service App (id 1) depends on id 9, which is not in the snapshot");
  }

  @Test
  void snapshotWithADuplicateIdIsRejectedNamingBoth() {
    assertThatThrownBy(
            () ->
                DependencyGraph.of(
                    List.of(info(1, "App", State.RUNNING, null), info(1, "Web", State.RUNNING, null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("services App and Web share the id 1");
  }

  @Test
  void graphViewIsReadOnly() {
    DependencyGraph graph = DependencyGraph.of(adjacency("a:b"));
    assertThatThrownBy(() -> graph.asGraph().addVertex(new GraphNode(9, "z", null)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void unknownNodeIsRejectedNamingIt() {
    DependencyGraph graph = DependencyGraph.of(adjacency("a:b"));
    assertThatThrownBy(() -> graph.dependenciesOf(new GraphNode(9, "z", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node GraphNode[id=9, label=z, state=null] is not in this graph");
  }
}
