package mode.chaos;

import java.util.List;
import java.util.Map;

/**
 * A client of a chaos run that is not a {@code ChaosClient}: the inspector's own connection and
 * model, say. It reads steadily; at each quiescent point it is asked to settle and show its picture.
 */
public interface ChaosObserver extends AutoCloseable {

  /** A short name for messages. */
  String name();

  /**
   * Waits until it has applied everything the worker emitted before this call (e.g. a command's
   * reply, which comes after the events queued before it, then its own hand-over), and returns
   * its picture.
   */
  Map<Long, Picture.Node> settle() throws Exception;

  /** Broken promises it saw. */
  List<String> violations();
}
