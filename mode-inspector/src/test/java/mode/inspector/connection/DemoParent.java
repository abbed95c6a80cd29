package mode.inspector.connection;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for the inspector in its own JVM: starts the demo worker with the inspect folder given
 * as the first argument, prints {@code DEMO <pid>} and waits until it is killed, without ever
 * closing the demo.
 */
final class DemoParent {
  private DemoParent() {}

  public static void main(String[] args) throws Exception {
    DemoProcess demo = DemoProcess.start(Path.of(args[0]));
    System.out.println("DEMO " + demo.pid());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
