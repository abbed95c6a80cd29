package mode.inspector.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inspector memory benchmark runs with a small graph and prints its figures in the documented
 * shape, its view-model filled past every bound. Sizes are not asserted (figures come from {@code
 * bin/bench inspector-memory}).
 */
class InspectorMemoryBenchSmokeTest {

  @Test
  void printsBytesPerKeptEventAndTheHeapAtTheBounds() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      InspectorMemoryBench.run(60, 1_000, out);
    }
    List<String> figures = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();

    assertThat(figures).satisfiesExactly(
        l -> assertThat(l).matches("recording_bytes_per_event -?\\d+ \\(estimated \\d+\\)"),
        l -> assertThat(l).matches("graph_mb -?\\d+\\.\\d \\(one ServiceGraph of the snapshot\\)"),
        l -> assertThat(l).startsWith("history_bytes_per_transition "),
        l -> assertThat(l).startsWith("log_bytes_per_event "),
        // Past every bound: the recording holds its capacity (and the snapshot standing for what it
        // folded: 720,000 transitions + 12,000 logs + the first snapshot - 600,000), the rest keep
        // their newest.
        l -> assertThat(l).matches("at_bounds_mb live -?\\d+ \\(recording 600,001 events, 132,001 folded,"
            + " estimated \\d+ MB; history 200,000; logs 10,000; timeline rows 20,000\\)"),
        l -> assertThat(l).matches("at_bounds_mb replaying -?\\d+ \\(a replayed moment on screen as well\\)"),
        l -> assertThat(l).startsWith("heap_mb after_gc "),
        l -> assertThat(l).matches("memory_notice \"Memory bound: replay reaches back to \\d\\d:\\d\\d:\\d\\d\\.\\d{3}"
            + " \\(132,001 older events folded into a snapshot\\); [\\d,]+ older log entries discarded\""),
        l -> assertThat(l).startsWith("timeline_scrollback 20000, "));
  }

  @Test
  void anOptionWithoutItsValueIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> InspectorMemoryBench.main(new String[] {"--services"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--services");
  }
}
