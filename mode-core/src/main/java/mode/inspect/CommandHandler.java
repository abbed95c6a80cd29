package mode.inspect;

/**
 * Carries out the lifecycle commands ({@code start}, {@code stop}, {@code restart}) for the agent.
 * Called on a virtual thread of its own per command, so it may block as long as the lifecycle
 * call does; it answers with a reply and never throws (a failure is a reply with {@code ok =
 * false} and a message naming the service).
 */
@FunctionalInterface
interface CommandHandler {
  InspectMessage.Reply handle(long re, InspectMessage.Command command);
}
