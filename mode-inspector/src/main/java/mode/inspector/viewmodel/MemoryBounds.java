package mode.inspector.viewmodel;

import mode.inspector.model.Recording;
import mode.inspector.model.ServiceGraph;

/**
 * How much of a session the inspector keeps in memory, so that a worker attached for hours
 * cannot fill its heap: the recording's capacity in events and its byte budget (older events
 * are folded into its base snapshot, see {@link Recording}), and the newest transitions and log
 * events kept by the model, the timeline and the log list (older ones are discarded and counted).
 *
 * @param recordingCapacity the most events the recording keeps after its base snapshot
 * @param recordingBytes the recording's byte budget (estimated, see {@link Recording#estimatedBytes})
 * @param historyCapacity the most transitions kept (model history and timeline)
 * @param logCapacity the most log events kept (model and log list)
 */
public record MemoryBounds(int recordingCapacity, long recordingBytes, int historyCapacity, int logCapacity) {
  /**
   * The app's bounds. Measured with a graph of 10,000 services and every bound full: the kept
   * events take about 75 MB of heap after a collection (93 MB with a replayed moment on screen
   * as well), and the whole app about 155 MB, against about 95 MB with 25,000 transitions.
   */
  public static final MemoryBounds DEFAULT = new MemoryBounds(Recording.DEFAULT_CAPACITY,
      Recording.DEFAULT_BYTE_BUDGET, ServiceGraph.HISTORY_CAPACITY, ServiceGraph.LOG_CAPACITY);

  /**
   * Checks the bounds.
   *
   * @throws IllegalArgumentException if a bound is not positive, naming it and its value
   */
  public MemoryBounds {
    require("recordingCapacity", recordingCapacity);
    require("recordingBytes", recordingBytes);
    require("historyCapacity", historyCapacity);
    require("logCapacity", logCapacity);
  }

  private static void require(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException("the memory bound " + name + " must be positive, got " + value);
    }
  }

  /** An empty recording within these bounds. */
  Recording newRecording() {
    return new Recording(recordingCapacity, recordingBytes);
  }
}
