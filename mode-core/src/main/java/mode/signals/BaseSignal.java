package mode.signals;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What {@link SyncSignal} and {@link Signal} share: the receivers and how they are connected.
 *
 * <p>Receivers are kept in one copy-on-write list in connection order, whether they listen to
 * every sender or to one. A weak receiver that the garbage collector has reclaimed is dropped the
 * next time the signal is used (sent, connected or counted); it is never called again.
 *
 * <p>Thread-safe: every method may be called from any thread, including from inside a receiver.
 *
 * @param <S> the type of the sender
 * @param <T> the type of the value sent
 */
public abstract sealed class BaseSignal<S, T> permits SyncSignal, Signal {
  private final String name;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

  BaseSignal(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * {@return the signal's label}, used in log lines and error messages: the name it was created
   * with.
   */
  public final String label() {
    return name;
  }

  /**
   * Connects {@code receiver} to values from every sender, holding it strongly.
   *
   * @param receiver called with each sender and value
   * @return the handle that disconnects this connection
   * @throws NullPointerException if {@code receiver} is null
   */
  public final SignalConnection connect(Receiver<? super S, ? super T> receiver) {
    return add(new Connection(this, null, Objects.requireNonNull(receiver, "receiver"), null));
  }

  /**
   * Connects {@code receiver} to values sent by {@code sender} only (compared with {@code
   * equals}), holding it strongly.
   *
   * @param receiver called with each value {@code sender} sends
   * @param sender the only sender whose values reach {@code receiver}
   * @return the handle that disconnects this connection
   * @throws NullPointerException if an argument is null
   */
  public final SignalConnection connect(Receiver<? super S, ? super T> receiver, S sender) {
    Objects.requireNonNull(sender, "sender");
    return add(new Connection(this, sender, Objects.requireNonNull(receiver, "receiver"), null));
  }

  /**
   * Connects {@code receiver} weakly: the signal does not keep it alive, and once collected it is
   * silently disconnected. The caller must hold the receiver strongly for as long as it should
   * receive; a lambda or method reference created just for this call is collected almost at once
   * (for a listener that belongs to an object, prefer {@link #connectWeak(Object,
   * OwnedReceiver)}).
   *
   * @param receiver called with each sender and value while it is alive
   * @return the handle that disconnects this connection
   * @throws NullPointerException if {@code receiver} is null
   */
  public final SignalConnection connectWeak(Receiver<? super S, ? super T> receiver) {
    Objects.requireNonNull(receiver, "receiver");
    Connection c = new Connection(this, null, null, null);
    c.weakTarget = new Ref(receiver, collected, c);
    return add(c);
  }

  /**
   * Connects a receiver on behalf of {@code owner}, holding the owner weakly: once the owner is
   * collected the connection disappears. {@code receiver} is held strongly and must not capture
   * {@code owner} (it gets it as a parameter), or the owner would never be collected.
   *
   * @param <O> the owner's type
   * @param owner the object the connection lives as long as
   * @param receiver called with the owner, the sender and the value
   * @return the handle that disconnects this connection
   * @throws NullPointerException if an argument is null
   */
  public final <O> SignalConnection connectWeak(O owner, OwnedReceiver<? super O, ? super S, ? super T> receiver) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(receiver, "receiver");
    Connection c = new Connection(this, null, null, receiver);
    c.weakTarget = new Ref(owner, collected, c);
    return add(c);
  }

  /**
   * Disconnects every connection of {@code receiver} (strong or weak, any sender filter), matched
   * by identity. Unlike mode's, this works for strong receivers too.
   *
   * @param receiver the receiver to disconnect
   * @return true if at least one connection was removed
   */
  public final boolean disconnect(Receiver<? super S, ? super T> receiver) {
    return removeIf(c -> c.target() == receiver);
  }

  /**
   * Disconnects the connections of {@code receiver} made for {@code sender} only; its other
   * connections stay. mode raises {@code KeyError} here for strong receivers; this works.
   *
   * @param receiver the receiver to disconnect
   * @param sender the sender filter of the connections to remove
   * @return true if at least one connection was removed
   */
  public final boolean disconnect(Receiver<? super S, ? super T> receiver, S sender) {
    return removeIf(c -> c.target() == receiver && c.sender != null && c.sender.equals(sender));
  }

  /** Disconnects every receiver. */
  public final void disconnectAll() {
    removeIf(c -> true);
  }

  /**
   * {@return the number of live connections} Weak receivers already collected are not counted.
   */
  public final int receiverCount() {
    expunge();
    int n = 0;
    for (Connection c : connections) {
      if (c.target() != null) {
        n++;
      }
    }
    return n;
  }

  /**
   * The receivers that should get a value from {@code sender}, in connection order, resolved to
   * plain receivers (weak ones that are still alive are held strongly by the returned list only).
   */
  final List<Receiver<? super S, ? super T>> receiversFor(S sender) {
    Objects.requireNonNull(sender, () -> "signal " + name + ": sender must not be null");
    expunge();
    List<Receiver<? super S, ? super T>> out = new ArrayList<>();
    for (Connection c : connections) {
      if (c.sender == null || c.sender.equals(sender)) {
        Receiver<? super S, ? super T> r = c.resolve();
        if (r != null) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private SignalConnection add(Connection c) {
    expunge();
    connections.add(c);
    return c;
  }

  private boolean removeIf(java.util.function.Predicate<Connection> which) {
    expunge();
    return connections.removeIf(which);
  }

  /** Drops the connections whose weak target the collector has reclaimed. */
  private void expunge() {
    for (Reference<?> r; (r = collected.poll()) != null; ) {
      connections.remove(((Ref) r).connection);
    }
  }

  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + ": " + name + ">";
  }

  /** A weak reference that knows which connection to drop when it is cleared. */
  private static final class Ref extends WeakReference<Object> {
    final Connection connection;

    Ref(Object referent, ReferenceQueue<Object> queue, Connection connection) {
      super(referent, queue);
      this.connection = connection;
    }
  }

  /** One connection; identity is what {@link #disconnect()} removes. */
  private static final class Connection implements SignalConnection {
    private final BaseSignal<?, ?> signal;
    final Object sender;
    private final Receiver<?, ?> strong;
    private final OwnedReceiver<?, ?, ?> owned;
    Ref weakTarget;

    Connection(BaseSignal<?, ?> signal, Object sender, Receiver<?, ?> strong, OwnedReceiver<?, ?, ?> owned) {
      this.signal = signal;
      this.sender = sender;
      this.strong = strong;
      this.owned = owned;
    }

    /** The receiver (or owner) this connection points at, or null once collected. */
    Object target() {
      return strong != null ? strong : weakTarget.get();
    }

    @SuppressWarnings("unchecked")
    <S, T> Receiver<S, T> resolve() {
      if (strong != null) {
        return (Receiver<S, T>) strong;
      }
      Object target = weakTarget.get();
      if (target == null) {
        return null;
      }
      if (owned == null) {
        return (Receiver<S, T>) target;
      }
      OwnedReceiver<Object, S, T> fn = (OwnedReceiver<Object, S, T>) owned;
      return (s, v) -> fn.receive(target, s, v);
    }

    @Override
    public boolean disconnect() {
      return signal.connections.remove(this);
    }

    @Override
    public boolean isConnected() {
      return target() != null && signal.connections.contains(this);
    }

    @Override
    public void close() {
      disconnect();
    }
  }
}
