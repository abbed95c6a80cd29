package mode.inspect;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How an {@link InspectAgent} runs. Immutable; start from {@link #defaults(String)} and change
 * what you need with the {@code with...} methods.
 *
 * @param name the worker's name, shown by {@code mode-inspect list}
 * @param mainClass the worker's main class, or an empty string when unknown
 * @param directory the folder for socket and descriptor (see {@link InspectDirectory})
 * @param tcp an address to listen on with TCP as well, or {@code null} for the Unix socket only
 * @param allowRemote whether {@code tcp} may be an address other than loopback
 * @param queueCapacity events kept per client before it counts as stalled and gets a {@code gap}
 *     (1 to 2<sup>28</sup>)
 * @param maxClients connections served at once; more are refused with an {@code error}
 */
public record InspectOptions(
    String name,
    String mainClass,
    Path directory,
    InetSocketAddress tcp,
    boolean allowRemote,
    int queueCapacity,
    int maxClients) {

  /** Default events kept per client. */
  public static final int DEFAULT_QUEUE_CAPACITY = 4096;

  /** System property that overrides the events kept per client in {@link #defaults(String)}. */
  public static final String QUEUE_CAPACITY_PROPERTY = "mode.inspect.queueCapacity";

  /** Default connections served at once. */
  public static final int DEFAULT_MAX_CLIENTS = 32;

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code name}, {@code mainClass} or {@code directory} is null
   * @throws IllegalArgumentException if {@code queueCapacity} or {@code maxClients} is out of range
   */
  public InspectOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mainClass, "mainClass");
    Objects.requireNonNull(directory, "directory");
    if (queueCapacity < 1 || queueCapacity > 1 << 28) {
      throw new IllegalArgumentException(
          "queueCapacity must be between 1 and " + (1 << 28) + ", was " + queueCapacity);
    }
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be at least 1, was " + maxClients);
    }
  }

  /**
   * Unix socket only, in {@link InspectDirectory#defaultPath()}, default limits (the queue
   * capacity may be set with the system property {@value #QUEUE_CAPACITY_PROPERTY}).
   *
   * @param name the worker's name
   * @return the options
   */
  public static InspectOptions defaults(String name) {
    return new InspectOptions(name, "", InspectDirectory.defaultPath(), null, false,
        Integer.getInteger(QUEUE_CAPACITY_PROPERTY, DEFAULT_QUEUE_CAPACITY), DEFAULT_MAX_CLIENTS);
  }

  /**
   * These options with another main class.
   *
   * @param mainClass the worker's main class, or an empty string when unknown
   * @return the changed copy
   */
  public InspectOptions withMainClass(String mainClass) {
    return new InspectOptions(name, mainClass, directory, tcp, allowRemote, queueCapacity, maxClients);
  }

  /**
   * These options with another folder.
   *
   * @param directory the folder for socket and descriptor
   * @return the changed copy
   */
  public InspectOptions withDirectory(Path directory) {
    return new InspectOptions(name, mainClass, directory, tcp, allowRemote, queueCapacity, maxClients);
  }

  /**
   * These options with a TCP listener ({@code allowRemote} permits a non-loopback address).
   *
   * @param tcp the address to listen on with TCP as well, or {@code null} for none
   * @param allowRemote whether {@code tcp} may be an address other than loopback
   * @return the changed copy
   */
  public InspectOptions withTcp(InetSocketAddress tcp, boolean allowRemote) {
    return new InspectOptions(name, mainClass, directory, tcp, allowRemote, queueCapacity, maxClients);
  }

  /**
   * These options with another per-client queue capacity.
   *
   * @param queueCapacity events kept per client (1 to 2<sup>28</sup>)
   * @return the changed copy
   */
  public InspectOptions withQueueCapacity(int queueCapacity) {
    return new InspectOptions(name, mainClass, directory, tcp, allowRemote, queueCapacity, maxClients);
  }

  /**
   * These options with another connection limit.
   *
   * @param maxClients connections served at once, at least 1
   * @return the changed copy
   */
  public InspectOptions withMaxClients(int maxClients) {
    return new InspectOptions(name, mainClass, directory, tcp, allowRemote, queueCapacity, maxClients);
  }
}
