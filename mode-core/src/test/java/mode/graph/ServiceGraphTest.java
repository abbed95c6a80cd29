package mode.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mode.Service;
import mode.State;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import mode.events.ServiceInfo;
import org.junit.jupiter.api.Test;

/** Graphs of live service trees, and their equality with graphs of the same trees' snapshots. */
class ServiceGraphTest {
  static final class App extends Service {}

  static final class Web extends Service {}

  static final class Router extends Service {}

  static final class Sessions extends Service {}

  static final class Cache extends Service {}

  static final class Twin extends Service {}

  /** mode's example tree: App → {Web → {Router, Sessions}, Cache}. */
  static App exampleTree() {
    App app = new App();
    Web web = app.addDependency(new Web());
    web.addDependency(new Router());
    web.addDependency(new Sessions());
    app.addDependency(new Cache());
    return app;
  }

  private static List<ServiceInfo> snapshotOf(Service root) throws Exception {
    CompletableFuture<List<ServiceInfo>> first = new CompletableFuture<>();
    EventSubscription subscription =
        ServiceEvents.subscribe(root, e -> {
          if (e instanceof ServiceEvent.Snapshot s) {
            first.complete(s.services());
          }
        });
    try {
      return first.get(10, TimeUnit.SECONDS);
    } finally {
      subscription.close();
    }
  }

  @Test
  void exampleTreeIsByteEqualToModesOutput() throws Exception {
    assertThat(DependencyGraph.of(exampleTree()).toDot())
        .isEqualTo(GraphFormatterTest.golden("mode_example.dot"));
  }

  @Test
  void snapshotOfARunningTreeGivesTheSameDot() throws Exception {
    App app = exampleTree();
    app.start();
    try {
      DependencyGraph live = DependencyGraph.of(app);
      DependencyGraph wire = DependencyGraph.of(snapshotOf(app));
      assertThat(wire.toDot()).isEqualTo(live.toDot());
      GraphFormatter colours = GraphFormatter.defaults().withStateColors();
      assertThat(wire.toDot(colours)).isEqualTo(live.toDot(colours)).contains("palegreen2");
      assertThat(wire.nodes()).isEqualTo(live.nodes());
    } finally {
      app.stop();
    }
  }

  @Test
  void snapshotOfASharedDependencyAndTwinLabelsGivesTheSameDot() throws Exception {
    App app = new App();
    Web web = app.addDependency(new Web());
    Cache cache = app.addDependency(new Cache());
    web.addDependency(cache);
    web.addDependency(new Twin());
    app.addDependency(new Twin());
    String live = DependencyGraph.of(app).toDot(GraphFormatter.defaults().withStateColors());
    assertThat(DependencyGraph.of(snapshotOf(app)).toDot(GraphFormatter.defaults().withStateColors()))
        .isEqualTo(live);
    assertThat(live).contains("\"Twin#2\"").contains("\"Web\" -> \"Cache\"");
  }

  @Test
  void aServiceReachableTwiceIsOneNode() {
    App app = new App();
    Web web = app.addDependency(new Web());
    Cache cache = app.addDependency(new Cache());
    web.addDependency(cache);
    DependencyGraph graph = DependencyGraph.of(app);
    assertThat(graph.nodes())
        .containsExactly(
            new GraphNode(app.id(), "App", State.INIT),
            new GraphNode(web.id(), "Web", State.INIT),
            new GraphNode(cache.id(), "Cache", State.INIT));
    GraphNode cacheNode = graph.node(cache.id()).orElseThrow();
    assertThat(graph.dependentsOf(cacheNode)).extracting(GraphNode::label).containsExactly("App", "Web");
    assertThat(graph.topologicalOrder()).extracting(GraphNode::label).containsExactly("App", "Web", "Cache");
  }

  @Test
  void nodesCarryTheStatesOfTheMomentTheGraphWasBuilt() {
    App app = exampleTree();
    app.start();
    app.stop();
    assertThat(DependencyGraph.of(app).nodes()).extracting(GraphNode::state).containsOnly(State.SHUTDOWN);
  }
}
