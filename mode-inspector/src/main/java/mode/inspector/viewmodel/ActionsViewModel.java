package mode.inspector.viewmodel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongFunction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import mode.inspector.connection.WorkerCommands;

/**
 * Start, stop and restart the selected service, and take a thread dump. Each command reports its
 * outcome as a sentence naming the service (the worker's answer or its error); a thread dump
 * lands in {@link #threadDumpProperty()} for the view to show in a window.
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
  private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper();
  private WorkerCommands commands;

  ActionsViewModel(Executor ui, ReadOnlyObjectProperty<Long> selected, LongFunction<String> labels) {
    this.ui = ui;
    this.selected = selected;
    this.labels = labels;
  }

  /** Connects the commands to a worker, or disconnects them with {@code null}. */
  public void setCommands(WorkerCommands commands) {
    this.commands = commands;
    available.set(commands != null);
  }

  /** Starts the selected service. */
  public void start() {
    onSelected("Start", "started", WorkerCommands::start);
  }

  /** Stops the selected service. */
  public void stop() {
    onSelected("Stop", "stopped", WorkerCommands::stop);
  }

  /** Restarts the selected service. */
  public void restart() {
    onSelected("Restart", "restarted", WorkerCommands::restart);
  }

  /** Asks the worker for every thread's stack. */
  public void threadDump() {
    if (commands == null) {
      result.set("Thread dump: not attached to a worker");
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

  private void onSelected(String verb, String done, Command command) {
    Long id = selected.get();
    if (id == null) {
      result.set(verb + ": select a service first");
      return;
    }
    String label = labels.apply(id);
    if (commands == null) {
      result.set(verb + " " + label + ": not attached to a worker");
      return;
    }
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

  /** Whether a command is under way. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Whether commands can reach a worker. */
  public ReadOnlyBooleanProperty availableProperty() {
    return available.getReadOnlyProperty();
  }
}
