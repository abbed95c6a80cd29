package mode.inspector.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

/**
 * The newest items of an unbounded sequence, at most {@code capacity} of them, oldest first: a
 * ring buffer. {@link #append} is O(1); once the ring is full it first discards the oldest item
 * and counts it, so the inspector's memory stays bounded however long a session lasts while it
 * can still say how much it no longer holds. The backing array grows (doubling) up to the
 * capacity, so a large capacity costs nothing until it is used.
 *
 * <p>As a {@link java.util.List} it is read-only: the list mutators of {@link AbstractList} throw
 * {@link UnsupportedOperationException}; only {@link #append}, {@link #removeOldest} and
 * {@link #countDiscarded} change it.
 *
 * <p>Threading: not thread-safe; confine to one thread.
 *
 * @param <T> the items
 */
public final class Ring<T> extends AbstractList<T> implements RandomAccess {
  private static final int FIRST_ARRAY = 16;

  private final int capacity;
  private Object[] items;
  private int head;
  private int size;
  private long discarded;

  /**
   * An empty ring. A capacity of 0 keeps nothing and counts every item appended as discarded.
   *
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  public Ring(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("a ring's capacity must not be negative, got " + capacity);
    }
    this.capacity = capacity;
    this.items = new Object[Math.min(capacity, FIRST_ARRAY)];
  }

  /** A copy of {@code other}: the same capacity, items and discarded count. */
  public Ring(Ring<? extends T> other) {
    this.capacity = other.capacity;
    this.items = other.toArray();
    if (items.length == 0 && capacity > 0) {
      items = new Object[Math.min(capacity, FIRST_ARRAY)];
    }
    this.size = other.size;
    this.discarded = other.discarded;
  }

  /**
   * Appends {@code item} as the newest; when the ring is full the oldest item is discarded first
   * (and counted, see {@link #discarded()}).
   */
  public void append(T item) {
    if (capacity == 0) {
      discarded++;
      return;
    }
    if (size == capacity) {
      items[head] = item;
      head = (head + 1) % capacity;
      discarded++;
      return;
    }
    if (size == items.length) {
      grow();
    }
    items[(head + size) % items.length] = item;
    size++;
  }

  private void grow() {
    Object[] larger = new Object[(int) Math.min(capacity, Math.max(FIRST_ARRAY, 2L * items.length))];
    for (int i = 0; i < size; i++) {
      larger[i] = items[(head + i) % items.length];
    }
    items = larger;
    head = 0;
  }

  /**
   * Removes and returns the oldest item, without counting it as discarded (the caller keeps
   * what it stood for, e.g. by folding it into a base state).
   *
   * @throws NoSuchElementException if the ring is empty
   */
  @SuppressWarnings("unchecked")
  public T removeOldest() {
    if (size == 0) {
      throw new NoSuchElementException("the ring is empty");
    }
    T oldest = (T) items[head];
    items[head] = null;
    head = (head + 1) % items.length;
    size--;
    return oldest;
  }

  /**
   * Adds {@code count} to the discarded count: items that were dropped before this ring held the
   * sequence (a replay that starts from a base state after them).
   *
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public void countDiscarded(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("a discarded count must not be negative, got " + count);
    }
    discarded += count;
  }

  /** How many older items were discarded to keep within the capacity. */
  public long discarded() {
    return discarded;
  }

  /** How many items the sequence had in all: those held plus those discarded. */
  public long total() {
    return discarded + size;
  }

  /** The most items the ring holds. */
  public int capacity() {
    return capacity;
  }

  /** Whether the ring holds as many items as it can (the next append discards one). */
  public boolean isFull() {
    return size == capacity;
  }

  /**
   * The item {@code index} places from the oldest held.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  @Override
  @SuppressWarnings("unchecked")
  public T get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of a ring holding " + size);
    }
    return (T) items[(head + index) % items.length];
  }

  /** How many items the ring holds. */
  @Override
  public int size() {
    return size;
  }

  /** The items held, oldest first, in a new array. */
  @Override
  public Object[] toArray() {
    Object[] copy = new Object[size];
    for (int i = 0; i < size; i++) {
      copy[i] = items[(head + i) % items.length];
    }
    return copy;
  }

  /** Forgets every item and the discarded count. */
  @Override
  public void clear() {
    Arrays.fill(items, null);
    head = 0;
    size = 0;
    discarded = 0;
  }
}
