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
  void aLooseExistingFolderIsTightened() throws IOException {
    Path loose = Files.createDirectory(tmp.resolve("loose"));
    Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxrwxrwx"));
    InspectDirectory.open(loose);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loose))).isEqualTo("rwx------");
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
    Files.createFile(dir.socketPath(dead + "-1"));
    // Our pid, but a JVM that started a day earlier: the pid was recycled.
    dir.write(me + "-2", descriptor(dir, me, me + "-2", myStart().minus(Duration.ofDays(1))));
    Files.createFile(dir.socketPath(dead + "-7")); // a socket left without a descriptor
    Files.writeString(dir.descriptorPath(dead + "-8"), "{ not json");
    Files.writeString(dir.path().resolve("notes.txt"), "not ours");

    assertThat(dir.workers()).containsExactly(live);

    try (var files = Files.list(dir.path())) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .isEqualTo(List.of(me + "-1.json", "notes.txt"));
    }
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
  }
}
