package mode.worker;

import mode.Worker;
import mode.jfr.ModeFlightRecorder;
import picocli.CommandLine.ParseResult;

/**
 * Puts every worker's tree into JDK Flight Recorder recordings (see {@link ModeFlightRecorder}):
 * nothing is written and nothing subscribes while no recording runs, so it has no option to turn
 * it off.
 */
public final class FlightRecorderExtension implements WorkerExtension {

  /** Found by {@link java.util.ServiceLoader}. */
  public FlightRecorderExtension() {}

  @Override
  public AutoCloseable start(Worker worker, ParseResult options) {
    return ModeFlightRecorder.watch(worker);
  }
}
