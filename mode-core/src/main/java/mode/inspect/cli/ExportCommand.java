package mode.inspect.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import mode.graph.GraphExport;
import mode.graph.GraphExport.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mode-inspect export}: the live graph in one of {@link GraphExport}'s formats. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {
      "Write the worker's live service graph as DOT (mode's format), annotated DOT (state colours,"
          + " restart counts, crash reasons), GraphML (yEd, Gephi, Cytoscape), GML or JSON.",
      "An edge A -> B means A depends on B."
    })
final class ExportCommand implements Callable<Integer> {

  @Mixin AttachOptions attach;
  @Spec CommandSpec spec;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = FormatConverter.class,
      completionCandidates = FormatNames.class,
      description = "One of: ${COMPLETION-CANDIDATES}. Default: from the extension of FILE"
          + " (.dot, .graphml, .gml, .json), else dot.")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to FILE instead of standard output (whole or not at all: a temporary file in its folder, then renamed).")
  Path output;

  @Override
  public Integer call() throws IOException {
    Format chosen = format != null ? format : fromExtension(output);
    String text;
    try (WorkerConnection connection = WorkerConnection.open(attach.target(), Duration.ofSeconds(5))) {
      text = GraphExport.write(chosen, connection.snapshot().services());
    }
    OutputFile.printOrWrite(spec.commandLine().getOut(), output, text);
    return 0;
  }

  /** The format whose extension {@code file} has (plain DOT for {@code .dot}), else DOT. */
  static Format fromExtension(Path file) {
    if (file == null) {
      return Format.DOT;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Arrays.stream(Format.values()).filter(f -> name.endsWith("." + f.extension()))
        .findFirst().orElse(Format.DOT);
  }

  /** Reads {@code --format graphml} and the like. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return Format.ofId(value);
    }
  }

  /** The format names, for the help text and shell completion. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Format.values()).map(Format::id).iterator();
    }
  }
}
