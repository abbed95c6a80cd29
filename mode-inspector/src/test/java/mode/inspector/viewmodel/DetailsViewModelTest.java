package mode.inspector.viewmodel;

import static mode.inspector.model.Streams.T0;
import static mode.inspector.model.Streams.appSnapshot;
import static mode.inspector.model.Streams.at;
import static mode.inspector.model.Streams.crash;
import static mode.inspector.model.Streams.info;
import static mode.inspector.model.Streams.move;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.inspector.connection.ConnectionStatus;
import mode.inspector.model.ServiceNode;
import mode.inspector.model.Texts;
import mode.inspector.model.TransitionRecord;
import mode.inspector.viewmodel.DetailsViewModel.TimerRow;
import org.junit.jupiter.api.Test;

/** The details' rules: timer rows read against the clock on screen, and the crash chosen. */
class DetailsViewModelTest {
  private static final Executor DIRECT = Runnable::run;
  private Instant now = at(10_000);
  private final InspectorViewModel vm = new InspectorViewModel(DIRECT, DIRECT, () -> now, () -> 1L);

  /** App(1) with Poller(2), whose 0.5 s timer "poll" ran 4 times, once failing. */
  private static ServiceEvent.Snapshot withPoller() {
    ServiceInfo poller = new ServiceInfo(2, "Poller", "Poller", "demo.Poller", State.RUNNING, 1L, List.of(), T0, T0,
        null, null, 0, null, null,
        List.of(new ServiceInfo.TimerInfo("poll", "timer", "0.5", 4, 0, 1, at(7_000), at(12_000)),
            new ServiceInfo.TimerInfo("nightly", "crontab", "0 2 * * *", 0, 0)));
    return new ServiceEvent.Snapshot(T0, List.of(info(1, "App", State.RUNNING, null, 2L), poller));
  }

  @Test
  void timerRowsTellUnitsCountsAndRunTimesRelativeToTheClock() {
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    vm.accept(List.of(withPoller()));
    vm.graph().select(2L);

    assertThat(vm.details().timerRows()).containsExactly(
        new TimerRow("poll", "timer", "every 0.5 s", 4, 1, 0, "3 s ago", "in 2 s"),
        new TimerRow("nightly", "crontab", "0 2 * * *", 0, 0, 0, "–", "–"));

    now = at(12_400);
    vm.tick();
    assertThat(vm.details().timerRows().getFirst())
        .extracting(TimerRow::lastRun, TimerRow::nextRun).containsExactly("5 s ago", "now");
    now = at(15_000);
    vm.tick();
    assertThat(vm.details().timerRows().getFirst().nextRun()).isEqualTo("overdue 3 s");
  }

  @Test
  void aFailedRunToldByStatsCountsAsARunAndAFailure() {
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    vm.accept(List.of(withPoller()));
    vm.graph().select(2L);

    vm.accept(List.of(new ServiceEvent.TimerStats(at(9_800), 2, "poll", 5, 0, 2, at(9_800), null),
        crash(9_800, 2, State.RUNNING, "java.io.IOException: broker gone")));

    TimerRow poll = vm.details().timerRows().getFirst();
    assertThat(poll).isEqualTo(new TimerRow("poll", "timer", "every 0.5 s", 5, 2, 0, "0.2 s ago", "–"));
  }

  @Test
  void runTimesFreezeWhileDisconnected() {
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    vm.accept(List.of(withPoller()));
    vm.graph().select(2L);
    vm.connection(ConnectionStatus.RECONNECTING, null, "Worker went away");

    now = now.plusSeconds(60);
    vm.tick();

    assertThat(vm.details().timerRows().getFirst())
        .extracting(TimerRow::lastRun, TimerRow::nextRun).containsExactly("3 s ago", "in 2 s");
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached again");
    assertThat(vm.details().timerRows().getFirst())
        .extracting(TimerRow::lastRun, TimerRow::nextRun).containsExactly("1 min ago", "overdue 58 s");
  }

  @Test
  void runTimesOfAReplayedMomentReadThatMoment() {
    vm.connection(ConnectionStatus.CONNECTED, "demo", "Attached");
    vm.accept(List.of(withPoller(), new ServiceEvent.TimerStats(at(9_000), 2, "poll", 5, 0, 1, at(9_000), at(9_500))));
    vm.graph().select(2L);

    vm.replayTo(at(8_500));
    now = now.plusSeconds(3600);
    vm.tick();

    // The timer as it was at 8.5 s (last run at 7 s, next at 12 s), read at 8.5 s.
    assertThat(vm.details().timerRows().getFirst())
        .extracting(TimerRow::runs, TimerRow::lastRun, TimerRow::nextRun).containsExactly(4L, "1 s ago", "in 3 s");
  }

  /** Three crashes of Cache (3), each with its own reason and stack, with restarts between them. */
  private List<ServiceEvent> threeCrashes() {
    List<ServiceEvent> events = new ArrayList<>(List.of(appSnapshot()));
    for (int i = 1; i <= 3; i++) {
      events.add(crash(i * 1_000L, 3, State.RUNNING, "java.io.IOException: disk " + i));
      events.add(move(i * 1_000L + 100, 3, State.CRASHED, State.INIT, i));
      events.add(move(i * 1_000L + 200, 3, State.INIT, State.STARTING, i));
      events.add(move(i * 1_000L + 300, 3, State.STARTING, State.RUNNING, i));
    }
    return events;
  }

  private TransitionRecord crashRecord(String reason) {
    return vm.history().stream().filter(t -> reason.equals(t.crashReason())).findFirst().orElseThrow();
  }

  @Test
  void anOlderCrashShowsItsOwnReasonAndStackUntilTheLatestIsAskedFor() {
    vm.accept(threeCrashes());
    vm.graph().select(3L);
    DetailsViewModel details = vm.details();
    assertThat(details.crashTitleProperty().get()).isEqualTo("Last crash");
    assertThat(details.crashProperty().get()).startsWith("java.io.IOException: disk 3");

    details.showCrash(crashRecord("java.io.IOException: disk 2"));

    assertThat(details.crashTitleProperty().get()).isEqualTo("Crash at " + Texts.time(at(2_000)) + " (2 of 3)");
    assertThat(details.crashProperty().get()).isEqualTo("java.io.IOException: disk 2  (at " + Texts.time(at(2_000)) + ")");
    assertThat(details.crashStackProperty().get()).startsWith("java.io.IOException: disk 2\n");
    assertThat(details.crashNoteProperty().get()).isEmpty();
    assertThat(details.olderCrashProperty().get()).isTrue();

    // The once-a-second refresh and new events keep the chosen crash.
    vm.tick();
    vm.accept(List.of(move(5_000, 3, State.RUNNING, State.STOPPING, 3)));
    assertThat(details.crashTitleProperty().get()).endsWith("(2 of 3)");

    details.showLatestCrash();
    assertThat(details.crashTitleProperty().get()).isEqualTo("Last crash");
    assertThat(details.crashStackProperty().get()).startsWith("java.io.IOException: disk 3\n");
    assertThat(details.olderCrashProperty().get()).isFalse();
  }

  @Test
  void anotherServiceOrTheLastCrashItselfShowsTheLastCrash() {
    vm.accept(threeCrashes());
    vm.graph().select(3L);
    DetailsViewModel details = vm.details();

    details.showCrash(crashRecord("java.io.IOException: disk 1"));
    vm.graph().select(2L);
    vm.graph().select(3L);
    assertThat(details.crashTitleProperty().get()).isEqualTo("Last crash");

    details.showCrash(crashRecord("java.io.IOException: disk 3"));
    assertThat(details.crashTitleProperty().get()).isEqualTo("Last crash");
    assertThat(details.olderCrashProperty().get()).isFalse();

    details.showCrash(vm.history().stream().filter(t -> t.to() == State.RUNNING && t.serviceId() == 3).findFirst().orElseThrow());
    assertThat(details.crashTitleProperty().get()).isEqualTo("Last crash");
  }

  @Test
  void aCrashWhoseStackIsNoLongerKeptShowsTheLatestStackAndSaysSo() {
    List<ServiceEvent> events = new ArrayList<>(List.of(appSnapshot()));
    int crashes = ServiceNode.CRASH_STACK_CAPACITY + 1;
    for (int i = 1; i <= crashes; i++) {
      events.add(crash(i * 1_000L, 3, State.RUNNING, "java.io.IOException: disk " + i));
      events.add(move(i * 1_000L + 100, 3, State.CRASHED, State.RUNNING, i));
    }
    vm.accept(events);
    vm.graph().select(3L);

    vm.details().showCrash(crashRecord("java.io.IOException: disk 1"));

    assertThat(vm.details().crashTitleProperty().get()).endsWith("(1 of " + crashes + ")");
    assertThat(vm.details().crashProperty().get()).startsWith("java.io.IOException: disk 1  (at ");
    assertThat(vm.details().crashStackProperty().get()).startsWith("java.io.IOException: disk " + crashes + "\n");
    assertThat(vm.details().crashNoteProperty().get()).isEqualTo(
        "Stack of the latest crash only: the inspector keeps the stacks of each service's newest 20 crashes");

    vm.details().showCrash(crashRecord("java.io.IOException: disk 2"));
    assertThat(vm.details().crashStackProperty().get()).startsWith("java.io.IOException: disk 2\n");
    assertThat(vm.details().crashNoteProperty().get()).isEmpty();
  }
}
