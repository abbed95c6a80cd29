package mode.inspect;

/**
 * Carries out the lifecycle commands ({@code start}, {@code stop}, {@code restart}) for the agent.
 * Called on a virtual thread of its own per command, so it may block as long as the lifecycle
 * call does; it answers with a reply and never throws (a failure is a reply with {@code ok =
 * false} and a message naming the service).
 */
@FunctionalInterface
interface CommandHandler {
  /**
   * Carries out {@code command}; the moves it makes are told with cause {@code operator}, by
   * {@code client}.
   */
  InspectMessage.Reply handle(long re, InspectMessage.Command command, String client);
}
