package mode.graph;

import static mode.graph.Snapshots.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mode.State;
import mode.testing.DotTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our DOT read by the real tools: pydot (what mode's users script with) and Graphviz {@code dot}.
 * On CI the tools must be there (the CI script installs them), so a missing tool fails the test;
 * elsewhere it is skipped with a message saying what to install.
 */
class GraphvizInteropTest {
  private static final String PYDOT_SUMMARY =
      """
      import pydot, sys
      graphs = pydot.graph_from_dot_data(open(sys.argv[1], encoding="utf-8").read())
      assert graphs is not None and len(graphs) == 1, graphs
      g = graphs[0]
      names = []
      def see(name):
          if name not in ("graph", "node", "edge") and name not in names:
              names.append(name)
      for n in g.get_nodes():
          see(n.get_name())
      edges = [(e.get_source(), e.get_destination()) for e in g.get_edges()]
      for s, d in edges:
          see(s); see(d)
      print(g.get_type(), g.get_name(), len(names), "nodes", len(edges), "edges")
      for n in names:
          print("node", n)
      for s, d in edges:
          print("edge", s, d)
      """;

  @TempDir Path dir;

  /** Duplicate labels, characters that need escaping and every state, in one tree. */
  private static DependencyGraph awkwardTree() {
    return DependencyGraph.of(
        List.of(
            info(1, "App", State.RUNNING, null, 2L, 3L, 4L),
            info(2, "Twin", State.CRASHED, 1L, 5L),
            info(3, "Twin", State.STOPPING, 1L),
            info(4, "say \"hi\"\\now", State.SHUTDOWN, 1L, 6L),
            info(5, "two\nlines", State.INIT, 2L),
            info(6, "Leaf", State.STARTING, 4L)));
  }

  @Test
  void pydotReadsEveryNodeAndEdgeOfModesFormat() throws Exception {
    assertThat(pydotSummary(awkwardTree().toDot()))
        .isEqualTo(
            """
            digraph dependencies 6 nodes 5 edges
            node "App"
            node "Twin"
            node "Twin#2"
            node "say \\"hi\\"\\\\now"
            node "two\\nlines"
            node "Leaf"
            edge "App" "Twin"
            edge "App" "Twin#2"
            edge "App" "say \\"hi\\"\\\\now"
            edge "Twin" "two\\nlines"
            edge "say \\"hi\\"\\\\now" "Leaf"
            """);
  }

  @Test
  void pydotReadsTheStateColouredFormat() throws Exception {
    String summary = pydotSummary(awkwardTree().toDot(GraphFormatter.defaults().withStateColors()));
    assertThat(summary.lines().findFirst()).contains("digraph dependencies 6 nodes 5 edges");
  }

  @Test
  void pydotReadsTheUndirectedIndentedFormat() throws Exception {
    GraphFormatter formatter = GraphFormatter.defaults().withDirected(false).withIndent(2).withId("deps");
    String summary = pydotSummary(DependencyGraph.of(GraphFormatterTest.exampleTree()).toDot(formatter));
    assertThat(summary.lines().findFirst()).contains("graph deps 5 nodes 4 edges");
  }

  @Test
  void graphvizRendersBothSchemesToSvg() throws Exception {
    DotTools.requireGraphviz();
    for (GraphFormatter formatter :
        List.of(GraphFormatter.defaults(), GraphFormatter.defaults().withStateColors())) {
      Path file = write(awkwardTree().toDot(formatter));
      Result result = run(List.of("dot", "-Tsvg", file.toString()));
      assertThat(result.exit()).as("dot exit code; stderr: %s", result.stderr()).isZero();
      assertThat(result.stdout()).contains("<svg").contains("Twin").contains("</svg>");
    }
  }

  private String pydotSummary(String dot) throws Exception {
    DotTools.requirePydot();
    Result result = run(List.of(DotTools.PYTHON, "-c", PYDOT_SUMMARY, write(dot).toString()));
    assertThat(result.exit()).as("pydot exit code; stderr: %s", result.stderr()).isZero();
    return result.stdout();
  }

  private Path write(String dot) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "graph", ".dot"), dot, StandardCharsets.UTF_8);
  }

  private record Result(int exit, String stdout, String stderr) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    try {
      process.getOutputStream().close();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      String out = readAll(process.getInputStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        fail("timed out: " + command);
      }
      return new Result(process.exitValue(), out, err.join());
    } finally {
      process.destroyForcibly();
    }
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
