package mode.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mode.inspect.InspectDirectory;
import mode.inspect.cli.InspectCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * mode-core used by its coordinates: {@code examples/embed}, an application outside this build
 * whose pom names only {@code mode-core}, is built by Maven against a fresh local repository that
 * holds just the mode-core artifacts this build made (everything else is read from the build's
 * own local repository, unchanged). Then it runs in child JVMs on the class path and as a named
 * module, and {@code mode-inspect} attaches to each: {@code list} and {@code export-dot}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbedExampleIT {
  @TempDir static Path tmp;
  Path example;

  @BeforeAll
  void buildTheExampleAgainstTheInstalledArtifacts() throws Exception {
    String root = System.getProperty("mode.project.root");
    assumeTrue(root != null, "runs in mode-core's integration-test phase, after the jar is built");
    Path project = Path.of(root);
    String version = System.getProperty("mode.project.version");
    Path repo = tmp.resolve("repo");
    install(project.resolve("pom.xml"), repo, "mode-parent", version, ".pom");
    install(project.resolve("mode-core/pom.xml"), repo, "mode-core", version, ".pom");
    install(Path.of(System.getProperty("mode.core.jar")), repo, "mode-core", version, ".jar");
    example = tmp.resolve("embed");
    copyTree(project.resolve("examples/embed"), example);

    List<String> mvn = new ArrayList<>(List.of(project.resolve("mvnw").toString(), "-B", "-ntp", "-q",
        "-f", example.resolve("pom.xml").toString(),
        "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + System.getProperty("mode.local.repository"),
        "-Dmode.version=" + version, "package"));
    ProcessBuilder builder = new ProcessBuilder(mvn).directory(example.toFile()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("maven.log").toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process maven = builder.start();
    assertThat(maven.waitFor(15, TimeUnit.MINUTES)).isTrue();
    assertThat(maven.exitValue()).as(() -> read(tmp.resolve("maven.log"))).isZero();
  }

  @Test
  void onTheClassPathItRunsAndIsAttached() throws Exception {
    runAndAttach("class-path", "class path", "-cp", example.resolve("target/classes") + ":" + example.resolve("target/lib/*"),
        "example.embed.Shop");
  }

  @Test
  void asANamedModuleItRunsAndIsAttached() throws Exception {
    runAndAttach("module", "module mode.example.embed",
        "-p", example.resolve("target/lib") + ":" + example.resolve("target/mode-embed-example-1.0.jar"),
        "-m", "mode.example.embed/example.embed.Shop");
  }

  private void runAndAttach(String name, String module, String... launch) throws Exception {
    Path dir = tmp.resolve("inspect-" + name);
    Path log = tmp.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-D" + InspectDirectory.DIRECTORY_PROPERTY + "=" + dir));
    command.addAll(List.of(launch));
    command.add("--loglevel=info");
    Process shop = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(120)).until(() -> Files.isDirectory(dir)
          && InspectDirectory.open(dir).workers().stream().anyMatch(d -> d.pid() == shop.pid())
          && read(log).contains("shop: ready"));
      assertThat(read(log)).contains("shop: ready (" + module + ")");

      String[] list = cli("list", "--dir", dir.toString());
      assertThat(list[0]).isEqualTo("0");
      assertThat(list[1]).containsPattern("(?m)^" + shop.pid() + " +App +\\S+ +4 +RUNNING$");

      String[] dot = cli("export-dot", "--dir", dir.toString(), "--pid", Long.toString(shop.pid()));
      assertThat(dot[0]).isEqualTo("0");
      assertThat(dot[1]).startsWith("digraph dependencies {\n")
          .contains("\"Worker\" -> \"App\"", "\"App\" -> \"Web\"", "\"App\" -> \"Cache\"");
    } finally {
      shop.destroy();
      assertThat(shop.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(shop.exitValue()).as(() -> read(log)).isZero();
  }

  /** Runs mode-inspect in this JVM: exit code, standard output. */
  private static String[] cli(String... args) {
    StringWriter out = new StringWriter();
    int code = InspectCli.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)).execute(args);
    return new String[] {Integer.toString(code), out.toString()};
  }

  /** Puts {@code file} where a Maven repository keeps io.github.modejava:artifact:version. */
  private static void install(Path file, Path repo, String artifact, String version, String extension) throws IOException {
    Path folder = Files.createDirectories(repo.resolve("io/github/modejava").resolve(artifact).resolve(version));
    Files.copy(file, folder.resolve(artifact + "-" + version + extension), StandardCopyOption.REPLACE_EXISTING);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
