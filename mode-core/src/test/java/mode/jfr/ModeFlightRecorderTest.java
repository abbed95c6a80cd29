package mode.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import mode.Service;
import mode.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real recordings of real service trees, read back with {@link RecordingFile}. */
class ModeFlightRecorderTest {
  private static final List<String> MODE_EVENTS = List.of("mode.ServiceTransition",
      "mode.ServiceStart", "mode.ServiceStop", "mode.Blocking", "mode.TimerOverrun", "mode.ServiceNode");

  @TempDir Path dir;

  static final class Leaf extends Service {
    private final String name;

    Leaf(String name) {
      this.name = name;
    }

    @Override
    public String label() {
      return name;
    }
  }

  static final class FailingStart extends Service {
    @Override
    protected void onStart() {
      throw new IllegalStateException("cannot bind port 1");
    }
  }

  private static Recording recording() {
    Recording r = new Recording();
    MODE_EVENTS.forEach(r::enable);
    return r;
  }

  /** A running recording of the mode events; a watch made after it follows it at once. */
  private static Recording started() {
    Recording r = recording();
    r.start();
    return r;
  }

  /** Dumps what {@code r} holds so far and reads it back. */
  private List<RecordedEvent> read(Recording r) {
    try {
      Path file = Files.createTempFile(dir, "run", ".jfr");
      r.dump(file);
      return RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().startsWith("mode."))
          // A file is in chunk and buffer order, not in time order.
          .sorted(Comparator.comparing(RecordedEvent::getEndTime))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
  }

  private static Predicate<RecordedEvent> transition(String label, String from, String to) {
    return e -> e.getEventType().getName().equals("mode.ServiceTransition")
        && label.equals(e.getString("label")) && from.equals(e.getString("from"))
        && to.equals(e.getString("to"));
  }

  private static String line(RecordedEvent e) {
    return e.getString("label") + " " + e.getString("from") + "->" + e.getString("to")
        + " restarts=" + e.getInt("restartCount") + " crash=" + e.getString("crashReason");
  }

  @Test
  void aRecordedRunHoldsTransitionsDurationsAndTheTree() throws Exception {
    Leaf app = new Leaf("App");
    Leaf web = app.addDependency(new Leaf("Web"));
    app.addDependency(new Leaf("Cache"));
    try (Recording r = started(); AutoCloseable watch = ModeFlightRecorder.watch(app)) {
      app.start();
      web.crash(new IllegalStateException("disk full"));
      app.stop();
      await().until(() -> read(r).stream().anyMatch(transition("App", "STOPPING", "SHUTDOWN")));
      List<RecordedEvent> events = read(r);

      assertThat(named(events, "mode.ServiceTransition").stream()
              .filter(e -> e.getString("label").equals("Web")).map(ModeFlightRecorderTest::line))
          .containsExactly(
              "Web INIT->STARTING restarts=0 crash=null",
              "Web STARTING->RUNNING restarts=0 crash=null",
              "Web RUNNING->CRASHED restarts=0 crash=java.lang.IllegalStateException: disk full",
              "Web CRASHED->STOPPING restarts=0 crash=null", // the root's stop stops it too
              "Web STOPPING->SHUTDOWN restarts=0 crash=null");
      RecordedEvent crashed = events.stream().filter(transition("Web", "RUNNING", "CRASHED")).findFirst().orElseThrow();
      assertThat(crashed.getLong("serviceId")).isEqualTo(web.id());
      assertThat(crashed.getString("serviceClass")).isEqualTo(Leaf.class.getName());

      List<RecordedEvent> starts = named(events, "mode.ServiceStart");
      assertThat(starts).extracting(e -> e.getString("label") + " " + e.getString("outcome"))
          .containsExactly("Web RUNNING", "Cache RUNNING", "App RUNNING"); // committed as each ends
      RecordedEvent appStart = starts.get(2);
      assertThat(appStart.getThread().getJavaName()).isEqualTo(Thread.currentThread().getName());
      assertThat(appStart.getClass("serviceClass").getName()).isEqualTo(Leaf.class.getName());
      for (RecordedEvent child : starts.subList(0, 2)) { // nested inside the root's start
        assertThat(child.getStartTime()).isAfterOrEqualTo(appStart.getStartTime());
        assertThat(child.getEndTime()).isBeforeOrEqualTo(appStart.getEndTime());
      }
      assertThat(named(events, "mode.ServiceStop")).extracting(e -> e.getString("label") + " " + e.getString("outcome"))
          .containsExactly("Cache SHUTDOWN", "Web SHUTDOWN", "App SHUTDOWN"); // reverse order

      List<RecordedEvent> tree = named(events, "mode.ServiceNode").stream()
          .filter(e -> e.getLong("snapshotId") == named(events, "mode.ServiceNode").getFirst().getLong("snapshotId"))
          .toList();
      assertThat(tree).extracting(e -> e.getString("label") + " parent=" + e.getLong("parentId")
              + " depth=" + e.getInt("depth") + " deps=" + e.getString("dependencies"))
          .containsExactly("App parent=-1 depth=0 deps=" + web.id() + "," + (web.id() + 1),
              "Web parent=" + app.id() + " depth=1 deps=",
              "Cache parent=" + app.id() + " depth=1 deps=");
      r.stop();
    }
  }

  @Test
  void aFailedStartIsTimedWithItsOutcomeAndTheTreeShowsTheCrash() throws Exception {
    Leaf root = new Leaf("Root");
    root.addDependency(new FailingStart());
    try (Recording r = started(); AutoCloseable watch = ModeFlightRecorder.watch(root)) {
      assertThatThrownBy(root::start).isInstanceOf(ServiceException.class);
      await().until(() -> read(r).stream().anyMatch(transition("Root", "STARTING", "CRASHED")));
      Path file = dir.resolve("failed.jfr");
      r.stop();
      r.dump(file);
      List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
          .sorted(Comparator.comparing(RecordedEvent::getEndTime)).toList();

      assertThat(named(events, "mode.ServiceStart")).extracting(e -> e.getString("label") + " " + e.getString("outcome"))
          .containsExactly("FailingStart CRASHED", "Root CRASHED");
      assertThat(named(events, "mode.ServiceNode").getLast().getString("crashReason"))
          .isEqualTo("java.lang.IllegalStateException: cannot bind port 1");
    }
  }

  @Test
  void withoutARecordingStartsAndStopsAreNotTimed() throws Exception {
    Leaf root = new Leaf("Quiet");
    try (AutoCloseable watch = ModeFlightRecorder.watch(root)) {
      assertThat(ServiceStartEvent.begin(root)).isNull();
      root.start();
      root.stop();
    }
    try (Recording r = recording()) {
      r.start();
      assertThat(ServiceStartEvent.begin(root)).isNotNull();
      r.stop();
    }
  }
}
