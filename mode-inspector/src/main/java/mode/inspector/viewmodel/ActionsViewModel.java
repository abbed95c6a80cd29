package mode.inspector.viewmodel;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.LongFunction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import mode.inspector.connection.WorkerCommands;
import mode.inspector.viewmodel.ActionRules.Action;
import mode.inspector.viewmodel.ActionRules.Situation;

/**
 * Start, stop and restart the selected service, and take a thread dump. Each command carries its
 * own enablement: {@link #whyNotProperty} says why it cannot succeed now ({@link ActionRules}), or
 * is empty when it can. Each command reports its outcome as a sentence naming the service (the
 * worker's answer or its whole error); a thread dump lands in {@link #threadDumpProperty()} for
 * the view to show in a window. Stop and restart are confirmed by the user until they say not
 * to ask again in this session ({@link #askFirstProperty()}).
 *
 * <p>Threading: UI thread only; results come back through the UI executor. Without a connection
 * (no commands set, e.g. in a replay) every command says so instead of failing.
 */
public final class ActionsViewModel {
  private final Executor ui;
  private final ReadOnlyObjectProperty<Long> selected;
  private final LongFunction<String> labels;
  private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper threadDump = new ReadOnlyStringWrapper();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper askFirst = new ReadOnlyBooleanWrapper(true);
  private final Map<Action, ReadOnlyStringWrapper> whyNot = new EnumMap<>(Action.class);
  private final Supplier<Situation> situation;
  private WorkerCommands commands;
  private final LiveStacksViewModel liveStacks;

  /**
   * Actions on the service {@code selected}, named by {@code labels}; {@code situation} tells what
   * the rules depend on, given whether commands are attached and busy.
   */
  ActionsViewModel(Executor ui, ReadOnlyObjectProperty<Long> selected, LongFunction<String> labels,
      BiFunction<Boolean, Boolean, Situation> situation) {
    this.ui = ui;
    this.selected = selected;
    this.labels = labels;
    this.situation = () -> situation.apply(commands != null, busy.get());
    for (Action action : Action.values()) {
      whyNot.put(action, new ReadOnlyStringWrapper(""));
    }
    selected.addListener((obs, old, now) -> refresh());
    busy.addListener((obs, old, now) -> refresh());
    refresh();
    liveStacks = new LiveStacksViewModel(ui, selected, labels, () -> commands, whyNotProperty(Action.LIVE_STACKS));
  }

  /** "What is it doing now?": the live stacks of the selected service, on demand. */
  public LiveStacksViewModel liveStacks() {
    return liveStacks;
  }

  /** Connects the commands to a worker, or disconnects them with {@code null}. */
  public void setCommands(WorkerCommands commands) {
    this.commands = commands;
    refresh();
  }

  /** Re-reads the situation (selection, its state, liveness) and updates each action's enablement. */
  void refresh() {
    Situation now = situation.get();
    for (Action action : Action.values()) {
      String reason = ActionRules.whyNot(action, now);
      whyNot.get(action).set(reason == null ? "" : reason);
    }
  }

  /**
   * Why {@code action} cannot succeed now, for the view to disable it and show as tooltip; empty
   * when it can.
   */
  public ReadOnlyStringProperty whyNotProperty(Action action) {
    return whyNot.get(action).getReadOnlyProperty();
  }

  /** Whether stop and restart should be confirmed first (until "don't ask again this session"). */
  public ReadOnlyBooleanProperty askFirstProperty() {
    return askFirst.getReadOnlyProperty();
  }

  /** Stop and restart run without asking for the rest of this session. */
  public void dontAskAgain() {
    askFirst.set(false);
  }

  /** Starts the selected service. */
  public void start() {
    onSelected(Action.START, "Start", "started", WorkerCommands::start);
  }

  /** Stops the selected service. */
  public void stop() {
    onSelected(Action.STOP, "Stop", "stopped", WorkerCommands::stop);
  }

  /** Restarts the selected service. */
  public void restart() {
    onSelected(Action.RESTART, "Restart", "restarted", WorkerCommands::restart);
  }

  /** Asks the worker for every thread's stack. */
  public void threadDump() {
    String reason = whyNot.get(Action.THREAD_DUMP).get();
    if (!reason.isEmpty()) {
      result.set("Thread dump: " + reason);
      return;
    }
    busy.set(true);
    result.set("Thread dump requested…");
    commands.threadDump().whenComplete((text, error) -> ui.execute(() -> {
      busy.set(false);
      if (error != null) {
        result.set("Thread dump failed: " + reason(error));
      } else {
        result.set("Thread dump received (" + text.lines().count() + " lines)");
        threadDump.set(text);
      }
    }));
  }

  private interface Command {
    CompletableFuture<String> run(WorkerCommands commands, long id);
  }

  private void onSelected(Action action, String verb, String done, Command command) {
    String reason = whyNot.get(action).get();
    if (!reason.isEmpty()) {
      result.set(verb + ": " + reason);
      return;
    }
    long id = selected.get();
    String label = labels.apply(id);
    busy.set(true);
    result.set(verb + " " + label + "…");
    command.run(commands, id).whenComplete((answer, error) -> ui.execute(() -> {
      busy.set(false);
      result.set(error == null
          ? (answer == null || answer.isBlank() ? label + " " + done : verb + " " + label + ": " + answer)
          : verb + " " + label + " failed: " + reason(error));
    }));
  }

  private static String reason(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    Function<Throwable, String> text = t -> t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return text.apply(cause);
  }

  /** Shows the outcome of a command run elsewhere (an export, a save) in the same place. */
  public void report(String outcome) {
    result.set(outcome);
  }

  /** The outcome of the last command. */
  public ReadOnlyStringProperty resultProperty() {
    return result.getReadOnlyProperty();
  }

  /** The last thread dump received, or {@code null}. */
  public ReadOnlyStringProperty threadDumpProperty() {
    return threadDump.getReadOnlyProperty();
  }
}
