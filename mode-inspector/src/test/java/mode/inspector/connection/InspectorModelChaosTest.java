package mode.inspector.connection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import mode.chaos.ChaosObserver;
import mode.chaos.ChaosSeeds;
import mode.chaos.Picture;
import mode.events.ServiceInfo;
import mode.inspect.ChaosRun;
import mode.inspect.Descriptor;
import mode.inspect.LocalChaosWorker;
import mode.inspector.model.ServiceGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inspector's own connection and model as a client of the stream's chaos test (see mode-core's
 * {@code StreamChaosTest}): while a random tree churns and other clients stall and come and go,
 * with a queue as small as one event, the inspector's {@link ServiceGraph} — fed only through its
 * {@link WorkerConnection} and {@link FxPump}, no view — equals the worker's own snapshot at every
 * quiescent point. Each run prints its seed; {@code -Dchaos.seed=N} replays one, {@code
 * -Dchaos.capacity=N} fixes the queue capacity.
 */
class InspectorModelChaosTest {

  private static final int[] CAPACITIES = {1, 2, 8, 4096};

  @TempDir Path dir;

  @BeforeAll
  static void startToolkit() {
    try {
      Platform.startup(() -> { });
    } catch (IllegalStateException alreadyRunning) {
      // Another test of this JVM started it.
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void theInspectorsModelEqualsTheWorkerAtEveryQuiescentPoint() throws Exception {
    ChaosSeeds.each("InspectorModelChaosTest", 3, dir, InspectorModelChaosTest::run);
  }

  static void run(long seed, Path folder) throws Exception {
    Random random = new Random(seed);
    int drawn = CAPACITIES[random.nextInt(CAPACITIES.length)];
    int capacity = Integer.getInteger("chaos.capacity", drawn); // as StreamChaosTest: -Dchaos.capacity=1
    try (LocalChaosWorker worker = new LocalChaosWorker(random, 6 + random.nextInt(30), capacity, folder);
        ChaosRun run = new ChaosRun(random, worker, true, 6)) {
      run.connect(2).observe(ModelObserver::new).observe(ModelObserver::new);
      for (int round = 0; round < 6; round++) {
        run.round(60);
      }
      run.close();
      run.report(System.out, "InspectorModelChaosTest: seed " + seed + ": queue capacity " + capacity + ", ");
    }
  }

  /** The inspector's connection → model layer, attached over TCP with the worker's token. */
  static final class ModelObserver implements ChaosObserver {
    private static int names;
    private final String name = "inspector-model-" + (++names);
    private final ServiceGraph graph = new ServiceGraph();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final FxPump pump;
    private final WorkerConnection connection;

    ModelObserver(Descriptor descriptor) {
      pump = new FxPump(graph::applyAll, e -> violations.add(name + ": " + e));
      connection = WorkerConnection.attach(new AttachTarget.Tcp(descriptor.tcpHost(), descriptor.tcpPort(),
          descriptor.token()), pump, (status, worker, message) -> {
            if (status == ConnectionStatus.DISCONNECTED || status == ConnectionStatus.RECONNECTING) {
              violations.add(name + ": " + status + " " + message);
            }
          });
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Map<Long, Picture.Node> settle() throws Exception {
      // The reply comes after every event queued before it; the pump applies those to the model
      // before it runs a task offered after them.
      connection.threadDump().get(60, TimeUnit.SECONDS);
      CompletableFuture<Map<Long, Picture.Node>> picture = new CompletableFuture<>();
      pump.execute(() -> picture.complete(nodes(graph.toServiceInfos())));
      return picture.get(60, TimeUnit.SECONDS);
    }

    private static Map<Long, Picture.Node> nodes(List<ServiceInfo> infos) {
      Map<Long, Picture.Node> map = new TreeMap<>();
      for (ServiceInfo info : infos) {
        map.put(info.id(), new Picture.Node(info.id(), info.label(), info.state(), info.restartCount(),
            new ArrayList<>(info.dependencyIds())));
      }
      return map;
    }

    @Override
    public List<String> violations() {
      return List.copyOf(violations);
    }

    @Override
    public void close() {
      connection.close();
    }
  }
}
