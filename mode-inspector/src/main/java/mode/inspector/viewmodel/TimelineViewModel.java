package mode.inspector.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import mode.inspector.model.TransitionRecord;

/**
 * The timeline: every transition seen (time, service, from → to), narrowed by a filter text that
 * matches the label or either state name. The filter searches the whole history; the list shown
 * holds the newest {@link #SCROLLBACK} matches, so a worker making a thousand transitions a
 * second for hours keeps the table quick (older transitions stay in the model's history, the
 * recording and the replay).
 *
 * <p>Threading: UI thread only. Each batch of transitions is one change of {@link #transitions()}.
 */
public final class TimelineViewModel {
  /** The most transitions {@link #transitions()} holds: the newest ones passing the filter. */
  public static final int SCROLLBACK = 20_000;

  private final List<TransitionRecord> all = new ArrayList<>();
  private final Scrollback<TransitionRecord> shown;
  private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total");
  private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
  private Predicate<TransitionRecord> filter;

  TimelineViewModel() {
    this(SCROLLBACK);
  }

  /** A timeline showing at most {@code scrollback} transitions. */
  TimelineViewModel(int scrollback) {
    shown = new Scrollback<>(scrollback);
    filterText.addListener((obs, old, now) -> {
      filter = predicate(now);
      refill();
    });
  }

  private static Predicate<TransitionRecord> predicate(String text) {
    String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (needle.isEmpty()) {
      return null;
    }
    return t -> t.label().toLowerCase(Locale.ROOT).contains(needle)
        || t.from().name().toLowerCase(Locale.ROOT).contains(needle)
        || t.to().name().toLowerCase(Locale.ROOT).contains(needle);
  }

  void append(List<TransitionRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    all.addAll(records);
    total.set(all.size());
    shown.append(filter == null ? records : records.stream().filter(filter).toList());
  }

  void replaceAll(List<TransitionRecord> records) {
    all.clear();
    all.addAll(records);
    total.set(all.size());
    refill();
  }

  /** The newest matches, found from the end of the history back. */
  private void refill() {
    if (filter == null) {
      shown.replace(all);
      return;
    }
    List<TransitionRecord> newestFirst = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && newestFirst.size() < shown.capacity(); i--) {
      if (filter.test(all.get(i))) {
        newestFirst.add(all.get(i));
      }
    }
    shown.replace(newestFirst.reversed());
  }

  /**
   * The newest transitions passing the filter (at most {@link #SCROLLBACK}), oldest first;
   * read-only (its mutators throw {@link UnsupportedOperationException}).
   */
  public ObservableList<TransitionRecord> transitions() {
    return shown;
  }

  /** How many transitions there are in all. */
  public int total() {
    return all.size();
  }

  /** How many transitions there are in all, as a property (for a count beside the table). */
  public ReadOnlyIntegerProperty totalProperty() {
    return total.getReadOnlyProperty();
  }

  /** The filter text. */
  public StringProperty filterTextProperty() {
    return filterText;
  }
}
