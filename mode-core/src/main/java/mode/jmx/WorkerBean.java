package mode.jmx;

import java.util.function.IntSupplier;
import mode.Worker;

/** The MBean of a Worker. */
final class WorkerBean implements WorkerMXBean {
  private final Worker worker;
  private final IntSupplier serviceCount;

  WorkerBean(Worker worker, IntSupplier serviceCount) {
    this.worker = worker;
    this.serviceCount = serviceCount;
  }

  @Override
  public String getLabel() {
    return worker.label();
  }

  @Override
  public String getState() {
    return worker.state().name();
  }

  @Override
  public int getServiceCount() {
    return serviceCount.getAsInt();
  }

  @Override
  public long getPid() {
    return ProcessHandle.current().pid();
  }

  @Override
  public void requestStop() {
    worker.requestStop();
  }
}
