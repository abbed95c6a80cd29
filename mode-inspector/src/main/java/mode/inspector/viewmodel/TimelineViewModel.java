package mode.inspector.viewmodel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import mode.inspector.model.Ring;
import mode.inspector.model.ServiceGraph;
import mode.inspector.model.TransitionRecord;

/**
 * The timeline: the transitions seen (time, service, from → to), narrowed by a filter text that
 * matches the label or either state name. It keeps the newest transitions, as many as the
 * model's history ({@link ServiceGraph#HISTORY_CAPACITY}), and counts the older ones discarded
 * ({@link #discardedProperty()}) so the view can say so. The filter searches every transition
 * kept; the list shown holds the newest {@link #SCROLLBACK} matches, so a worker making a
 * thousand transitions a second for hours keeps the table quick.
 *
 * <p>Threading: UI thread only. Each batch of transitions is one change of {@link #transitions()}.
 */
public final class TimelineViewModel {
  /** The most transitions {@link #transitions()} holds: the newest ones passing the filter. */
  public static final int SCROLLBACK = 20_000;

  private final Ring<TransitionRecord> all;
  private final Scrollback<TransitionRecord> shown;
  /** The position of each row in the whole sequence of transitions, discarded ones included. */
  private final ArrayDeque<Long> positions = new ArrayDeque<>();
  private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total");
  private final ReadOnlyLongWrapper discarded = new ReadOnlyLongWrapper(this, "discarded");
  private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
  private Predicate<TransitionRecord> filter;

  TimelineViewModel() {
    this(SCROLLBACK, ServiceGraph.HISTORY_CAPACITY);
  }

  /** A timeline showing at most {@code scrollback} transitions, keeping the model's number. */
  TimelineViewModel(int scrollback) {
    this(scrollback, ServiceGraph.HISTORY_CAPACITY);
  }

  /** A timeline showing at most {@code scrollback} of at most {@code kept} transitions. */
  TimelineViewModel(int scrollback, int kept) {
    shown = new Scrollback<>(scrollback);
    all = new Ring<>(kept);
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
    long first = all.total();
    for (TransitionRecord record : records) {
      all.append(record);
    }
    counted();
    long oldestKept = all.discarded();
    List<TransitionRecord> added = new ArrayList<>();
    List<Long> addedPositions = new ArrayList<>();
    for (int i = Math.max(0, (int) (oldestKept - first)); i < records.size(); i++) {
      if (filter == null || filter.test(records.get(i))) {
        added.add(records.get(i));
        addedPositions.add(first + i);
      }
    }
    // Rows whose transitions the history no longer keeps leave the table too (with a filter,
    // an old match can outlive the transitions kept).
    int stale = 0;
    for (long position : positions) {
      if (position >= oldestKept) {
        break;
      }
      stale++;
    }
    shown.append(added, stale);
    positions.addAll(addedPositions);
    trimPositions();
  }

  /** Drops the positions of the rows the table dropped (always its oldest). */
  private void trimPositions() {
    while (positions.size() > shown.size()) {
      positions.removeFirst();
    }
  }

  /** Shows {@code records}, the newest of a history whose {@code discardedBefore} older ones are gone. */
  void replaceAll(List<TransitionRecord> records, long discardedBefore) {
    all.clear();
    all.countDiscarded(discardedBefore);
    for (TransitionRecord record : records) {
      all.append(record);
    }
    counted();
    refill();
  }

  private void counted() {
    total.set(all.total());
    discarded.set(all.discarded());
  }

  /** The newest matches, found from the end of the history back. */
  private void refill() {
    List<Integer> newestFirst = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && newestFirst.size() < shown.capacity(); i--) {
      if (filter == null || filter.test(all.get(i))) {
        newestFirst.add(i);
      }
    }
    List<TransitionRecord> rows = new ArrayList<>(newestFirst.size());
    positions.clear();
    for (int i : newestFirst.reversed()) {
      rows.add(all.get(i));
      positions.addLast(all.discarded() + i);
    }
    shown.replace(rows);
  }

  /**
   * The newest transitions passing the filter (at most {@link #SCROLLBACK}), oldest first;
   * read-only (its mutators throw {@link UnsupportedOperationException}).
   */
  public ObservableList<TransitionRecord> transitions() {
    return shown;
  }

  /** How many transitions there were in all: those kept plus those discarded. */
  public long total() {
    return all.total();
  }

  /** How many transitions there were in all, as a property (for a count beside the table). */
  public ReadOnlyLongProperty totalProperty() {
    return total.getReadOnlyProperty();
  }

  /** How many transitions are kept (and searched by the filter). */
  public int kept() {
    return all.size();
  }

  /**
   * How many older transitions were discarded to bound memory (they are in neither this
   * timeline nor the model's history), as a property.
   */
  public ReadOnlyLongProperty discardedProperty() {
    return discarded.getReadOnlyProperty();
  }

  /** The filter text. */
  public StringProperty filterTextProperty() {
    return filterText;
  }
}
