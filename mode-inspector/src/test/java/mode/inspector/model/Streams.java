package mode.inspector.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;

/** Hand-made event streams for tests: services, snapshots and transitions at fixed times. */
public final class Streams {
  /** The time of every stream's first event. */
  public static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");

  private Streams() {}

  /** {@code T0} plus {@code millis}. */
  public static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  /** A service in {@code state} since T0, with its dependencies. */
  public static ServiceInfo info(long id, String label, State state, Long parent, Long... deps) {
    return new ServiceInfo(
        id, label, label, "demo." + label, state, parent, List.of(deps), T0,
        state == State.RUNNING ? T0 : null, state == State.RUNNING ? Duration.ofMillis(5) : null,
        null, 0, null, null, List.of());
  }

  /** App(1) → {Web(2) → {Router(4), Sessions(5)}, Cache(3)}, all running. */
  public static ServiceEvent.Snapshot appSnapshot() {
    return new ServiceEvent.Snapshot(T0, List.of(
        info(1, "App", State.RUNNING, null, 2L, 3L),
        info(2, "Web", State.RUNNING, 1L, 4L, 5L),
        info(3, "Cache", State.RUNNING, 1L),
        info(4, "Router", State.RUNNING, 2L),
        info(5, "Sessions", State.RUNNING, 2L)));
  }

  /** A transition without crash details. */
  public static ServiceEvent.Transition move(long millis, long id, State from, State to, int restarts) {
    return new ServiceEvent.Transition(at(millis), id, from, to, restarts, null, null);
  }

  /** A crash with a reason and stack. */
  public static ServiceEvent.Transition crash(long millis, long id, State from, String reason) {
    return new ServiceEvent.Transition(at(millis), id, from, State.CRASHED, 0, reason,
        reason + "\n\tat demo.Flaky.tick(Flaky.java:42)");
  }

  /** A tree of {@code fanOut}^{@code depth} leaves under one root, all running, ids from 1. */
  public static ServiceEvent.Snapshot tree(int fanOut, int depth) {
    List<ServiceInfo> infos = new ArrayList<>();
    long[] next = {2};
    build(infos, 1, null, "root", fanOut, depth, next);
    return new ServiceEvent.Snapshot(T0, infos);
  }

  private static void build(List<ServiceInfo> out, long id, Long parent, String label, int fanOut, int depth, long[] next) {
    List<Long> children = new ArrayList<>();
    int index = out.size();
    out.add(null);
    if (depth > 0) {
      for (int i = 0; i < fanOut; i++) {
        long child = next[0]++;
        children.add(child);
        build(out, child, id, label + "." + i, fanOut, depth - 1, next);
      }
    }
    out.set(index, info(id, label, State.RUNNING, parent, children.toArray(Long[]::new)));
  }
}
