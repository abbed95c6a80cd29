package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectDirectoryTest {

  @TempDir Path tmp;

  static long deadPid() throws IOException, InterruptedException {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  static Descriptor descriptor(InspectDirectory dir, long pid, String base, Instant startedAt) {
    return new Descriptor(1, pid, "W" + pid, "demo.Main", startedAt, dir.socketPath(base).toString(), null, null, null);
  }

  static Instant myStart() {
    return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  @Test
  void theFolderIsCreatedForTheOwnerOnly() throws IOException {
    InspectDirectory dir = InspectDirectory.open(tmp.resolve("a/b/mode-inspect"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path()))).isEqualTo("rwx------");
  }

  @Test
  void aFolderOpenToOthersIsRefusedAndLeftAsItIs() throws IOException {
    for (String mode : List.of("rwxrwxrwx", "rwxr-x---", "rwx-----x")) {
      Path shared = Files.createDirectory(tmp.resolve("shared-" + mode));
      Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString(mode));
      assertThatThrownBy(() -> InspectDirectory.open(shared))
          .isInstanceOf(IOException.class)
          .hasMessage("inspect directory " + shared + " is open to other users (mode " + mode + "): they could"
              + " plant or replace files in it; use a folder only you can access (mode 700), e.g. a new one");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo(mode);
    }
  }

  @Test
  void anExistingOwnerOnlyFolderIsUsedAsItIs() throws IOException {
    Path mine = Files.createDirectory(tmp.resolve("mine"));
    Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("r-x------"));
    assertThat(InspectDirectory.open(mine).path()).isEqualTo(mine.toAbsolutePath());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mine))).isEqualTo("r-x------");
  }

  @Test
  void aFolderThatCannotBeCreatedSaysWhy() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThatThrownBy(() -> InspectDirectory.open(file.resolve("inspect")))
        .hasMessage("cannot create inspect directory " + file.resolve("inspect") + ": File exists (" + file + ")");
  }

  @Test
  void aSymbolicLinkIsRefused() throws IOException {
    Path target = Files.createDirectory(tmp.resolve("target"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
    assertThatThrownBy(() -> InspectDirectory.open(link))
        .isInstanceOf(IOException.class)
        .hasMessage("inspect directory " + link + " is not a plain directory");
  }

  @Test
  void descriptorsOfDeadOrRecycledProcessesAreIgnoredAndRemoved() throws Exception {
    InspectDirectory dir = InspectDirectory.open(tmp.resolve("d"));
    long me = ProcessHandle.current().pid();
    long dead = deadPid();
    Descriptor live = descriptor(dir, me, me + "-1", myStart());
    dir.write(me + "-1", live);
    dir.write(dead + "-1", descriptor(dir, dead, dead + "-1", myStart()));
    StaleSockets.leave(dir.socketPath(dead + "-1"));
    // Our pid, but a JVM that started a day earlier: the pid was recycled.
    dir.write(me + "-2", descriptor(dir, me, me + "-2", myStart().minus(Duration.ofDays(1))));
    StaleSockets.leave(dir.socketPath(dead + "-7")); // a socket left without a descriptor
    Files.writeString(dir.path().resolve("notes.txt"), "not ours");

    assertThat(dir.workers()).containsExactly(live);

    assertThat(names(dir.path())).containsExactly(me + "-1.json", "notes.txt");
  }

  static List<String> names(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aHostileDescriptorNeverRemovesAFileOutsideTheFolder() throws Exception {
    InspectDirectory dir = InspectDirectory.open(tmp.resolve("d"));
    Path victim = Files.writeString(Files.createDirectory(tmp.resolve("elsewhere")).resolve("victim.txt"), "precious");
    long dead = deadPid();
    Descriptor hostile = new Descriptor(1, dead, "x", "", myStart(), victim.toString(), null, null, null);
    Files.writeString(dir.descriptorPath(dead + "-1"), MessageCodec.MAPPER.writeValueAsString(hostile));

    assertThat(dir.workers()).isEmpty();

    assertThat(victim).hasContent("precious");
    assertThat(names(dir.path())).isEmpty(); // the stale descriptor itself was provably a dead worker's
  }

  @Test
  void onlyWhatProvablyBelongsToADeadWorkerIsRemoved() throws Exception {
    InspectDirectory dir = InspectDirectory.open(tmp.resolve("d"));
    long dead = deadPid();
    long otherDead = deadPid();
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.writeString(dir.descriptorPath(dead + "-1"), "not a descriptor at all");
    Files.writeString(dir.socketPath(dead + "-2"), "a regular file, not a socket");
    dir.write(dead + "-3", descriptor(dir, dead, dead + "-3", myStart()));
    Files.writeString(dir.socketPath(dead + "-3"), "a regular file next to a stale descriptor");
    dir.write(dead + "-4", descriptor(dir, otherDead, dead + "-4", myStart())); // names another pid
    Path foreign = Files.writeString(outside.resolve("foreign.json"),
        MessageCodec.MAPPER.writeValueAsString(descriptor(dir, dead, dead + "-5", myStart())));
    Files.createSymbolicLink(dir.descriptorPath(dead + "-5"), foreign);
    Path outsideSocket = StaleSockets.leave(outside.resolve("s.sock"));
    Files.createSymbolicLink(dir.socketPath(dead + "-6"), outsideSocket);
    dir.write(dead + "-7", descriptor(dir, dead, dead + "-7", myStart()));
    StaleSockets.leave(dir.socketPath(dead + "-7"));

    assertThat(dir.workers()).isEmpty();

    assertThat(names(dir.path())).containsExactly(dead + "-1.json", dead + "-2.sock", dead + "-3.sock",
        dead + "-4.json", dead + "-5.json", dead + "-6.sock");
    assertThat(names(outside)).containsExactly("foreign.json", "s.sock");
  }

  @Test
  void aLiveDescriptorAlwaysNamesTheSocketInsideTheFolder() throws IOException {
    InspectDirectory dir = InspectDirectory.open(tmp.resolve("d"));
    long me = ProcessHandle.current().pid();
    Descriptor pointingAway = new Descriptor(1, me, "App", "", myStart(), tmp.resolve("elsewhere.sock").toString(),
        null, null, null);
    dir.write(me + "-1", pointingAway);
    assertThat(dir.workers()).extracting(Descriptor::socket).containsExactly(dir.socketPath(me + "-1").toString());
  }

  @Test
  void theWorkersStartUpScanLeavesForeignFilesAlone() throws Exception {
    Path folder = tmp.resolve("d");
    InspectDirectory dir = InspectDirectory.open(folder);
    long dead = deadPid();
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious");
    Files.writeString(dir.descriptorPath(dead + "-1"), "{\"socket\":\"" + victim + "\"}");
    Files.writeString(dir.socketPath(dead + "-1"), "not a socket");
    try (InspectAgent agent = InspectAgent.start(new mode.Service() {}, InspectOptions.defaults("W").withDirectory(folder))) {
      assertThat(agent.clientCount()).isZero();
    }
    assertThat(victim).hasContent("precious");
    assertThat(names(folder)).containsExactly(dead + "-1.json", dead + "-1.sock");
  }

  @Test
  void aDescriptorIsWrittenForTheOwnerOnlyAndReadsBack() throws IOException {
    InspectDirectory dir = InspectDirectory.open(tmp.resolve("d"));
    long me = ProcessHandle.current().pid();
    Descriptor d = new Descriptor(1, me, "App", "demo.Main", myStart(), dir.socketPath("x").toString(),
        "127.0.0.1", 4711, "secret");
    dir.write("x", d);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.descriptorPath("x"))))
        .isEqualTo("rw-------");
    assertThat(InspectDirectory.read(dir.descriptorPath("x"))).isEqualTo(d);
    assertThat(d.tcpTarget()).contains(new InspectTarget.Tcp("127.0.0.1", 4711, "secret"));
  }

  @Test
  void aFileThatIsNotADescriptorIsReportedByName() throws IOException {
    Path file = Files.writeString(tmp.resolve("x.json"), "[]");
    assertThatThrownBy(() -> InspectDirectory.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("not an inspect descriptor: " + file);
    assertThatThrownBy(() -> InspectDirectory.read(tmp.resolve("missing.json")))
        .hasMessage("cannot read descriptor " + tmp.resolve("missing.json") + ": No such file or directory");
  }
}
