package mode.inspector.view;

import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import mode.inspector.viewmodel.ActionRules.Action;
import mode.inspector.viewmodel.ActionsViewModel;
import mode.inspector.viewmodel.InspectorViewModel;

/**
 * The toolbar's actions: Start, Stop, Restart and Thread dump, each disabled while it cannot
 * succeed with the reason as its tooltip (on a wrapper, since a disabled button shows none), Stop
 * and Restart confirmed first, and a received thread dump shown in a window.
 *
 * <p>UI thread only.
 */
final class ActionButtons {
  private ActionButtons() {}

  /** The four buttons, each in its tooltip wrapper, bound to {@code vm}'s actions. */
  static List<Node> of(InspectorViewModel vm, Node owner) {
    ActionsViewModel actions = vm.actions();
    Node start = wrap(actions, Action.START, "Start", "Start the selected service (only a service never started)",
        actions::start);
    Node stop = wrap(actions, Action.STOP, "Stop", "Stop the selected service",
        () -> confirmed(actions, owner, "Stop", vm.label(vm.graph().selectedProperty().get()), actions::stop));
    Node restart = wrap(actions, Action.RESTART, "Restart", "Stop the selected service and start it again",
        () -> confirmed(actions, owner, "Restart", vm.label(vm.graph().selectedProperty().get()), actions::restart));
    Node dump = wrap(actions, Action.THREAD_DUMP, "Thread dump", "Every thread's stack, in a window",
        actions::threadDump);
    actions.threadDumpProperty().addListener((obs, old, text) -> {
      if (text != null) {
        ThreadDumpWindow.show(window(owner), vm.workerNameProperty().get(), text,
            vm.shownModel().nodes().stream().map(n -> n.label()).toList());
      }
    });
    return List.of(start, stop, restart, dump);
  }

  private static Node wrap(ActionsViewModel actions, Action action, String text, String tip, Runnable run) {
    Button button = new Button(text);
    button.setId("action-" + (action == Action.THREAD_DUMP ? "dump" : action.name().toLowerCase()));
    button.setOnAction(e -> run.run());
    var whyNot = actions.whyNotProperty(action);
    button.disableProperty().bind(whyNot.isNotEmpty());
    Label wrapper = new Label(null, button);
    wrapper.setId(button.getId() + "-wrapper");
    Tooltip tooltip = new Tooltip();
    tooltip.textProperty().bind(Bindings.createStringBinding(
        () -> whyNot.get().isEmpty() ? tip : text + " is not possible: " + whyNot.get(), whyNot));
    tooltip.setWrapText(true);
    tooltip.setMaxWidth(420);
    wrapper.setTooltip(tooltip);
    return wrapper;
  }

  /** Runs {@code action} once the user confirms (unless they said not to ask again). */
  static void confirmed(ActionsViewModel actions, Node owner, String verb, String label, Runnable action) {
    if (!actions.askFirstProperty().get()) {
      action.run();
      return;
    }
    ButtonType go = new ButtonType(verb + " " + label, ButtonBar.ButtonData.OK_DONE);
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, null, go, ButtonType.CANCEL);
    alert.initOwner(window(owner));
    alert.setTitle(verb + " " + label);
    alert.setHeaderText(verb + " " + label + " in the worker?");
    CheckBox dontAsk = new CheckBox("Don't ask again in this session");
    dontAsk.setId("dont-ask-again");
    alert.getDialogPane().setContent(new VBox(8,
        new Label(verb.equals("Stop") ? "A stopped service starts again only with Restart." : "It stops, then starts again."),
        dontAsk));
    alert.getDialogPane().lookupButton(go).setId("confirm-action");
    Optional<ButtonType> answer = alert.showAndWait();
    if (answer.isPresent() && answer.get() == go) {
      if (dontAsk.isSelected()) {
        actions.dontAskAgain();
      }
      action.run();
    }
  }

  private static Window window(Node owner) {
    return owner.getScene() == null ? null : owner.getScene().getWindow();
  }
}
