package mode.events;

/**
 * Receives the events of a subscription, one at a time and in order, on the subscription's own
 * dispatch thread. Never called while a runtime lock is held. An exception thrown here is logged
 * and does not end the subscription.
 */
@FunctionalInterface
public interface ServiceEventListener {
  /**
   * Handles one event.
   *
   * @param event the event, in the order of the tree's changes
   */
  void onEvent(ServiceEvent event);
}
