package mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mode as a library: logback is optional, and an application that configures nothing gets
 * mode's quiet default. Each case is a real child JVM with its own class path.
 */
class LoggingBackendsTest {
  @TempDir Path dir;

  /** The test class path without logback and without this module's test resources. */
  private static List<String> classPathWithout(String... parts) {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> Arrays.stream(parts).noneMatch(entry::contains))
        .toList();
  }

  /** The test classes of {@code fixture} (and its nested classes), copied into a folder alone. */
  private Path classesOf(Class<?> fixture) throws IOException {
    Path from = Path.of(fixture.getProtectionDomain().getCodeSource().getLocation().getPath());
    Path pkg = from.resolve(fixture.getPackageName().replace('.', '/'));
    Path to = dir.resolve("classes");
    Path target = Files.createDirectories(to.resolve(fixture.getPackageName().replace('.', '/')));
    try (Stream<Path> files = Files.list(pkg)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(fixture.getSimpleName()))
          .toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return to;
  }

  @Test
  void aWorkerRunsWithTheJulBindingInsteadOfLogback() throws Exception {
    Path jdk14 = Path.of("target", "child-bindings", "slf4j-jdk14.jar").toAbsolutePath();
    assertThat(jdk14).exists();
    List<String> cp = new ArrayList<>(classPathWithout("logback-classic", "logback-core"));
    cp.add(jdk14.toString());
    try (ChildJvm child = ChildJvm.start(String.join(File.pathSeparator, cp), WorkerFixture.class,
        "steady", "--no-inspect")) {
      child.awaitOut("ready"::equals);
      child.signal("TERM");
      assertThat(child.awaitExit()).isZero();
      assertThat(child.err()).noneMatch(l -> l.contains("Exception") || l.contains("SLF4J(W)"));
    }
  }

  @Test
  void servicesWithoutAWorkerLogOnlyWarningsAndErrorsByDefault() throws Exception {
    List<String> cp = new ArrayList<>(classPathWithout("test-classes"));
    cp.add(classesOf(EmbeddedTree.class).toString());
    try (ChildJvm child = ChildJvm.start(String.join(File.pathSeparator, cp), EmbeddedTree.class)) {
      child.awaitOut("done"::equals);
      assertThat(child.awaitExit()).isZero();
      List<String> all = new ArrayList<>(child.out());
      all.addAll(child.err());
      assertThat(all).noneMatch(l -> l.contains("Starting...") || l.contains("Stopping..."));
      assertThat(all).anyMatch(l -> l.contains("ERROR") && l.contains("disk full"));
    }
  }
}
