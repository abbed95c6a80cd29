package mode.inspector.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;

/**
 * Turns the {@code mode.*} events of a JFR file into the {@link ServiceEvent}s of a session, in
 * time order:
 *
 * <ul>
 *   <li>a {@link ServiceEvent.Snapshot} at the first moment recorded (strictly before the first
 *       transition, see {@link #snapshotInstant}), built from the first tree
 *       ({@code mode.ServiceNode}) of each root: its services and edges, each service in the
 *       state its first recorded transition left (the tree may be written a moment after it);
 *   <li>every later tree adds and removes services and edges (states come from transitions);
 *   <li>{@code mode.ServiceTransition} → {@link ServiceEvent.Transition} at its {@code
 *       changedAt}, with the crash reason (JFR holds no crash stack);
 *   <li>{@code mode.ServiceStart} / {@code mode.ServiceStop}: a timed start or stop gives its
 *       transitions their precise instants (JFR's nanoseconds instead of the transition's
 *       milliseconds), so the details show the recorded durations;
 *   <li>{@code mode.Blocking} → {@link ServiceEvent.Blocking}, {@code mode.TimerOverrun} → {@link
 *       ServiceEvent.TimerStats}.
 * </ul>
 *
 * A service that has transitions but is in no tree (the tree events were off) is added at its
 * first transition, without edges.
 *
 * <p>Threading: not thread-safe; one instance per file read.
 */
final class FlightRecordingEvents {
  /** One service of a tree event. */
  private record Node(long id, long parentId, String label, String className, State state,
      int restartCount, String crashReason, List<Long> dependencies) {}

  /** The services of one tree written at one moment, in the order written (root first). */
  private record Tree(long snapshotId, Instant at, List<Node> nodes) {
    long rootId() {
      return nodes.getFirst().id();
    }
  }

  /**
   * A transition. Those of one millisecond are ordered by {@code sequence} (the order the runtime
   * made them in; -1 in recordings made before it was written) and then by {@code order}, the JFR
   * commit time.
   */
  private record Move(long serviceId, String label, String className, State from, State to,
      int restartCount, String crashReason, Instant changedAt, long sequence, Instant order) {}

  /** The order of transitions in time (see {@link Move}). */
  private static final Comparator<Move> IN_TIME = Comparator.comparing(Move::changedAt)
      .thenComparingLong(Move::sequence).thenComparing(Move::order);

  /** A timed start or stop. */
  private record Timing(long serviceId, boolean start, Instant begin, Instant end) {}

  /** An event that is not structural, with the moment it is shown at. */
  private record Timed(Instant at, Instant order, Object what) {}

  private final Map<Long, Tree> trees = new LinkedHashMap<>();
  private final List<Move> moves = new ArrayList<>();
  private final List<Timing> timings = new ArrayList<>();
  private final List<Timed> others = new ArrayList<>();

  /** Takes one event; events of other types are ignored. */
  void add(RecordedEvent e) {
    switch (e.getEventType().getName()) {
      case "mode.ServiceNode" -> {
        Node node = new Node(e.getLong("serviceId"), e.getLong("parentId"), text(e, "label"),
            text(e, "serviceClass"), state(e.getString("state")), e.getInt("restartCount"),
            e.getString("crashReason"), ids(e.getString("dependencies")));
        Tree tree = trees.computeIfAbsent(e.getLong("snapshotId"),
            id -> new Tree(id, e.getStartTime(), new ArrayList<>()));
        tree.nodes().add(node);
      }
      case "mode.ServiceTransition" -> moves.add(new Move(e.getLong("serviceId"), text(e, "label"),
          text(e, "serviceClass"), state(e.getString("from")), state(e.getString("to")),
          e.getInt("restartCount"), e.getString("crashReason"),
          Instant.ofEpochMilli(e.getLong("changedAt")),
          e.hasField("sequence") ? e.getLong("sequence") : -1, e.getStartTime()));
      case "mode.ServiceStart", "mode.ServiceStop" -> timings.add(new Timing(e.getLong("serviceId"),
          e.getEventType().getName().equals("mode.ServiceStart"), e.getStartTime(), e.getEndTime()));
      case "mode.Blocking" -> others.add(new Timed(e.getStartTime(), e.getStartTime(),
          new ServiceEvent.Blocking(e.getStartTime(), e.getLong("serviceId"), text(e, "activity"),
              Duration.ofNanos(e.getLong("elapsed")), text(e, "stack"))));
      case "mode.TimerOverrun" -> others.add(new Timed(e.getStartTime(), e.getStartTime(),
          new ServiceEvent.TimerStats(e.getStartTime(), e.getLong("serviceId"), text(e, "timer"),
              e.getLong("runs"), e.getLong("overruns"))));
      default -> { }
    }
  }

  private static String text(RecordedEvent e, String field) {
    String value = e.getString(field);
    return value == null ? "" : value;
  }

  /** A recorded state name; an unknown one (a newer writer) reads as INIT rather than failing. */
  private static State state(String name) {
    for (State s : State.values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return State.INIT;
  }

  private static List<Long> ids(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split(",")).map(String::strip).map(Long::valueOf).toList();
  }

  /** Whether no tree and no transition was taken (nothing to show). */
  boolean isEmpty() {
    return trees.isEmpty() && moves.isEmpty();
  }

  /** The label of the first tree's root, or {@code null} without trees. */
  String rootLabel() {
    return trees.values().stream().min(Comparator.comparing(Tree::at))
        .map(t -> t.nodes().getFirst().label()).orElse(null);
  }

  /** The session's events, oldest first (see the class comment). */
  List<ServiceEvent> toServiceEvents() {
    List<Tree> sortedTrees = trees.values().stream().filter(t -> t.nodes().getFirst().parentId() == -1)
        .sorted(Comparator.comparing(Tree::at)).toList();
    List<Move> sortedMoves = refined(moves.stream()
        .sorted(IN_TIME).toList());
    Map<Long, Move> firstMove = new HashMap<>();
    for (Move m : sortedMoves) {
      firstMove.putIfAbsent(m.serviceId(), m);
    }
    Instant start = snapshotInstant(sortedTrees.isEmpty() ? null : sortedTrees.getFirst().at(),
        sortedMoves.isEmpty() ? null : sortedMoves.getFirst().changedAt());

    // The first tree of each root makes the snapshot; the later ones are changes of structure.
    Map<Long, Tree> current = new LinkedHashMap<>();
    List<Tree> later = new ArrayList<>();
    for (Tree tree : sortedTrees) {
      if (current.putIfAbsent(tree.rootId(), tree) != null) {
        later.add(tree);
      }
    }
    Structure shown = Structure.of(current.values());
    Set<Long> known = new HashSet<>(shown.nodes().keySet());
    List<ServiceInfo> infos = new ArrayList<>();
    for (Node node : shown.nodes().values()) {
      infos.add(info(node, shown, firstMove.get(node.id()), start));
    }

    List<Timed> timeline = new ArrayList<>(others);
    for (Move m : sortedMoves) {
      timeline.add(new Timed(m.changedAt(), m.order(), m));
    }
    for (Tree t : later) {
      timeline.add(new Timed(t.at(), t.at(), t));
    }
    timeline.sort(Comparator.comparing(Timed::at).thenComparing(Timed::order));

    List<ServiceEvent> out = new ArrayList<>();
    out.add(new ServiceEvent.Snapshot(start, infos));
    for (Timed t : timeline) {
      switch (t.what()) {
        case Move m -> {
          if (known.add(m.serviceId())) {
            out.add(new ServiceEvent.ServiceAdded(m.changedAt(), new ServiceInfo(m.serviceId(), m.label(),
                m.label(), m.className(), m.from(), null, List.of(), m.changedAt(), null, null, null,
                restartsBefore(m), null, null, List.of())));
          }
          out.add(new ServiceEvent.Transition(m.changedAt(), m.serviceId(), m.from(), m.to(),
              m.restartCount(), m.crashReason(), null));
        }
        case Tree tree -> {
          current.put(tree.rootId(), tree);
          Structure next = Structure.of(current.values());
          shown.changesTo(next, tree.at(), known, firstMove, out);
          shown = next;
        }
        case ServiceEvent event -> out.add(event);
        default -> throw new IllegalStateException("unexpected " + t.what());
      }
    }
    return out;
  }

  /**
   * The instant of the opening snapshot, given the first tree's time and the first transition's
   * (either may be {@code null}, not both). The snapshot shows every service as it was before its
   * first transition, so it must lie strictly before that transition: a transition's time is
   * whole milliseconds, and one that really followed the tree within the same millisecond reads
   * as earlier than or equal to the tree's nanosecond time. In that case the snapshot is placed a
   * nanosecond before the first transition, so that replaying to the recording's start shows the
   * tree before anything moved.
   */
  static Instant snapshotInstant(Instant firstTree, Instant firstMove) {
    if (firstMove == null) {
      return firstTree;
    }
    if (firstTree == null || !firstMove.isAfter(firstTree)) {
      return firstMove.minusNanos(1);
    }
    return firstTree;
  }

  /** The restart count before {@code m}: a move back to INIT (a restart's reset) counted one. */
  private static int restartsBefore(Move m) {
    boolean reset = m.to() == State.INIT && m.from() != State.INIT;
    return reset ? Math.max(0, m.restartCount() - 1) : m.restartCount();
  }

  /**
   * A service as the snapshot shows it at {@code at}: in the state its first transition left
   * (when it has one; a tree may be written after the transitions it follows), else the tree's.
   */
  private static ServiceInfo info(Node node, Structure in, Move first, Instant at) {
    State state = first == null ? node.state() : first.from();
    int restarts = first == null ? node.restartCount() : restartsBefore(first);
    String crash = state == State.CRASHED && state == node.state() ? node.crashReason() : null;
    Long parent = node.parentId() == -1 ? null : node.parentId();
    return new ServiceInfo(node.id(), node.label(), node.label(), node.className(), state, parent,
        in.edges().getOrDefault(node.id(), List.of()), at, null, null, null, restarts, crash, null,
        List.of());
  }

  /**
   * The transitions, with each timed start and stop giving the move into STARTING (STOPPING) the
   * time it began and the move out of it the time it ended, when that keeps each service's moves
   * in order. The timing began just after its move into the state, and ended just after the move
   * out, so each is matched to the closest such move before it.
   */
  private List<Move> refined(List<Move> sorted) {
    Map<Long, List<Integer>> byService = new HashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      byService.computeIfAbsent(sorted.get(i).serviceId(), id -> new ArrayList<>()).add(i);
    }
    Move[] out = sorted.toArray(Move[]::new);
    for (Timing timing : timings) {
      List<Integer> own = byService.getOrDefault(timing.serviceId(), List.of());
      State into = timing.start() ? State.STARTING : State.STOPPING;
      int match = -1;
      for (int k = 0; k < own.size() - 1; k++) {
        Move m = out[own.get(k)];
        if (m.to() == into && !m.changedAt().isAfter(timing.begin())
            && Duration.between(m.changedAt(), timing.begin()).compareTo(MATCH_WINDOW) <= 0) {
          match = k;
        }
      }
      if (match < 0) {
        continue;
      }
      int before = own.get(match);
      int after = own.get(match + 1);
      Instant earlier = match > 0 ? out[own.get(match - 1)].changedAt() : Instant.MIN;
      Instant next = match + 2 < own.size() ? out[own.get(match + 2)].changedAt() : Instant.MAX;
      if (out[after].from() == into && !timing.begin().isBefore(earlier) && !timing.end().isAfter(next)) {
        out[before] = at(out[before], timing.begin());
        out[after] = at(out[after], timing.end());
      }
    }
    List<Move> result = new ArrayList<>(Arrays.asList(out));
    result.sort(IN_TIME);
    return result;
  }

  /** How far a timing may begin after the move it belongs to (the clocks differ a little). */
  private static final Duration MATCH_WINDOW = Duration.ofMillis(50);

  private static Move at(Move m, Instant when) {
    return new Move(m.serviceId(), m.label(), m.className(), m.from(), m.to(), m.restartCount(),
        m.crashReason(), when, m.sequence(), m.order());
  }

  /** The services and edges of the newest tree of every root. */
  private record Structure(Map<Long, Node> nodes, Map<Long, List<Long>> edges) {
    static Structure of(Iterable<Tree> trees) {
      Map<Long, Node> nodes = new LinkedHashMap<>();
      for (Tree tree : trees) {
        for (Node n : tree.nodes()) {
          nodes.putIfAbsent(n.id(), n);
        }
      }
      Map<Long, List<Long>> edges = new LinkedHashMap<>();
      for (Node n : nodes.values()) {
        edges.put(n.id(), n.dependencies().stream().filter(nodes::containsKey).toList());
      }
      return new Structure(nodes, edges);
    }

    /** Appends the events that turn this structure into {@code next}. */
    void changesTo(Structure next, Instant at, Set<Long> known, Map<Long, Move> firstMove,
        List<ServiceEvent> out) {
      for (Long id : nodes.keySet()) {
        if (!next.nodes().containsKey(id)) {
          out.add(new ServiceEvent.ServiceRemoved(at, id));
          known.remove(id);
        }
      }
      for (Node n : next.nodes().values()) {
        if (known.add(n.id())) {
          Move first = firstMove.get(n.id());
          State state = first != null && first.changedAt().isAfter(at) ? first.from() : n.state();
          out.add(new ServiceEvent.ServiceAdded(at, new ServiceInfo(n.id(), n.label(), n.label(),
              n.className(), state, n.parentId() == -1 ? null : n.parentId(), List.of(), at, null,
              null, null, n.restartCount(), null, null, List.of())));
        }
      }
      for (Node n : next.nodes().values()) {
        List<Long> was = edges.getOrDefault(n.id(), List.of());
        List<Long> now = next.edges().get(n.id());
        for (Long child : was) {
          if (!now.contains(child) && next.nodes().containsKey(child)) {
            out.add(new ServiceEvent.DependencyRemoved(at, n.id(), child));
          }
        }
        for (Long child : now) {
          if (!was.contains(child)) {
            out.add(new ServiceEvent.DependencyAdded(at, n.id(), child));
          }
        }
      }
    }
  }
}
