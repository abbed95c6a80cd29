package mode.events;

/** A live subscription; {@link #close()} stops delivery (idempotent, safe from any thread). */
public interface EventSubscription extends AutoCloseable {
  /** Stops delivery; events not yet delivered are discarded. */
  @Override
  void close();

  /** {@return events dropped so far because the listener fell behind} */
  long dropped();
}
