package mode.inspect;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mode.BuildInfo;
import mode.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inspect agent of a worker: serves the service tree's events and accepts commands over a
 * Unix domain socket (always) and loopback TCP (when asked), speaking the protocol of {@code
 * PROTOCOL.md}.
 *
 * <p>On start it binds {@code <dir>/<pid>-<n>.sock} (mode 0600) in the {@link InspectDirectory}
 * and then publishes {@code <pid>-<n>.json}, a {@link Descriptor}; {@link #close()} and a JVM
 * shutdown hook (normal exit, crash exit, SIGINT, SIGTERM) remove both. A TCP listener needs a
 * token, kept only in the 0600 descriptor; a non-loopback TCP address needs {@link
 * InspectOptions#allowRemote()} and logs a warning.
 *
 * <p>Connections: Unix-socket clients and TCP clients that sent the right token share {@link
 * InspectOptions#maxClients()}; TCP connections still owing their token have a budget of their
 * own ({@value #MAX_UNAUTHENTICATED}) and the token timeout, so a flood on the TCP port never
 * keeps the owner out of the Unix socket. Refusals are logged at most once per 10 s, with a count.
 *
 * <p>Threading: one virtual thread accepts per listener; each client has a reader, a writer and
 * a bounded queue of its own, so a slow or stalled client never slows the runtime or other
 * clients (it receives {@code gap} and a fresh {@code snapshot} instead). Commands run on virtual
 * threads of their own. All methods are safe from any thread.
 */
public final class InspectAgent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InspectAgent.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** The last line a client gets when the agent closes (a {@code log} event, level INFO). */
  static final String CLOSING_NOTICE = "the inspect agent is closing";

  /** TCP connections that may wait for their token at once (each for the token timeout at most). */
  static final int MAX_UNAUTHENTICATED = 8;

  /** Refused connections are logged at most once per interval, with a count. */
  private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);

  /** How long closing waits for clients to receive what is queued for them. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  private final InspectOptions options;
  private final InspectDirectory directory;
  private final String base;
  private final ServerSocketChannel unixServer;
  private final ServerSocketChannel tcpServer;
  private final Descriptor descriptor;
  private final ClientSession.Context context;
  private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
  private final Map<ClientSession, ConnectionBudget.Ticket> tickets = new ConcurrentHashMap<>();
  private final ConnectionBudget budget;
  private final RefusalLog refusals = new RefusalLog(REFUSAL_LOG_INTERVAL, System::nanoTime, LOG::warn);
  private final AtomicLong sessionIds = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;

  private InspectAgent(InspectOptions options, EventSource events, CommandHandler commands, Duration authTimeout)
      throws IOException {
    this.options = options;
    this.budget = new ConnectionBudget(options.maxClients(), MAX_UNAUTHENTICATED);
    this.directory = InspectDirectory.open(options.directory());
    directory.workers(); // cleans up after workers that died without doing so
    long pid = ProcessHandle.current().pid();
    this.base = pid + "-" + INSTANCES.incrementAndGet();
    Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    directory.clearStaleSocket(base);
    this.unixServer = bindUnix(directory.socketPath(base));
    String token = options.tcp() == null ? null : newToken();
    this.tcpServer = options.tcp() == null ? null : bindTcp(options.tcp(), options.allowRemote());
    InetSocketAddress tcpAddress = tcpServer == null ? null : (InetSocketAddress) tcpServer.getLocalAddress();
    this.descriptor = new Descriptor(InspectMessage.PROTOCOL_VERSION, pid, options.name(), options.mainClass(),
        startedAt, directory.socketPath(base).toString(),
        tcpAddress == null ? null : tcpAddress.getAddress().getHostAddress(),
        tcpAddress == null ? null : tcpAddress.getPort(), token);
    var hello = new InspectMessage.Hello(InspectMessage.PROTOCOL_VERSION, pid, options.name(), options.mainClass(), startedAt,
        BuildInfo.version(), BuildInfo.commit());
    this.context = new ClientSession.Context(hello, events, commands, options.queueCapacity(), token, authTimeout,
        this::ended, this::authenticated, refusals, System::nanoTime);
    try {
      directory.write(base, descriptor);
    } catch (IOException e) {
      if (tcpServer != null) {
        tcpServer.close();
      }
      closeQuietly();
      throw new IOException("cannot publish the inspect descriptor in " + directory.path() + ": " + e.getMessage(), e);
    }
    this.shutdownHook = new Thread(this::close, "mode-inspect-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    startAccepting(unixServer, false);
    if (tcpServer != null) {
      startAccepting(tcpServer, true);
    }
  }

  /**
   * Starts an agent for the service tree under {@code root}: its clients receive the tree's
   * events ({@code ServiceEvents.subscribe(root, ...)}) and may start, stop and restart any
   * service of it. The worker does this for you unless run with {@code --no-inspect}.
   *
   * @param root the service whose tree the agent serves
   * @param options where and how the agent listens
   * @return the running agent; {@code close()} stops it
   * @throws IOException if the folder, the socket or the TCP port cannot be set up (the message
   *     names it); nothing is left behind then
   * @throws IllegalArgumentException if a non-loopback TCP address is asked without {@link
   *     InspectOptions#allowRemote()}
   */
  public static InspectAgent start(Service root, InspectOptions options) throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(options, "options");
    return new InspectAgent(options,
        EventSource.of(root), new ServiceCommands(root),
        ClientSession.AUTH_TIMEOUT);
  }

  /**
   * Starts an agent serving {@code events} and carrying out commands with {@code commands}.
   *
   * @throws IOException if the folder, the socket or the TCP port cannot be set up; nothing is
   *     left behind then
   * @throws IllegalArgumentException if a non-loopback TCP address is asked without {@code
   *     allowRemote}
   */
  static InspectAgent start(InspectOptions options, EventSource events, CommandHandler commands) throws IOException {
    return new InspectAgent(options, events, commands, ClientSession.AUTH_TIMEOUT);
  }

  /** As {@link #start(InspectOptions, EventSource, CommandHandler)}, with another token timeout. */
  static InspectAgent start(InspectOptions options, EventSource events, CommandHandler commands, Duration authTimeout)
      throws IOException {
    return new InspectAgent(options, events, commands, authTimeout);
  }

  /** {@return what this agent published: pid, name, socket, TCP address and token} */
  public Descriptor descriptor() {
    return descriptor;
  }

  /** {@return the descriptor file} */
  public Path descriptorFile() {
    return directory.descriptorPath(base);
  }

  /** {@return how many clients are connected now} */
  public int clientCount() {
    return sessions.size();
  }

  private static ServerSocketChannel bindUnix(Path socket) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socket));
      // Between bind and this call the 0700 folder already keeps other users out.
      Files.setPosixFilePermissions(socket, InspectDirectory.OWNER_ONLY_FILE);
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      Files.deleteIfExists(socket);
      throw e;
    }
  }

  private ServerSocketChannel bindTcp(InetSocketAddress address, boolean allowRemote) throws IOException {
    InetSocketAddress resolved = address.isUnresolved()
        ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
    if (resolved.isUnresolved()) {
      closeQuietly();
      throw new IOException("cannot resolve inspect address " + address.getHostString());
    }
    if (!resolved.getAddress().isLoopbackAddress()) {
      if (!allowRemote) {
        closeQuietly();
        throw new IllegalArgumentException("inspect address " + resolved.getAddress().getHostAddress()
            + " is not loopback; pass --inspect-allow-remote to listen on it anyway");
      }
      LOG.warn("inspect agent listens on {}: anyone who can reach it and knows the token can control this worker",
          resolved);
    }
    try {
      return ServerSocketChannel.open().bind(resolved);
    } catch (IOException e) {
      closeQuietly();
      throw new IOException("cannot listen for inspect clients on " + resolved + ": " + e.getMessage(), e);
    }
  }

  private void closeQuietly() throws IOException {
    unixServer.close();
    directory.remove(base);
  }

  /** 32 random bytes in hex: safe in shells and as a command-line value (never starts with '-'). */
  private static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private void startAccepting(ServerSocketChannel server, boolean tokenRequired) {
    String kind = tokenRequired ? "tcp" : "unix";
    Thread.ofVirtual().name("mode-inspect-accept-" + kind).start(() -> acceptLoop(server, tokenRequired));
  }

  private void acceptLoop(ServerSocketChannel server, boolean tokenRequired) {
    while (!closed.get()) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (IOException e) {
        if (!closed.get()) {
          LOG.warn("inspect agent stops accepting: {}", e.toString());
        }
        return;
      }
      ConnectionBudget.Ticket ticket = tokenRequired ? budget.admitUnauthenticated() : budget.admitClient();
      if (ticket == null) {
        refuse(channel, tokenRequired
            ? "too many TCP connections waiting to send their token (at most " + budget.maxUnauthenticated() + ")"
            : tooManyClients());
        continue;
      }
      if (tokenRequired) {
        setNoDelay(channel);
      }
      ClientSession session = new ClientSession(sessionIds.incrementAndGet(), channel, context, tokenRequired);
      tickets.put(session, ticket);
      sessions.add(session);
      Thread.ofVirtual().name("mode-inspect-client-" + kind(tokenRequired)).start(session::serve);
    }
  }

  private String tooManyClients() {
    return "too many inspect clients (at most " + budget.maxClients() + ")";
  }

  /** A TCP client sent the right token: it now counts as a client, if there is room. */
  private Optional<String> authenticated(ClientSession session) {
    ConnectionBudget.Ticket ticket = tickets.get(session);
    return ticket != null && ticket.authenticated() ? Optional.empty() : Optional.of(tooManyClients());
  }

  private void ended(ClientSession session) {
    sessions.remove(session);
    ConnectionBudget.Ticket ticket = tickets.remove(session);
    if (ticket != null) {
      ticket.release();
    }
  }

  private static String kind(boolean tcp) {
    return tcp ? "tcp" : "unix";
  }

  private static void setNoDelay(SocketChannel channel) {
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    } catch (IOException e) {
      LOG.debug("TCP_NODELAY not set: {}", e.toString());
    }
  }

  private void refuse(SocketChannel channel, String message) {
    refusals.refused(message);
    // A short line into a fresh socket's empty buffer does not block.
    try (channel) {
      new LineWriter(channel).write(new InspectMessage.ErrorMessage(message));
    } catch (IOException e) {
      LOG.debug("refused inspect client went away: {}", e.toString());
    }
  }

  /**
   * Stops listening, disconnects every client and removes the socket and the descriptor.
   * Idempotent; safe from any thread, including a shutdown hook.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (ServerSocketChannel server : tcpServer == null ? List.of(unixServer) : List.of(unixServer, tcpServer)) {
      try {
        server.close();
      } catch (IOException e) {
        LOG.debug("closing inspect listener: {}", e.toString());
      }
    }
    closeSessions();
    refusals.flush();
    try {
      directory.remove(base);
    } catch (IOException e) {
      LOG.warn("cannot remove inspect files {}.*: {}", directory.path().resolve(base), e.toString());
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting; the hook is running or about to, and close() is idempotent.
      }
    }
  }

  /** Lets each client receive what is queued for it, then closes it; all at once, bounded. */
  private void closeSessions() {
    List<Thread> closing = List.copyOf(sessions).stream()
        .map(s -> Thread.ofVirtual().name("mode-inspect-close").start(() -> s.closeAfterQueued(CLOSING_NOTICE, CLOSE_GRACE)))
        .toList();
    for (Thread thread : closing) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        List.copyOf(sessions).forEach(ClientSession::close);
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "InspectAgent[" + descriptor.socket()
        + (descriptor.tcpPort() == null ? "" : ", tcp " + descriptor.tcpHost() + ":" + descriptor.tcpPort()) + "]";
  }
}
