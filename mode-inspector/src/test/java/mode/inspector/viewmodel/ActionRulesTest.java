package mode.inspector.viewmodel;

import static mode.inspector.viewmodel.ActionRules.whyNot;
import static org.assertj.core.api.Assertions.assertThat;

import mode.State;
import mode.inspector.viewmodel.ActionRules.Action;
import mode.inspector.viewmodel.ActionRules.Situation;
import org.junit.jupiter.api.Test;

class ActionRulesTest {
  private static Situation live(State state) {
    return new Situation(true, null, "Cache", state, false);
  }

  @Test
  void nothingWorksWithoutAWorker() {
    Situation s = new Situation(false, null, "Cache", State.RUNNING, false);
    for (Action a : Action.values()) {
      assertThat(whyNot(a, s)).isEqualTo("Not attached to a worker");
    }
  }

  @Test
  void nothingWorksOnThePastAndTheReasonSaysWhichPast() {
    Situation s = new Situation(true, "Disconnected: last seen 13:47:29", "Cache", State.RUNNING, false);
    for (Action a : Action.values()) {
      assertThat(whyNot(a, s)).isEqualTo("Disconnected: last seen 13:47:29");
    }
  }

  @Test
  void oneCommandAtATime() {
    assertThat(whyNot(Action.STOP, new Situation(true, null, "Cache", State.RUNNING, true)))
        .isEqualTo("Waiting for the last command to finish");
  }

  @Test
  void serviceActionsNeedASelectionButTheThreadDumpDoesNot() {
    Situation none = new Situation(true, null, null, null, false);
    assertThat(whyNot(Action.START, none)).isEqualTo("Select a service first");
    assertThat(whyNot(Action.STOP, none)).isEqualTo("Select a service first");
    assertThat(whyNot(Action.RESTART, none)).isEqualTo("Select a service first");
    assertThat(whyNot(Action.THREAD_DUMP, none)).isNull();
  }

  @Test
  void liveStacksNeedASelectionButNotAnIdleConnection() {
    assertThat(whyNot(Action.LIVE_STACKS, new Situation(true, null, null, null, false))).isEqualTo("Select a service first");
    assertThat(whyNot(Action.LIVE_STACKS, new Situation(true, null, "Cache", State.STARTING, true))).isNull();
  }

  @Test
  void onlyANeverStartedServiceStarts() {
    assertThat(whyNot(Action.START, live(State.INIT))).isNull();
    assertThat(whyNot(Action.START, live(State.RUNNING))).isEqualTo("Cache is already running");
    assertThat(whyNot(Action.START, live(State.STARTING))).isEqualTo("Cache is already starting");
  }

  @Test
  void aStoppedOrCrashedServiceIsOfferedRestartInsteadOfStart() {
    assertThat(whyNot(Action.START, live(State.SHUTDOWN)))
        .isEqualTo("Cache is stopped: a stopped service starts again with Restart");
    assertThat(whyNot(Action.START, live(State.CRASHED)))
        .isEqualTo("Cache crashed: a crashed service starts again with Restart");
    assertThat(whyNot(Action.RESTART, live(State.SHUTDOWN))).isNull();
    assertThat(whyNot(Action.RESTART, live(State.CRASHED))).isNull();
  }

  @Test
  void stopOnlyWhatIsNotStoppedOrStopping() {
    assertThat(whyNot(Action.STOP, live(State.RUNNING))).isNull();
    assertThat(whyNot(Action.STOP, live(State.STARTING))).isNull();
    assertThat(whyNot(Action.STOP, live(State.CRASHED))).isNull();
    assertThat(whyNot(Action.STOP, live(State.STOPPING))).isEqualTo("Cache is already stopping");
    assertThat(whyNot(Action.STOP, live(State.SHUTDOWN))).isEqualTo("Cache is already stopped");
  }

  @Test
  void restartWaitsForAStartOrStopUnderWay() {
    assertThat(whyNot(Action.RESTART, live(State.RUNNING))).isNull();
    assertThat(whyNot(Action.RESTART, live(State.STARTING))).isEqualTo("Cache is starting: wait until it is running");
    assertThat(whyNot(Action.RESTART, live(State.STOPPING))).isEqualTo("Cache is stopping: wait until it is stopped");
  }
}
