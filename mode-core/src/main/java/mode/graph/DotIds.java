package mode.graph;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each node a distinct DOT id. mode identifies nodes by label, so two services with the
 * same label collapse into one; here the first node with a label keeps it as its id (which keeps
 * the output byte-equal to mode's when labels are unique) and later ones get {@code Label#2},
 * {@code Label#3}, … skipping any id that is some node's label.
 */
final class DotIds {
  private DotIds() {}

  static Map<GraphNode, String> assign(List<GraphNode> nodes) {
    Set<String> taken = new HashSet<>();
    for (GraphNode node : nodes) {
      taken.add(node.label());
    }
    Set<String> firstSeen = new HashSet<>();
    Map<GraphNode, String> ids = new LinkedHashMap<>();
    for (GraphNode node : nodes) {
      String label = node.label();
      if (firstSeen.add(label)) {
        ids.put(node, label);
        continue;
      }
      int n = 2;
      while (taken.contains(label + "#" + n)) {
        n++;
      }
      String id = label + "#" + n;
      taken.add(id);
      ids.put(node, id);
    }
    return ids;
  }
}
