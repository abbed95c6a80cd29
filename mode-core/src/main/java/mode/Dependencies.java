package mode;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import mode.internal.EventHub;

/**
 * The dependency edges of one service (its children) and the services that added it (its
 * parents). The graph is a DAG; the parent that added a service most recently is its parent for
 * crash propagation and log depth.
 *
 * <p>Edges change under the {@link EventHub} lock (so snapshots and events agree). Both lists are
 * immutable and replaced by a changed copy on every change (copy on write), so reading and
 * iterating them needs no lock; a service without children or parents shares the empty list.
 */
final class Dependencies {
  private final Service owner;
  private volatile List<Service> children = List.of();
  /** Written under the hub lock; the last one is {@link #parent}. */
  private List<Service> parents = List.of();
  private volatile Service parent;

  Dependencies(Service owner) {
    this.owner = owner;
  }

  /**
   * The children in insertion order: an immutable snapshot (iterate freely; a later change makes a
   * new list).
   */
  List<Service> children() {
    return children;
  }

  Service parent() {
    return parent;
  }

  /** 1 for a root, parent's depth + 1 otherwise. */
  int depth() {
    int depth = 1;
    for (Service p = parent; p != null; p = p.deps.parent) {
      depth++;
    }
    return depth;
  }

  /**
   * Adds the edge owner → child; a no-op if it exists.
   *
   * @throws NullPointerException if {@code child} is null
   * @throws IllegalArgumentException if {@code child} is the owner or the edge closes a cycle
   */
  void add(Service child) {
    Objects.requireNonNull(
        child, () -> "Service " + owner.label() + ": a dependency must not be null");
    if (child == owner) {
      throw new IllegalArgumentException(
          "Service " + owner.label() + " cannot depend on itself");
    }
    List<Service> cycle;
    EventHub.lock();
    try {
      if (children.contains(child)) {
        return;
      }
      // A child without children of its own (one just made, as when a tree is built) closes no
      // cycle: no walk, and no set of visited services to allocate.
      cycle = child.deps.children.isEmpty()
          ? null
          : pathTo(child, owner, Collections.newSetFromMap(new IdentityHashMap<>()));
      if (cycle == null) {
        children = with(children, child);
        child.deps.parents = with(child.deps.parents, owner);
        child.deps.parent = owner;
        EventHub.dependencyAddedLocked(owner, child);
      }
    } finally {
      EventHub.unlock();
    }
    if (cycle != null) { // labels are user code: named after the lock is released
      throw new IllegalArgumentException(
          "Adding " + child.label() + " as a dependency of " + owner.label()
              + " would create a cycle: " + labels(owner, cycle));
    }
  }

  /**
   * Removes the edge owner → child.
   *
   * @return whether the edge existed
   */
  boolean remove(Service child) {
    EventHub.lock();
    try {
      List<Service> now = children;
      if (!now.contains(child)) {
        return false;
      }
      children = without(now, child);
      List<Service> ps = without(child.deps.parents, owner);
      child.deps.parents = ps;
      child.deps.parent = ps.isEmpty() ? null : ps.get(ps.size() - 1);
      EventHub.dependencyRemovedLocked(owner, child);
      return true;
    } finally {
      EventHub.unlock();
    }
  }

  /** {@code list} and then {@code s}, as a new immutable list (one array copy, no second one). */
  private static List<Service> with(List<Service> list, Service s) {
    Service[] more = list.toArray(new Service[list.size() + 1]);
    more[list.size()] = s;
    return new Frozen(more);
  }

  /**
   * An immutable list over an array that nobody else holds: what {@link #with} builds, without
   * {@code List.of}'s defensive copy of the array it was just given.
   */
  private static final class Frozen extends AbstractList<Service> implements RandomAccess {
    private final Service[] items;

    Frozen(Service[] items) {
      this.items = items;
    }

    @Override
    public Service get(int index) {
      return items[index];
    }

    @Override
    public int size() {
      return items.length;
    }
  }

  /** {@code list} without the first occurrence of {@code s}, as a new immutable list. */
  private static List<Service> without(List<Service> list, Service s) {
    List<Service> less = new ArrayList<>(list);
    less.remove(s);
    // Two list classes only (the empty List.of() and Frozen), so that the calls of the lifecycle's
    // walks over children stay bimorphic.
    return less.isEmpty() ? List.of() : new Frozen(less.toArray(new Service[0]));
  }

  /** A path from {@code from} to {@code to} along dependency edges, or {@code null}. */
  private static List<Service> pathTo(Service from, Service to, Set<Service> seen) {
    if (from == to) {
      List<Service> path = new ArrayList<>();
      path.add(to);
      return path;
    }
    if (!seen.add(from)) {
      return null;
    }
    for (Service next : from.deps.children) {
      List<Service> rest = pathTo(next, to, seen);
      if (rest != null) {
        rest.add(0, from);
        return rest;
      }
    }
    return null;
  }

  private static String labels(Service start, List<Service> path) {
    StringBuilder sb = new StringBuilder(start.label());
    for (Service s : path) {
      sb.append(" -> ").append(s.label());
    }
    return sb.toString();
  }
}
