package mode.graph;

import static mode.graph.Snapshots.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mode.State;
import org.junit.jupiter.api.Test;

class GraphFormatterTest {
  private static final String NODE =
      "shape=\"box\", arrowhead=\"vee\", style=\"filled\", fontname=\"HelveticaNeue\", "
          + "fillcolor=\"palegreen3\", color=\"palegreen4\"";
  private static final String TERMINAL =
      "shape=\"box\", arrowhead=\"vee\", style=\"filled\", fontname=\"HelveticaNeue\", "
          + "fillcolor=\"palegreen1\", color=\"palegreen2\"";
  private static final String EDGE =
      "shape=\"box\", arrowhead=\"vee\", style=\"filled\", fontname=\"HelveticaNeue\", "
          + "color=\"darkseagreen4\", arrowcolor=\"black\", arrowsize=\"0.7\"";
  private static final String HEAD =
      "digraph dependencies {\n        graph [shape=\"box\", arrowhead=\"vee\", style=\"filled\", "
          + "fontname=\"HelveticaNeue\", bgcolor=\"mintcream\", root=\"NoneType\"]\n";

  static String golden(String name) throws IOException {
    try (InputStream in = GraphFormatterTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Map<String, List<String>> exampleTree() {
    Map<String, List<String>> tree = new LinkedHashMap<>();
    tree.put("App", List.of("Web", "Cache"));
    tree.put("Web", List.of("Router", "Sessions"));
    return tree;
  }

  @Test
  void uniqueLabelTreeIsByteEqualToModesOutput() throws IOException {
    assertThat(DependencyGraph.of(exampleTree()).toDot()).isEqualTo(golden("mode_example.dot"));
  }

  @Test
  void snapshotOfTheExampleTreeIsByteEqualToModesOutput() throws IOException {
    List<mode.events.ServiceInfo> snapshot =
        List.of(
            info(1, "App", State.RUNNING, null, 2L, 5L),
            info(2, "Web", State.RUNNING, 1L, 3L, 4L),
            info(3, "Router", State.RUNNING, 2L),
            info(4, "Sessions", State.RUNNING, 2L),
            info(5, "Cache", State.RUNNING, 1L));
    assertThat(DependencyGraph.of(snapshot).toDot()).isEqualTo(golden("mode_example.dot"));
  }

  @Test
  void rootAttributeAndDeclaredTerminalNodeMatchMode() throws IOException {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    graph.put("Web", List.of("Router", "Sessions"));
    graph.put("Cache", List.of());
    assertThat(DependencyGraph.of(graph).toDot(GraphFormatter.defaults().withRoot("App")))
        .isEqualTo(golden("mode_variant_root_and_terminal.dot"));
  }

  @Test
  void undirectedIndentedGraphWithIdMatchesMode() throws IOException {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    graph.put("a", List.of("b", "c"));
    graph.put("b", List.of("c"));
    graph.put("c", List.of());
    GraphFormatter formatter =
        GraphFormatter.defaults().withDirected(false).withId("deps").withIndent(1);
    assertThat(DependencyGraph.of(graph).toDot(formatter))
        .isEqualTo(golden("mode_variant_undirected_indent.dot"));
  }

  @Test
  void servicesWithTheSameLabelStayDistinctNodes() {
    DependencyGraph graph =
        DependencyGraph.of(
            List.of(
                info(1, "Pair", State.RUNNING, null, 2L, 3L),
                info(2, "Twin", State.RUNNING, 1L),
                info(3, "Twin", State.RUNNING, 1L)));
    assertThat(graph.toDot())
        .isEqualTo(
            HEAD
                + "    \"Pair\" [" + NODE + "]\n"
                + "    \"Pair\" -> \"Twin\" [" + EDGE + "]\n"
                + "    \"Pair\" -> \"Twin#2\" [" + EDGE + "]\n"
                + "    \"Twin#2\" [label=\"Twin\"]\n"
                + "}\n");
  }

  @Test
  void duplicateIdsSkipIdsThatAreOtherLabels() {
    DependencyGraph graph =
        DependencyGraph.of(
            List.of(
                info(1, "Twin", State.RUNNING, null, 2L, 3L),
                info(2, "Twin", State.RUNNING, 1L),
                info(3, "Twin#2", State.RUNNING, 1L)));
    assertThat(graph.toDot())
        .isEqualTo(
            HEAD
                + "    \"Twin\" [" + NODE + "]\n"
                + "    \"Twin\" -> \"Twin#3\" [" + EDGE + "]\n"
                + "    \"Twin\" -> \"Twin#2\" [" + EDGE + "]\n"
                + "    \"Twin#3\" [label=\"Twin\"]\n"
                + "}\n");
  }

  @Test
  void quotesBackslashesAndLineBreaksAreEscaped() {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    graph.put("say \"hi\"", List.of("C:\\tmp", "two\nlines", "crlf\r\nend"));
    assertThat(DependencyGraph.of(graph).toDot(GraphFormatter.defaults().withRoot("a\"b")))
        .isEqualTo(
            HEAD.replace("root=\"NoneType\"", "root=\"a\\\"b\"")
                + "    \"say \\\"hi\\\"\" [" + NODE + "]\n"
                + "    \"say \\\"hi\\\"\" -> \"C:\\\\tmp\" [" + EDGE + "]\n"
                + "    \"say \\\"hi\\\"\" -> \"two\\nlines\" [" + EDGE + "]\n"
                + "    \"say \\\"hi\\\"\" -> \"crlf\\nend\" [" + EDGE + "]\n"
                + "}\n");
  }

  @Test
  void graphIdThatIsNotAPlainIdentifierIsQuoted() {
    String dot =
        DependencyGraph.of(Map.of("a", List.<String>of())).toDot(GraphFormatter.defaults().withId("my deps"));
    assertThat(dot).startsWith("digraph \"my deps\" {\n");
  }

  @Test
  void stateColorsDrawEveryNodeInTheColourOfItsState() {
    DependencyGraph graph =
        DependencyGraph.of(
            List.of(
                info(1, "App", State.RUNNING, null, 2L, 3L, 4L, 5L, 6L),
                info(2, "Starting", State.STARTING, 1L),
                info(3, "Stopping", State.STOPPING, 1L),
                info(4, "Done", State.SHUTDOWN, 1L),
                info(5, "Broken", State.CRASHED, 1L),
                info(6, "Fresh", State.INIT, 1L)));
    String base = "shape=\"box\", arrowhead=\"vee\", style=\"filled\", fontname=\"HelveticaNeue\", ";
    assertThat(graph.toDot(GraphFormatter.defaults().withStateColors()))
        .isEqualTo(
            HEAD
                + "    \"App\" [" + base + "fillcolor=\"palegreen2\", color=\"forestgreen\"]\n"
                + "    \"App\" -> \"Starting\" [" + EDGE + "]\n"
                + "    \"App\" -> \"Stopping\" [" + EDGE + "]\n"
                + "    \"App\" -> \"Done\" [" + EDGE + "]\n"
                + "    \"App\" -> \"Broken\" [" + EDGE + "]\n"
                + "    \"App\" -> \"Fresh\" [" + EDGE + "]\n"
                + "    \"Starting\" [" + base + "fillcolor=\"lightgoldenrod1\", color=\"goldenrod3\"]\n"
                + "    \"Stopping\" [" + base + "fillcolor=\"lightgoldenrod1\", color=\"goldenrod3\"]\n"
                + "    \"Done\" [" + base + "fillcolor=\"gray80\", color=\"gray40\"]\n"
                + "    \"Broken\" [" + base + "fillcolor=\"tomato\", color=\"red3\"]\n"
                + "    \"Fresh\" [" + base + "fillcolor=\"white\", color=\"gray50\"]\n"
                + "}\n");
  }

  @Test
  void stateColorsKeepModesColoursForNodesWithoutState() {
    assertThat(DependencyGraph.of(Map.of("a", List.of("b"))).toDot(GraphFormatter.defaults().withStateColors()))
        .isEqualTo(
            HEAD
                + "    \"a\" [" + NODE + "]\n"
                + "    \"a\" -> \"b\" [" + EDGE + "]\n"
                + "    \"b\" [" + TERMINAL + "]\n"
                + "}\n");
  }

  @Test
  void loneRootIsDrawnAsATerminalNode() {
    assertThat(DependencyGraph.of(List.of(info(7, "Solo", State.INIT, null))).toDot())
        .isEqualTo(HEAD + "    \"Solo\" [" + TERMINAL + "]\n}\n");
  }

  @Test
  void negativeIndentIsRejectedNamingTheValue() {
    assertThatThrownBy(() -> GraphFormatter.defaults().withIndent(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("indent must be >= 0, was -1");
  }
}
