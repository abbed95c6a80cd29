package mode.inspector.view;

import java.time.Instant;
import mode.inspector.model.Texts;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import mode.inspector.viewmodel.Swimlanes;
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
 * opened recording); red ticks under it mark the crashes, each where the thumb stands when that
 * crash is replayed; step buttons go to the previous or next transition, play advances through
 * the transitions at the chosen speed (on the animation clock); "Live" returns to the present.
 * The thumb and the time beside it follow the moment on screen, however it was chosen (a step,
 * play, a click in the swimlanes).
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
    // The thumb follows the moment on screen (a step, play, a click in the swimlanes), unless
    // the user is dragging it.
    vm.replayMomentProperty().subscribe(now -> {
      moment.setText(now == null ? "Live" : Texts.time(now));
      if (!slider.isValueChanging()) {
        slider.setValue(Math.clamp(fraction(vm, now), 0, 1));
      }
    });
    Pane markers = new Pane();
    markers.setId("replay-markers");
    markers.setMouseTransparent(true);
    markers.setMaxHeight(6);
    StackPane track = new StackPane(slider, markers);
    StackPane.setAlignment(markers, Pos.BOTTOM_CENTER);
    HBox.setHgrow(track, Priority.ALWAYS);
    // Placed after the layout pass, once the slider's thumb has its size.
    boolean[] dirty = {true};
    Runnable mark = () -> dirty[0] = true;
    vm.timeline().totalProperty().subscribe(n -> mark.run());
    markers.widthProperty().subscribe(w -> mark.run());
    slider.widthProperty().subscribe(w -> mark.run());
    Runnable pulse = () -> {
      if (dirty[0]) {
        dirty[0] = false;
        placeMarkers(vm, slider, markers);
      }
    };
    sceneProperty().addListener((obs, old, now) -> {
      if (old != null) {
        old.removePostLayoutPulseListener(pulse);
      }
      if (now != null) {
        now.addPostLayoutPulseListener(pulse);
      }
    });
    Button back = button("◀|", "replay-back", "Step back to the previous transition", () -> step(vm, false));
    Button forward = button("|▶", "replay-forward", "Step to the next transition", () -> step(vm, true));
    ComboBox<Integer> speed = new ComboBox<>();
    speed.getItems().setAll(1, 10, 100);
    speed.setValue(10);
    speed.setTooltip(new Tooltip("Playback speed (times real time)"));
    Button play = new Button("▶");
    play.setId("replay-play");
    play.setTooltip(new Tooltip("Play the recorded transitions"));
    // The animation clock advances the moment; the graph is rebuilt only when it passes a transition.
    Timeline player = new Timeline();
    player.setCycleCount(Animation.INDEFINITE);
    player.getKeyFrames().add(new KeyFrame(javafx.util.Duration.millis(100), e -> {
      Instant at = vm.replayMomentProperty().get();
      var next = at == null ? null : Swimlanes.next(vm.liveHistory(), at);
      if (next == null) {
        player.stop();
        return;
      }
      Instant then = at.plusMillis(100L * speed.getValue());
      if (!next.at().isAfter(then)) {
        vm.replayTo(next.at());
      } else {
        vm.replayTo(then);
      }
    }));
    play.setOnAction(e -> {
      if (player.getStatus() == Animation.Status.RUNNING) {
        player.stop();
        return;
      }
      if (vm.replayMomentProperty().get() == null && !vm.liveHistory().isEmpty()) {
        vm.replayTo(vm.liveHistory().getFirst().at());
      }
      player.play();
    });
    player.statusProperty().subscribe(st -> play.setText(st == Animation.Status.RUNNING ? "❚❚" : "▶"));
    play.setMinWidth(Region.USE_PREF_SIZE);
    getChildren().addAll(new Label("Time"), back, play, forward, speed, track, moment, live);
  }

  private static Button button(String text, String id, String tip, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    // Never squeezed to "…" by the slider, which takes the room left.
    b.setMinWidth(Region.USE_PREF_SIZE);
    b.setTooltip(new Tooltip(tip));
    b.setOnAction(e -> action.run());
    return b;
  }

  private static void step(InspectorViewModel vm, boolean forward) {
    var history = vm.liveHistory();
    if (history.isEmpty()) {
      return;
    }
    Instant at = vm.replayMomentProperty().get();
    if (at == null) {
      at = forward ? history.getFirst().at().minusMillis(1) : vm.liveEnd();
    }
    var to = forward ? Swimlanes.next(history, at) : Swimlanes.previous(history, at);
    if (to != null) {
      vm.replayTo(to.at());
    }
  }

  /**
   * A red tick under the slider at each crash of the session (at most one per pixel), centred
   * where the thumb's centre stands when that crash is replayed.
   */
  private static void placeMarkers(InspectorViewModel vm, Slider slider, Pane markers) {
    Recording recording = vm.recording();
    markers.getChildren().clear();
    if (recording.isEmpty() || markers.getWidth() <= 0 || slider.getWidth() <= 0) {
      return;
    }
    // As the slider's skin places its thumb: the track runs from half a thumb inside the slider's
    // insets to half a thumb before their end.
    Region thumb = (Region) slider.lookup(".thumb");
    double thumbWidth = thumb == null ? 0 : thumb.getWidth();
    Insets insets = slider.getInsets();
    double trackStart = insets.getLeft() + thumbWidth / 2;
    double trackLength = Math.max(0, slider.getWidth() - insets.getLeft() - insets.getRight() - thumbWidth);
    double offset = markers.sceneToLocal(slider.localToScene(0, 0)).getX();
    double lastX = Double.NEGATIVE_INFINITY;
    for (var crash : Swimlanes.crashes(vm.liveHistory())) {
      double fraction = fraction(vm, crash.at());
      if (fraction < 0) {
        continue;
      }
      double x = offset + trackStart + trackLength * fraction;
      if (x - lastX < 2) {
        continue;
      }
      lastX = x;
      Rectangle r = new Rectangle(x - 1.5, 0, 3, 6);
      r.setFill(Palette.stroke(mode.State.CRASHED));
      r.getStyleClass().add("replay-crash-marker");
      markers.getChildren().add(r);
    }
  }

  /**
   * Where {@code moment} is on the slider, from 0 (the recording's start) to 1 (its end, and the
   * present: {@code null}); negative for a moment before the recording's start (a folded crash).
   */
  private static double fraction(InspectorViewModel vm, Instant moment) {
    Recording recording = vm.recording();
    if (moment == null || recording.isEmpty()) {
      return 1;
    }
    Instant start = recording.start();
    long span = java.time.Duration.between(start, recording.end()).toMillis();
    if (span <= 0) {
      return 1;
    }
    return Math.min(1, (double) java.time.Duration.between(start, moment).toMillis() / span);
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
