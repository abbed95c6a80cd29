package mode.inspect;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Who may hold a connection of the agent. Two budgets: clients (Unix-socket clients, which the
 * folder's permissions let in, and TCP clients once they have sent the right token) share {@code
 * maxClients}; TCP connections that have not sent their token yet have a small budget of their
 * own, so strangers on the port can never use up the owner's connections. Thread-safe.
 */
final class ConnectionBudget {

  /** One connection's hold on a budget; {@link #release()} gives it back (idempotent). */
  final class Ticket {
    private boolean pending;
    private boolean held = true;

    private Ticket(boolean pending) {
      this.pending = pending;
    }

    /**
     * The connection has authenticated: moves it from the unauthenticated budget to the clients'.
     *
     * @return false (and the ticket holds nothing any more) if the clients' budget is full
     */
    boolean authenticated() {
      lock.lock();
      try {
        if (!held || !pending) {
          return held;
        }
        unauthenticated--;
        pending = false;
        if (clients >= maxClients) {
          held = false;
          return false;
        }
        clients++;
        return true;
      } finally {
        lock.unlock();
      }
    }

    /** Gives the slot back. */
    void release() {
      lock.lock();
      try {
        if (held) {
          held = false;
          if (pending) {
            unauthenticated--;
          } else {
            clients--;
          }
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final int maxClients;
  private final int maxUnauthenticated;
  private int clients;
  private int unauthenticated;

  /**
   * @throws IllegalArgumentException if a budget is below 1
   */
  ConnectionBudget(int maxClients, int maxUnauthenticated) {
    if (maxClients < 1 || maxUnauthenticated < 1) {
      throw new IllegalArgumentException("budgets must be at least 1, were " + maxClients + " clients and "
          + maxUnauthenticated + " unauthenticated connections");
    }
    this.maxClients = maxClients;
    this.maxUnauthenticated = maxUnauthenticated;
  }

  int maxClients() {
    return maxClients;
  }

  int maxUnauthenticated() {
    return maxUnauthenticated;
  }

  /** A slot for a client that needs no token (Unix socket), or null if all are taken. */
  Ticket admitClient() {
    lock.lock();
    try {
      if (clients >= maxClients) {
        return null;
      }
      clients++;
      return new Ticket(false);
    } finally {
      lock.unlock();
    }
  }

  /** A slot for a TCP connection until it has sent its token, or null if all are taken. */
  Ticket admitUnauthenticated() {
    lock.lock();
    try {
      if (unauthenticated >= maxUnauthenticated) {
        return null;
      }
      unauthenticated++;
      return new Ticket(true);
    } finally {
      lock.unlock();
    }
  }
}
