package mode.chaos;

import java.util.Map;
import mode.inspect.Descriptor;

/**
 * The worker side of a chaos run: a {@link ChaosTree} with an inspect agent, in this JVM or in a
 * child. The run's driver calls it from one thread.
 */
public interface ChaosWorkerSide extends AutoCloseable {

  /** Where clients attach (the agent's descriptor, with a TCP address and token). */
  Descriptor descriptor();

  /** Runs {@code ops} random operations on the tree. */
  void churn(int ops) throws Exception;

  /** Stops the timers and waits until nothing changed between two looks and nothing is starting or stopping. */
  void rest() throws Exception;

  /**
   * Puts marker {@code k} into the stream (a log event every subscription sees) and returns how
   * many events, the marker included, a subscription that never drops has received since the run
   * began.
   */
  long mark(long k) throws Exception;

  /** Whether anything changed in the runtime since the last {@link #mark}. */
  boolean changedSinceMark() throws Exception;

  /** The worker's own picture now (a fresh snapshot). */
  Map<Long, Picture.Node> truth() throws Exception;

  /** Operations the runtime refused so far. */
  int refused() throws Exception;
}
