package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker in a child JVM with the JDK's JMX agent on loopback and password authentication, as
 * the JDK documents it; the test is a remote JMX client.
 */
class RemoteJmxTest {
  @TempDir Path dir;

  private List<String> agentOptions(int port) throws Exception {
    Path passwords = dir.resolve("jmxremote.password");
    Files.writeString(passwords, "modeadmin s3cret-Adm\nmodemon s3cret-Mon\n");
    // The JVM refuses to start when others may read the password file.
    Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
    Path access = dir.resolve("jmxremote.access");
    Files.writeString(access, "modeadmin readwrite\nmodemon readonly\n");
    String p = "-Dcom.sun.management.jmxremote.";
    return List.of(p + "port=" + port, p + "rmi.port=" + port, p + "host=127.0.0.1",
        p + "authenticate=true", p + "ssl=false", p + "password.file=" + passwords,
        p + "access.file=" + access);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static JMXConnector connect(int port, String user, String password) throws Exception {
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
  }

  @Test
  void aRemoteClientRestartsAServiceAndReceivesItsTransitions() throws Exception {
    int port = freePort();
    try (ChildJvm child = ChildJvm.start(agentOptions(port), System.getProperty("java.class.path"),
        WorkerFixture.class, "steady", "--no-inspect")) {
      child.awaitOut("ready"::equals); // the agent listens before main runs
      try (JMXConnector admin = connect(port, "modeadmin", "s3cret-Adm")) {
        restartRemotely(admin.getMBeanServerConnection(), port);
      }
      child.signal("TERM");
      assertThat(child.awaitExit()).isZero();
    }
  }

  private static void restartRemotely(MBeanServerConnection server, int port) throws Exception {
    // Labels are always quoted in names, so a query quotes them too.
    ObjectName pattern = new ObjectName("mode:type=Service,name=" + ObjectName.quote("Steady") + ",*");
    await().until(() -> !server.queryNames(pattern, null).isEmpty());
    Set<ObjectName> names = server.queryNames(pattern, null);
    ObjectName steady = names.iterator().next();
    assertThat(server.getAttribute(steady, "State")).isEqualTo("RUNNING");
    assertThat(server.queryNames(new ObjectName("mode:type=Worker,*"), null)).hasSize(1);

    List<String> seen = new CopyOnWriteArrayList<>();
    server.addNotificationListener(steady, (n, handback) -> {
      AttributeChangeNotification c = (AttributeChangeNotification) n;
      seen.add(c.getSource() + " " + c.getOldValue() + "->" + c.getNewValue());
    }, null, null);
    server.invoke(steady, "restart", new Object[0], new String[0]);
    await().until(() -> seen.size() == 5);
    assertThat(seen).containsExactly(steady + " RUNNING->STOPPING", steady + " STOPPING->SHUTDOWN",
        steady + " SHUTDOWN->INIT", steady + " INIT->STARTING", steady + " STARTING->RUNNING");
    assertThat(server.getAttribute(steady, "RestartCount")).isEqualTo(1);

    try (JMXConnector monitor = connect(port, "modemon", "s3cret-Mon")) {
      MBeanServerConnection readOnly = monitor.getMBeanServerConnection();
      assertThat(readOnly.getAttribute(steady, "State")).isEqualTo("RUNNING");
      assertThatThrownBy(() -> readOnly.invoke(steady, "stop", new Object[0], new String[0]))
          .isInstanceOf(SecurityException.class).hasMessageContaining("Access denied");
    }
    assertThatThrownBy(() -> connect(port, "modeadmin", "wrong"))
        .isInstanceOf(SecurityException.class).hasMessageContaining("Authentication failed");
  }
}
