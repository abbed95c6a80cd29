package mode.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The per-user folder where running workers publish their inspect sockets and descriptors, as
 * {@code jps} finds JVMs. Mode 0700 and owned by the current user, so only that user (and root)
 * can reach the sockets inside; each worker has {@code <pid>-<n>.sock} (0600) and {@code
 * <pid>-<n>.json} (0600, a {@link Descriptor}).
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

  private final Path path;

  private InspectDirectory(Path path) {
    this.path = path;
  }

  /** The folder this JVM uses when none is given (see the class description); not created. */
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
   * Opens the folder, creating it with mode 0700 if it does not exist.
   *
   * @throws IOException if it cannot be created, is a symbolic link, or belongs to another user
   *     (someone could otherwise read or replace our sockets); the message names the folder
   */
  public static InspectDirectory open(Path path) throws IOException {
    Path dir = path.toAbsolutePath();
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // Another worker created it at the same moment; the checks below still apply.
      }
    }
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("inspect directory " + dir + " is not a plain directory");
    }
    UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
    String me = System.getProperty("user.name");
    if (!owner.getName().equals(me)) {
      throw new IOException("inspect directory " + dir + " belongs to " + owner.getName() + ", not to " + me);
    }
    // umask may have loosened the mode of a folder we created, or a user may have: tighten it.
    Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
    return new InspectDirectory(dir);
  }

  /** Opens {@link #defaultPath()}. */
  public static InspectDirectory openDefault() throws IOException {
    return open(defaultPath());
  }

  /** The folder. */
  public Path path() {
    return path;
  }

  /**
   * The descriptors of the workers that are running now, by pid. Descriptors of dead processes
   * (and their sockets) are removed on the way; unreadable files of live processes are skipped.
   *
   * @throws IOException if the folder cannot be listed
   */
  public List<Descriptor> workers() throws IOException {
    List<Descriptor> live = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path, "*.json")) {
      for (Path file : files) {
        readIfLive(file).ifPresent(live::add);
      }
    }
    removeOrphanSockets();
    live.sort(Comparator.comparingLong(Descriptor::pid).thenComparingLong(InspectDirectory::instance));
    return List.copyOf(live);
  }

  /**
   * Reads one descriptor file.
   *
   * @throws IOException if it cannot be read or does not hold a descriptor; the message names it
   */
  public static Descriptor read(Path file) throws IOException {
    try {
      return MessageCodec.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Descriptor.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IOException("not an inspect descriptor: " + file + " (" + e.getMessage() + ")", e);
    }
  }

  private Optional<Descriptor> readIfLive(Path file) {
    String base = baseName(file);
    try {
      Descriptor descriptor = read(file);
      if (isRunning(descriptor.pid(), descriptor.startedAt())) {
        return Optional.of(descriptor);
      }
      Files.deleteIfExists(file);
      Files.deleteIfExists(Path.of(descriptor.socket()));
      Files.deleteIfExists(path.resolve(base + ".sock"));
    } catch (NoSuchFileException gone) {
      // Its worker exited while we listed: nothing to clean.
    } catch (IOException unreadable) {
      removeIfPidDead(file, base);
    }
    return Optional.empty();
  }

  private void removeOrphanSockets() throws IOException {
    try (DirectoryStream<Path> sockets = Files.newDirectoryStream(path, "*.sock")) {
      for (Path socket : sockets) {
        String base = baseName(socket);
        if (!Files.exists(path.resolve(base + ".json"))) {
          removeIfPidDead(socket, base);
        }
      }
    }
  }

  private static void removeIfPidDead(Path file, String base) {
    try {
      long pid = Long.parseLong(base.substring(0, base.indexOf('-') < 0 ? base.length() : base.indexOf('-')));
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        return;
      }
      Files.deleteIfExists(file);
    } catch (NumberFormatException | IOException notOurs) {
      // A file we did not write, or one we may not remove: leave it.
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
