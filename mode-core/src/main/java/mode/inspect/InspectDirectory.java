package mode.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-user folder where running workers publish their inspect sockets and descriptors, as
 * {@code jps} finds JVMs. Mode 0700 and owned by the current user, so only that user (and root)
 * can reach the sockets inside; each worker has {@code <pid>-<n>.sock} (0600) and {@code
 * <pid>-<n>.json} (0600, a {@link Descriptor}).
 *
 * <p>The folder is a trust boundary: a folder open to other users is refused (never chmodded),
 * and cleaning up removes only what provably belongs to a dead worker inside it (see {@link
 * #workers()}); no symbolic link is followed and nothing outside it is touched.
 *
 * <p>The folder is, in order: the system property {@value #DIRECTORY_PROPERTY}, the environment
 * variable {@value #DIRECTORY_ENV}, {@code $XDG_RUNTIME_DIR/mode-inspect}, or {@code
 * ${java.io.tmpdir}/mode-inspect-${user.name}}.
 *
 * <p>Safe from any thread; the files are written atomically (a temporary file, then a rename), so
 * readers never see half a descriptor. Needs a POSIX file system.
 */
public final class InspectDirectory {

  /** System property naming the folder (tests point it at a temporary folder). */
  public static final String DIRECTORY_PROPERTY = "mode.inspect.dir";

  /** Environment variable naming the folder, used when the system property is not set. */
  public static final String DIRECTORY_ENV = "MODE_INSPECT_DIR";

  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

  /** How far a process's start may be from a descriptor's start time and still be the same JVM. */
  private static final Duration SAME_PROCESS_TOLERANCE = Duration.ofSeconds(30);

  /** The names of a worker's files: {@code <pid>-<n>.json} and {@code <pid>-<n>.sock}. */
  private static final Pattern NAME = Pattern.compile("([1-9][0-9]{0,17})-([0-9]{1,18})\\.(json|sock)");

  /** Larger files are no descriptor of ours (they are a few hundred bytes). */
  private static final long MAX_DESCRIPTOR_BYTES = 64 * 1024;

  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;

  private final Path path;

  private InspectDirectory(Path path) {
    this.path = path;
  }

  /**
   * {@return the folder this JVM uses when none is given (see the class description); not created}
   */
  public static Path defaultPath() {
    String property = System.getProperty(DIRECTORY_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv(DIRECTORY_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
      return Path.of(runtime, "mode-inspect");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "mode-inspect-" + System.getProperty("user.name"));
  }

  /**
   * Opens the folder, creating it with mode 0700 if it does not exist. An existing folder is never
   * changed: one open to other users (group or other permission bits, like a shared {@code
   * /tmp}) is refused, since anyone who may write into it could plant files for us to act on.
   *
   * @param path the folder
   * @return the opened folder
   * @throws IOException if it cannot be created, is a symbolic link or not a folder, belongs to
   *     another user, or is open to other users; the message names the folder and the reason
   */
  public static InspectDirectory open(Path path) throws IOException {
    Path dir = path.toAbsolutePath();
    boolean created = false;
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      created = create(dir);
    }
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw FileErrors.describe("open inspect directory", dir, e);
    }
    if (!attributes.isDirectory()) {
      throw new IOException("inspect directory " + dir + " is not a plain directory");
    }
    String me = System.getProperty("user.name");
    if (!attributes.owner().getName().equals(me)) {
      throw new IOException("inspect directory " + dir + " belongs to " + attributes.owner().getName() + ", not to " + me);
    }
    Set<PosixFilePermission> open = EnumSet.copyOf(attributes.permissions());
    open.removeAll(OWNER_ONLY_DIR);
    if (created) {
      Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR); // ours since a moment: no one else's mode to keep
    } else if (!open.isEmpty()) {
      throw new IOException("inspect directory " + dir + " is open to other users (mode "
          + PosixFilePermissions.toString(attributes.permissions()) + "): they could plant or replace files in it;"
          + " use a folder only you can access (mode 700), e.g. a new one");
    }
    return new InspectDirectory(dir);
  }

  /** Creates the folder 0700 (and its parents); false if someone else created it first. */
  private static boolean create(Path dir) throws IOException {
    try {
      Files.createDirectories(dir.getParent());
    } catch (IOException e) {
      throw FileErrors.describe("create inspect directory", dir, e);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      return true;
    } catch (FileAlreadyExistsException raced) {
      return false; // Another worker created it at the same moment; the checks still apply.
    } catch (IOException e) {
      throw FileErrors.describe("create inspect directory", dir, e);
    }
  }

  /**
   * Opens {@link #defaultPath()}.
   *
   * @return the opened folder
   * @throws IOException as {@link #open(Path)}
   */
  public static InspectDirectory openDefault() throws IOException {
    return open(defaultPath());
  }

  /** {@return the folder} */
  public Path path() {
    return path;
  }

  /**
   * The descriptors of the workers that are running now, by pid; each one's {@link
   * Descriptor#socket()} is the socket inside this folder named after it, whatever the file says.
   *
   * <p>Cleans up after dead workers, and removes only what provably is theirs: a regular file
   * named {@code <pid>-<n>.json} that parses as a descriptor of that pid, whose process is gone
   * (or was recycled), and the socket {@code <pid>-<n>.sock} next to it, if it is a socket. A
   * socket of that name without a descriptor goes when its pid is dead. Nothing else is touched,
   * no symbolic link is followed, and nothing outside the folder is ever removed.
   *
   * @return the descriptors, ordered by pid
   * @throws IOException if the folder cannot be listed
   */
  public List<Descriptor> workers() throws IOException {
    List<Descriptor> live = new ArrayList<>();
    List<Path> sockets = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
      for (Path file : files) {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
          continue;
        }
        if (name.group(3).equals("sock")) {
          sockets.add(file);
        } else {
          readIfLive(file, Long.parseLong(name.group(1)), baseName(file)).ifPresent(live::add);
        }
      }
    } catch (IOException e) {
      throw FileErrors.describe("list inspect directory", path, e);
    }
    sockets.forEach(this::removeIfOrphan);
    live.sort(Comparator.comparingLong(Descriptor::pid).thenComparingLong(InspectDirectory::instance));
    return List.copyOf(live);
  }

  /**
   * Reads one descriptor file (following a symbolic link: the file was named by the user).
   *
   * @param file the descriptor file
   * @return the descriptor it holds
   * @throws IOException if it cannot be read or does not hold a descriptor; the message names it
   *     and the reason
   */
  public static Descriptor read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw FileErrors.describe("read descriptor", file, e);
    }
    return parse(file, text);
  }

  private static Descriptor parse(Path file, String text) throws IOException {
    try {
      return MessageCodec.MAPPER.readValue(text, Descriptor.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      throw new IOException("not an inspect descriptor: " + file + " (" + why + ")", e);
    }
  }

  /** The live descriptor in {@code file}; removes the file and its socket if provably stale. */
  private Optional<Descriptor> readIfLive(Path file, long pid, String base) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile() || attributes.size() > MAX_DESCRIPTOR_BYTES) {
        return Optional.empty(); // not something we wrote: leave it
      }
      Descriptor descriptor;
      try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        descriptor = parse(file, new String(in.readNBytes((int) MAX_DESCRIPTOR_BYTES), StandardCharsets.UTF_8));
      }
      if (descriptor.pid() != pid) {
        return Optional.empty(); // names another process than its file: not provably anyone's
      }
      Descriptor inFolder = withSocket(descriptor, socketPath(base));
      if (isRunning(pid, descriptor.startedAt())) {
        return Optional.of(inFolder);
      }
      Files.deleteIfExists(file);
      deleteIfSocket(socketPath(base));
    } catch (IOException unreadableOrGone) {
      // Not a descriptor, not ours to read, or its worker removed it while we listed: leave it.
    }
    return Optional.empty();
  }

  private static Descriptor withSocket(Descriptor d, Path socket) {
    return new Descriptor(d.protocol(), d.pid(), d.name(), d.mainClass(), d.startedAt(), socket.toString(),
        d.tcpHost(), d.tcpPort(), d.token());
  }

  /** Removes a socket named {@code <pid>-<n>.sock} that has no descriptor and a dead pid. */
  private void removeIfOrphan(Path socket) {
    String base = baseName(socket);
    if (Files.exists(descriptorPath(base), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    long pid = Long.parseLong(base.substring(0, base.indexOf('-')));
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return;
    }
    try {
      deleteIfSocket(socket);
    } catch (IOException notOurs) {
      // One we may not remove, or gone already: leave it.
    }
  }

  /** Deletes {@code file} if it is a Unix domain socket (the link itself is never followed). */
  static void deleteIfSocket(Path file) throws IOException {
    if (isSocket(file)) {
      Files.deleteIfExists(file);
    }
  }

  /** Whether {@code file} is a Unix domain socket, not following a symbolic link. */
  static boolean isSocket(Path file) throws IOException {
    try {
      int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return (mode & S_IFMT) == S_IFSOCK;
    } catch (NoSuchFileException gone) {
      return false;
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }
  }

  /** Whether the process {@code pid} is alive and is the JVM that started at {@code startedAt}. */
  static boolean isRunning(long pid, Instant startedAt) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return false;
    }
    // A recycled pid belongs to a process that started at another time.
    Optional<Instant> start = process.get().info().startInstant();
    return start.isEmpty()
        || Duration.between(start.get(), startedAt).abs().compareTo(SAME_PROCESS_TOLERANCE) <= 0;
  }

  Path socketPath(String base) {
    return path.resolve(base + ".sock");
  }

  Path descriptorPath(String base) {
    return path.resolve(base + ".json");
  }

  /** Writes a descriptor atomically with mode 0600. */
  void write(String base, Descriptor descriptor) throws IOException {
    Path temp = path.resolve("." + base + ".json.tmp");
    Files.deleteIfExists(temp);
    Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    Files.writeString(temp, MessageCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(descriptor) + "\n");
    try {
      Files.move(temp, descriptorPath(base), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, descriptorPath(base), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Makes room for this JVM's socket {@code <base>.sock}: removes a socket of that name left by a
   * dead process with our pid.
   *
   * @throws IOException if something other than a socket has that name (it is left alone)
   */
  void clearStaleSocket(String base) throws IOException {
    Path socket = socketPath(base);
    if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && !isSocket(socket)) {
      throw new IOException("cannot create inspect socket " + socket + ": a file that is not a socket has its name");
    }
    deleteIfSocket(socket);
  }

  /** Removes a worker's descriptor and socket; quiet if they are already gone. */
  void remove(String base) throws IOException {
    Files.deleteIfExists(descriptorPath(base));
    Files.deleteIfExists(socketPath(base));
  }

  /** The {@code n} of {@code <pid>-<n>.sock}: agents of one JVM in the order they started. */
  private static long instance(Descriptor descriptor) {
    String base = baseName(Path.of(descriptor.socket()));
    try {
      return Long.parseLong(base.substring(base.indexOf('-') + 1));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
