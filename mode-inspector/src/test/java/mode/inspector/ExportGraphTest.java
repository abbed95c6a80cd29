package mode.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import mode.Service;
import mode.State;
import mode.graph.GraphExport;
import mode.inspect.InspectAgent;
import mode.inspect.InspectOptions;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.view.Palette;
import mode.inspector.viewmodel.ExportFormat;
import mode.testing.DotTools;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File → "Export graph as…" in the real window, attached to a live worker: each format is
 * written where the chooser says, and the files hold the worker's graph.
 */
@ExtendWith(ApplicationExtension.class)
class ExportGraphTest {
  private static final String HOSTILE = "say \"hi\" <b> & café ✓\nline2";

  @TempDir Path dir;
  private InspectorApp.Parts parts;
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final List<Service> services = new ArrayList<>();

  /** A service with a label of our choice. */
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

  @Start
  void start(Stage stage) {
    parts = new InspectorApp.Parts(stage, 1000, 700);
    stage.show();
  }

  @BeforeEach
  void attach(FxRobot robot) throws Exception {
    Part shop = new Part("Shop");
    Part web = shop.addDependency(new Part("Web"));
    Part odd = web.addDependency(new Part(HOSTILE));
    Part cache = shop.addDependency(new Part("Cache"));
    services.addAll(List.of(shop, web, odd, cache));
    shop.start();
    cleanup.add(shop::stop);
    web.restart();
    odd.crash(new IllegalStateException("bad \"input\"\n<&> ü"));
    InspectAgent agent = InspectAgent.start(shop, InspectOptions.defaults("shop").withDirectory(dir.resolve("inspect"))
        .withTcp(new InetSocketAddress("127.0.0.1", 0), false));
    cleanup.add(agent);
    var tcp = agent.descriptor().tcpTarget().orElseThrow();
    robot.interact(() -> parts.sessions.attach(tcp.host() + ":" + tcp.port(), tcp.token()));
    await().atMost(Duration.ofSeconds(15)).until(() -> parts.vm.statusProperty().get() == ConnectionStatus.CONNECTED);
    await().atMost(Duration.ofSeconds(15)).until(() -> parts.vm.shownModel().size() == 4
        && parts.vm.graph().layoutProperty().get().size() == 4);
  }

  @AfterEach
  void close(FxRobot robot) throws Exception {
    robot.interact(parts::close);
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  /** Clicks File → "Export graph as…" with the chooser answering {@code file} and {@code format}. */
  private void exportThroughTheMenu(FxRobot robot, Path file, ExportFormat format) {
    robot.interact(() -> parts.sessions.exportChooser = () -> new Sessions.Export(file, format));
    robot.clickOn("#file-menu");
    robot.clickOn("Export graph as…");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#action-result").queryAs(Label.class).getText())
        .isEqualTo("Graph written to " + file + " (" + format.description() + ")");
  }

  @Test
  void everyFormatIsWrittenThroughTheFileMenu(FxRobot robot) throws IOException {
    for (ExportFormat format : ExportFormat.values()) {
      Path file = dir.resolve("graph-" + format.name().toLowerCase() + "." + format.extension());
      exportThroughTheMenu(robot, file, format);
      assertThat(Files.size(file)).as(format.name()).isPositive();
      if (format.textFormat() != null) {
        // GML and JSON write non-ASCII characters as \\uXXXX escapes.
        assertThat(Files.readString(file)).as(format.name()).contains("Cache")
            .contains(format == ExportFormat.GML || format == ExportFormat.JSON ? "caf\\u00E9 \\u2713" : "café ✓");
      }
    }
    assertThat(Files.readString(dir.resolve("graph-dot.dot")))
        .isEqualTo(GraphExport.write(GraphExport.Format.DOT, parts.vm.shownModel().toServiceInfos()));
  }

  @Test
  void graphMlHoldsTheLiveServicesWithTheirAttributes(FxRobot robot) throws IOException {
    Path file = dir.resolve("graph.graphml");
    exportThroughTheMenu(robot, file, ExportFormat.GRAPHML);

    Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    Map<String, Map<String, String>> attributes = new HashMap<>();
    GraphMLImporter<String, DefaultEdge> importer = new GraphMLImporter<>();
    importer.setVertexFactory(id -> id);
    importer.addVertexAttributeConsumer((p, a) -> {
      if (!p.getSecond().equals("ID")) {
        attributes.computeIfAbsent(p.getFirst(), k -> new LinkedHashMap<>()).put(p.getSecond(), a.getValue());
      }
    });
    importer.importGraph(graph, new StringReader(Files.readString(file, StandardCharsets.UTF_8)));

    Map<String, Map<String, String>> live = new HashMap<>();
    for (Service s : services) {
      Map<String, String> a = new LinkedHashMap<>();
      a.put("label", s.label());
      a.put("className", s.getClass().getName());
      a.put("state", s.state().name());
      a.put("restartCount", Integer.toString(s.restartCount()));
      if (s.crashReason() != null) {
        a.put("crashReason", s.crashReason().toString());
      }
      live.put(Long.toString(s.id()), a);
    }
    assertThat(live.get(Long.toString(services.get(2).id()))).containsEntry("state", "CRASHED")
        .containsEntry("crashReason", "java.lang.IllegalStateException: bad \"input\"\n<&> ü");
    assertThat(attributes).isEqualTo(live);
    Set<List<String>> edges = graph.edgeSet().stream()
        .map(e -> List.of(graph.getEdgeSource(e), graph.getEdgeTarget(e))).collect(Collectors.toSet());
    assertThat(edges).containsExactlyInAnyOrder(
        List.of(id(0), id(1)), List.of(id(0), id(3)), List.of(id(1), id(2)));
  }

  /** Reads a DOT file with pydot: each node's attributes (unquoted, escapes undone), by node name. */
  private static final String PYDOT_NODES =
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
      print(json.dumps(nodes))
      """;

  @Test
  void annotatedDotCarriesStatesColoursRestartsAndCrashReasonsThatPydotAndGraphvizRead(FxRobot robot) throws Exception {
    Path file = dir.resolve("annotated.dot");
    exportThroughTheMenu(robot, file, ExportFormat.DOT_ANNOTATED);

    DotTools.requirePydotAndGraphviz();
    Process pydot = new ProcessBuilder(DotTools.PYTHON, "-c", PYDOT_NODES, file.toString()).start();
    String out = new String(pydot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(pydot.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(pydot.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(pydot.exitValue()).as(err).isZero();
    var parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
    Map<String, Map<String, String>> byId = new HashMap<>();
    parsed.properties().forEach(node -> {
      Map<String, String> a = new HashMap<>();
      node.getValue().properties().forEach(attribute -> a.put(attribute.getKey(), attribute.getValue().asText()));
      byId.put(a.get("serviceId"), a);
    });

    // Every live service, with its state in words and in colour, its restarts and its last crash.
    Map<State, String> fills = Map.of(State.RUNNING, "palegreen2", State.CRASHED, "tomato");
    assertThat(byId).hasSize(services.size());
    for (Service s : services) {
      Map<String, String> a = byId.get(Long.toString(s.id()));
      assertThat(a).as(s.label()).isNotNull()
          .containsEntry("className", s.getClass().getName())
          .containsEntry("state", s.state().name())
          .containsEntry("fillcolor", fills.get(s.state()))
          .containsEntry("restartCount", Integer.toString(s.restartCount()));
      if (s.crashReason() == null) {
        assertThat(a).as(s.label()).doesNotContainKey("crashReason");
      } else {
        assertThat(a).as(s.label()).containsEntry("crashReason", s.crashReason().toString());
      }
    }
    assertThat(byId.get(id(1))).containsEntry("restartCount", "1");
    assertThat(byId.get(id(2))).containsEntry("state", "CRASHED").containsEntry("fillcolor", "tomato")
        .containsEntry("crashReason", "java.lang.IllegalStateException: bad \"input\"\n<&> ü");

    // Graphviz draws it without a word of complaint, the crash reason in the node's tooltip.
    Process dot = new ProcessBuilder("dot", "-Tsvg", file.toString()).start();
    String svg = new String(dot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String warnings = new String(dot.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(dot.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(dot.exitValue()).as(warnings).isZero();
    assertThat(warnings).isEmpty();
    assertThat(svg.split("class=\"node\"", -1)).hasSize(services.size() + 1);
    assertThat(svg).contains("java.lang.IllegalStateException: bad &quot;input&quot;&#10;&lt;&amp;&gt; ü");
  }

  private String id(int index) {
    return Long.toString(services.get(index).id());
  }

  @Test
  void pngHoldsTheGraphTheLegendAndACaption(FxRobot robot) throws IOException {
    // Kept under target/ to be looked at.
    Path file = Path.of("target", "export-graph-test.png").toAbsolutePath();
    exportThroughTheMenu(robot, file, ExportFormat.PNG);

    BufferedImage image = ImageIO.read(file.toFile());
    var layout = parts.vm.graph().layoutProperty().get();
    assertThat(image.getWidth()).isGreaterThanOrEqualTo((int) Math.ceil(layout.width() + 48));
    // The caption above and the legend below add to the graph's own height.
    assertThat(image.getHeight()).isGreaterThan((int) Math.ceil(layout.height() + 48) + 40);
    Set<Integer> colours = new HashSet<>();
    boolean crashedFill = false;
    Color crashed = Palette.fill(State.CRASHED);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int argb = image.getRGB(x, y);
        colours.add(argb);
        crashedFill |= close((argb >> 16) & 0xff, crashed.getRed()) && close((argb >> 8) & 0xff, crashed.getGreen())
            && close(argb & 0xff, crashed.getBlue());
      }
    }
    assertThat(colours).hasSizeGreaterThan(20);
    boolean captionText = false;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int argb = image.getRGB(x, y);
        captionText |= ((argb >> 16) & 0xff) < 0x60 && ((argb >> 8) & 0xff) < 0x60 && (argb & 0xff) < 0x60;
      }
    }
    assertThat(captionText).as("dark caption text in the top rows").isTrue();
    assertThat(crashedFill).as("a pixel of the crashed fill").isTrue();
    // Below the graph (its picture ends with a white margin of 24 px, more than the caption's
    // height): the legend, a swatch in each state's fill, states no service is in included.
    int legendTop = 10 + 6 + (int) Math.ceil(layout.height() + 48);
    for (State state : State.values()) {
      Color fill = Palette.fill(state);
      boolean found = false;
      for (int y = legendTop; y < image.getHeight() && !found; y++) {
        for (int x = 0; x < image.getWidth() && !found; x++) {
          int argb = image.getRGB(x, y);
          found = close((argb >> 16) & 0xff, fill.getRed()) && close((argb >> 8) & 0xff, fill.getGreen())
              && close(argb & 0xff, fill.getBlue());
        }
      }
      assertThat(found).as("the legend's swatch of " + state + " below the graph").isTrue();
    }
    assertThat(parts.vm.exportCaption()).startsWith("shop · ").endsWith(" UTC");
  }

  private static boolean close(int channel, double expected) {
    return Math.abs(channel - (int) Math.round(expected * 255)) <= 3;
  }
}
