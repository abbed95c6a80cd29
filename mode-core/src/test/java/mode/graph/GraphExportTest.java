package mode.graph;

import static mode.graph.Snapshots.info;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mode.State;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.junit.jupiter.api.Test;

class GraphExportTest {

  @Test
  void graphMlReplacesWhatXmlCannotHoldAndKeepsTheRest() {
    String label = "A\u0001B\u0000 \uD83D\uDE00 \uD800 ✓\tend";
    String graphMl = GraphExport.write(GraphExport.Format.GRAPHML, List.of(info(1, label, State.RUNNING, null)));

    Map<String, String> labels = new HashMap<>();
    GraphMLImporter<String, DefaultEdge> importer = new GraphMLImporter<>();
    importer.setVertexFactory(id -> id);
    importer.addVertexAttributeConsumer((p, a) -> {
      if (p.getSecond().equals("label")) {
        labels.put(p.getFirst(), a.getValue());
      }
    });
    importer.importGraph(new DefaultDirectedGraph<>(DefaultEdge.class), new StringReader(graphMl));

    assertThat(labels).containsExactly(Map.entry("1", "A\uFFFDB\uFFFD \uD83D\uDE00 \uFFFD ✓\tend"));
  }

  @Test
  void formatsAreNamedAsOnTheCommandLine() {
    assertThat(GraphExport.Format.ofId("GraphML")).isEqualTo(GraphExport.Format.GRAPHML);
    assertThat(GraphExport.Format.ofId("dot-annotated")).isEqualTo(GraphExport.Format.DOT_ANNOTATED);
  }
}
