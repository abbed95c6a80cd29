package mode.inspect.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import mode.graph.DependencyGraph;
import mode.graph.GraphFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mode-inspect export-dot}: the live graph in mode's DOT format. */
@Command(name = "export-dot", mixinStandardHelpOptions = true,
    description = "Write the worker's live service graph as DOT in mode's format (the same bytes as"
        + " DependencyGraph.of(root).toDot() in the worker).")
final class ExportDotCommand implements Callable<Integer> {

  @Mixin AttachOptions attach;
  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to FILE instead of standard output (whole or not at all: a temporary file in its folder, then renamed).")
  Path output;

  @Option(names = "--states", description = "Colour the nodes by state.")
  boolean states;

  @Override
  public Integer call() throws IOException {
    String dot;
    try (WorkerConnection connection = WorkerConnection.open(attach.target(), Duration.ofSeconds(5))) {
      DependencyGraph graph = DependencyGraph.of(connection.snapshot().services());
      dot = states ? graph.toDot(GraphFormatter.defaults().withStateColors()) : graph.toDot();
    }
    OutputFile.printOrWrite(spec.commandLine().getOut(), output, dot);
    return 0;
  }
}
