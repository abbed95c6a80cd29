package mode.inspector.view;

import javafx.animation.AnimationTimer;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import mode.inspector.layout.Layout;
import mode.inspector.viewmodel.ActionRules.Action;
import mode.inspector.viewmodel.ActionsViewModel;
import mode.inspector.viewmodel.GraphViewModel;

/**
 * The graph on a canvas: wheel to zoom around the pointer, drag to pan, click to select,
 * double-click to collapse or expand a service's dependencies, right-click for its actions.
 * Redraws only when something changed (a new layout, a repaint from the view-model, a move, a
 * resize) or while a change highlight fades.
 *
 * <p>UI thread only.
 */
public final class GraphCanvas extends Region {
  private final GraphViewModel vm;
  private final ActionsViewModel actions;
  private final ContextMenu menu = new ContextMenu();
  private final Canvas canvas = new Canvas();
  private final GraphPainter painter;
  private final Viewport view = new Viewport();
  private boolean dirty = true;
  /**
   * Paints on the pulse after a change and while a highlight fades, then stops: a running
   * animation timer makes JavaFX run a pulse every frame, even with nothing to draw.
   */
  private final AnimationTimer painting = new AnimationTimer() {
    @Override
    public void start() {
      super.start();
      running = true;
    }

    @Override
    public void stop() {
      super.stop();
      running = false;
    }

    @Override
    public void handle(long now) {
      boolean flashing = vm.isFlashing(now);
      if (dirty || flashing) {
        dirty = false;
        paint(now);
      }
      if (!flashing && !dirty) {
        stop();
      }
    }
  };
  private boolean running;
  private boolean fitPending = true;
  /** Whether the user zoomed or panned since the last fit: then layouts and resizes keep their view. */
  private boolean userMoved;
  private double dragX;
  private double dragY;
  private boolean dragged;
  private long frames;

  /** A canvas showing {@code vm}'s graph; right-click on a service offers {@code actions}. */
  public GraphCanvas(GraphViewModel vm, ActionsViewModel actions) {
    this.vm = vm;
    this.actions = actions;
    this.painter = new GraphPainter(vm);
    setId("graph");
    getChildren().add(canvas);
    setMinSize(200, 150);
    vm.layoutProperty().addListener((obs, old, now) -> {
      if (fitPending || old.size() == 0 || !userMoved) {
        fitPending = false;
        fitLater();
      }
      invalidate();
    });
    vm.repaintProperty().addListener((obs, old, now) -> invalidate());
    vm.revealRequestProperty().addListener((obs, old, id) -> {
      if (id != null) {
        centreOn(id);
      }
    });
    canvas.setOnScroll(this::onScroll);
    canvas.setOnMousePressed(e -> {
      dragX = e.getX();
      dragY = e.getY();
      dragged = false;
    });
    canvas.setOnMouseDragged(this::onDrag);
    canvas.setOnMouseClicked(this::onClick);
    painting.start();
  }

  /** Something on the canvas changed: paint it on the next pulse. */
  private void invalidate() {
    dirty = true;
    painting.start();
  }

  private void paint(long now) {
    painter.paint(canvas.getGraphicsContext2D(), vm.layoutProperty().get(), view,
        canvas.getWidth(), canvas.getHeight(), now);
    frames++;
  }

  private void fitLater() {
    if (getWidth() > 0) {
      fit();
    } else {
      widthProperty().addListener(new javafx.beans.InvalidationListener() {
        @Override
        public void invalidated(javafx.beans.Observable o) {
          widthProperty().removeListener(this);
          fit();
        }
      });
    }
  }

  /** Shows the whole graph (or its top, when whole it would be unreadable). */
  public void fit() {
    Layout layout = vm.layoutProperty().get();
    view.fit(layout.width(), layout.height(), getWidth(), getHeight());
    userMoved = false;
    invalidate();
  }

  /** Zooms by {@code factor} around the centre. */
  public void zoom(double factor) {
    view.zoomAt(factor, getWidth() / 2, getHeight() / 2);
    userMoved = true;
    invalidate();
  }

  private void centreOn(long id) {
    Layout layout = vm.layoutProperty().get();
    int i = layout.indexOf(id);
    if (i < 0) {
      return;
    }
    view.centreOn(layout.x(i) + layout.width(i) / 2, layout.y(i) + layout.nodeHeight() / 2, getWidth(), getHeight());
    userMoved = true;
    invalidate();
  }

  private void onScroll(ScrollEvent e) {
    double factor = Math.pow(1.0015, e.getDeltaY());
    view.zoomAt(factor, e.getX(), e.getY());
    userMoved = true;
    invalidate();
    e.consume();
  }

  private void onDrag(MouseEvent e) {
    view.tx += e.getX() - dragX;
    view.ty += e.getY() - dragY;
    dragged |= Math.abs(e.getX() - dragX) + Math.abs(e.getY() - dragY) > 2;
    userMoved |= dragged;
    dragX = e.getX();
    dragY = e.getY();
    invalidate();
  }

  private void onClick(MouseEvent e) {
    menu.hide();
    if (dragged) {
      return;
    }
    Layout layout = vm.layoutProperty().get();
    int i = layout.nodeAt(view.toGraphX(e.getX()), view.toGraphY(e.getY()));
    Long id = i < 0 ? null : layout.id(i);
    if (e.getButton() == MouseButton.SECONDARY && id != null) {
      vm.select(id);
      showMenu(id, e.getScreenX(), e.getScreenY());
      return;
    }
    if (e.getButton() != MouseButton.PRIMARY) {
      return;
    }
    if (id != null && e.getClickCount() == 2) {
      vm.toggleCollapsed(id);
    }
    vm.select(id);
  }

  /** Actions live on the node: start, stop, restart, collapse or expand. */
  private void showMenu(long id, double screenX, double screenY) {
    MenuItem start = item("Start", actions::start);
    MenuItem stop = item("Stop", actions::stop);
    MenuItem restart = item("Restart", actions::restart);
    start.setDisable(!actions.whyNotProperty(Action.START).get().isEmpty());
    stop.setDisable(!actions.whyNotProperty(Action.STOP).get().isEmpty());
    restart.setDisable(!actions.whyNotProperty(Action.RESTART).get().isEmpty());
    MenuItem fold = item(vm.isCollapsed(id) ? "Expand" : "Collapse", () -> vm.toggleCollapsed(id));
    menu.getItems().setAll(start, stop, restart, new SeparatorMenuItem(), fold);
    menu.show(canvas, screenX, screenY);
  }

  private static MenuItem item(String text, Runnable action) {
    MenuItem item = new MenuItem(text);
    item.setOnAction(e -> action.run());
    return item;
  }

  /** Where node {@code id}'s centre is on screen (local coordinates), or null if not laid out. */
  public javafx.geometry.Point2D screenPointOf(long id) {
    Layout layout = vm.layoutProperty().get();
    int i = layout.indexOf(id);
    if (i < 0) {
      return null;
    }
    double gx = layout.x(i) + layout.width(i) / 2;
    double gy = layout.y(i) + layout.nodeHeight() / 2;
    return new javafx.geometry.Point2D(gx * view.scale + view.tx, gy * view.scale + view.ty);
  }

  /** The current zoom (1 = 100 %). */
  double scale() {
    return view.scale;
  }

  /** Frames painted so far. */
  public long frames() {
    return frames;
  }

  /**
   * Whether the canvas asks JavaFX for pulses now: after a change, until it is painted and every
   * change highlight has faded; {@code false} while nothing changes (the app then costs no CPU).
   */
  public boolean isPainting() {
    return running;
  }

  /** The underlying canvas (for snapshots). */
  Canvas canvas() {
    return canvas;
  }

  @Override
  protected void layoutChildren() {
    if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
      canvas.setWidth(getWidth());
      canvas.setHeight(getHeight());
      if (!userMoved && !fitPending) {
        fit();
      }
      invalidate();
    }
  }
}
