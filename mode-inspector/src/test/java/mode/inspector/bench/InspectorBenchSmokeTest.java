package mode.inspector.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The inspector benchmark runs with a small tree and prints its figures in the documented shape.
 * Speed is not asserted (figures come from {@code bin/bench inspector}).
 */
class InspectorBenchSmokeTest {

  @Test
  void printsFirstFramePulsesCpuRowsAndHeap() throws Exception {
    FxToolkit.registerPrimaryStage();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      InspectorBench.run(new String[] {"--services", "60", "--rate", "200", "--warmup", "0.2", "--seconds", "0.5"}, out);
    }
    List<String> figures = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();

    assertThat(figures).satisfiesExactly(
        l -> assertThat(l).matches("first_frame_ms \\d+"),
        l -> assertThat(l).matches("pulse_ms p50 \\d+\\.\\d p99 \\d+\\.\\d max \\d+\\.\\d pulses [1-9]\\d*"),
        l -> assertThat(l).matches("cpu_ms_per_s fx \\d+ render \\d+"),
        // 0.7 s at 200 transitions a second, every one of them in the timeline.
        l -> assertThat(l).isEqualTo("timeline_rows 140 (every transition fed is shown)"),
        l -> assertThat(l).matches("heap_mb peak \\d+ after_gc \\d+"));
  }
}
