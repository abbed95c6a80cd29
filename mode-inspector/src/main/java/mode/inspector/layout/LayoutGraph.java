package mode.inspector.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input of a layout: nodes (by id, with a width) in a preferred order, and directed edges
 * from a node to each node it depends on. An immutable copy, so it can be laid out on any thread
 * while the live graph moves on.
 *
 * <p>Build with {@link #builder()}; the order of {@code node} calls is the order roots and
 * children keep in the drawing (insertion order, never alphabetical, so the picture is stable).
 */
public final class LayoutGraph {
  final long[] ids;
  final double[] widths;
  final int[][] children;
  final int[][] parents;
  private final Map<Long, Integer> index;

  private LayoutGraph(long[] ids, double[] widths, int[][] children, int[][] parents, Map<Long, Integer> index) {
    this.ids = ids;
    this.widths = widths;
    this.children = children;
    this.parents = parents;
    this.index = index;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many nodes. */
  public int size() {
    return ids.length;
  }

  /** The index of a node id, or -1 when absent. */
  public int indexOf(long id) {
    Integer i = index.get(id);
    return i == null ? -1 : i;
  }

  /** The id of the node at {@code index}. */
  public long id(int index) {
    return ids[index];
  }

  /** The indexes of the nodes that {@code index} points to, in insertion order. */
  public int[] children(int index) {
    return children[index].clone();
  }

  /** Accumulates nodes and edges; not thread-safe. */
  public static final class Builder {
    private final List<Long> ids = new ArrayList<>();
    private final List<Double> widths = new ArrayList<>();
    private final Map<Long, Integer> index = new HashMap<>();
    private final List<long[]> edges = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a node; a repeated id keeps its first width.
     *
     * @throws IllegalArgumentException if the width is not positive
     */
    public Builder node(long id, double width) {
      if (!(width > 0)) {
        throw new IllegalArgumentException("Node " + id + " needs a positive width, got " + width);
      }
      if (index.putIfAbsent(id, ids.size()) == null) {
        ids.add(id);
        widths.add(width);
      }
      return this;
    }

    /** Adds an edge; edges naming unknown nodes, self-loops and repeats are ignored at build. */
    public Builder edge(long from, long to) {
      edges.add(new long[] {from, to});
      return this;
    }

    /** The immutable graph. */
    public LayoutGraph build() {
      int n = ids.size();
      List<List<Integer>> out = new ArrayList<>(n);
      List<List<Integer>> in = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new ArrayList<>());
        in.add(new ArrayList<>());
      }
      java.util.Set<Long> seen = new java.util.HashSet<>();
      for (long[] e : edges) {
        Integer from = index.get(e[0]);
        Integer to = index.get(e[1]);
        if (from == null || to == null || from.equals(to) || !seen.add(((long) from << 32) | to)) {
          continue;
        }
        out.get(from).add(to);
        in.get(to).add(from);
      }
      long[] idArray = new long[n];
      double[] widthArray = new double[n];
      int[][] childArray = new int[n][];
      int[][] parentArray = new int[n][];
      for (int i = 0; i < n; i++) {
        idArray[i] = ids.get(i);
        widthArray[i] = widths.get(i);
        childArray[i] = out.get(i).stream().mapToInt(Integer::intValue).toArray();
        parentArray[i] = in.get(i).stream().mapToInt(Integer::intValue).toArray();
      }
      return new LayoutGraph(idArray, widthArray, childArray, parentArray, Map.copyOf(index));
    }
  }
}
