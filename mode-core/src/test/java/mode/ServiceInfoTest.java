package mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mode.events.ServiceInfo;
import mode.internal.ServiceAccess;
import org.junit.jupiter.api.Test;

class ServiceInfoTest {
  final List<String> history = new CopyOnWriteArrayList<>();

  @Test
  void infoOfANewServiceHasOnlyItsIdentity() {
    Recorder s = new Recorder("s", history);
    ServiceInfo info = ServiceAccess.info(s);

    assertThat(info.id()).isEqualTo(s.id());
    assertThat(info.label()).isEqualTo("s");
    assertThat(info.className()).isEqualTo(Recorder.class.getName());
    assertThat(info.state()).isEqualTo(State.INIT);
    assertThat(info.stateSince()).isBeforeOrEqualTo(Instant.now());
    assertThat(info.startedAt()).isNull();
    assertThat(info.startDuration()).isNull();
    assertThat(info.stopDuration()).isNull();
    assertThat(info.crashReason()).isNull();
    assertThat(info.restartCount()).isZero();
  }

  @Test
  void startAndStopRecordTheirTimesAndDurations() {
    Recorder s = new Recorder("s", history);
    s.start();
    ServiceInfo running = ServiceAccess.info(s);
    s.stop();
    ServiceInfo stopped = ServiceAccess.info(s);

    assertThat(running.state()).isEqualTo(State.RUNNING);
    assertThat(running.startedAt()).isEqualTo(running.stateSince());
    assertThat(running.startDuration()).isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(stopped.state()).isEqualTo(State.SHUTDOWN);
    assertThat(stopped.startedAt()).isEqualTo(running.startedAt());
    assertThat(stopped.stopDuration()).isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(stopped.stateSince()).isAfterOrEqualTo(running.stateSince());
  }

  @Test
  void aCrashReasonIsKeptAfterTheStopAndClearedByARestart() {
    Recorder s = new Recorder("s", history);
    s.start();
    s.crash(new IllegalStateException("boom"));
    s.stop();
    ServiceInfo afterStop = ServiceAccess.info(s);
    s.restart();
    ServiceInfo afterRestart = ServiceAccess.info(s);

    assertThat(afterStop.state()).isEqualTo(State.SHUTDOWN);
    assertThat(afterStop.crashReason()).isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(afterStop.crashStack()).startsWith("java.lang.IllegalStateException: boom");
    assertThat(afterRestart.crashReason()).isNull();
    assertThat(afterRestart.crashStack()).isNull();
    assertThat(afterRestart.restartCount()).isEqualTo(1);
    assertThat(afterRestart.state()).isEqualTo(State.RUNNING);
  }
}
