package mode.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * One service of a watched tree ({@code mode.ServiceNode}), written when a watch begins to follow
 * a recording, at the beginning and end of every chunk, and when the watch closes, so that any
 * {@code .jfr} file holds the structure and not only the changes. The services of one tree at one moment share a {@link #snapshotId}; the root has
 * {@code parentId} -1.
 */
@Name("mode.ServiceNode")
@Label("Service Node")
@Category("mode")
@Description("A service of a mode tree with its state and its dependencies, at every chunk")
@StackTrace(false)
@Period("everyChunk")
public final class ServiceNodeEvent extends jdk.jfr.Event {
  /** Shared by the services of one tree written at one moment. */
  @Label("Snapshot Id")
  public long snapshotId;

  /** The service's id. */
  @Label("Service Id")
  public long serviceId;

  /** The id of the service it was reached from, or -1 for the root. */
  @Label("Parent Id")
  public long parentId;

  /** The distance from the root (the root is 0). */
  @Label("Depth")
  public int depth;

  /** The service's label. */
  @Label("Label")
  public String label;

  /** The service's fully qualified class name. */
  @Label("Service Class")
  public String serviceClass;

  /** The state at the moment. */
  @Label("State")
  public String state;

  /** How many times it was restarted. */
  @Label("Restart Count")
  public int restartCount;

  /** The crash reason when CRASHED, else null. */
  @Label("Crash Reason")
  public String crashReason;

  /** The ids of its dependencies in insertion order, separated by commas. */
  @Label("Dependencies")
  public String dependencies;

  /** An event to fill and commit. */
  public ServiceNodeEvent() {}
}
