package mode.inspector.viewmodel;

import mode.inspector.model.Texts;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo.TimerInfo;
import mode.inspector.model.ServiceGraph;
import mode.inspector.model.ServiceNode;
import mode.inspector.model.Supervision;
import mode.inspector.model.TransitionRecord;

/**
 * The details panel of the selected service: identity, state and how long it has been so,
 * timings, restart count, diagnostic flags, neighbours, timers (with their last and next runs,
 * relative to the clock on screen), a crash (reason and stack trace, for copying) and blocking
 * reports. All texts are ready to show.
 *
 * <p>The crash shown is the last one, unless an older crash of the service was chosen ({@link
 * #showCrash}, a click on its timeline row): then that crash's reason and, while the inspector
 * keeps it, its own stack, until {@link #showLatestCrash} or another service is selected.
 *
 * <p>Threading: UI thread only. {@link #refresh} is cheap and is called on selection, on changes
 * to the selected service, and once a second for the uptime; every time it shows is read from
 * the clock given (frozen while the view is not live).
 */
public final class DetailsViewModel {

  /** A neighbour in the graph, shown by label and selectable by id. */
  public record ServiceRef(long id, String label, State state) {
    @Override
    public String toString() {
      return label + "  (" + state + ")";
    }
  }

  /**
   * One row of the timers table, ready to show.
   *
   * @param name the method name
   * @param kind {@code task}, {@code timer}, {@code crontab} or {@code future}
   * @param schedule a timer's interval with its unit ({@code every 0.5 s}), a crontab's expression
   *     as it is, else empty
   * @param runs finished runs, failed ones included
   * @param failures runs that threw
   * @param overruns runs longer than the interval
   * @param lastRun when the last run ended, relative to the clock on screen ({@code 3 s ago}), or
   *     {@code –} if it never ran
   * @param nextRun when the next run is due ({@code in 2 s}, {@code now}, {@code overdue 5 s}), or
   *     {@code –} when none is scheduled (the service is not running)
   */
  public record TimerRow(
      String name, String kind, String schedule, long runs, long failures, long overruns,
      String lastRun, String nextRun) {}

  /** Shown instead of a stack the inspector does not have for an older crash. */
  static final String LATEST_STACK_ONLY = "Stack of the latest crash only";

  private final InstantSource clock;
  private final ReadOnlyBooleanWrapper present = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No service selected");
  private final ReadOnlyStringWrapper className = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper uptime = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper timings = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper restarts = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper flags = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper crash = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper crashStack = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper crashTitle = new ReadOnlyStringWrapper("Last crash");
  private final ReadOnlyStringWrapper crashNote = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper olderCrash = new ReadOnlyBooleanWrapper();
  private final ReadOnlyObjectWrapper<Long> serviceId = new ReadOnlyObjectWrapper<>();
  private final ObservableList<TimerRow> timerRows = FXCollections.observableArrayList();
  private final ObservableList<TimerRow> timerRowsView = FXCollections.unmodifiableObservableList(timerRows);
  private final ReadOnlyStringWrapper supervision = new ReadOnlyStringWrapper("");
  private final ObservableList<ServiceRef> dependencies = FXCollections.observableArrayList();
  private final ObservableList<ServiceRef> dependenciesView = FXCollections.unmodifiableObservableList(dependencies);
  private final ObservableList<ServiceRef> dependents = FXCollections.observableArrayList();
  private final ObservableList<ServiceRef> dependentsView = FXCollections.unmodifiableObservableList(dependents);
  private final ObservableList<TimerInfo> timers = FXCollections.observableArrayList();
  private final ObservableList<TimerInfo> timersView = FXCollections.unmodifiableObservableList(timers);
  private final ObservableList<String> blocking = FXCollections.observableArrayList();
  // One read-only view per list, kept: JavaFX wrappers listen weakly, so a fresh wrapper per
  // call could be collected together with the listeners added to it.
  private final ObservableList<String> blockingView = FXCollections.unmodifiableObservableList(blocking);

  private ServiceGraph shownModel;
  /** The older crash chosen (a CRASHED record of the service shown), or null: the last crash. */
  private TransitionRecord chosenCrash;

  /** Details read against {@code clock} (the wall clock live, the replayed moment in a replay). */
  public DetailsViewModel(InstantSource clock) {
    this.clock = clock;
  }

  /** Shows service {@code id} of {@code model}, or the empty panel for {@code null}. */
  void refresh(ServiceGraph model, Long id) {
    shownModel = model;
    if (chosenCrash != null && (id == null || chosenCrash.serviceId() != id)) {
      chosenCrash = null;
    }
    serviceId.set(id);
    ServiceNode node = id == null ? null : model.node(id);
    present.set(node != null);
    if (node == null) {
      clear(id == null ? "No service selected" : Texts.unknownService(id) + " is no longer in the graph");
      return;
    }
    title.set(node.label());
    className.set(node.className());
    Instant now = clock.instant();
    state.set(node.state() + " for " + Texts.human(Duration.between(node.stateSince(), now)));
    uptime.set(node.state() == State.RUNNING && node.startedAt() != null
        ? "up " + Texts.human(Duration.between(node.startedAt(), now)) : "not running");
    timings.set("start " + Texts.human(node.startDuration()) + " · stop " + Texts.human(node.stopDuration()));
    restarts.set(restarts(node, model.client()));
    flags.set(describe(node.flags()));
    showCrash(model, node);
    supervision.set(supervision(model, node));
    setIfChanged(dependencies, refs(model, model.dependencies(id)));
    setIfChanged(dependents, refs(model, model.dependents(id)));
    setIfChanged(timers, node.timers());
    setIfChanged(timerRows, node.timers().stream().map(t -> row(t, node.state() == State.RUNNING, now)).toList());
    setIfChanged(blocking, node.blocking().stream().map(DetailsViewModel::describe).toList());
  }

  /**
   * Shows the crash of {@code record} (a transition to CRASHED of the service shown, e.g. a
   * timeline row) instead of the last one; the last crash itself, or any other transition, shows
   * the last crash again. Ignored for a record of another service than the one shown.
   */
  public void showCrash(TransitionRecord record) {
    Long shown = serviceId.get();
    if (record == null || record.to() != State.CRASHED || shown == null || record.serviceId() != shown) {
      showLatestCrash();
      return;
    }
    chosenCrash = record;
    refresh(shownModel, shown);
  }

  /** Shows the service's last crash again (after {@link #showCrash}). */
  public void showLatestCrash() {
    if (chosenCrash != null) {
      chosenCrash = null;
      refresh(shownModel, serviceId.get());
    }
  }

  private void showCrash(ServiceGraph model, ServiceNode node) {
    List<TransitionRecord> crashes = chosenCrash == null ? List.of() : crashesOf(model, node.id());
    int index = chosenCrash == null ? -1 : crashes.indexOf(chosenCrash);
    if (index < 0 || index == crashes.size() - 1) {
      // Not in the history (any more), or the last crash itself: the last crash.
      chosenCrash = null;
      crashTitle.set("Last crash");
      crash.set(node.crashReason() == null ? "" : node.crashReason()
          + (node.crashedAt() == null ? "" : "  (at " + Texts.time(node.crashedAt()) + ")"));
      crashStack.set(node.crashStack() == null ? "" : node.crashStack());
      crashNote.set("");
      olderCrash.set(false);
      return;
    }
    TransitionRecord chosen = chosenCrash;
    crashTitle.set("Crash at " + Texts.time(chosen.at()) + " (" + (index + 1) + " of " + crashes.size() + ")");
    crash.set((chosen.crashReason() == null ? "(no reason given)" : chosen.crashReason())
        + "  (at " + Texts.time(chosen.at()) + ")");
    String own = chosen.inferred() ? null : node.crashStackAt(chosen.at());
    if (own != null) {
      crashStack.set(own);
      crashNote.set("");
    } else {
      crashStack.set(node.crashStack() == null ? "" : node.crashStack());
      crashNote.set(node.crashStack() == null ? "" : LATEST_STACK_ONLY + (chosen.inferred()
          ? ": this crash was inferred from a snapshot, which carries the latest stack alone"
          : ": the inspector keeps the stacks of each service's newest " + ServiceNode.CRASH_STACK_CAPACITY + " crashes"));
    }
    olderCrash.set(true);
  }

  /** The transitions of {@code id} to CRASHED in the model's history, oldest first. */
  private static List<TransitionRecord> crashesOf(ServiceGraph model, long id) {
    List<TransitionRecord> crashes = new ArrayList<>();
    for (TransitionRecord t : model.history()) {
      if (t.serviceId() == id && t.to() == State.CRASHED) {
        crashes.add(t);
      }
    }
    return crashes;
  }

  /** A timer's row; its next run only while the service runs (a stopped timer waits for nothing). */
  static TimerRow row(TimerInfo t, boolean running, Instant now) {
    String schedule = "timer".equals(t.kind()) && !t.schedule().isEmpty() ? "every " + t.schedule() + " s" : t.schedule();
    return new TimerRow(t.name(), t.kind(), schedule, t.runs(), t.failures(), t.overruns(),
        t.lastRun() == null ? "–" : brief(Duration.between(t.lastRun(), now)) + " ago",
        running ? due(t.nextRun(), now) : "–");
  }

  /**
   * When a run is due: {@code in 2 s}; {@code now} up to a second late (the worker tells a fast
   * timer's counters once a second, so its next run on screen may be that old); else {@code
   * overdue 5 s}.
   */
  static String due(Instant next, Instant now) {
    if (next == null) {
      return "–";
    }
    Duration left = Duration.between(now, next);
    if (!left.isNegative()) {
      return "in " + brief(left);
    }
    return left.negated().compareTo(Duration.ofSeconds(1)) < 0 ? "now" : "overdue " + brief(left.negated());
  }

  /** A short duration: {@code 0.4 s} under a second, else {@code 3 s}, {@code 4 min}, {@code 2 h}. */
  static String brief(Duration d) {
    long ms = Math.max(0, d.toMillis());
    return ms < 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : Texts.age(d);
  }

  /**
   * The restart count, how many of them were this inspector's, and the last move whose cause the
   * worker told: {@code "3 (2 by you) · last: restarted by you at 13:45:02"}.
   */
  static String restarts(ServiceNode node, String client) {
    int mine = node.operatorRestartsBy(client);
    String text = node.restartCount() + (mine > 0 ? " (" + mine + " by you)" : "");
    TransitionRecord last = node.lastCaused();
    return last == null ? text : text + " · last: " + last.why(client) + " at " + Texts.time(last.at());
  }

  private void clear(String message) {
    title.set(message);
    for (ReadOnlyStringWrapper p : List.of(className, state, uptime, timings, restarts, flags, crash, crashStack, crashNote, supervision)) {
      p.set("");
    }
    crashTitle.set("Last crash");
    olderCrash.set(false);
    timerRows.clear();
    dependencies.clear();
    dependents.clear();
    timers.clear();
    blocking.clear();
  }

  private static <T> void setIfChanged(ObservableList<T> list, List<T> now) {
    if (!list.equals(now)) {
      list.setAll(now);
    }
  }

  private static List<ServiceRef> refs(ServiceGraph model, List<Long> ids) {
    return ids.stream()
        .map(model::node)
        .filter(n -> n != null)
        .map(n -> new ServiceRef(n.id(), n.label(), n.state()))
        .toList();
  }

  /** {@code FLUSHING since 05:12:03.120, PAUSED since ...}, by name; {@code none} when empty. */
  private static String describe(Map<String, Instant> set) {
    if (set.isEmpty()) {
      return "none";
    }
    return new TreeMap<>(set).entrySet().stream()
        .map(e -> e.getKey() + " since " + Texts.time(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String describe(ServiceEvent.Blocking b) {
    return Texts.time(b.at()) + "  " + b.what() + " blocked for " + Texts.human(b.elapsed())
        + System.lineSeparator() + b.stack();
  }

  /** Whether a selected service is shown. */
  public ReadOnlyBooleanProperty presentProperty() {
    return present.getReadOnlyProperty();
  }

  /** The label, or a message when nothing is selected. */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /** The class name. */
  public ReadOnlyStringProperty classNameProperty() {
    return className.getReadOnlyProperty();
  }

  /** The state and for how long. */
  public ReadOnlyStringProperty stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** Uptime since the last start, or "not running". */
  public ReadOnlyStringProperty uptimeProperty() {
    return uptime.getReadOnlyProperty();
  }

  /** Last start and stop durations. */
  public ReadOnlyStringProperty timingsProperty() {
    return timings.getReadOnlyProperty();
  }

  /** The restart count. */
  public ReadOnlyStringProperty restartsProperty() {
    return restarts.getReadOnlyProperty();
  }

  /** The diagnostic flags that are set, each with the time it was set, or {@code none}. */
  public ReadOnlyStringProperty flagsProperty() {
    return flags.getReadOnlyProperty();
  }

  /** The reason of the crash shown (the last one, or the one chosen) and when, or empty. */
  public ReadOnlyStringProperty crashProperty() {
    return crash.getReadOnlyProperty();
  }

  /**
   * A supervisor's policy in words and the services it supervises; for a supervised service, its
   * supervisor; empty for any other service.
   */
  public ReadOnlyStringProperty supervisionProperty() {
    return supervision.getReadOnlyProperty();
  }

  /** See {@link #supervisionProperty()}. */
  static String supervision(ServiceGraph model, ServiceNode node) {
    StringBuilder text = new StringBuilder();
    if (node.supervisor() != null) {
      text.append(Supervision.policy(node.supervisor()));
      List<String> supervised = node.supervisor().supervisedIds().stream()
          .map(model::node).filter(n -> n != null).map(n -> n.label() + " (" + n.state() + ")").toList();
      text.append(System.lineSeparator()).append("Supervises ")
          .append(supervised.isEmpty() ? "no service" : String.join(", ", supervised)).append('.');
    }
    ServiceNode by = model.supervisorOf(node.id());
    if (by != null) {
      if (!text.isEmpty()) {
        text.append(System.lineSeparator());
      }
      text.append("Supervised by ").append(by.label()).append(": ").append(Supervision.boxText(by.supervisor())).append('.');
    }
    return text.toString();
  }

  /** The stack trace of the crash shown (the last one, or the one chosen), or empty. */
  public ReadOnlyStringProperty crashStackProperty() {
    return crashStack.getReadOnlyProperty();
  }

  /** The crash section's heading: {@code Last crash}, or {@code Crash at 13:45:02.120 (2 of 5)}. */
  public ReadOnlyStringProperty crashTitleProperty() {
    return crashTitle.getReadOnlyProperty();
  }

  /**
   * Empty when the stack shown is the crash's own; else why it is another's ({@code Stack of the
   * latest crash only: …}).
   */
  public ReadOnlyStringProperty crashNoteProperty() {
    return crashNote.getReadOnlyProperty();
  }

  /** Whether an older crash than the last is shown (then {@link #showLatestCrash} goes back). */
  public ReadOnlyBooleanProperty olderCrashProperty() {
    return olderCrash.getReadOnlyProperty();
  }

  /** The id of the service shown, or {@code null}; changes only when another service is shown. */
  public ReadOnlyObjectProperty<Long> serviceIdProperty() {
    return serviceId.getReadOnlyProperty();
  }

  /** Its tasks, timers and crontabs as rows ready to show, their run times relative to the clock. */
  public ObservableList<TimerRow> timerRows() {
    return timerRowsView;
  }

  /** The services the selected one depends on. */
  public ObservableList<ServiceRef> dependencies() {
    return dependenciesView;
  }

  /** The services that depend on the selected one. */
  public ObservableList<ServiceRef> dependents() {
    return dependentsView;
  }

  /** Its tasks, timers and crontabs. */
  public ObservableList<TimerInfo> timers() {
    return timersView;
  }

  /** Its blocking reports, oldest first, each with the stack. */
  public ObservableList<String> blocking() {
    return blockingView;
  }
}
