package mode.worker;

import static org.assertj.core.api.Assertions.assertThat;

import mode.Service;
import org.junit.jupiter.api.Test;

class ServiceTreeDumpTest {
  static final class App extends Service {}

  static final class Web extends Service {}

  static final class Db extends Service {}

  @Test
  void everyServiceIsIndentedByDepthWithItsState() {
    App app = new App();
    Web web = app.addDependency(new Web());
    Db db = app.addDependency(new Db());
    web.addDependency(db);
    assertThat(ServiceTreeDump.of(app))
        .isEqualTo(
            """
            [^App] INIT
            [^-Web] INIT
            [^--Db] INIT
            [^-Db] INIT (see above)
            """);
  }

  @Test
  void setDiagnosticFlagsFollowTheStateByName() {
    App app = new App();
    app.addDependency(new Web());
    app.diag().set("REBALANCING");
    app.diag().set("FLUSHING");
    String flushing = app.diag().flags().get("FLUSHING").toString();
    String rebalancing = app.diag().flags().get("REBALANCING").toString();

    assertThat(ServiceTreeDump.of(app)).isEqualTo(
        "[^App] INIT FLUSHING (since " + flushing + ") REBALANCING (since " + rebalancing + ")\n[^-Web] INIT\n");
  }

  @Test
  void statesAreReadWhenDumped() {
    App app = new App();
    app.addDependency(new Web());
    app.start();
    try {
      assertThat(ServiceTreeDump.of(app)).isEqualTo("[^App] RUNNING\n[^-Web] RUNNING\n");
    } finally {
      app.stop();
    }
    assertThat(ServiceTreeDump.of(app)).isEqualTo("[^App] SHUTDOWN\n[^-Web] SHUTDOWN\n");
  }
}
