package mode.graph;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mode.State;

/**
 * Writes a {@link DependencyGraph} in DOT, in the format of mode's {@code GraphFormatter}.
 *
 * <p>For a tree whose labels are unique, {@link #defaults()} writes exactly the bytes mode 0.4.1
 * writes: a head line {@code digraph dependencies {}, the graph attributes (indented by eight
 * spaces, a quirk of mode kept for byte equality, with {@code root="NoneType"} unless {@link
 * #withRoot(String)} names one), then for each node with dependencies, in node order, its node
 * statement followed by one edge statement per dependency, then {@code }}; every line ends in a
 * newline. A node without dependencies gets a statement of its own (mode's "terminal" colours,
 * {@code palegreen1}/{@code palegreen2}) only when mode would draw one: for a root, or a key of
 * the map the graph was built from. Other leaves appear only as edge targets, as in mode.
 *
 * <p>Beyond mode:
 * <ul>
 *   <li>Nodes with the same label stay distinct (mode merges them): the first keeps the label as
 *       its DOT id, the next get {@code "Label#2"}, {@code "Label#3"}, … (skipping ids taken by
 *       other labels) and a {@code label="Label"} attribute, so they still read {@code Label}.
 *   <li>Ids and attribute values are quoted and escaped: {@code "} becomes {@code \"}, {@code \}
 *       becomes {@code \\} and a line break becomes {@code \n} (a line break in a Graphviz label).
 *   <li>{@link #withStateColors()} draws every node and colours it by its service's state:
 *       <table>
 *         <caption>State colours (X11 colour names; fill / border)</caption>
 *         <tr><th>state</th><th>fillcolor</th><th>color</th></tr>
 *         <tr><td>INIT</td><td>white</td><td>gray50</td></tr>
 *         <tr><td>STARTING, STOPPING</td><td>lightgoldenrod1</td><td>goldenrod3</td></tr>
 *         <tr><td>RUNNING</td><td>palegreen2</td><td>forestgreen</td></tr>
 *         <tr><td>SHUTDOWN</td><td>gray80</td><td>gray40</td></tr>
 *         <tr><td>CRASHED</td><td>tomato</td><td>red3</td></tr>
 *       </table>
 *       Nodes without a state (graphs built from a map) keep mode's colours.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; the {@code with…} methods return new formatters.
 */
public final class GraphFormatter {
  private static final String INDENT_UNIT = "    ";
  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Map<String, String> BASE =
      attrs("shape", "box", "arrowhead", "vee", "style", "filled", "fontname", "HelveticaNeue");
  private static final Map<String, String> NODE = attrs("fillcolor", "palegreen3", "color", "palegreen4");
  private static final Map<String, String> TERMINAL = attrs("fillcolor", "palegreen1", "color", "palegreen2");
  private static final Map<String, String> EDGE =
      attrs("color", "darkseagreen4", "arrowcolor", "black", "arrowsize", "0.7");
  private static final Map<State, Map<String, String>> STATE_COLORS = stateColors();
  private static final GraphFormatter DEFAULTS =
      new GraphFormatter(true, "dependencies", 0, "NoneType", false, null);

  private final boolean directed;
  private final String id;
  private final int indent;
  private final String root;
  private final boolean colorByState;
  /** More attributes for each node's statement (after the colours), or null. */
  private final Function<GraphNode, Map<String, String>> extra;

  private GraphFormatter(boolean directed, String id, int indent, String root, boolean colorByState,
      Function<GraphNode, Map<String, String>> extra) {
    this.directed = directed;
    this.id = id;
    this.indent = indent;
    this.root = root;
    this.colorByState = colorByState;
    this.extra = extra;
  }

  /**
   * {@return mode's default}: {@code digraph dependencies}, no indent, {@code root="NoneType"},
   * mode's colours.
   */
  public static GraphFormatter defaults() {
    return DEFAULTS;
  }

  /**
   * The same, with the graph attribute {@code root} set to {@code label} (mode's {@code
   * GraphFormatter(root=...)}).
   *
   * @param label the value of the {@code root} attribute
   * @return the changed copy
   * @throws NullPointerException if {@code label} is null
   */
  public GraphFormatter withRoot(String label) {
    return new GraphFormatter(directed, id, indent, Objects.requireNonNull(label, "label"), colorByState, extra);
  }

  /**
   * The same, written as an undirected {@code graph} with {@code --} edges (mode's {@code
   * type="graph"}) when {@code directed} is false.
   *
   * @param directed whether the graph is written as a {@code digraph}
   * @return the changed copy
   */
  public GraphFormatter withDirected(boolean directed) {
    return new GraphFormatter(directed, id, indent, root, colorByState, extra);
  }

  /**
   * The same, with another graph id (mode's {@code id}); written bare when it is a plain DOT
   * identifier, else quoted and escaped.
   *
   * @param id the graph id
   * @return the changed copy
   * @throws NullPointerException if {@code id} is null
   */
  public GraphFormatter withId(String id) {
    return new GraphFormatter(directed, Objects.requireNonNull(id, "id"), indent, root, colorByState, extra);
  }

  /**
   * The same, with every line indented by {@code level} more steps of four spaces (mode's {@code
   * indent}).
   *
   * @param level how many steps of four spaces to add
   * @return the changed copy
   * @throws IllegalArgumentException if {@code level} is negative
   */
  public GraphFormatter withIndent(int level) {
    if (level < 0) {
      throw new IllegalArgumentException("indent must be >= 0, was " + level);
    }
    return new GraphFormatter(directed, id, level, root, colorByState, extra);
  }

  /**
   * {@return the same, drawing every node and colouring it by state} See the class comment.
   */
  public GraphFormatter withStateColors() {
    return new GraphFormatter(directed, id, indent, root, true, extra);
  }

  /**
   * The same, drawing every node and colouring it by state, with the attributes {@code extra}
   * gives for each node added to its statement (after the colours, before a {@code label}); for
   * {@link GraphExport}'s annotated DOT. Values are quoted and escaped like every value.
   */
  GraphFormatter withNodeAttributes(Function<GraphNode, Map<String, String>> extra) {
    return new GraphFormatter(directed, id, indent, root, true, Objects.requireNonNull(extra, "extra"));
  }

  /**
   * {@code graph} in DOT, as described in the class comment.
   *
   * @param graph the graph to write
   * @return the DOT text
   * @throws NullPointerException if {@code graph} is null
   */
  public String format(DependencyGraph graph) {
    List<GraphNode> nodes = graph.nodes();
    Map<GraphNode, String> ids = DotIds.assign(nodes);
    String in = INDENT_UNIT.repeat(indent);
    String inner = in + INDENT_UNIT;
    StringBuilder out = new StringBuilder();
    out.append(in).append(directed ? "digraph" : "graph").append(' ').append(graphId()).append(" {\n");
    Map<String, String> graphAttrs = merge(BASE, attrs("bgcolor", "mintcream", "root", root));
    out.append(INDENT_UNIT).append(inner).append("graph [").append(render(graphAttrs)).append("]\n");
    String op = directed ? " -> " : " -- ";
    Map<String, String> edgeAttrs = merge(BASE, EDGE);
    for (GraphNode node : nodes) {
      String nodeId = ids.get(node);
      List<GraphNode> dependencies = graph.dependenciesOf(node);
      Map<String, String> attrs = nodeAttributes(graph, node, nodeId, !dependencies.isEmpty());
      if (attrs != null) {
        out.append(inner).append(quote(nodeId)).append(" [").append(render(attrs)).append("]\n");
      }
      for (GraphNode dependency : dependencies) {
        out.append(inner).append(quote(nodeId)).append(op).append(quote(ids.get(dependency)))
            .append(" [").append(render(edgeAttrs)).append("]\n");
      }
    }
    out.append(in).append("}\n");
    return out.toString();
  }

  /** The attributes of a node's statement, or null when the node gets no statement. */
  private Map<String, String> nodeAttributes(
      DependencyGraph graph, GraphNode node, String nodeId, boolean hasDependencies) {
    boolean relabelled = !nodeId.equals(node.label());
    Map<String, String> attrs;
    if (hasDependencies) {
      attrs = merge(BASE, NODE);
    } else if (graph.isDeclared(node) || colorByState) {
      attrs = merge(BASE, TERMINAL);
    } else if (relabelled) {
      // A leaf mode would not draw: keep Graphviz's defaults, like its siblings, but show the label.
      return attrs("label", node.label());
    } else {
      return null;
    }
    if (colorByState && node.state() != null) {
      attrs = merge(attrs, STATE_COLORS.get(node.state()));
    }
    if (extra != null) {
      attrs = merge(attrs, extra.apply(node));
    }
    if (relabelled) {
      attrs = merge(attrs, attrs("label", node.label()));
    }
    return attrs;
  }

  private String graphId() {
    return PLAIN_ID.matcher(id).matches() ? id : quote(id);
  }

  /** {@code value} as a quoted DOT string (see the class comment for the escapes). */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> {
          out.append("\\n");
          if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
            i++;
          }
        }
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String render(Map<String, String> attrs) {
    return attrs.entrySet().stream()
        .map(e -> e.getKey() + "=" + quote(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** Later maps override earlier values in place, keeping the first position of each key. */
  private static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
    Map<String, String> merged = new LinkedHashMap<>(first);
    merged.putAll(second);
    return merged;
  }

  private static Map<String, String> attrs(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Map<State, Map<String, String>> stateColors() {
    Map<State, Map<String, String>> colors = new EnumMap<>(State.class);
    colors.put(State.INIT, attrs("fillcolor", "white", "color", "gray50"));
    colors.put(State.STARTING, attrs("fillcolor", "lightgoldenrod1", "color", "goldenrod3"));
    colors.put(State.STOPPING, attrs("fillcolor", "lightgoldenrod1", "color", "goldenrod3"));
    colors.put(State.RUNNING, attrs("fillcolor", "palegreen2", "color", "forestgreen"));
    colors.put(State.SHUTDOWN, attrs("fillcolor", "gray80", "color", "gray40"));
    colors.put(State.CRASHED, attrs("fillcolor", "tomato", "color", "red3"));
    return colors;
  }
}
