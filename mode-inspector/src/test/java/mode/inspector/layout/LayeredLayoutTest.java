package mode.inspector.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayeredLayoutTest {
  private final LayeredLayout layout = new LayeredLayout(20, 10, 30);

  private static LayoutGraph appTree() {
    return LayoutGraph.builder()
        .node(1, 40).node(2, 40).node(3, 40).node(4, 40).node(5, 40)
        .edge(1, 2).edge(1, 3).edge(2, 4).edge(2, 5)
        .build();
  }

  @Test
  void dependenciesAreLaidOutTopDownOneLayerPerLevel() {
    Layout result = layout.layout(appTree());

    assertThat(result.layers()).isEqualTo(3);
    assertThat(ys(result, 1, 2, 3, 4, 5)).containsExactly(0.0, 50.0, 50.0, 100.0, 100.0);
    assertThat(result.height()).isEqualTo(120.0);
  }

  @Test
  void siblingsKeepInsertionOrderAndParentsAreCentredOverTheirDependencies() {
    Layout result = layout.layout(appTree());

    // Router at 0, Sessions at 50; Web centred over them at 25; Cache next to Web at 75;
    // App centred over Web and Cache at 50.
    assertThat(xs(result, 4, 5, 2, 3, 1)).containsExactly(0.0, 50.0, 25.0, 75.0, 50.0);
    assertThat(result.width()).isEqualTo(115.0);
  }

  @Test
  void sharedDependencyGoesBelowItsDeepestDependent() {
    LayoutGraph graph = LayoutGraph.builder()
        .node(1, 40).node(2, 40).node(3, 40)
        .edge(1, 2).edge(2, 3).edge(1, 3)
        .build();

    Layout result = layout.layout(graph);

    assertThat(ys(result, 1, 2, 3)).containsExactly(0.0, 50.0, 100.0);
  }

  @Test
  void cycleIsBrokenInsteadOfFailing() {
    LayoutGraph graph = LayoutGraph.builder()
        .node(1, 40).node(2, 40).node(3, 40)
        .edge(1, 2).edge(2, 3).edge(3, 2)
        .build();

    Layout result = layout.layout(graph);

    assertThat(ys(result, 1, 2, 3)).containsExactly(0.0, 50.0, 100.0);
  }

  @Test
  void nodesOfALayerNeverOverlap() {
    LayoutGraph.Builder builder = LayoutGraph.builder().node(0, 30);
    for (int i = 1; i <= 200; i++) {
      builder.node(i, 30 + i % 7).edge(0, i);
      builder.node(1000 + i, 25).edge(i, 1000 + i).edge(Math.max(1, i - 1), 1000 + i);
    }
    Layout result = layout.layout(builder.build());

    for (int a = 0; a < result.size(); a++) {
      for (int b = a + 1; b < result.size(); b++) {
        if (result.y(a) == result.y(b)) {
          boolean apart = result.x(a) + result.width(a) <= result.x(b) || result.x(b) + result.width(b) <= result.x(a);
          assertThat(apart).as("%d and %d overlap", result.id(a), result.id(b)).isTrue();
        }
      }
    }
  }

  @Test
  void nodeAtFindsTheBoxUnderAPoint() {
    Layout result = layout.layout(appTree());

    assertThat(result.id(result.nodeAt(55, 60))).isEqualTo(2L);
    assertThat(result.nodeAt(70, 60)).isEqualTo(-1);
  }

  private static double[] ys(Layout l, long... ids) {
    double[] out = new double[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = l.y(l.indexOf(ids[i]));
    }
    return out;
  }

  private static double[] xs(Layout l, long... ids) {
    double[] out = new double[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = l.x(l.indexOf(ids[i]));
    }
    return out;
  }
}
