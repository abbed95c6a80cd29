package mode.inspector.viewmodel;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * A read-only observable list of at most {@code capacity} items, to which items are appended in
 * batches: a batch that would overflow it drops the oldest items first. Each append is one
 * change event (the removal at the front and the addition at the end together), so a table
 * showing it does its work once per batch, not once per item, and never holds more rows than
 * it can lay out quickly.
 *
 * <p>Threading: not thread-safe; in the inspector, the UI thread only. Its mutators throw
 * {@link UnsupportedOperationException} (only {@link #append} and {@link #replace} change it).
 *
 * @param <T> the items
 */
final class Scrollback<T> extends ObservableListBase<T> {
  private final int capacity;
  private final ArrayList<T> items = new ArrayList<>();

  /**
   * An empty scrollback.
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  Scrollback(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("a scrollback needs room for at least one item, got capacity " + capacity);
    }
    this.capacity = capacity;
  }

  /** Appends {@code batch} in order, first dropping the oldest items that would not fit. */
  void append(List<? extends T> batch) {
    append(batch, 0);
  }

  /**
   * Appends {@code batch} in order, first dropping the oldest items that would not fit, and at
   * least the {@code stale} oldest ones; all in one change.
   */
  void append(List<? extends T> batch, int stale) {
    if (batch.isEmpty() && stale == 0) {
      return;
    }
    // A batch larger than the whole capacity keeps only its newest items.
    List<? extends T> kept = batch.size() > capacity ? batch.subList(batch.size() - capacity, batch.size()) : batch;
    int overflow = Math.min(items.size(), Math.max(stale, items.size() + kept.size() - capacity));
    beginChange();
    try {
      if (overflow > 0) {
        List<T> dropped = new ArrayList<>(items.subList(0, overflow));
        items.subList(0, overflow).clear();
        nextRemove(0, dropped);
      }
      if (!kept.isEmpty()) {
        int from = items.size();
        items.addAll(kept);
        nextAdd(from, items.size());
      }
    } finally {
      endChange();
    }
  }

  /** Replaces every item with the newest {@code capacity} of {@code all}, as one change. */
  void replace(List<? extends T> all) {
    List<? extends T> kept = all.size() > capacity ? all.subList(all.size() - capacity, all.size()) : all;
    beginChange();
    try {
      if (!items.isEmpty()) {
        nextRemove(0, new ArrayList<>(items));
        items.clear();
      }
      items.addAll(kept);
      if (!items.isEmpty()) {
        nextAdd(0, items.size());
      }
    } finally {
      endChange();
    }
  }

  /** The most items it holds. */
  int capacity() {
    return capacity;
  }

  @Override
  public T get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }
}
