package mode.inspect.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import mode.Service;
import mode.State;
import mode.graph.DependencyGraph;
import mode.graph.GraphExport;
import mode.graph.GraphNode;
import mode.inspect.InspectAgent;
import mode.inspect.InspectOptions;
import mode.testing.DotTools;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.nio.BaseEventDrivenImporter;
import org.jgrapht.nio.GraphImporter;
import org.jgrapht.nio.dot.DOTImporter;
import org.jgrapht.nio.gml.GmlImporter;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.jgrapht.nio.json.JSONImporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mode-inspect export} against a live tree in this JVM (over the agent's real socket), read
 * back with jgrapht-io's importers, pydot and Graphviz: every format has the tree's services,
 * dependencies and attributes, hostile labels and crash reasons included.
 */
class ExportCommandTest {
  static final String HOSTILE = "say \"hi\" <b>&amp; \\n\\\\ line1\nline2 café ✓ ∀";

  /** A service whose label we choose. */
  static final class Part extends Service {
    private final String label;

    Part(String label) {
      this.label = label;
    }

    @Override
    public String label() {
      return label;
    }
  }

  @TempDir Path tmp;
  Path dir;
  final Part app = new Part("App");
  final Part web = app.addDependency(new Part("Web"));
  final Part odd = web.addDependency(new Part(HOSTILE));
  final Part cache = app.addDependency(new Part("Cache"));
  final Part shared = cache.addDependency(web.addDependency(new Part("Shared")));
  InspectAgent agent;

  @BeforeEach
  void startWorker() throws IOException {
    dir = tmp.resolve("inspect");
    app.start();
    web.restart();
    odd.crash(new IOException("disk \"gone\"\r\nat C:\\data <x> & ü ✗"));
    agent = InspectAgent.start(app, InspectOptions.defaults("App").withDirectory(dir));
  }

  @AfterEach
  void stopWorker() {
    agent.close();
    app.stop();
  }

  String export(String format) throws IOException {
    Path file = tmp.resolve("graph." + format);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = InspectCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute("export", "--format", format, "--dir", dir.toString(), "-o", file.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).isEmpty();
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** A node as read back: its id in the file and its attributes (the importers' own ID left out). */
  record Node(String id, Map<String, String> attributes) {}

  static final class Imported {
    final String id;
    final Map<String, String> attributes = new LinkedHashMap<>();

    Imported(String id) {
      this.id = id;
    }
  }

  private List<Service> services() {
    return List.of(app, web, odd, cache, shared);
  }

  /** What the live services say: ids, labels, classes, states, restarts and crash reasons. */
  private Set<Node> liveNodes() {
    return liveNodes(UnaryOperator.identity());
  }

  /** The live nodes with their texts as {@code written} (DOT writes every line break as {@code \n}). */
  private Set<Node> liveNodes(UnaryOperator<String> written) {
    assertThat(app.state()).isEqualTo(State.CRASHED);
    assertThat(web.restartCount()).isEqualTo(1);
    return services().stream().map(s -> {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("label", written.apply(s.label()));
      attributes.put("className", s.getClass().getName());
      attributes.put("state", s.state().name());
      attributes.put("restartCount", Integer.toString(s.restartCount()));
      if (s.crashReason() != null) {
        attributes.put("crashReason", written.apply(s.crashReason().toString()));
      }
      return new Node(Long.toString(s.id()), attributes);
    }).collect(Collectors.toSet());
  }

  /** The live dependencies, as (dependent, dependency) pairs named by {@code name}. */
  private Set<List<String>> liveEdges(Function<GraphNode, String> name) {
    Graph<GraphNode, DefaultEdge> graph = DependencyGraph.of(app).asGraph();
    Set<List<String>> edges = graph.edgeSet().stream()
        .map(e -> List.of(name.apply(graph.getEdgeSource(e)), name.apply(graph.getEdgeTarget(e))))
        .collect(Collectors.toSet());
    assertThat(edges).hasSize(5);
    return edges;
  }

  private record Read(Set<Node> nodes, Set<List<String>> edges, List<String> relations) {}

  private static <I extends BaseEventDrivenImporter<Imported, DefaultEdge> & GraphImporter<Imported, DefaultEdge>> Read read(
      I importer, String text) {
    Graph<Imported, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    List<String> relations = new ArrayList<>();
    importer.addVertexAttributeConsumer((p, a) -> {
      if (!p.getSecond().equals("ID")) {
        p.getFirst().attributes.put(p.getSecond(), a.getValue());
      }
    });
    importer.addEdgeAttributeConsumer((p, a) -> {
      if (p.getSecond().equals("relation")) {
        relations.add(a.getValue());
      }
    });
    importer.importGraph(graph, new StringReader(text));
    Set<Node> nodes = graph.vertexSet().stream().map(v -> new Node(v.id, v.attributes)).collect(Collectors.toSet());
    Set<List<String>> edges = graph.edgeSet().stream()
        .map(e -> List.of(graph.getEdgeSource(e).id, graph.getEdgeTarget(e).id)).collect(Collectors.toSet());
    assertThat(edges).hasSameSizeAs(graph.edgeSet());
    return new Read(nodes, edges, relations);
  }

  private void assertSameGraph(Read read) {
    assertThat(read.nodes()).isEqualTo(liveNodes());
    assertThat(read.edges()).isEqualTo(liveEdges(n -> Long.toString(n.id())));
    assertThat(read.relations()).hasSize(5).containsOnly(GraphExport.DEPENDS_ON);
  }

  @Test
  void graphMlReadsBackAsTheLiveTree() throws IOException {
    String graphMl = export("graphml");
    assertThat(graphMl).contains("<key id=\"key0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>")
        .contains("attr.name=\"restartCount\" attr.type=\"int\"");
    GraphMLImporter<Imported, DefaultEdge> importer = new GraphMLImporter<>();
    importer.setVertexFactory(Imported::new);
    assertSameGraph(read(importer, graphMl));
  }

  @Test
  void jsonReadsBackAsTheLiveTree() throws IOException {
    String json = export("json");
    JSONImporter<Imported, DefaultEdge> importer = new JSONImporter<>();
    importer.setVertexFactory(Imported::new);
    assertSameGraph(read(importer, json));
    assertThat(new ObjectMapper().readTree(json).get("nodes").get(0).get("restartCount").isInt()).isTrue();
  }

  @Test
  void gmlReadsBackAsTheLiveTree() throws IOException {
    GmlImporter<Imported, DefaultEdge> importer = new GmlImporter<>();
    importer.setVertexFactory(id -> new Imported(Integer.toString(id)));
    Read read = read(importer, export("gml"));
    // GML's importer hands integers over as numbers; the rest is as in the other formats.
    assertSameGraph(read);
  }

  @Test
  void dotReadsBackAsTheLiveTreeInModesFormat() throws IOException {
    String dot = export("dot");
    assertThat(dot).isEqualTo(DependencyGraph.of(app).toDot());
    DOTImporter<Imported, DefaultEdge> importer = new DOTImporter<>();
    importer.setVertexFactory(Imported::new);
    Read read = read(importer, dot);
    assertThat(read.nodes()).extracting(n -> graphviz(n.id())).containsExactlyInAnyOrderElementsOf(
        services().stream().map(Service::label).toList());
    assertThat(read.edges().stream().map(e -> e.stream().map(ExportCommandTest::graphviz).toList()))
        .containsExactlyInAnyOrderElementsOf(liveEdges(GraphNode::label));
  }

  /**
   * DOT itself escapes only {@code \"} (which JGraphT's importer undoes); {@code \\} and {@code
   * \n} are Graphviz's escapes in text, undone here.
   */
  static String graphviz(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A text as DOT carries it: every line break ({@code \r\n}, {@code \r}) is {@code \n}. */
  static String lineBreaks(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  @Test
  void annotatedDotReadsBackWithEveryAttribute() throws IOException {
    String dot = export("dot-annotated");
    DOTImporter<Imported, DefaultEdge> importer = new DOTImporter<>();
    importer.setVertexFactory(Imported::new);
    Read read = read(importer, dot);
    Set<Node> nodes = read.nodes().stream().map(n -> new Node(graphviz(n.id()), n.attributes().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> graphviz(e.getValue()))))).collect(Collectors.toSet());
    assertThat(annotated(nodes)).isEqualTo(liveNodes(ExportCommandTest::lineBreaks));
    assertThat(read.edges().stream().map(e -> e.stream().map(ExportCommandTest::graphviz).toList()))
        .containsExactlyInAnyOrderElementsOf(liveEdges(GraphNode::label));
  }

  /** DOT nodes named by label, turned into nodes named by service id with the export's attributes. */
  private static Set<Node> annotated(Set<Node> dotNodes) {
    return dotNodes.stream().map(n -> {
      Map<String, String> a = n.attributes();
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("label", a.getOrDefault("label", n.id()));
      attributes.put("className", a.get("className"));
      attributes.put("state", a.get("state"));
      attributes.put("restartCount", a.get("restartCount"));
      if (a.containsKey("crashReason")) {
        attributes.put("crashReason", a.get("crashReason"));
      }
      return new Node(a.get("serviceId"), attributes);
    }).collect(Collectors.toSet());
  }

  @Test
  void pydotReadsTheAnnotatedDotWithEveryAttribute() throws Exception {
    DotTools.requirePydot();
    Path file = tmp.resolve("annotated.dot");
    Files.writeString(file, export("dot-annotated"), StandardCharsets.UTF_8);
    String script =
        """
        import json, pydot, sys
        def unquote(s):
            if not (s.startswith('"') and s.endswith('"')):
                return s
            out, i, s = [], 0, s[1:-1]
            while i < len(s):
                c = s[i]
                if c == '\\\\' and i + 1 < len(s):
                    n = s[i + 1]
                    out.append('\\n' if n == 'n' else n)
                    i += 2
                else:
                    out.append(c)
                    i += 1
            return ''.join(out)
        g = pydot.graph_from_dot_data(open(sys.argv[1], encoding="utf-8").read())[0]
        nodes = {unquote(n.get_name()): {k: unquote(v) for k, v in n.get_attributes().items()}
                 for n in g.get_nodes() if n.get_name() not in ("graph", "node", "edge")}
        edges = [[unquote(e.get_source()), unquote(e.get_destination())] for e in g.get_edges()]
        print(json.dumps({"nodes": nodes, "edges": edges}))
        """;
    Result result = run(List.of(DotTools.PYTHON, "-c", script, file.toString()));
    assertThat(result.exit()).as(result.stderr()).isZero();
    JsonNode parsed = new ObjectMapper().readTree(result.stdout());
    Set<Node> nodes = new java.util.HashSet<>();
    parsed.get("nodes").properties().forEach(e -> {
      Map<String, String> attributes = new HashMap<>();
      e.getValue().properties().forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
      nodes.add(new Node(e.getKey(), attributes));
    });
    assertThat(annotated(nodes)).isEqualTo(liveNodes(ExportCommandTest::lineBreaks));
    Set<List<String>> edges = new java.util.HashSet<>();
    parsed.get("edges").forEach(e -> edges.add(List.of(e.get(0).asText(), e.get(1).asText())));
    assertThat(edges).isEqualTo(liveEdges(GraphNode::label));
  }

  @Test
  void graphvizRendersTheAnnotatedDotWithoutAWarning() throws Exception {
    DotTools.requireGraphviz();
    Path file = tmp.resolve("annotated.dot");
    Files.writeString(file, export("dot-annotated"), StandardCharsets.UTF_8);
    Result result = run(List.of("dot", "-Tsvg", file.toString()));
    assertThat(result.exit()).as(result.stderr()).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout().split("class=\"node\"", -1)).hasSize(services().size() + 1);
    // The hostile label's two lines, escaped for XML; the crash reason in the node's tooltip.
    assertThat(result.stdout()).contains(">say &quot;hi&quot; &lt;b&gt;").contains(">line2 café ✓ ∀</text>")
        .contains("restarted 1 time&#10;java.io.IOException: disk &quot;gone&quot;&#10;at C:\\data &lt;x&gt; &amp; ü ✗\">");
  }

  @Test
  void theFormatComesFromTheFileNameUnlessGiven() {
    assertThat(ExportCommand.fromExtension(Path.of("g.graphml"))).isEqualTo(GraphExport.Format.GRAPHML);
    assertThat(ExportCommand.fromExtension(Path.of("G.JSON"))).isEqualTo(GraphExport.Format.JSON);
    assertThat(ExportCommand.fromExtension(Path.of("g.dot"))).isEqualTo(GraphExport.Format.DOT);
    assertThat(ExportCommand.fromExtension(Path.of("g.txt"))).isEqualTo(GraphExport.Format.DOT);
    assertThat(ExportCommand.fromExtension(null)).isEqualTo(GraphExport.Format.DOT);
  }

  @Test
  void anUnknownFormatIsAUsageErrorNamingTheKnownOnes() {
    StringWriter err = new StringWriter();
    int code = InspectCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
        .execute("export", "--format", "svg", "--dir", dir.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown graph format 'svg' (known: dot, dot-annotated, graphml, gml, json)");
  }

  private record Result(int exit, String stdout, String stderr) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    try {
      process.getOutputStream().close();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return e.toString();
        }
      });
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        fail("timed out: " + command);
      }
      return new Result(process.exitValue(), out, err.join());
    } finally {
      process.destroyForcibly();
    }
  }
}
