package mode.inspect;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import mode.chaos.Picture;

/**
 * The worker side of a chaos run as a child JVM ({@link ChildChaosWorker} drives it): builds a
 * {@link LocalChaosWorker} from its arguments ({@code seed size queueCapacity folder}), prints
 * {@code ready} with its agent's address, then answers one line per command read from standard
 * input: {@code churn N}, {@code rest}, {@code mark K}, {@code changed}, {@code truth},
 * {@code refused}, {@code quit}. Logging is off, so that standard output carries only answers.
 */
public final class ChaosWorkerMain {

  private ChaosWorkerMain() {}

  /** Runs until {@code quit} or the end of standard input. */
  public static void main(String[] args) throws Exception {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(ch.qos.logback.classic.Level.OFF);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (LocalChaosWorker worker = new LocalChaosWorker(new Random(Long.parseLong(args[0])),
        Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]))) {
      Descriptor d = worker.descriptor();
      out.println("ready\t" + d.protocol() + "\t" + d.pid() + "\t" + d.socket() + "\t" + d.tcpHost() + "\t"
          + d.tcpPort() + "\t" + d.token());
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
        String[] w = line.split(" ");
        out.println(switch (w[0]) {
          case "churn" -> {
            worker.churn(Integer.parseInt(w[1]));
            yield "ok";
          }
          case "rest" -> {
            worker.rest();
            yield "ok";
          }
          case "mark" -> "marked\t" + worker.mark(Long.parseLong(w[1]));
          case "changed" -> "changed\t" + worker.changedSinceMark();
          case "truth" -> "truth\t" + encode(worker.truth());
          case "refused" -> "refused\t" + worker.refused();
          default -> "unknown command " + line;
        });
      }
    }
  }

  /** The picture on one line: services separated by tabs, fields by spaces, dependencies by commas. */
  static String encode(Map<Long, Picture.Node> nodes) {
    return nodes.values().stream()
        .map(n -> n.id() + " " + n.label() + " " + n.state() + " " + n.restartCount() + " "
            + n.dependencies().stream().map(String::valueOf).collect(Collectors.joining(",")))
        .collect(Collectors.joining("\t"));
  }
}
