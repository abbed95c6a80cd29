package mode.inspect;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import mode.events.ServiceEvent;

/**
 * The closed set of messages of the inspect protocol, version {@value #PROTOCOL_VERSION}, in both
 * directions. On the wire each one is a JSON object on a line of its own; the envelope fields
 * ({@code type}, {@code seq}, {@code ts}) live in {@link Frame}, and {@link MessageCodec} maps
 * between lines and frames. {@code PROTOCOL.md} at the root of mode-core describes every message
 * with an example session.
 *
 * <p>Server to client: {@link Hello}, {@link Event} (one per {@link ServiceEvent}: {@code
 * snapshot}, {@code service.added}, {@code service.removed}, {@code dependency.added}, {@code
 * dependency.removed}, {@code transition}, {@code stats}, {@code blocking}, {@code log}, {@code
 * gap}), {@link Reply} and {@link ErrorMessage}. Client to server: {@link Auth} (TCP only, first)
 * and the {@link Command}s. A type this version does not know decodes to {@link Unknown}, so a
 * newer peer is reported, never fatal.
 *
 * <p>All messages are immutable records, safe to share between threads.
 */
public sealed interface InspectMessage {

  /** The protocol version this library speaks; sent in {@link Hello} and in the descriptor. */
  int PROTOCOL_VERSION = 1;

  /** {@return the wire name of this message}, the {@code type} field of its line. */
  String type();

  /**
   * The agent's greeting, its first message on every connection.
   *
   * @param protocol the protocol version the agent speaks
   * @param pid the worker's process id
   * @param name the worker's name (by default its main class's simple name)
   * @param mainClass the worker's main class, or an empty string when unknown
   * @param startedAt when the worker's JVM started
   * @param version the worker's mode for Java version ({@link mode.BuildInfo#version()}); an
   *     empty string when the agent did not send it (agents before this field)
   * @param commit the git commit that version was built from ({@link mode.BuildInfo#commit()});
   *     an empty string when the agent did not send it
   * @param client how the agent names this connection in the {@code by} of the transitions its
   *     commands cause ({@code "client 3"}); {@code null} when not sent (agents before this field,
   *     recordings)
   */
  record Hello(
      int protocol, long pid, String name, String mainClass, Instant startedAt, String version, String commit,
      String client)
      implements InspectMessage {
    /**
     * Checks the fields and turns a missing {@code version} or {@code commit} into an empty string.
     *
     * @throws NullPointerException if {@code name}, {@code mainClass} or {@code startedAt} is null
     */
    public Hello {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(mainClass, "mainClass");
      Objects.requireNonNull(startedAt, "startedAt");
      version = version == null ? "" : version;
      commit = commit == null ? "" : commit;
    }

    /**
     * A greeting that names no version, as agents before the {@code version} field sent it.
     *
     * @param protocol the protocol version the agent speaks
     * @param pid the worker's process id
     * @param name the worker's name
     * @param mainClass the worker's main class, or an empty string when unknown
     * @param startedAt when the worker's JVM started
     */
    public Hello(int protocol, long pid, String name, String mainClass, Instant startedAt) {
      this(protocol, pid, name, mainClass, startedAt, "", "");
    }

    /**
     * A greeting that names no connection.
     *
     * @param protocol the protocol version the agent speaks
     * @param pid the worker's process id
     * @param name the worker's name
     * @param mainClass the worker's main class, or an empty string when unknown
     * @param startedAt when the worker's JVM started
     * @param version the worker's mode for Java version, or an empty string
     * @param commit the git commit that version was built from, or an empty string
     */
    public Hello(int protocol, long pid, String name, String mainClass, Instant startedAt, String version,
        String commit) {
      this(protocol, pid, name, mainClass, startedAt, version, commit, null);
    }

    /**
     * This greeting for one connection.
     *
     * @param client how the agent names the connection in {@code by}
     * @return a copy with {@code client}
     */
    public Hello forClient(String client) {
      return new Hello(protocol, pid, name, mainClass, startedAt, version, commit, client);
    }

    @Override
    public String type() {
      return "hello";
    }
  }

  /**
   * One runtime event, exactly the {@link ServiceEvent} record the agent's subscription delivered;
   * its {@code type} is the event's kind ({@code transition}, {@code snapshot}, ...).
   *
   * @param event the event as the subscription delivered it
   */
  record Event(ServiceEvent event) implements InspectMessage {
    /**
     * Checks the event.
     *
     * @throws NullPointerException if {@code event} is null
     */
    public Event {
      Objects.requireNonNull(event, "event");
    }

    @Override
    public String type() {
      return EventTypes.typeOf(event);
    }
  }

  /**
   * The answer to one command.
   *
   * @param re the {@code seq} of the command this answers
   * @param ok whether the command succeeded
   * @param message what happened, in words (e.g. {@code "restarted Web (id 7)"}) or why it failed
   * @param text the command's output when it has one (the thread dump, the live stacks as text),
   *     else {@code null}
   * @param stacks the threads of the answer to {@link Stacks}, else {@code null}; agents before
   *     this field never send it, and a receiver treats a missing one as {@code null}
   */
  record Reply(long re, boolean ok, String message, String text, List<ThreadStack> stacks)
      implements InspectMessage {
    /**
     * Checks the message and copies the stacks.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public Reply {
      Objects.requireNonNull(message, "message");
      stacks = stacks == null ? null : List.copyOf(stacks);
    }

    /**
     * An answer without stacks, as every command but {@link Stacks} gives.
     *
     * @param re the {@code seq} of the command this answers
     * @param ok whether the command succeeded
     * @param message what happened, in words, or why it failed
     * @param text the command's output when it has one, else {@code null}
     */
    public Reply(long re, boolean ok, String message, String text) {
      this(re, ok, message, text, null);
    }

    @Override
    public String type() {
      return "reply";
    }
  }

  /**
   * The agent rejected the connection's input (malformed line, wrong token, unknown command...);
   * the agent closes the connection after sending it.
   *
   * @param message what was wrong, in words
   */
  record ErrorMessage(String message) implements InspectMessage {
    /**
     * Checks the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public ErrorMessage {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String type() {
      return "error";
    }
  }

  /**
   * The first line a TCP client sends: the token from the worker's descriptor.
   *
   * @param token the token, exactly as the descriptor holds it
   */
  record Auth(String token) implements InspectMessage {
    /**
     * Checks the token.
     *
     * @throws NullPointerException if {@code token} is null
     */
    public Auth {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String type() {
      return "auth";
    }
  }

  /** A request from a client; the agent answers each with a {@link Reply}. */
  sealed interface Command extends InspectMessage {}

  /**
   * Start the service with this id.
   *
   * @param service the id of the service to start (see {@code mode.Service#id()})
   */
  record Start(long service) implements Command {
    @Override
    public String type() {
      return "start";
    }
  }

  /**
   * Stop the service with this id.
   *
   * @param service the id of the service to stop
   */
  record Stop(long service) implements Command {
    @Override
    public String type() {
      return "stop";
    }
  }

  /**
   * Restart the service with this id.
   *
   * @param service the id of the service to restart
   */
  record Restart(long service) implements Command {
    @Override
    public String type() {
      return "restart";
    }
  }

  /** Dump every thread of the worker, virtual threads included; the reply's {@code text}. */
  record ThreadDump() implements Command {
    @Override
    public String type() {
      return "threadDump";
    }
  }

  /**
   * What the service with this id is doing right now: the live stacks of the threads (platform and
   * virtual) that run its hooks, tasks and timer callbacks at this moment. The reply's {@code
   * stacks} lists them (none while the service is idle) and its {@code text} shows them as text.
   *
   * @param service the id of the service
   */
  record Stacks(long service) implements Command {
    @Override
    public String type() {
      return "stacks";
    }
  }

  /** Ask for an immediate {@link Reply}; a liveness check. */
  record Ping() implements Command {
    @Override
    public String type() {
      return "ping";
    }
  }

  /**
   * A well-formed line whose type this version does not know.
   *
   * @param type the line's {@code type}
   * @param json the whole line, for logging or recording
   */
  record Unknown(String type, String json) implements InspectMessage {
    /**
     * Checks the fields.
     *
     * @throws NullPointerException if an argument is null
     */
    public Unknown {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(json, "json");
    }
  }
}
