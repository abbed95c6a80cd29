package mode.inspector.viewmodel;

import static mode.inspector.model.Streams.appSnapshot;
import static mode.inspector.model.Streams.crash;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import mode.State;
import mode.testing.DotTools;
import org.junit.jupiter.api.Test;

class DotExportTest {
  private static final Executor DIRECT = Runnable::run;

  private static String run(String input, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void exportedDotWithStateColoursIsReadByPydotAndGraphviz() throws Exception {
    InspectorViewModel vm = new InspectorViewModel(DIRECT, DIRECT, () -> java.time.Instant.EPOCH, () -> 0L);
    vm.accept(List.of(appSnapshot(), crash(100, 3, State.RUNNING, "java.io.IOException: disk \"gone\"")));

    String dot = vm.dot(true);

    DotTools.requirePydotAndGraphviz();
    String parsed = run(dot, DotTools.PYTHON, "-c",
        "import sys, pydot\n"
            + "g = pydot.graph_from_dot_data(sys.stdin.read())[0]\n"
            + "names = sorted(n.get_name().strip('\"') for n in g.get_nodes() if n.get_name() not in ('node', 'edge', 'graph'))\n"
            + "edges = sorted((e.get_source().strip('\"'), e.get_destination().strip('\"')) for e in g.get_edges())\n"
            + "print(names)\nprint(edges)\n");
    assertThat(parsed.lines().toList()).containsExactly(
        "['App', 'Cache', 'Router', 'Sessions', 'Web']",
        "[('App', 'Cache'), ('App', 'Web'), ('Web', 'Router'), ('Web', 'Sessions')]");
    assertThat(run(dot, "dot", "-Tsvg")).contains("<svg").contains(">Cache<");
    assertThat(dot).contains("Cache").containsPattern("(?s)Cache[^\\n]*fillcolor");
  }

  @Test
  void exportedDotWithoutColoursIsByteForByteModesFormat() throws IOException {
    InspectorViewModel vm = new InspectorViewModel(DIRECT, DIRECT, () -> java.time.Instant.EPOCH, () -> 0L);
    vm.accept(List.of(appSnapshot()));

    try (var golden = DotExportTest.class.getResourceAsStream("/golden/app-tree.dot")) {
      assertThat(vm.dot(false)).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
