package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import mode.examples.Quickstart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker as users run it: a real child JVM, real signals, real exit codes. */
class WorkerProcessTest {

  private static Pattern logLine(long pid) {
    return Pattern.compile(
        "\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}] \\[" + pid
            + "] \\[(TRACE|DEBUG|INFO|WARNING|ERROR)] .*");
  }

  @Test
  void sigtermStopsGracefullyAndExitsZero() throws Exception {
    try (ChildJvm child = ChildJvm.start(WorkerFixture.class, "steady", "--loglevel=INFO")) {
      child.awaitOut("ready"::equals);
      child.signal("TERM");
      assertThat(child.awaitExit()).isZero();
      List<String> err = child.err();
      assertThat(err).anyMatch(l -> l.endsWith("[INFO] [^Worker]: Signal received: SIGTERM (15)"));
      assertThat(err).anyMatch(l -> l.matches(".*\\[INFO] \\[\\^-Steady]: Stopping.*"));
      Pattern shape = logLine(child.pid());
      assertThat(err).isNotEmpty().allMatch(l -> shape.matcher(l).matches(), "has mode's log line shape");
    }
  }

  @Test
  void logfileTakesTheLogLinesAndDebugLowersTheLevel(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("worker.log");
    try (ChildJvm child =
        ChildJvm.start(WorkerFixture.class, "steady", "--logfile", log.toString(), "--debug")) {
      child.awaitOut("ready"::equals);
      child.signal("TERM");
      assertThat(child.awaitExit()).isZero();
      assertThat(child.err()).isEmpty();
      List<String> lines = Files.readAllLines(log);
      Pattern shape = logLine(child.pid());
      assertThat(lines).isNotEmpty().allMatch(l -> shape.matcher(l).matches(), "has mode's log line shape");
      assertThat(lines)
          .anyMatch(l -> l.contains("[DEBUG] [^-Steady]: "))
          .anyMatch(l -> l.endsWith("[INFO] [^Worker]: Signal received: SIGTERM (15)"));
    }
  }

  @Test
  void sigintStopsGracefullyAndExitsZero() throws Exception {
    try (ChildJvm child = ChildJvm.start(WorkerFixture.class, "steady", "--loglevel", "info")) {
      child.awaitOut("ready"::equals);
      assumeFalse(
          child.err().stream().anyMatch(l -> l.contains("SIGINT is ignored by this process")),
          "SIGINT is ignored in this environment (the build runs as a background job), so it cannot be tested");
      child.signal("INT");
      assertThat(child.awaitExit()).isZero();
      assertThat(child.err())
          .contains("-INT- -INT- -INT- -INT- -INT- -INT-")
          .anyMatch(l -> l.endsWith("[INFO] [^Worker]: Signal received: SIGINT (2)"));
    }
  }

  @Test
  void crashInATaskStopsEverythingAndExitsOne() throws Exception {
    try (ChildJvm child = ChildJvm.start(WorkerFixture.class, "crash-in-task")) {
      assertThat(child.awaitExit()).isEqualTo(1);
      assertThat(child.err())
          .anyMatch(l -> l.contains("[ERROR]") && l.contains("crash") && l.contains("boom in task"));
    }
  }

  @Test
  void failedStartExitsOne() throws Exception {
    try (ChildJvm child = ChildJvm.start(WorkerFixture.class, "fail-start")) {
      assertThat(child.awaitExit()).isEqualTo(1);
      assertThat(child.err()).anyMatch(l -> l.contains("[ERROR]") && l.contains("cannot bind port 1"));
    }
  }

  @Test
  void usr1DumpsTheServiceTreeAndVirtualThreads() throws Exception {
    try (ChildJvm child = ChildJvm.start(WorkerFixture.class, "steady", "--quiet")) {
      child.awaitOut("ready"::equals);
      child.signal("USR1");
      child.awaitErr(l -> l.contains("WorkerFixture$Steady.idle"));
      child.signal("TERM");
      assertThat(child.awaitExit()).isZero();
      List<String> err = child.err();
      int tree = err.indexOf("Services (pid " + child.pid() + "):");
      assertThat(tree).isNotNegative();
      assertThat(err.subList(tree + 1, tree + 4))
          .containsExactly("[^Worker] RUNNING", "[^-Steady] RUNNING", "Threads (virtual threads included):");
      int idle = indexOfFirst(err, l -> l.contains("WorkerFixture$Steady.idle"));
      int header = lastIndexBefore(err, idle, l -> l.startsWith("#"));
      assertThat(err.get(header)).as("the thread running the task").contains("virtual");
    }
  }

  @Test
  void blockingHookIsReportedWithItsStack() throws Exception {
    try (ChildJvm child =
        ChildJvm.start(WorkerFixture.class, "blocking-hook", "--blocking-timeout", "0.2")) {
      String report = child.awaitErr(l -> l.contains("Blocking detected"));
      child.awaitOut("ready"::equals);
      child.signal("TERM");
      assertThat(child.awaitExit()).isZero();
      assertThat(report)
          .matches(".*\\[WARNING] Blocking detected \\(timeout=0\\.200s\\): onStart of BlockingHook has been running for \\d+\\.\\d{3}s on thread #\\d+ .*");
      List<String> err = child.err();
      int at = err.indexOf(report);
      assertThat(err.subList(at + 1, err.size()))
          .anyMatch(l -> l.trim().startsWith("at ") && l.contains("WorkerFixture$BlockingHook.onStart"));
    }
  }

  @Test
  void unknownOptionIsAUsageErrorWithExitCodeTwo() throws Exception {
    try (ChildJvm child = ChildJvm.start(WorkerFixture.class, "steady", "--bogus")) {
      assertThat(child.awaitExit()).isEqualTo(2);
      assertThat(child.err()).first().isEqualTo("Unknown option: '--bogus'");
      assertThat(child.err()).contains("Usage: fixture [-hV] [--debug] [--inspect-allow-remote] [--no-inspect]")
          .noneMatch(l -> l.contains("Exception") || l.trim().startsWith("at "));
      assertThat(child.out()).isEmpty();
    }
  }

  @Test
  void quickstartTicksForThreeSecondsAndExitsZero() throws Exception {
    try (ChildJvm child = ChildJvm.start(Quickstart.class)) {
      assertThat(child.awaitExit()).isZero();
      List<String> out = child.out();
      assertThat(out.getFirst()).startsWith("starting Worker (pid " + child.pid() + ") with [MyService]");
      // What the service prints goes into the log at WARNING, as in mode.
      assertThat(out).hasSize(1);
      List<String> err = child.err();
      Pattern shape = logLine(child.pid());
      assertThat(err).allMatch(l -> shape.matcher(l).matches(), "has mode's log line shape");
      List<String> messages = err.stream().map(l -> l.substring(l.indexOf("] [", l.indexOf("] [") + 1) + 2))
          .toList();
      assertThat(messages).contains("[WARNING] MyService: one more second");
      // At log level info: INFO and up, no DEBUG lines such as "Started.".
      List<String> expected = new java.util.ArrayList<>();
      if (ChildJvm.sigintIgnored()) {
        // Started from a shell that ignores SIGINT (nohup, a background job): the child inherits
        // it, and the Worker says so first.
        expected.add("[WARNING] SIGINT is ignored by this process (started under nohup or in the background?),"
            + " so it cannot reach the worker");
      }
      expected.addAll(List.of("[INFO] [^Worker]: Starting...",
              "[INFO] [^-MyService]: Starting...",
              "[WARNING] MyService is starting",
              "[INFO] [^Worker]: Stopping...",
              "[INFO] [^-MyService]: Stopping...",
              "[WARNING] MyService is stopping"));
      assertThat(messages).filteredOn(m -> !m.equals("[WARNING] MyService: one more second"))
          .containsExactlyElementsOf(expected);
    }
  }

  private static int indexOfFirst(List<String> lines, java.util.function.Predicate<String> match) {
    for (int i = 0; i < lines.size(); i++) {
      if (match.test(lines.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no matching line in " + lines);
  }

  private static int lastIndexBefore(
      List<String> lines, int end, java.util.function.Predicate<String> match) {
    for (int i = end; i >= 0; i--) {
      if (match.test(lines.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no matching line before " + end + " in " + lines);
  }
}
