package mode.graph;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import mode.events.ServiceInfo;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.BaseExporter;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.GraphExporter;
import org.jgrapht.nio.gml.GmlExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.jgrapht.nio.graphml.GraphMLExporter.AttributeCategory;
import org.jgrapht.nio.json.JSONExporter;

/**
 * Writes the graph of a service tree (a snapshot's {@link ServiceInfo}s) in one of several
 * {@linkplain Format formats}: mode's DOT, DOT annotated with each service's state, restarts and
 * crash reason, and GraphML, GML and JSON for graph tools (yEd, Gephi, Cytoscape) and scripts.
 *
 * <p>Every format has the same nodes and edges as {@link DependencyGraph#of(Collection)}: an edge
 * goes from a service to each service it depends on ("A depends on B" is {@code A → B}, as mode's
 * DOT draws it). Outside DOT a node's id is the service's id, and a node carries these
 * attributes, named as in the inspect protocol:
 * <table>
 *   <caption>Node attributes</caption>
 *   <tr><th>name</th><th>type</th><th>value</th></tr>
 *   <tr><td>{@code label}</td><td>string</td><td>the service's {@code label()}</td></tr>
 *   <tr><td>{@code className}</td><td>string</td><td>the fully qualified class name</td></tr>
 *   <tr><td>{@code state}</td><td>string</td><td>{@code INIT}, {@code RUNNING}, … {@code CRASHED}</td></tr>
 *   <tr><td>{@code restartCount}</td><td>int</td><td>how many times it was restarted</td></tr>
 *   <tr><td>{@code crashReason}</td><td>string</td><td>its last crash reason; absent when none</td></tr>
 * </table>
 * and each edge a {@code relation} attribute, {@value #DEPENDS_ON}.
 *
 * <p>Stateless and thread-safe.
 */
public final class GraphExport {
  /** The value of every edge's {@code relation} attribute: the edge's source depends on its target. */
  public static final String DEPENDS_ON = "depends on";

  private GraphExport() {}

  /** A file format for a service graph. */
  public enum Format {
    /** mode's DOT, byte for byte ({@link DependencyGraph#toDot()}). */
    DOT("dot", "dot"),
    /**
     * mode's DOT with every node drawn, filled with its state's colour ({@link
     * GraphFormatter#withStateColors()}) and carrying the attributes {@code serviceId}, {@code
     * className}, {@code state}, {@code restartCount}, {@code crashReason} (when there is one) and
     * a {@code tooltip} (class, state, restarts, crash reason: shown on hover in SVG). Values are
     * quoted and escaped; pydot and Graphviz read it.
     */
    DOT_ANNOTATED("dot-annotated", "dot"),
    /**
     * GraphML with typed {@code <key>} declarations (yEd, Gephi, Cytoscape, NetworkX). A character
     * XML cannot hold (a control character in a crash reason) is written as U+FFFD.
     */
    GRAPHML("graphml", "graphml"),
    /**
     * GML (Gephi, Cytoscape, NetworkX, igraph). Strings are escaped as in Java ({@code \"},
     * {@code \n}, and Java's unicode escapes for non-ASCII characters), since GML itself has no
     * way to write a quote.
     */
    GML("gml", "gml"),
    /** JGraphT's JSON: {@code {"nodes":[{"id":…,"label":…},…],"edges":[{"source":…,"target":…},…]}}. */
    JSON("json", "json");

    private final String id;
    private final String extension;

    Format(String id, String extension) {
      this.id = id;
      this.extension = extension;
    }

    /** {@return the name the command line uses: {@code dot}, {@code dot-annotated}, {@code graphml}, …} */
    public String id() {
      return id;
    }

    /** {@return the usual file name extension, without the dot} */
    public String extension() {
      return extension;
    }

    /**
     * The format with this {@linkplain #id() name}, ignoring case.
     *
     * @param id a format's name
     * @return the format
     * @throws IllegalArgumentException naming the value and the known names when none matches
     */
    public static Format ofId(String id) {
      String wanted = id.toLowerCase(Locale.ROOT);
      return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown graph format '" + id + "' (known: "
              + Arrays.stream(values()).map(Format::id).collect(Collectors.joining(", ")) + ")"));
    }
  }

  /**
   * The graph of {@code services} in {@code format}.
   *
   * @param format the file format
   * @param services every service of the tree, each once (a snapshot's services)
   * @return the text of the file
   * @throws IllegalArgumentException if the services do not form a graph (see {@link
   *     DependencyGraph#of(Collection)})
   * @throws NullPointerException if an argument is null
   */
  public static String write(Format format, Collection<ServiceInfo> services) {
    Objects.requireNonNull(format, "format");
    DependencyGraph graph = DependencyGraph.of(services);
    Map<Long, ServiceInfo> byId = new LinkedHashMap<>();
    services.forEach(s -> byId.put(s.id(), s));
    return switch (format) {
      case DOT -> graph.toDot();
      case DOT_ANNOTATED -> graph.toDot(GraphFormatter.defaults().withNodeAttributes(n -> dotAttributes(byId.get(n.id()))));
      case GRAPHML -> export(graphMl(), graph, byId, GraphExport::xmlText);
      case GML -> export(gml(), graph, byId, text -> text);
      case JSON -> export(new JSONExporter<>(GraphExport::nodeId), graph, byId, text -> text);
    };
  }

  private static String nodeId(GraphNode node) {
    return Long.toString(node.id());
  }

  private static GraphMLExporter<GraphNode, DefaultEdge> graphMl() {
    GraphMLExporter<GraphNode, DefaultEdge> exporter = new GraphMLExporter<>(GraphExport::nodeId);
    // Declared keys with names and types: yEd, Gephi and Cytoscape map them to columns.
    exporter.registerAttribute("label", AttributeCategory.NODE, AttributeType.STRING);
    exporter.registerAttribute("className", AttributeCategory.NODE, AttributeType.STRING);
    exporter.registerAttribute("state", AttributeCategory.NODE, AttributeType.STRING);
    exporter.registerAttribute("restartCount", AttributeCategory.NODE, AttributeType.INT);
    exporter.registerAttribute("crashReason", AttributeCategory.NODE, AttributeType.STRING);
    exporter.registerAttribute("relation", AttributeCategory.EDGE, AttributeType.STRING);
    return exporter;
  }

  private static GmlExporter<GraphNode, DefaultEdge> gml() {
    GmlExporter<GraphNode, DefaultEdge> exporter = new GmlExporter<>(GraphExport::nodeId);
    exporter.setParameter(GmlExporter.Parameter.EXPORT_VERTEX_LABELS, true);
    exporter.setParameter(GmlExporter.Parameter.EXPORT_CUSTOM_VERTEX_ATTRIBUTES, true);
    exporter.setParameter(GmlExporter.Parameter.EXPORT_CUSTOM_EDGE_ATTRIBUTES, true);
    // Without it a quote in a label ends the string early.
    exporter.setParameter(GmlExporter.Parameter.ESCAPE_STRINGS_AS_JAVA, true);
    return exporter;
  }

  private static <X extends BaseExporter<GraphNode, DefaultEdge> & GraphExporter<GraphNode, DefaultEdge>> String export(
      X exporter, DependencyGraph graph, Map<Long, ServiceInfo> byId, UnaryOperator<String> text) {
    Graph<GraphNode, DefaultEdge> jgraph = graph.asGraph();
    exporter.setVertexAttributeProvider(n -> nodeAttributes(byId.get(n.id()), text));
    exporter.setEdgeAttributeProvider(e -> Map.of("relation", DefaultAttribute.createAttribute(DEPENDS_ON)));
    StringWriter out = new StringWriter();
    exporter.exportGraph(jgraph, out);
    return out.toString();
  }

  /** The attributes of one node, in table order; {@code crashReason} only when there is one. */
  static Map<String, Attribute> nodeAttributes(ServiceInfo service, UnaryOperator<String> text) {
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    attributes.put("label", DefaultAttribute.createAttribute(text.apply(service.label())));
    attributes.put("className", DefaultAttribute.createAttribute(service.className()));
    attributes.put("state", DefaultAttribute.createAttribute(service.state().name()));
    attributes.put("restartCount", DefaultAttribute.createAttribute(service.restartCount()));
    if (service.crashReason() != null) {
      attributes.put("crashReason", DefaultAttribute.createAttribute(text.apply(service.crashReason())));
    }
    return attributes;
  }

  /**
   * {@code text} with each character XML 1.0 cannot hold (control characters other than tab and
   * line breaks, U+FFFE, U+FFFF, unpaired surrogates) replaced by U+FFFD: one such character in
   * a crash reason would otherwise make the whole GraphML export fail.
   */
  static String xmlText(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
      boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xFFFE && !Character.isSurrogate(c)) || paired;
      if (paired) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (!allowed && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(allowed ? c : '\uFFFD');
      }
    }
    return out == null ? text : out.toString();
  }

  private static Map<String, String> dotAttributes(ServiceInfo service) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("serviceId", Long.toString(service.id()));
    attributes.put("className", service.className());
    attributes.put("state", service.state().name());
    attributes.put("restartCount", Integer.toString(service.restartCount()));
    StringBuilder tooltip = new StringBuilder(service.className()).append('\n').append(service.state().name());
    if (service.restartCount() > 0) {
      tooltip.append(", restarted ").append(service.restartCount()).append(service.restartCount() == 1 ? " time" : " times");
    }
    if (service.crashReason() != null) {
      attributes.put("crashReason", service.crashReason());
      tooltip.append('\n').append(service.crashReason());
    }
    attributes.put("tooltip", tooltip.toString());
    return attributes;
  }
}
