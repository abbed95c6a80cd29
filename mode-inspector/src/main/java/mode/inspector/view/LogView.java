package mode.inspector.view;

import java.util.function.Function;
import mode.inspector.model.Texts;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import mode.events.ServiceEvent;
import mode.inspector.viewmodel.InspectorViewModel;

/**
 * The worker's warnings and errors: time, level, service, logger, message. Clicking a row with a
 * service selects it in the graph.
 *
 * <p>UI thread only.
 */
public final class LogView extends TableView<ServiceEvent.Log> {

  /** A log table bound to {@code vm}. */
  public LogView(InspectorViewModel vm) {
    super(vm.logs());
    setId("log");
    setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    getColumns().add(text("Time", 110, l -> Texts.time(l.at())));
    getColumns().add(text("Level", 60, ServiceEvent.Log::level));
    getColumns().add(text("Service", 160, l -> vm.label(l.serviceId())));
    getColumns().add(text("Logger", 200, ServiceEvent.Log::logger));
    // One line per entry; a stack trace in a message stays in the details of the blocking report.
    getColumns().add(text("Message", 500, l -> firstLine(l.message())));
    setPlaceholder(new Label("No warnings or errors"));
    setRowFactory(t -> {
      TableRow<ServiceEvent.Log> row = new TableRow<>();
      row.setOnMouseClicked(e -> {
        if (!row.isEmpty() && row.getItem().serviceId() != null) {
          vm.graph().reveal(row.getItem().serviceId());
        }
      });
      return row;
    });
  }

  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end) + " …";
  }

  private static TableColumn<ServiceEvent.Log, String> text(
      String title, double width, Function<ServiceEvent.Log, String> value) {
    TableColumn<ServiceEvent.Log, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return c;
  }
}
