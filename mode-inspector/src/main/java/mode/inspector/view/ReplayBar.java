package mode.inspector.view;

import java.time.Instant;
import mode.inspector.model.Texts;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import mode.inspector.model.Recording;
import mode.inspector.viewmodel.InspectorViewModel;

/**
 * The time slider: drag it to see the graph as it was at that moment of the session (or of an
 * opened recording); "Live" returns to the present.
 *
 * <p>UI thread only.
 */
final class ReplayBar extends HBox {

  ReplayBar(InspectorViewModel vm) {
    super(8);
    setAlignment(Pos.CENTER_LEFT);
    setPadding(new Insets(3, 8, 3, 8));
    Slider slider = new Slider(0, 1, 1);
    slider.setId("replay-slider");
    HBox.setHgrow(slider, Priority.ALWAYS);
    Label moment = new Label("Live");
    moment.setId("replay-moment");
    moment.setMinWidth(110);
    Button live = new Button("Live");
    live.setId("replay-live");
    live.disableProperty().bind(vm.replayingProperty().not());
    live.setOnAction(e -> {
      vm.goLive();
      slider.setValue(1);
    });
    slider.valueChangingProperty().addListener((obs, was, changing) -> {
      if (!changing) {
        replay(vm, slider.getValue());
      }
    });
    slider.setOnMouseReleased(e -> replay(vm, slider.getValue()));
    vm.replayMomentProperty().addListener((obs, old, now) -> moment.setText(now == null ? "Live" : Texts.time(now)));
    getChildren().addAll(new Label("Time"), slider, moment, live);
  }

  private static void replay(InspectorViewModel vm, double fraction) {
    Recording recording = vm.recording();
    if (recording.isEmpty()) {
      return;
    }
    Instant start = recording.start();
    long span = java.time.Duration.between(start, recording.end()).toMillis();
    vm.replayTo(start.plusMillis(Math.round(span * fraction)));
  }
}
