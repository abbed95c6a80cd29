package mode.inspector.viewmodel;

import mode.inspector.model.Texts;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import mode.State;
import mode.inspector.layout.LayeredLayout;
import mode.inspector.layout.Layout;
import mode.inspector.model.ChangeSet;
import mode.inspector.model.ServiceGraph;
import mode.inspector.model.ServiceNode;
import mode.inspector.model.Trouble;

/**
 * The graph as the canvas shows it: the current layout (computed on a background executor,
 * published on the UI executor), the selection, search, state filter, collapsed subtrees and the
 * recent state changes that the view animates.
 *
 * <p>Threading: every method and property is for the UI thread. Layouts run on the background
 * executor given at construction; at most one runs at a time, and changes arriving meanwhile
 * cause exactly one more. A layout failure is reported through {@link #problemProperty()}.
 */
public final class GraphViewModel {
  /** Services with more direct dependencies than this start collapsed. */
  public static final int FAN_OUT_LIMIT = 60;
  /** How long a state change stays highlighted, in nanoseconds. */
  public static final long FLASH_NANOS = 1_500_000_000L;

  private static final LayeredLayout LAYOUT = new LayeredLayout(28, 14, 46);

  private final Executor background;
  private final Executor ui;
  private final LongSupplier nanoClock;
  private ServiceGraph model;
  private final ReadOnlyObjectWrapper<Layout> layout = new ReadOnlyObjectWrapper<>(Layout.empty());
  private final ReadOnlyObjectWrapper<Long> selected = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Long> revealRequest = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyLongWrapper repaint = new ReadOnlyLongWrapper();
  private final ReadOnlyIntegerWrapper matchCount = new ReadOnlyIntegerWrapper();
  private final ReadOnlyStringWrapper emptyResult = new ReadOnlyStringWrapper(this, "emptyResult", "");
  private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");
  private final ReadOnlyObjectWrapper<String> problem = new ReadOnlyObjectWrapper<>();
  private final StringProperty search = new SimpleStringProperty(this, "search", "");
  private final ObjectProperty<StateFilter> filter = new SimpleObjectProperty<>(this, "filter", StateFilter.ALL);
  private final Set<Long> collapsed = new HashSet<>();
  private final Set<Long> fanOutSeen = new HashSet<>();
  private final Map<Long, Long> changedAt = new HashMap<>();
  private Set<Long> dimmed = Set.of();
  private Map<Long, Set<Long>> hiddenBelow = Map.of();
  private InstantSource clock = InstantSource.system();
  private Set<Long> troubledAtLayout = Set.of();
  private Set<Long> matches = Set.of();
  private boolean layoutRunning;
  private boolean layoutAgain;

  /**
   * A graph view-model.
   *
   * @param background where layouts run (never the UI thread in the app)
   * @param ui where layout results are published (the UI thread)
   * @param nanoClock monotonic time for the change highlight ({@code System::nanoTime})
   */
  public GraphViewModel(Executor background, Executor ui, LongSupplier nanoClock) {
    this.background = background;
    this.ui = ui;
    this.nanoClock = nanoClock;
    search.addListener((obs, old, now) -> updateMatches());
    filter.addListener((obs, old, now) -> requestLayout());
  }

  /** Shows another model (a replayed moment or a new session); the selection is kept. */
  void setModel(ServiceGraph model) {
    this.model = model;
    changedAt.clear();
    autoCollapse();
    updateMatches();
    requestLayout();
  }

  /** Takes in what a batch of events changed in the current model. */
  void modelChanged(ChangeSet changes) {
    long now = nanoClock.getAsLong();
    for (var t : changes.transitions()) {
      changedAt.put(t.serviceId(), now);
    }
    if (changes.structureChanged()) {
      autoCollapse();
      updateMatches();
      requestLayout();
    } else if (filter.get() != StateFilter.ALL && !changes.transitions().isEmpty()) {
      requestLayout();
    }
    repaint.set(repaint.get() + 1);
  }

  private void autoCollapse() {
    for (ServiceNode node : model.nodes()) {
      if (model.dependencies(node.id()).size() > FAN_OUT_LIMIT && fanOutSeen.add(node.id())) {
        collapsed.add(node.id());
      }
    }
  }

  private void requestLayout() {
    if (layoutRunning) {
      layoutAgain = true;
      return;
    }
    layoutRunning = true;
    Map<Long, Double> markerWidths = markerWidths();
    troubledAtLayout = markerWidths.keySet();
    VisibleGraph visible = VisibleGraph.of(model, collapsed, filter.get(), markerWidths);
    try {
      background.execute(() -> layOut(visible));
    } catch (RejectedExecutionException closing) {
      // The layout executor refuses work only once the app is closing (events still queued for the
      // FX thread may arrive after that): there is nothing left to lay out for.
      layoutRunning = false;
    }
  }

  /** Runs on the layout executor; hands the result (or the failure) back to the FX thread. */
  private void layOut(VisibleGraph visible) {
    Layout result;
    String failure = null;
    try {
      result = LAYOUT.layout(visible.layoutGraph);
    } catch (RuntimeException e) {
      result = null;
      failure = "The layout failed: " + e;
    }
    Layout done = result;
    String error = failure;
    ui.execute(() -> publish(visible, done, error));
  }

  private void publish(VisibleGraph visible, Layout result, String error) {
    layoutRunning = false;
    if (result != null) {
      dimmed = visible.dimmed;
      hiddenBelow = visible.hiddenBelow;
      layout.set(result);
    }
    problem.set(error);
    emptyResult.set(result == null || result.size() > 0 || filter.get() == StateFilter.ALL || model.size() == 0 ? ""
        : "The filter “" + filter.get() + "” matches none of the " + model.size() + " services");
    if (layoutAgain) {
      layoutAgain = false;
      requestLayout();
    }
  }

  private void updateMatches() {
    String text = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
    Set<Long> found = new HashSet<>();
    if (!text.isEmpty()) {
      for (ServiceNode node : model.nodes()) {
        if (node.label().toLowerCase(Locale.ROOT).contains(text)
            || node.supervisor() != null && node.boxText().toLowerCase(Locale.ROOT).contains(text)) {
          found.add(node.id());
        }
      }
    }
    matches = found;
    matchCount.set(found.size());
    repaint.set(repaint.get() + 1);
  }

  /** Selects a service (or nothing, with {@code null}). */
  public void select(Long id) {
    selected.set(id);
    repaint.set(repaint.get() + 1);
  }

  /** Selects a service and asks the view to bring it into sight, expanding what hides it. */
  public void reveal(long id) {
    if (model.node(id) == null) {
      return;
    }
    boolean expanded = expandAncestors(id);
    select(id);
    revealRequest.set(null);
    revealRequest.set(id);
    if (expanded) {
      requestLayout();
    }
  }

  private boolean expandAncestors(long id) {
    boolean changed = false;
    List<Long> todo = new ArrayList<>(model.dependents(id));
    Set<Long> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      long parent = todo.removeLast();
      if (seen.add(parent)) {
        changed |= collapsed.remove(parent);
        todo.addAll(model.dependents(parent));
      }
    }
    return changed;
  }

  /** Selects the next search match after the selection (in drawing order) and reveals it. */
  public void revealNextMatch() {
    if (matches.isEmpty()) {
      return;
    }
    List<Long> ordered = new ArrayList<>(matches);
    ordered.sort(null);
    Long current = selected.get();
    long next = ordered.getFirst();
    for (long id : ordered) {
      if (current != null && id > current) {
        next = id;
        break;
      }
    }
    reveal(next);
  }

  /** Collapses an expanded service with dependencies, or expands a collapsed one. */
  public void toggleCollapsed(long id) {
    if (!collapsed.remove(id)) {
      if (model.dependencies(id).isEmpty()) {
        return;
      }
      collapsed.add(id);
    }
    fanOutSeen.add(id);
    requestLayout();
  }

  /** Expands every collapsed service. */
  public void expandAll() {
    collapsed.clear();
    requestLayout();
  }

  /** Whether {@code id} is collapsed. */
  public boolean isCollapsed(long id) {
    return collapsed.contains(id);
  }

  /** The state of a service, or {@code null} if it is gone. */
  public State state(long id) {
    ServiceNode node = model.node(id);
    return node == null ? null : node.state();
  }

  /** The label of a service, or {@link Texts#unknownService} if it is gone. */
  public String label(long id) {
    ServiceNode node = model.node(id);
    return node == null ? Texts.unknownService(id) : node.label();
  }

  /**
   * The text of a service's box: its label, or for a supervisor its policy in words ({@code
   * "one-for-one supervisor · at most 1000 restarts in 1 min"}); {@link Texts#unknownService} if
   * it is gone.
   */
  public String boxText(long id) {
    ServiceNode node = model.node(id);
    return node == null ? Texts.unknownService(id) : node.boxText();
  }

  /** Whether a service is a supervisor (one the worker described as such). */
  public boolean isSupervisor(long id) {
    ServiceNode node = model.node(id);
    return node != null && node.supervisor() != null;
  }

  /** The restart count of a service (0 if it is gone). */
  public int restartCount(long id) {
    ServiceNode node = model.node(id);
    return node == null ? 0 : node.restartCount();
  }

  /**
   * The restart badge of a service: red with the restarts after its crashes ({@code "↻2"}, plus
   * {@code " +1 by you"} when this inspector restarted it too), grey when no crash of it caused
   * any ({@code "↻3 by you"} when every one was this inspector's, else {@code "↻3"}); {@code null}
   * when it never restarted (or is gone).
   *
   * @param text the badge's text
   * @param crash whether crashes caused some of the restarts (red), else grey
   */
  public record RestartBadge(String text, boolean crash) {}

  /** The restart badge of a service, or {@code null} (see {@link RestartBadge}). */
  public RestartBadge restartBadge(long id) {
    ServiceNode node = model.node(id);
    if (node == null || node.restartCount() <= 0) {
      return null;
    }
    int restarts = node.restartCount();
    int mine = node.operatorRestartsBy(model.client());
    int afterCrash = node.crashReason() == null && node.crashesSeen() == 0 ? 0
        : Math.max(0, restarts - node.calmRestartsSeen());
    if (afterCrash > 0) {
      return new RestartBadge("↻" + afterCrash + (mine > 0 ? " +" + mine + " by you" : ""), true);
    }
    return new RestartBadge("↻" + restarts + (mine == restarts ? " by you" : ""), false);
  }

  /** How the worker names this inspector's connection, for "by you" ({@code null} if unknown). */
  public String client() {
    return model.client();
  }

  /**
   * The worst trouble of a service at the moment on screen, or of one it hides while collapsed
   * (its {@link Trouble#serviceId()} then names that one); {@code null} when there is none.
   */
  public Trouble trouble(long id) {
    Instant now = clock.instant();
    Trouble worst = worst(id, now, null);
    for (long hidden : hiddenBelow.getOrDefault(id, Set.of())) {
      worst = worst(hidden, now, worst);
    }
    return worst;
  }

  private Trouble worst(long id, Instant now, Trouble sofar) {
    ServiceNode node = model.node(id);
    if (node == null) {
      return sofar;
    }
    for (Trouble t : Trouble.of(node, now)) {
      if (sofar == null || Trouble.WORST_FIRST.compare(t, sofar) < 0) {
        sofar = t;
      }
    }
    return sofar;
  }

  /** Reads trouble against {@code clock} (the moment on screen). */
  void useClock(InstantSource clock) {
    this.clock = clock;
  }

  /**
   * A second passed: markers that say "3 s ago" are drawn again, and the graph is laid out again
   * when services came into or out of trouble (a marker needs room on its box).
   */
  void tick() {
    repaint.set(repaint.get() + 1);
    if (!markerWidths().keySet().equals(troubledAtLayout)) {
      requestLayout();
    }
  }

  /** How wide each service in trouble must be for its marker (with room for the text to grow). */
  private Map<Long, Double> markerWidths() {
    Instant now = clock.instant();
    Map<Long, Double> widths = new HashMap<>();
    for (ServiceNode node : model.nodes()) {
      Trouble worst = worst(node.id(), now, null);
      if (worst != null) {
        widths.put(node.id(), markerWidth(worst.marker().length() + 4));
      }
    }
    return widths;
  }

  /** The width of a marker of {@code chars} characters (the painter draws it so). */
  public static double markerWidth(int chars) {
    return 20 + 6.6 * chars;
  }

  /** Whether the service is drawn only as context for a filter match. */
  public boolean isDimmed(long id) {
    return dimmed.contains(id);
  }

  /** How many services a collapsed service hides (0 when expanded). */
  public int hiddenBelow(long id) {
    Set<Long> hidden = hiddenBelow.get(id);
    return hidden == null ? 0 : hidden.size();
  }

  /** Whether the label matches the search text. */
  public boolean matchesSearch(long id) {
    return matches.contains(id);
  }

  /**
   * How strongly to highlight a recent state change, from 1 (just now) down to 0 (older than
   * {@link #FLASH_NANOS}).
   */
  public double flash(long id, long nowNanos) {
    Long at = changedAt.get(id);
    if (at == null) {
      return 0;
    }
    long age = nowNanos - at;
    return age >= FLASH_NANOS || age < 0 ? 0 : 1.0 - (double) age / FLASH_NANOS;
  }

  /** Whether any highlight is still fading (the view keeps animating while so). */
  public boolean isFlashing(long nowNanos) {
    changedAt.values().removeIf(at -> nowNanos - at >= FLASH_NANOS);
    return !changedAt.isEmpty();
  }

  /** The current layout of the visible services. */
  public ReadOnlyObjectProperty<Layout> layoutProperty() {
    return layout.getReadOnlyProperty();
  }

  /** The selected service id, or {@code null}. */
  public ReadOnlyObjectProperty<Long> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  /** Set to a service id when the view should scroll it into sight. */
  public ReadOnlyObjectProperty<Long> revealRequestProperty() {
    return revealRequest.getReadOnlyProperty();
  }

  /** Changes whenever something drawn changed without a new layout. */
  public ReadOnlyLongProperty repaintProperty() {
    return repaint.getReadOnlyProperty();
  }

  /** How many services match the search text. */
  public ReadOnlyIntegerProperty matchCountProperty() {
    return matchCount.getReadOnlyProperty();
  }

  /** What the filter hid when it left nothing to draw ("The filter “Only crashed” matches none of the 31 services"); else empty. */
  public ReadOnlyStringProperty emptyResultProperty() {
    return emptyResult.getReadOnlyProperty();
  }

  /** Whether the graph shows a past moment (disconnected, replay, recording): drawn desaturated. */
  public ReadOnlyBooleanProperty staleProperty() {
    return stale.getReadOnlyProperty();
  }

  void setStale(boolean now) {
    if (stale.get() != now) {
      stale.set(now);
      repaint.set(repaint.get() + 1);
    }
  }

  /** A message when the last layout failed, else {@code null}. */
  public ReadOnlyObjectProperty<String> problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** The search text (matched against labels, case-insensitive). */
  public StringProperty searchProperty() {
    return search;
  }

  /** The state filter. */
  public ObjectProperty<StateFilter> filterProperty() {
    return filter;
  }
}
