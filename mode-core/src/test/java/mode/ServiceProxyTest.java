package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import mode.supervisors.OneForOneSupervisor;
import org.junit.jupiter.api.Test;

class ServiceProxyTest {
  final List<String> history = new CopyOnWriteArrayList<>();

  @Test
  void theTargetIsMadeAtTheFirstStartAndFollowsTheProxysLifecycle() {
    AtomicReference<Recorder> made = new AtomicReference<>();
    ServiceProxy proxy = new ServiceProxy(() -> {
      history.add("target made");
      made.set(new Recorder("db", history));
      return made.get();
    });
    Recorder app = new Recorder("app", history);
    app.addDependency(proxy);
    assertThat(proxy.target()).isNull();

    app.start();
    proxy.restart();
    app.stop();

    assertThat(proxy.target()).isSameAs(made.get());
    assertThat(proxy.dependencies()).containsExactly(made.get());
    assertThat(history).containsExactly(
        "app.onFirstStart", "app.onStart",
        "target made", "db.onFirstStart", "db.onStart", "db.onStarted",
        "app.onStarted",
        "db.onStop", "db.onShutdown", "db.onStart", "db.onStarted",
        "app.onStop", "db.onStop", "db.onShutdown", "app.onShutdown");
    assertThat(List.of(proxy.state(), made.get().state(), made.get().restartCount()))
        .containsExactly(State.SHUTDOWN, State.SHUTDOWN, 1);
  }

  @Test
  void aProxyWhoseTargetCrashesCrashesWithTheSameReason() {
    Recorder db = new Recorder("db", history);
    ServiceProxy proxy = new ServiceProxy(() -> db);
    proxy.start();
    IllegalStateException reason = new IllegalStateException("connection lost");

    db.crash(reason);

    assertThat(proxy.state()).isEqualTo(State.CRASHED);
    assertThat(proxy.crashReason()).isSameAs(reason);
    proxy.stop();
    assertThat(List.of(proxy.state(), db.state())).containsOnly(State.SHUTDOWN);
  }

  @Test
  void aSupervisedProxyIsRestartedWithItsTargetWhenTheTargetCrashes() {
    Recorder db = new Recorder("db", history);
    ServiceProxy proxy = new ServiceProxy(() -> db);
    OneForOneSupervisor supervisor = new OneForOneSupervisor();
    supervisor.add(proxy);
    supervisor.start();

    db.crash(new IllegalStateException("connection lost"));

    await().until(() -> proxy.restartCount() == 1 && proxy.state() == State.RUNNING);
    assertThat(db.state()).isEqualTo(State.RUNNING);
    assertThat(db.restartCount()).isEqualTo(1);
    supervisor.stop();
  }

  @Test
  void aTargetSupplierThatReturnsNullFailsTheStartNamingTheProxy() {
    ServiceProxy proxy = new ServiceProxy(() -> null);

    assertThatThrownBy(proxy::start)
        .isInstanceOf(ServiceException.class)
        .hasMessage("Service ServiceProxy failed to start: onInitDependencies threw"
            + " java.lang.IllegalStateException: The target supplier of ServiceProxy returned null");
    assertThat(proxy.state()).isEqualTo(State.CRASHED);
  }

  @Test
  void aSubclassMayMakeItsTargetFromItsOwnFields() {
    class CacheProxy extends ServiceProxy {
      final String name = "cache";

      @Override
      protected Service createTarget() {
        return new Recorder(name, history);
      }
    }
    CacheProxy proxy = new CacheProxy();

    proxy.start();
    proxy.stop();

    assertThat(proxy.label()).isEqualTo("CacheProxy");
    assertThat(history).containsExactly(
        "cache.onFirstStart", "cache.onStart", "cache.onStarted", "cache.onStop", "cache.onShutdown");
  }
}
