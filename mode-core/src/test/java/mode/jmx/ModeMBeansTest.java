package mode.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.AttributeChangeNotification;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import mode.Service;
import mode.Worker;
import org.junit.jupiter.api.Test;

/** A Worker's services as MBeans of the platform MBean server. */
class ModeMBeansTest {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  static final class Leaf extends Service {
    private final String name;

    Leaf(String name) {
      this.name = name;
    }

    @Override
    public String label() {
      return name;
    }
  }

  private static Worker worker(Service... services) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    return Worker.builder(services).handleSignals(false).overrideLogging(false)
        .stdout(new PrintStream(sink, true, StandardCharsets.UTF_8))
        .stderr(new PrintStream(sink, true, StandardCharsets.UTF_8)).build();
  }

  private Set<ObjectName> namesOf(Service s) throws Exception {
    return server.queryNames(new ObjectName("mode:*,id=" + s.id()), null);
  }

  @Test
  void servicesAreMBeansWithOperationsNotificationsAndRunTimeRegistration() throws Exception {
    Leaf app = new Leaf("App");
    Leaf web = app.addDependency(new Leaf("Web, \"front\""));
    Worker worker = worker(app);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread run = Thread.ofVirtual().start(() -> exit.set(worker.execute("--no-inspect")));
    ObjectName webName = ModeMBeans.serviceName(web);
    await().until(() -> server.isRegistered(webName)
        && server.getAttribute(webName, "State").equals("RUNNING"));

    assertThat(webName.toString()).isEqualTo("mode:type=Service,name=\"Web, \\\"front\\\"\",id=" + web.id());
    assertThat(ObjectName.unquote(webName.getKeyProperty("name"))).isEqualTo("Web, \"front\"");
    ServiceMXBean proxy = JMX.newMXBeanProxy(server, webName, ServiceMXBean.class);
    assertThat(proxy.getServiceClass()).isEqualTo(Leaf.class.getName());
    assertThat(proxy.getLastStartMillis()).isGreaterThanOrEqualTo(0);
    assertThat(proxy.getLastStopMillis()).isEqualTo(-1);
    WorkerMXBean workerBean = JMX.newMXBeanProxy(server,
        server.queryNames(new ObjectName("mode:type=Worker,id=" + worker.id() + ",*"), null).iterator().next(),
        WorkerMXBean.class);
    assertThat(workerBean.getServiceCount()).isEqualTo(3);
    assertThat(workerBean.getPid()).isEqualTo(ProcessHandle.current().pid());

    List<String> seen = new CopyOnWriteArrayList<>();
    server.addNotificationListener(webName, (n, handback) -> {
      AttributeChangeNotification c = (AttributeChangeNotification) n;
      seen.add(c.getSource() + " " + c.getOldValue() + "->" + c.getNewValue());
    }, null, null);
    server.invoke(webName, "restart", new Object[0], new String[0]);
    await().until(() -> seen.size() == 5);
    assertThat(seen).containsExactly(webName + " RUNNING->STOPPING", webName + " STOPPING->SHUTDOWN",
        webName + " SHUTDOWN->INIT", webName + " INIT->STARTING", webName + " STARTING->RUNNING");
    assertThat(proxy.getRestartCount()).isEqualTo(1);
    await().until(() -> proxy.getLastStopMillis() >= 0);

    Leaf late = app.addRuntimeDependency(new Leaf("Late"));
    await().until(() -> server.isRegistered(ModeMBeans.serviceName(late)));
    app.removeDependency(late);
    await().until(() -> !server.isRegistered(ModeMBeans.serviceName(late)));

    worker.requestStop();
    run.join();
    assertThat(exit.get()).isZero();
    assertThat(namesOf(app)).isEmpty();
    assertThat(namesOf(web)).isEmpty();
    assertThat(namesOf(worker)).isEmpty();
  }

  @Test
  void noJmxRegistersNothing() throws Exception {
    Leaf quiet = new Leaf("Quiet");
    Worker worker = worker(quiet);
    AtomicInteger seenRunning = new AtomicInteger();
    Thread run = Thread.ofVirtual().start(() -> worker.execute("--no-inspect", "--no-jmx"));
    await().until(() -> quiet.state() == mode.State.RUNNING);
    seenRunning.set(namesOf(quiet).size() + namesOf(worker).size());
    worker.requestStop();
    run.join();
    assertThat(seenRunning.get()).isZero();
  }
}
