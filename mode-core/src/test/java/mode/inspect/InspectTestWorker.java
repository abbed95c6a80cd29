package mode.inspect;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import mode.Service;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import mode.graph.DependencyGraph;

/**
 * The worker the child-JVM tests attach to: App depending on Web and Cache, with the inspect
 * agent. Arguments: {@code --tcp} adds a loopback TCP listener on a free port; {@code --dot FILE}
 * writes the tree's DOT as computed in this process. Prints {@code READY} when attachable and
 * runs until signalled.
 */
public final class InspectTestWorker {

  static final class App extends Service {}

  static final class Web extends Service {}

  static final class Cache extends Service {}

  private InspectTestWorker() {}

  public static void main(String[] args) throws Exception {
    List<String> arguments = List.of(args);
    App app = new App();
    app.addDependency(new Web());
    app.addDependency(new Cache());
    app.start();
    InspectOptions options = InspectOptions.defaults("TestWorker").withMainClass(InspectTestWorker.class.getName());
    if (arguments.contains("--tcp")) {
      options = options.withTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false);
    }
    InspectAgent agent = InspectAgent.start(app, options);
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
    int dot = arguments.indexOf("--dot");
    if (dot >= 0) {
      Files.writeString(Path.of(arguments.get(dot + 1)), inProcessDot(app));
    }
    System.out.println("READY " + agent.descriptorFile());
    new CountDownLatch(1).await();
  }

  static String inProcessDot(Service root) {
    CompletableFuture<ServiceEvent.Snapshot> snapshot = new CompletableFuture<>();
    try (EventSubscription subscription = ServiceEvents.subscribe(root, event -> {
      if (event instanceof ServiceEvent.Snapshot s) {
        snapshot.complete(s);
      }
    })) {
      return DependencyGraph.of(snapshot.join().services()).toDot();
    }
  }
}
