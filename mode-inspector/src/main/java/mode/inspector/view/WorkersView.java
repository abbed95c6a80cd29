package mode.inspector.view;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import mode.inspector.viewmodel.WorkersViewModel;
import mode.inspector.viewmodel.WorkersViewModel.WorkerEntry;

/**
 * The left panel: workers on this machine (double-click or "Attach"), an address with a token,
 * and "Open recording".
 *
 * <p>UI thread only.
 */
public final class WorkersView extends VBox {
  /** A panel bound to {@code vm}. */
  public WorkersView(WorkersViewModel vm) {
    super(6);
    setId("workers");
    setPadding(new Insets(8));
    setPrefWidth(220);
    setMinWidth(160);
    Label title = new Label("Workers on this machine");
    title.setFont(Font.font("System", FontWeight.BOLD, 12));
    ListView<WorkerEntry> list = new ListView<>(vm.workers());
    list.setId("worker-list");
    list.setPlaceholder(new Label("None running"));
    vm.attachedProperty().addListener((o, was, now) -> showAttached(list, now));
    showAttached(list, vm.attachedProperty().get());
    vm.workers().addListener((ListChangeListener<WorkerEntry>) change -> {
      if (list.getSelectionModel().isEmpty()) { // a refresh cleared it; a row the user chose stays
        showAttached(list, vm.attachedProperty().get());
      }
    });
    list.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2) {
        vm.attach(list.getSelectionModel().getSelectedItem());
      }
    });
    VBox.setVgrow(list, Priority.ALWAYS);
    Button attach = new Button("Attach");
    attach.setId("attach-selected");
    attach.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
    attach.setOnAction(e -> vm.attach(list.getSelectionModel().getSelectedItem()));
    Label problem = new Label();
    problem.setWrapText(true);
    problem.setStyle("-fx-text-fill: #8d6e63;");
    problem.textProperty().bind(vm.problemProperty());

    Label byAddress = new Label("By address");
    byAddress.setFont(Font.font("System", FontWeight.BOLD, 12));
    TextField address = new TextField();
    address.setId("attach-address");
    address.setPromptText("pid or host:port");
    address.textProperty().bindBidirectional(vm.addressProperty());
    PasswordField token = new PasswordField();
    token.setId("attach-token");
    token.setPromptText("token (TCP only)");
    token.textProperty().bindBidirectional(vm.tokenProperty());
    Button attachAddress = new Button("Attach to address");
    attachAddress.setId("attach-address-button");
    attachAddress.setOnAction(e -> vm.attachAddress());
    address.setOnAction(e -> vm.attachAddress());
    Button open = new Button("Open recording…");
    open.setId("open-recording");
    open.setOnAction(e -> vm.openRecording());
    getChildren().addAll(title, list, attach, problem, byAddress, address, token, attachAddress, open);
  }

  /** Selects and focuses the attached worker's row (the focus too: it is what the list highlights). */
  private static void showAttached(ListView<WorkerEntry> list, WorkerEntry attached) {
    if (attached == null) {
      return;
    }
    list.getSelectionModel().select(attached);
    int row = list.getSelectionModel().getSelectedIndex();
    list.getFocusModel().focus(row);
    list.scrollTo(row);
  }
}
