package mode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark main runs with tiny sizes and prints its figures in the documented shape. Speed
 * is not asserted here (figures come from {@code bin/bench}); these only keep the mains working.
 */
class BenchSmokeTest {
  private static final String MS = "\\d+\\.\\d{2}";

  interface Main {
    void run(String[] args, PrintStream out) throws Exception;
  }

  static List<String> figures(Main main, String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      main.run(args, out);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
  }

  @Test
  void treePrintsOneLinePerSize() throws Exception {
    assertThat(figures(TreeBench::run, "--sizes", "10,30", "--repeat", "3", "--warmup", "1"))
        .satisfiesExactly(
            l -> assertThat(l).matches("10 \\d+\\.\\d{3} \\d+\\.\\d{3}"),
            l -> assertThat(l).matches("30 \\d+\\.\\d{3} \\d+\\.\\d{3}"));
  }

  @Test
  void jfrPrintsBothKindsAndTheOverheadPerSize() throws Exception {
    String four = "\\d+\\.\\d{3} \\d+\\.\\d{3} \\d+\\.\\d{3} \\d+\\.\\d{3}";
    assertThat(figures(JfrBench::run, "--sizes", "20", "--rounds", "2", "--runs", "2", "--warmup", "1",
        "--floor-reads", "10000"))
        .satisfiesExactly(l -> assertThat(l).matches("20 " + four + " [+-]\\d+\\.\\d% [+-]\\d+\\.\\d%"),
            l -> assertThat(l).matches("20 cpu_ms_per_run off \\d+\\.\\d{3} on \\d+\\.\\d{3}: the recording adds "
                + "-?\\d+\\.\\d{3} ms, -?\\d+ ns a service \\(start and stop\\), [+-]\\d+\\.\\d% .*"),
            l -> assertThat(l).matches("floor_ns clock \\d+\\.\\d instant_event \\d+\\.\\d duration_event \\d+\\.\\d"));
  }

  @Test
  void treeIsBuiltAsModesBenchmarkBuildsIt() {
    assertThat(TreeBench.fanout(100)).isEqualTo(5);
    assertThat(TreeBench.fanout(1000)).isEqualTo(10);
    assertThat(TreeBench.fanout(10000)).isEqualTo(22);
    TreeBench.Tree tree = TreeBench.build(10000, 22);
    assertThat(tree.nodes()).hasSize(10000);
    assertThat(tree.depth()).isEqualTo(4);
    assertThat(tree.root().dependencies()).hasSize(22);
    assertThat(tree.nodes().get(22).dependencies()).hasSize(22);
  }

  @Test
  void guavaPrintsBothContenders() throws Exception {
    assertThat(figures(GuavaBench::run, "--services", "50", "--repeat", "1", "--warmup", "1"))
        .satisfiesExactly(
            l -> assertThat(l).matches("mode-java 50 " + MS + " " + MS),
            l -> assertThat(l).matches("guava 50 " + MS + " " + MS));
  }

  @Test
  void timerPrintsTicksAgainstTheIdealSchedule() throws Exception {
    assertThat(figures(TimerBench::run, "--seconds", "0.2", "--warmup-seconds", "0"))
        .singleElement().asString()
        .matches("timer ticks=\\d+ ideal=20 ticks_pct=\\d+\\.\\d mean_lateness_ms=-?\\d+\\.\\d{3}"
            + " max_lateness_ms=-?\\d+\\.\\d{3} mean_drift_ms=-?\\d+\\.\\d{3} max_drift_ms=-?\\d+\\.\\d{3}"
            + " final_cumulative_lateness_ms=-?\\d+\\.\\d{2}");
  }

  @Test
  void memoryPrintsBytesPerServiceForEachKind() throws Exception {
    assertThat(figures(MemoryBench::run, "--services", "2000"))
        .satisfiesExactly(
            l -> assertThat(l).matches("idle_new 2000 -?\\d+"),
            l -> assertThat(l).matches("idle_running 2000 -?\\d+"),
            l -> assertThat(l).matches("timer_running 2000 -?\\d+"));
  }

  @Test
  void agentPrintsOverheadPerClientKindAndThroughput() throws Exception {
    String pct = "[+-]\\d+\\.\\d";
    assertThat(figures(AgentBench::run, "--size", "40", "--repeat", "1", "--warmup", "0", "--restarts", "1"))
        .satisfiesExactly(
            l -> assertThat(l).matches("none 40 " + MS + " " + MS + " \\+0\\.0 \\+0\\.0"),
            l -> assertThat(l).matches("consuming 40 " + MS + " " + MS + " " + pct + " " + pct),
            l -> assertThat(l).matches("stalled 40 " + MS + " " + MS + " " + pct + " " + pct),
            l -> assertThat(l).matches("throughput 200 \\d+\\.\\d{3} \\d+"));
  }

  @Test
  void soakChecksEveryPictureAndPrintsItsFigures() throws Exception {
    List<String> lines = figures(SoakBench::run, "--minutes", "0.02", "--clients", "4", "--services", "12",
        "--capacity", "2", "--seed", "7");
    assertThat(lines).singleElement().asString()
        .matches("soak \\d+\\.\\d s: \\d+ rounds, \\d+ events/s, \\d+ gaps, \\d+ resyncs, [1-9]\\d* pictures checked,"
            + " mismatches: 0");
  }
}
