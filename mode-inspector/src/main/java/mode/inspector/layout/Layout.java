package mode.inspector.layout;

/**
 * The result of a layout: a box per node (top-left corner, width, height) and the edges to draw,
 * in the coordinates of an unscaled drawing whose top-left is (0, 0).
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Layout {
  private static final Layout EMPTY =
      new Layout(LayoutGraph.builder().build(), new double[0], new double[0], new boolean[0], 0, 0, 0, 0, 0);

  private final LayoutGraph graph;
  private final double[] x;
  private final double[] y;
  private final boolean[] stacked;
  private final double nodeHeight;
  private final double layerGap;
  private final double width;
  private final double height;
  private final int layers;

  Layout(LayoutGraph graph, double[] x, double[] y, boolean[] stacked, double nodeHeight, double layerGap,
      double width, double height, int layers) {
    this.graph = graph;
    this.x = x;
    this.y = y;
    this.stacked = stacked;
    this.nodeHeight = nodeHeight;
    this.layerGap = layerGap;
    this.width = width;
    this.height = height;
    this.layers = layers;
  }

  /** A layout with no nodes. */
  public static Layout empty() {
    return EMPTY;
  }

  /** How many nodes were laid out. */
  public int size() {
    return graph.size();
  }

  /** The index of node {@code id}, or -1 when it is not in this layout. */
  public int indexOf(long id) {
    return graph.indexOf(id);
  }

  /** The node id at {@code index}. */
  public long id(int index) {
    return graph.ids[index];
  }

  /** Left edge of node {@code index}. */
  public double x(int index) {
    return x[index];
  }

  /** Top edge of node {@code index}. */
  public double y(int index) {
    return y[index];
  }

  /** Width of node {@code index}. */
  public double width(int index) {
    return graph.widths[index];
  }

  /** Height of every node. */
  public double nodeHeight() {
    return nodeHeight;
  }

  /** Whether node {@code index} sits in a column stacked below the one service it belongs to. */
  public boolean stacked(int index) {
    return stacked[index];
  }

  /** The vertical space between layers. */
  public double layerGap() {
    return layerGap;
  }

  /** The indexes of the nodes {@code index} depends on (its outgoing edges); do not modify. */
  public int[] children(int index) {
    return graph.children[index];
  }

  /** Width of the whole drawing. */
  public double width() {
    return width;
  }

  /** Height of the whole drawing. */
  public double height() {
    return height;
  }

  /** Number of layers. */
  public int layers() {
    return layers;
  }

  /** The node whose box contains the point, or -1. Linear in the number of nodes. */
  public int nodeAt(double px, double py) {
    for (int i = 0; i < x.length; i++) {
      if (px >= x[i] && px <= x[i] + graph.widths[i] && py >= y[i] && py <= y[i] + nodeHeight) {
        return i;
      }
    }
    return -1;
  }
}
