package mode.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.inspect.Frame;
import mode.inspect.InspectMessage;
import mode.inspect.MessageCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the protocol codec, which bounds the agent's event throughput: encoding and decoding one
 * {@code transition} line (decoding from text and from bytes), and encoding and decoding a {@code
 * snapshot} of 1,000 services.
 *
 * <p>Run: {@code bin/bench codec} (JMH options may follow, e.g. {@code -f 2 -i 10}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class CodecBench {
  private static final Instant AT = Instant.parse("2026-11-28T05:12:15.084Z");

  private Frame transition;
  private String transitionLine;
  private byte[] transitionBytes;
  private Frame snapshot;
  private byte[] snapshotBytes;

  /** Builds the frames and the line once. */
  @Setup
  public void setUp() {
    transition = new Frame(7, AT, new InspectMessage.Event(
        new ServiceEvent.Transition(AT, 3, mode.State.STARTING, mode.State.RUNNING, 0, null, null)));
    transitionLine = MessageCodec.encode(transition);
    transitionBytes = transitionLine.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<ServiceInfo> services = new ArrayList<>();
    for (long id = 1; id <= 1000; id++) {
      services.add(new ServiceInfo(id, "Node", "Node", "demo.Node", mode.State.RUNNING, id == 1 ? null : id / 10,
          List.of(), AT, AT, Duration.ofMillis(3), null, 0, null, null, List.of()));
    }
    snapshot = new Frame(2, AT, new InspectMessage.Event(new ServiceEvent.Snapshot(AT, services)));
    snapshotBytes = MessageCodec.encode(snapshot).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** One transition frame to its line. */
  @Benchmark
  public String encodeTransition() {
    return MessageCodec.encode(transition);
  }

  /** One transition line to its frame. */
  @Benchmark
  public Frame decodeTransition() {
    return MessageCodec.decode(transitionLine);
  }

  /** One transition line, as the bytes a client reads, to its frame. */
  @Benchmark
  public Frame decodeTransitionBytes() {
    return MessageCodec.decode(transitionBytes, 0, transitionBytes.length);
  }

  /** A snapshot of 1,000 services to its line. */
  @Benchmark
  public String encodeSnapshot1000() {
    return MessageCodec.encode(snapshot);
  }

  /** The line of a snapshot of 1,000 services, as bytes, to its frame. */
  @Benchmark
  public Frame decodeSnapshot1000() {
    return MessageCodec.decode(snapshotBytes, 0, snapshotBytes.length);
  }
}
