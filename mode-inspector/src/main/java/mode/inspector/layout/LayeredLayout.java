package mode.inspector.layout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * A layered (Sugiyama-style) layout for service graphs, dependencies top-down: longest-path
 * layering, a depth-first initial order that keeps insertion order, barycenter sweeps to reduce
 * crossings where services share dependencies, then a bottom-up placement that centres each
 * service over its dependencies.
 *
 * <p>Why our own and not Eclipse ELK: service graphs are trees with a few shared dependencies;
 * this runs in linear time per sweep (a 10,000-node tree in tens of milliseconds) with no stack
 * tuning and no extra dependencies, and it keeps siblings in insertion order so the picture does
 * not jump when a service is added.
 *
 * <p>Threading: stateless; call from any thread (the app calls it off the FX thread). Cycles
 * (which a service graph should not have) are broken at the first back edge met; the layout never
 * fails.
 */
public final class LayeredLayout {
  private static final int SWEEPS = 2;
  /** Fewest leaf dependencies that are stacked in a column rather than spread in a row. */
  public static final int STACK_MIN = 3;
  /** How far a stacked column is indented from its owner's left edge. */
  public static final double STACK_INDENT = 18;
  private static final double STACK_ROW_GAP = 6;

  private final double nodeHeight;
  private final double horizontalGap;
  private final double verticalGap;

  /**
   * A layout with these spacings.
   *
   * @param nodeHeight height of every box
   * @param horizontalGap space between neighbours in a layer
   * @param verticalGap space between layers
   */
  public LayeredLayout(double nodeHeight, double horizontalGap, double verticalGap) {
    this.nodeHeight = nodeHeight;
    this.horizontalGap = horizontalGap;
    this.verticalGap = verticalGap;
  }

  /** Lays out {@code graph}. */
  public Layout layout(LayoutGraph graph) {
    int n = graph.size();
    if (n == 0) {
      return Layout.empty();
    }
    int[] stackOwner = findStacks(graph);
    int[] preorder = new int[n];
    int[] topo = depthFirstOrder(graph, preorder);
    int[] layer = longestPathLayers(graph, topo, preorder);
    List<int[]> layers = orderLayers(graph, layer, preorder, stackOwner);
    double[] slot = slotWidths(graph, stackOwner);
    double[] x = new double[n];
    double[] y = new double[n];
    double width = placeHorizontally(graph, layers, x, slot, stackOwner);
    double top = 0;
    double[] stackHeight = new double[n];
    for (int v = 0; v < n; v++) {
      if (stackOwner[v] >= 0) {
        stackHeight[stackOwner[v]] += nodeHeight + STACK_ROW_GAP;
      }
    }
    for (int[] nodes : layers) {
      double layerHeight = nodeHeight;
      for (int v : nodes) {
        y[v] = top;
        layerHeight = Math.max(layerHeight, nodeHeight + stackHeight[v]);
      }
      top += layerHeight + verticalGap;
    }
    placeStacks(graph, stackOwner, x, y);
    boolean[] stacked = new boolean[n];
    for (int v = 0; v < n; v++) {
      stacked[v] = stackOwner[v] >= 0;
      width = Math.max(width, x[v] + graph.widths[v]);
    }
    return new Layout(graph, x, y, stacked, nodeHeight, verticalGap, width, top - verticalGap, layers.size());
  }

  /**
   * A service whose dependencies (at least {@value #STACK_MIN}) are all leaves that nobody else
   * depends on gets them stacked in a column below it, like a file tree, instead of spread over
   * a wide row. Returns, per node, the index of the node it is stacked under, or -1.
   */
  private static int[] findStacks(LayoutGraph g) {
    int[] owner = new int[g.size()];
    Arrays.fill(owner, -1);
    for (int v = 0; v < g.size(); v++) {
      int[] children = g.children[v];
      if (children.length < STACK_MIN) {
        continue;
      }
      boolean leaves = true;
      for (int c : children) {
        leaves &= g.children[c].length == 0 && g.parents[c].length == 1;
      }
      if (leaves) {
        for (int c : children) {
          owner[c] = v;
        }
      }
    }
    return owner;
  }

  private static double[] slotWidths(LayoutGraph g, int[] stackOwner) {
    double[] slot = g.widths.clone();
    for (int v = 0; v < g.size(); v++) {
      if (stackOwner[v] >= 0) {
        int o = stackOwner[v];
        slot[o] = Math.max(slot[o], STACK_INDENT + g.widths[v]);
      }
    }
    return slot;
  }

  private void placeStacks(LayoutGraph g, int[] stackOwner, double[] x, double[] y) {
    int[] row = new int[g.size()];
    for (int v = 0; v < g.size(); v++) {
      int o = stackOwner[v];
      if (o >= 0) {
        row[o]++;
        x[v] = x[o] + STACK_INDENT;
        y[v] = y[o] + row[o] * (nodeHeight + STACK_ROW_GAP);
      }
    }
  }

  /**
   * Depth-first from the roots (nodes with no incoming edge, in insertion order; then any node
   * left over, which can only sit on a cycle). Fills {@code preorder} with each node's visit rank
   * and returns a topological order (reverse postorder) in which back edges are ignored.
   */
  private static int[] depthFirstOrder(LayoutGraph g, int[] preorder) {
    int n = g.size();
    boolean[] visited = new boolean[n];
    int[] post = new int[n];
    int postCount = 0;
    int preCount = 0;
    int[] next = new int[n];
    Deque<Integer> stack = new ArrayDeque<>();
    List<Integer> starts = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      if (g.parents[v].length == 0) {
        starts.add(v);
      }
    }
    for (int v = 0; v < n; v++) {
      starts.add(v);
    }
    for (int s : starts) {
      if (visited[s]) {
        continue;
      }
      visited[s] = true;
      preorder[s] = preCount++;
      stack.push(s);
      while (!stack.isEmpty()) {
        int v = stack.peek();
        if (next[v] < g.children[v].length) {
          int c = g.children[v][next[v]++];
          if (!visited[c]) {
            visited[c] = true;
            preorder[c] = preCount++;
            stack.push(c);
          }
        } else {
          post[postCount++] = stack.pop();
        }
      }
    }
    int[] topo = new int[n];
    for (int i = 0; i < n; i++) {
      topo[i] = post[n - 1 - i];
    }
    return topo;
  }

  private static int[] longestPathLayers(LayoutGraph g, int[] topo, int[] preorder) {
    int n = g.size();
    int[] rank = new int[n];
    for (int i = 0; i < n; i++) {
      rank[topo[i]] = i;
    }
    int[] layer = new int[n];
    for (int v : topo) {
      for (int p : g.parents[v]) {
        if (rank[p] < rank[v]) {
          layer[v] = Math.max(layer[v], layer[p] + 1);
        }
      }
    }
    return layer;
  }

  private static List<int[]> orderLayers(LayoutGraph g, int[] layer, int[] preorder, int[] stackOwner) {
    int depth = 0;
    for (int l : layer) {
      depth = Math.max(depth, l + 1);
    }
    List<List<Integer>> buckets = new ArrayList<>();
    for (int l = 0; l < depth; l++) {
      buckets.add(new ArrayList<>());
    }
    for (int v = 0; v < g.size(); v++) {
      if (stackOwner[v] < 0) {
        buckets.get(layer[v]).add(v);
      }
    }
    List<int[]> layers = new ArrayList<>();
    buckets.removeIf(List::isEmpty);
    for (List<Integer> bucket : buckets) {
      bucket.sort(Comparator.comparingInt(v -> preorder[v]));
      layers.add(bucket.stream().mapToInt(Integer::intValue).toArray());
    }
    double[] position = new double[g.size()];
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      for (int[] nodes : layers) {
        sortByParentBarycenter(g, nodes, position);
        for (int i = 0; i < nodes.length; i++) {
          position[nodes[i]] = (i + 0.5) / nodes.length;
        }
      }
    }
    return layers;
  }

  /**
   * Orders a layer by the mean relative position of each node's parents; a node without parents
   * keeps its own position. The sort is stable, so a tree keeps its depth-first order.
   */
  private static void sortByParentBarycenter(LayoutGraph g, int[] nodes, double[] position) {
    Integer[] boxed = new Integer[nodes.length];
    double[] key = new double[g.size()];
    for (int i = 0; i < nodes.length; i++) {
      int v = nodes[i];
      boxed[i] = v;
      int[] parents = g.parents[v];
      if (parents.length == 0) {
        key[v] = (i + 0.5) / nodes.length;
      } else {
        double sum = 0;
        for (int p : parents) {
          sum += position[p];
        }
        key[v] = sum / parents.length;
      }
    }
    Arrays.sort(boxed, Comparator.comparingDouble(v -> key[v]));
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = boxed[i];
    }
  }

  /**
   * Bottom-up: each node wants to be centred over its children (already placed, being lower);
   * a node without children takes the next free place. Left to right, a node never overlaps its
   * left neighbour. Returns the drawing's width.
   */
  private double placeHorizontally(LayoutGraph g, List<int[]> layers, double[] x, double[] slot, int[] stackOwner) {
    double width = 0;
    for (int l = layers.size() - 1; l >= 0; l--) {
      double cursor = 0;
      for (int v : layers.get(l)) {
        double w = g.widths[v];
        double left = cursor;
        double sum = 0;
        int placed = 0;
        for (int c : g.children[v]) {
          if (stackOwner[c] < 0) {
            sum += x[c] + g.widths[c] / 2;
            placed++;
          }
        }
        if (placed > 0) {
          left = Math.max(cursor, sum / placed - w / 2);
        }
        x[v] = left;
        cursor = left + slot[v] + horizontalGap;
        width = Math.max(width, left + slot[v]);
      }
    }
    return width;
  }
}
