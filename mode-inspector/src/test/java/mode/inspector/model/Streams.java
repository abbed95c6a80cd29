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

  /**
   * A worker like the demo: App over web, cache, consumers, scheduler and a supervisor with a
   * flaky child, 4 levels, ids from 1 in creation order. Returns the snapshot.
   */
  public static ServiceEvent.Snapshot demoLike() {
    List<ServiceInfo> infos = new ArrayList<>();
    long[] next = {1};
    long app = next[0]++;
    List<Long> top = new ArrayList<>();
    String[][] groups = {
      {"Web", "Router", "Sessions", "Auth", "StaticFiles"},
      {"Cache", "Shard-1", "Shard-2", "Shard-3", "Shard-4"},
      {"Consumers", "OrdersConsumer", "PaymentsConsumer", "EmailConsumer", "AuditConsumer", "MetricsConsumer"},
      {"Scheduler", "NightlyReport", "CacheWarmer", "Cleanup"},
      {"OneForOneSupervisor", "Flaky", "SlowStarter", "Blocker"},
    };
    for (String[] group : groups) {
      long g = next[0]++;
      top.add(g);
      List<Long> kids = new ArrayList<>();
      for (int i = 1; i < group.length; i++) {
        long k = next[0]++;
        kids.add(k);
        State state = group[i].equals("Flaky") ? State.CRASHED : State.RUNNING;
        infos.add(new ServiceInfo(k, group[i], group[i], "demo." + group[i], state, g, List.of(), T0,
            T0, Duration.ofMillis(group[i].equals("SlowStarter") ? 2500 : 20 + 7 * i), null, 2 * (group[i].equals("Flaky") ? 3 : 0),
            state == State.CRASHED ? "java.lang.IllegalStateException: flaky failure #3" : null,
            state == State.CRASHED ? "java.lang.IllegalStateException: flaky failure #3\n\tat demo.Flaky.tick(Flaky.java:31)" : null,
            group[0].equals("Consumers") ? List.of(new ServiceInfo.TimerInfo("poll", "timer", "0.5", 120, 1)) : List.of()));
      }
      infos.add(info(g, group[0], State.RUNNING, app, kids.toArray(Long[]::new)));
    }
    infos.add(info(app, "App", State.RUNNING, null, top.toArray(Long[]::new)));
    return new ServiceEvent.Snapshot(T0, infos);
  }

  /**
   * A session of 61 events, 10 ms apart: the app's snapshot, transitions, a service added and
   * later removed, dependencies, logs, timer stats, a flag, a blocking report, a crash, and a gap
   * followed by a fresh snapshot that differs (inferred transitions).
   */
  public static List<ServiceEvent> session() {
    List<ServiceEvent> events = new ArrayList<>();
    events.add(appSnapshot());
    State[] cycle = {State.RUNNING, State.STOPPING, State.SHUTDOWN, State.INIT, State.STARTING};
    int[] phase = new int[5];
    for (int k = 1; k <= 60; k++) {
      Instant t = at(10L * k);
      events.add(switch (k) {
        case 5 -> new ServiceEvent.ServiceAdded(t, info(6, "Worker", State.RUNNING, 3L));
        case 9 -> new ServiceEvent.DependencyAdded(t, 2, 6);
        case 14, 50 -> new ServiceEvent.Log(t, 3L, "WARN", "demo.Cache", "slow shard " + k);
        case 17 -> new ServiceEvent.TimerStats(t, 3, "poll", k, 1);
        case 21 -> new ServiceEvent.FlagChanged(t, 2, "PAUSED", true);
        case 25 -> new ServiceEvent.Blocking(t, 5, "onStart", Duration.ofMillis(1500), "at demo.Sessions.load");
        case 28 -> crash(10L * k, 4, State.RUNNING, "java.io.IOException: lost");
        case 33 -> new ServiceEvent.Gap(t, 5);
        case 34 -> new ServiceEvent.Snapshot(t, List.of(
            info(1, "App", State.RUNNING, null, 2L, 3L),
            info(2, "Web", State.RUNNING, 1L, 4L, 5L),
            info(3, "Cache", State.STARTING, 1L),
            info(4, "Router", State.CRASHED, 2L),
            info(5, "Sessions", State.STOPPING, 2L)));
        case 40 -> new ServiceEvent.DependencyRemoved(t, 1, 3);
        case 45 -> new ServiceEvent.ServiceRemoved(t, 5);
        default -> {
          int id = 1 + k % 4;
          State from = cycle[phase[id]];
          phase[id] = (phase[id] + 1) % cycle.length;
          yield move(10L * k, id, from, cycle[phase[id]], k / 20);
        }
      });
    }
    return events;
  }
}
