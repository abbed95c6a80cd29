package mode.graph;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import mode.State;
import mode.events.ServiceInfo;

/** Builds {@link ServiceInfo}s as a snapshot would carry them, for graph tests. */
final class Snapshots {
  private static final Instant AT = Instant.parse("2026-11-28T05:12:15.084Z");

  private Snapshots() {}

  static ServiceInfo info(long id, String label, State state, Long parentId, Long... dependencies) {
    return new ServiceInfo(
        id, label, label, "example." + label.replaceAll("[^A-Za-z]", ""), state, parentId,
        List.copyOf(Arrays.asList(dependencies)), AT, null, null, null, 0, null, null, List.of());
  }
}
