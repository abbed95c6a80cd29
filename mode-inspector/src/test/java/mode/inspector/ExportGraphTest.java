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
    assertThat(parts.vm.exportCaption()).startsWith("shop · ").endsWith(" UTC");
  }

  private static boolean close(int channel, double expected) {
    return Math.abs(channel - (int) Math.round(expected * 255)) <= 3;
  }
}
