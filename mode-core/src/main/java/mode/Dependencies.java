package mode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
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
      cycle = pathTo(child, owner, Collections.newSetFromMap(new IdentityHashMap<>()));
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

  /** {@code list} and then {@code s}, as a new immutable list. */
  private static List<Service> with(List<Service> list, Service s) {
    Service[] more = list.toArray(new Service[list.size() + 1]);
    more[list.size()] = s;
    return List.of(more);
  }

  /** {@code list} without the first occurrence of {@code s}, as a new immutable list. */
  private static List<Service> without(List<Service> list, Service s) {
    List<Service> less = new ArrayList<>(list);
    less.remove(s);
    return List.copyOf(less);
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
