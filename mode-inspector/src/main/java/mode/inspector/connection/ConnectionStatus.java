package mode.inspector.connection;

/** Where the inspector's data comes from right now. */
public enum ConnectionStatus {
  /** Not attached to anything. */
  DISCONNECTED,
  /** Attaching to a worker. */
  CONNECTING,
  /** Attached, receiving live events. */
  CONNECTED,
  /** The worker went away; waiting for a worker of the same name to come back. */
  RECONNECTING,
  /** Showing a recording. */
  REPLAY
}
