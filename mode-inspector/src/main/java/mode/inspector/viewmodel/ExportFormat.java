package mode.inspector.viewmodel;

import java.nio.file.Path;
import java.util.Locale;
import mode.graph.GraphExport;

/**
 * What "Export graph as…" can write: the text formats of {@link GraphExport} and a PNG picture of
 * the graph with its legend and a caption.
 */
public enum ExportFormat {
  /** mode's DOT, byte for byte. */
  DOT("DOT, mode's format (Graphviz, pydot)", GraphExport.Format.DOT),
  /** DOT with state colours, restart counts and crash reasons. */
  DOT_ANNOTATED("DOT with states, restarts and crash reasons (Graphviz, pydot)", GraphExport.Format.DOT_ANNOTATED),
  /** GraphML with typed attributes. */
  GRAPHML("GraphML (yEd, Gephi, Cytoscape)", GraphExport.Format.GRAPHML),
  /** GML. */
  GML("GML (Gephi, Cytoscape, NetworkX)", GraphExport.Format.GML),
  /** JGraphT's JSON. */
  JSON("JSON (nodes and edges, for scripts)", GraphExport.Format.JSON),
  /** The picture: graph, legend, worker name and time. */
  PNG("PNG image (graph, legend, worker and time)", null);

  private final String description;
  private final GraphExport.Format text;

  ExportFormat(String description, GraphExport.Format text) {
    this.description = description;
    this.text = text;
  }

  /** {@return what a file chooser shows for this format} */
  public String description() {
    return description;
  }

  /** {@return the file name extension, without the dot} */
  public String extension() {
    return text == null ? "png" : text.extension();
  }

  /** {@return the text format behind this one, or {@code null} for PNG} */
  public GraphExport.Format textFormat() {
    return text;
  }

  /**
   * The format to write {@code file} in: {@code chosen} (the chooser's filter), unless the name
   * the user typed ends in another format's extension ({@code .graphml} while DOT was selected).
   * A {@code .dot} name keeps the chosen DOT flavour.
   *
   * @param file the file the user chose
   * @param chosen the format selected in the chooser
   * @return the format to write
   */
  public static ExportFormat forFile(Path file, ExportFormat chosen) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith("." + chosen.extension())) {
      return chosen;
    }
    for (ExportFormat format : values()) {
      if (name.endsWith("." + format.extension())) {
        return format;
      }
    }
    return chosen;
  }
}
