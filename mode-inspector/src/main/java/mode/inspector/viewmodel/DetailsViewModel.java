package mode.inspector.viewmodel;

import mode.inspector.model.Texts;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
 * timings, restart count, diagnostic flags, neighbours, timers, the last crash (reason and stack trace, for
 * copying) and blocking reports. All texts are ready to show.
 *
 * <p>Threading: UI thread only. {@link #refresh} is cheap and is called on selection, on changes
 * to the selected service, and once a second for the uptime.
 */
public final class DetailsViewModel {

  /** A neighbour in the graph, shown by label and selectable by id. */
  public record ServiceRef(long id, String label, State state) {
    @Override
    public String toString() {
      return label + "  (" + state + ")";
    }
  }

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

  /** Details read against {@code clock} (the wall clock live, the replayed moment in a replay). */
  public DetailsViewModel(InstantSource clock) {
    this.clock = clock;
  }

  /** Shows service {@code id} of {@code model}, or the empty panel for {@code null}. */
  void refresh(ServiceGraph model, Long id) {
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
    crash.set(node.crashReason() == null ? "" : node.crashReason()
        + (node.crashedAt() == null ? "" : "  (at " + Texts.time(node.crashedAt()) + ")"));
    crashStack.set(node.crashStack() == null ? "" : node.crashStack());
    supervision.set(supervision(model, node));
    setIfChanged(dependencies, refs(model, model.dependencies(id)));
    setIfChanged(dependents, refs(model, model.dependents(id)));
    setIfChanged(timers, node.timers());
    setIfChanged(blocking, node.blocking().stream().map(DetailsViewModel::describe).toList());
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
    for (ReadOnlyStringWrapper p : List.of(className, state, uptime, timings, restarts, flags, crash, crashStack, supervision)) {
      p.set("");
    }
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

  /** The last crash reason (and when), or empty. */
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

  /** The last crash's stack trace, or empty. */
  public ReadOnlyStringProperty crashStackProperty() {
    return crashStack.getReadOnlyProperty();
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
