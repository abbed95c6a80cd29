package mode.inspector.viewmodel;

import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import mode.inspector.connection.WorkerCommands;

/**
 * "What is it doing now?": asks the worker, on demand, for the live stacks of the selected
 * service (the threads running its hooks, tasks and timers) and holds the last answer for the
 * stack viewer. The answer names the service it is about, so it stays readable when the
 * selection moves on; {@link #answersProperty()} counts answers, an event the view uses to bring
 * the viewer forward.
 *
 * <p>Threading: UI thread only; answers come back through the UI executor. An answer to an
 * earlier request that arrives after a later one was sent is dropped.
 */
public final class LiveStacksViewModel {
  /** The heading before anything was asked. */
  static final String NOTHING_YET = "Live stacks: select a service and ask what it is doing now";

  private final Executor ui;
  private final ReadOnlyObjectProperty<Long> selected;
  private final LongFunction<String> labels;
  private final Supplier<WorkerCommands> commands;
  private final ReadOnlyStringProperty whyNot;
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(NOTHING_YET);
  private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
  private final ReadOnlyLongWrapper answers = new ReadOnlyLongWrapper();
  private long requests;

  LiveStacksViewModel(Executor ui, ReadOnlyObjectProperty<Long> selected, LongFunction<String> labels,
      Supplier<WorkerCommands> commands, ReadOnlyStringProperty whyNot) {
    this.ui = ui;
    this.selected = selected;
    this.labels = labels;
    this.commands = commands;
    this.whyNot = whyNot;
  }

  /** Asks the worker what the selected service is doing now; says why not when it cannot. */
  public void fetch() {
    String reason = whyNot.get();
    if (!reason.isEmpty()) {
      title.set("What is it doing now? " + reason);
      return;
    }
    long id = selected.get();
    String label = labels.apply(id);
    long request = ++requests;
    title.set("Asking what " + label + " is doing now…");
    commands.get().stacks(id).whenComplete((answer, error) -> ui.execute(() -> {
      if (request != requests) {
        return;
      }
      if (error != null) {
        title.set("Live stacks of " + label + " failed: " + reason(error));
        text.set("");
      } else {
        title.set("Live stacks of " + label + " (id " + id + ")");
        text.set(answer);
      }
      answers.set(answers.get() + 1);
    }));
  }

  private static String reason(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** Why {@link #fetch()} cannot succeed now (empty when it can), for the button and its tooltip. */
  public ReadOnlyStringProperty whyNotProperty() {
    return whyNot;
  }

  /** What the viewer shows: whose stacks, or that they are being asked for, or why not. */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /** The last answer: the stacks as text (the worker's words when the service is idle). */
  public ReadOnlyStringProperty textProperty() {
    return text.getReadOnlyProperty();
  }

  /** How many answers (or failures) arrived; grows by one with each. */
  public ReadOnlyLongProperty answersProperty() {
    return answers.getReadOnlyProperty();
  }
}
