package mode.inspector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.inspector.connection.FxPump;
import mode.inspector.model.Streams;
import mode.inspector.view.InspectorView;
import mode.inspector.viewmodel.InspectorViewModel;

/**
 * Measures the inspector at scale, headless (Monocle): the time from a 10,000-service snapshot
 * arriving to the first frame that shows it, and the FX pulses while 1,000 transitions a second
 * arrive for ten seconds. Prints the figures; not a test (speed belongs here, not in assertions).
 *
 * <p>Run: {@code java -cp <test class path> mode.inspector.ScaleBenchmark [fanOut] [seconds] [rate]}.
 */
public final class ScaleBenchmark {
  private ScaleBenchmark() {}

  /** Runs the benchmark and exits. */
  public static void main(String[] args) throws Exception {
    headlessUnlessTold();
    int fanOut = args.length > 0 ? Integer.parseInt(args[0]) : 22;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    AtomicReference<InspectorApp.Parts> partsRef = new AtomicReference<>();
    onFx(() -> {
      Stage stage = new Stage();
      InspectorApp.Parts parts = new InspectorApp.Parts(stage, 1200, 760);
      stage.show();
      partsRef.set(parts);
    });
    InspectorApp.Parts parts = partsRef.get();
    ServiceEvent.Snapshot snapshot = Streams.tree(fanOut, 3);
    int n = snapshot.services().size();
    System.out.printf(Locale.ROOT, "services: %,d (tree, fan-out %d, 4 levels)%n", n, fanOut);
    firstFrame(snapshot, parts.vm, parts.pump, parts.view);
    transitions(snapshot.services(), seconds, rate, parts.pump, parts.view);
    onFx(parts::close);
    System.exit(0);
  }

  private static void headlessUnlessTold() {
    if (System.getProperty("glass.platform") == null && !Boolean.getBoolean("gui")) {
      System.setProperty("glass.platform", "Monocle");
      System.setProperty("monocle.platform", "Headless");
      System.setProperty("prism.order", "sw");
      System.setProperty("prism.text", "native");
    }
  }

  private static void firstFrame(ServiceEvent.Snapshot snapshot, InspectorViewModel vm, FxPump pump, InspectorView view)
      throws InterruptedException {
    int n = snapshot.services().size();
    long framesBefore = view.canvas().frames();
    CountDownLatch shown = new CountDownLatch(1);
    long t0 = System.nanoTime();
    pump.offer(snapshot);
    onFx(() -> new AnimationTimer() {
      @Override
      public void handle(long now) {
        // The canvas paints in its own timer; this one runs after it in the same pulse or the next.
        if (vm.graph().layoutProperty().get().size() > 0 && view.canvas().frames() > framesBefore
            && view.canvas().lastDrawn() > 0) {
          stop();
          shown.countDown();
        }
      }
    }.start());
    shown.await();
    long t1 = System.nanoTime();
    System.out.printf(Locale.ROOT, "first frame after the snapshot: %d ms (layout %d ms incl. queueing, %,d services laid out, %d boxes drawn, paint %.1f ms)%n",
        (t1 - t0) / 1_000_000, vm.graph().layoutNanosProperty().get() / 1_000_000,
        vm.graph().layoutProperty().get().size(), view.canvas().lastDrawn(), view.canvas().lastPaintNanos() / 1e6);
  }

  private static void transitions(List<ServiceInfo> services, int seconds, int rate, FxPump pump, InspectorView view)
      throws InterruptedException {
    List<Long> gaps = new ArrayList<>();
    long[] last = {0};
    AnimationTimer pulses = new AnimationTimer() {
      @Override
      public void handle(long now) {
        if (last[0] != 0) {
          gaps.add(now - last[0]);
        }
        last[0] = now;
      }
    };
    onFx(pulses::start);
    long framesBefore = view.canvas().frames();
    State[] states = new State[services.size()];
    java.util.Arrays.fill(states, State.RUNNING);
    java.util.Random random = new java.util.Random(42);
    long start = System.nanoTime();
    long sent = 0;
    long total = (long) seconds * rate;
    long maxDrain = 0;
    while (sent < total) {
      long due = start + sent * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int i = random.nextInt(states.length);
      State from = states[i];
      State to = from == State.RUNNING ? State.STOPPING : from == State.STOPPING ? State.SHUTDOWN
          : from == State.SHUTDOWN ? State.STARTING : State.RUNNING;
      states[i] = to;
      pump.offer(new ServiceEvent.Transition(Instant.now(), services.get(i).id(), from, to, 0, null, null));
      sent++;
      maxDrain = Math.max(maxDrain, pump.lastDrainNanos());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    TimeUnit.MILLISECONDS.sleep(300);
    onFx(pulses::stop);
    List<Long> sorted = new ArrayList<>(gaps);
    sorted.sort(null);
    long p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    long p99 = sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99));
    long max = sorted.isEmpty() ? 0 : sorted.getLast();
    System.out.printf(Locale.ROOT, "transitions: %,d in %.1f s (%.0f/s); pulses %d (%.0f/s), pulse gap p50 %.1f ms, p99 %.1f ms, max %.1f ms; frames painted %d; largest pump drain %.1f ms; last paint %.1f ms%n",
        sent, elapsed, sent / elapsed, gaps.size(), gaps.size() / elapsed, p50 / 1e6, p99 / 1e6, max / 1e6,
        view.canvas().frames() - framesBefore, maxDrain / 1e6, view.canvas().lastPaintNanos() / 1e6);
  }

  private static void onFx(Runnable work) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Platform.runLater(() -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        e.printStackTrace();
      } finally {
        done.countDown();
      }
    });
    done.await();
  }
}
