package mode.inspector.viewmodel;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import mode.inspector.model.TransitionRecord;

/**
 * The timeline: every transition seen (time, service, from → to), narrowed by a filter text that
 * matches the label or either state name.
 *
 * <p>Threading: UI thread only.
 */
public final class TimelineViewModel {
  private final ObservableList<TransitionRecord> all = FXCollections.observableArrayList();
  private final FilteredList<TransitionRecord> shown = new FilteredList<>(all);
  private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");

  TimelineViewModel() {
    filterText.addListener((obs, old, now) -> shown.setPredicate(predicate(now)));
  }

  private static java.util.function.Predicate<TransitionRecord> predicate(String text) {
    String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (needle.isEmpty()) {
      return null;
    }
    return t -> t.label().toLowerCase(Locale.ROOT).contains(needle)
        || t.from().name().toLowerCase(Locale.ROOT).contains(needle)
        || t.to().name().toLowerCase(Locale.ROOT).contains(needle);
  }

  void append(List<TransitionRecord> records) {
    if (!records.isEmpty()) {
      all.addAll(records);
    }
  }

  void replaceAll(List<TransitionRecord> records) {
    all.setAll(records);
  }

  /** The transitions passing the filter, oldest first. */
  public ObservableList<TransitionRecord> transitions() {
    return shown;
  }

  /** How many transitions there are in all. */
  public int total() {
    return all.size();
  }

  /** The filter text. */
  public StringProperty filterTextProperty() {
    return filterText;
  }
}
