package mode.inspector.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

/**
 * A read-only, monospace viewer of stacks (live stacks, a thread dump) with a find bar: typing
 * finds the first match (case-insensitive) and selects it, Enter and the arrows go to the next
 * and the previous one, wrapping around, and the bar counts them ("2 of 7"). The text can be
 * selected and copied, or copied whole. It grows to the space it is given.
 *
 * <p>Node ids start with the prefix given (the text area's is {@code PREFIX}, then {@code PREFIX-find}, {@code
 * PREFIX-matches}, {@code PREFIX-next}, {@code PREFIX-previous}, {@code PREFIX-copy}). UI
 * thread only.
 */
final class StackViewer extends VBox {
  private final TextArea area = new TextArea();
  private final TextField find = new TextField();
  private final Label matches = new Label();
  private final HBox bar;
  private List<Integer> found = List.of();
  private int current = -1;

  StackViewer(String prefix) {
    area.setId(prefix);
    area.setEditable(false);
    area.setFont(Font.font("Monospaced", 12));
    area.setWrapText(false);
    find.setId(prefix + "-find");
    find.setPromptText("Find in stacks (Enter: next)");
    find.setPrefColumnCount(22);
    matches.setId(prefix + "-matches");
    matches.setMinWidth(70);
    Button previous = small("↑", "Previous match (Shift+Enter)", prefix + "-previous");
    previous.setOnAction(e -> step(-1));
    Button next = small("↓", "Next match (Enter)", prefix + "-next");
    next.setOnAction(e -> step(1));
    Button copy = small("Copy all", "Copy the whole text", prefix + "-copy");
    copy.setOnAction(e -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(area.getText());
      Clipboard.getSystemClipboard().setContent(content);
    });
    find.textProperty().addListener((obs, old, now) -> search(true));
    area.textProperty().addListener((obs, old, now) -> search(true));
    find.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        step(e.isShiftDown() ? -1 : 1);
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        find.clear();
        e.consume();
      }
    });
    bar = new HBox(6, find, previous, next, matches, copy);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 0, 4, 0));
    getChildren().addAll(bar, area);
    VBox.setVgrow(area, Priority.ALWAYS);
    setMinHeight(80);
  }

  private static Button small(String text, String tip, String id) {
    Button b = new Button(text);
    b.setId(id);
    b.setTooltip(new Tooltip(tip));
    b.setFocusTraversable(false);
    // In a narrow bar the find field gives up room, not the buttons ("C…" said nothing).
    b.setMinWidth(Region.USE_PREF_SIZE);
    return b;
  }

  /** The text shown; bind it to a view-model's text. */
  StringProperty textProperty() {
    return area.textProperty();
  }

  /** Makes the find field {@code columns} wide (for a viewer in a narrow column). */
  void findColumns(int columns) {
    find.setPrefColumnCount(columns);
  }

  /** The find field's prompt ("Find in stacks (Enter: next)" unless the owner says otherwise). */
  StringProperty findPromptProperty() {
    return find.promptTextProperty();
  }

  /** The bar above the text, for the owner to add its own controls to. */
  HBox bar() {
    return bar;
  }

  /** Finds every match of the find field's text again; {@code first} selects the first one. */
  private void search(boolean first) {
    String needle = find.getText().toLowerCase(Locale.ROOT);
    String haystack = area.getText() == null ? "" : area.getText().toLowerCase(Locale.ROOT);
    List<Integer> at = new ArrayList<>();
    for (int i = needle.isEmpty() ? -1 : haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      at.add(i);
    }
    found = at;
    current = -1;
    if (first && !found.isEmpty()) {
      step(1);
    } else {
      area.deselect();
      showCount();
    }
  }

  /** Selects the next ({@code +1}) or previous ({@code -1}) match, wrapping around. */
  private void step(int direction) {
    if (found.isEmpty()) {
      showCount();
      return;
    }
    current = current < 0 ? (direction > 0 ? 0 : found.size() - 1) : Math.floorMod(current + direction, found.size());
    int start = found.get(current);
    // Caret at the match's start: the area scrolls to it, and the selection highlights it.
    area.selectRange(start + find.getText().length(), start);
    showCount();
  }

  private void showCount() {
    matches.setText(find.getText().isEmpty() ? "" : found.isEmpty() ? "not found" : (current + 1) + " of " + found.size());
  }
}
