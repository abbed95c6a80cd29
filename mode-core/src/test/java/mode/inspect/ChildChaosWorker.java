package mode.inspect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mode.State;
import mode.chaos.ChaosWorkerSide;
import mode.chaos.Picture;

/**
 * The worker side of a chaos run in a child JVM ({@link ChaosWorkerMain}), so that the worker has
 * its own heap, threads and collector, as in production, and the clients of the run cannot slow it
 * except through the sockets.
 */
public final class ChildChaosWorker implements ChaosWorkerSide {

  private final Process process;
  private final BufferedReader answers;
  private final Writer commands;
  private final Descriptor descriptor;

  /** Starts the child with the same class path and waits until its agent listens. */
  public ChildChaosWorker(long seed, int size, int queueCapacity, Path folder, List<String> jvmOptions) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChaosWorkerMain.class.getName(),
        Long.toString(seed), Integer.toString(size), Integer.toString(queueCapacity), folder.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    process = builder.start();
    answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String[] ready = expect("ready", 7);
    descriptor = new Descriptor(Integer.parseInt(ready[1]), Long.parseLong(ready[2]), "Chaos", "",
        Instant.now(), ready[3], ready[4], Integer.valueOf(ready[5]), ready[6]);
  }

  private String[] ask(String command, String answer, int fields) throws IOException {
    commands.write(command + "\n");
    commands.flush();
    return expect(answer, fields);
  }

  private String[] expect(String answer, int fields) throws IOException {
    String line = answers.readLine();
    if (line == null) {
      throw new IOException("the chaos worker ended (exit code " + waitForExit() + ")");
    }
    String[] words = line.split("\t", fields);
    if (!words[0].equals(answer)) {
      throw new IOException("the chaos worker answered '" + line + "', expected " + answer);
    }
    return words;
  }

  private int waitForExit() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public Descriptor descriptor() {
    return descriptor;
  }

  @Override
  public void churn(int ops) throws IOException {
    ask("churn " + ops, "ok", 1);
  }

  @Override
  public void rest() throws IOException {
    ask("rest", "ok", 1);
  }

  @Override
  public long mark(long k) throws IOException {
    return Long.parseLong(ask("mark " + k, "marked", 2)[1]);
  }

  @Override
  public boolean changedSinceMark() throws IOException {
    return Boolean.parseBoolean(ask("changed", "changed", 2)[1]);
  }

  @Override
  public Map<Long, Picture.Node> truth() throws IOException {
    String[] words = ask("truth", "truth", -1);
    Map<Long, Picture.Node> nodes = new TreeMap<>();
    for (String service : Arrays.asList(words).subList(1, words.length)) {
      String[] f = service.split(" ", -1);
      List<Long> deps = f[4].isEmpty() ? List.of() : Arrays.stream(f[4].split(",")).map(Long::valueOf).toList();
      nodes.put(Long.valueOf(f[0]), new Picture.Node(Long.parseLong(f[0]), f[1], State.valueOf(f[2]),
          Integer.parseInt(f[3]), deps));
    }
    return nodes;
  }

  @Override
  public int refused() throws IOException {
    return Integer.parseInt(ask("refused", "refused", 2)[1]);
  }

  @Override
  public void close() throws IOException {
    try {
      commands.write("quit\n");
      commands.flush();
    } catch (IOException gone) {
      // Already ended.
    }
    waitForExit();
  }
}
