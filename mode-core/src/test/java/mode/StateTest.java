package mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class StateTest {

  @Test
  void onlyShutdownAndCrashedAreTerminal() {
    assertThat(EnumSet.allOf(State.class).stream().filter(State::isTerminal))
        .containsExactly(State.SHUTDOWN, State.CRASHED);
  }

  @Test
  void normalLifecycleIsLegalStepByStep() {
    assertThat(State.INIT.canMoveTo(State.STARTING)).isTrue();
    assertThat(State.STARTING.canMoveTo(State.RUNNING)).isTrue();
    assertThat(State.RUNNING.canMoveTo(State.STOPPING)).isTrue();
    assertThat(State.STOPPING.canMoveTo(State.SHUTDOWN)).isTrue();
    assertThat(State.SHUTDOWN.canMoveTo(State.STARTING)).isTrue();
  }

  @Test
  void skippingStepsIsIllegal() {
    assertThat(State.INIT.canMoveTo(State.RUNNING)).isFalse();
    assertThat(State.RUNNING.canMoveTo(State.SHUTDOWN)).isFalse();
    assertThat(State.SHUTDOWN.canMoveTo(State.RUNNING)).isFalse();
    assertThat(State.RUNNING.canMoveTo(State.RUNNING)).isFalse();
  }

  @Test
  void everyStateCanCrashOrRecoverFromACrash() {
    for (State s : EnumSet.of(State.INIT, State.STARTING, State.RUNNING, State.STOPPING)) {
      assertThat(s.canMoveTo(State.CRASHED)).as(s.name()).isTrue();
    }
    assertThat(State.CRASHED.successors())
        .containsExactlyInAnyOrder(State.STOPPING, State.STARTING, State.INIT);
  }

  @Test
  void canMoveToAgreesWithSuccessorsForEveryPair() {
    StringBuilder table = new StringBuilder();
    for (State from : State.values()) {
      for (State to : State.values()) {
        assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(from.successors().contains(to));
        if (from.canMoveTo(to)) {
          table.append(from).append('>').append(to).append(' ');
        }
      }
    }
    assertThat(table.toString().trim()).isEqualTo(
        "INIT>STARTING INIT>STOPPING INIT>CRASHED STARTING>RUNNING STARTING>STOPPING STARTING>CRASHED"
            + " RUNNING>STOPPING RUNNING>CRASHED STOPPING>SHUTDOWN STOPPING>CRASHED SHUTDOWN>INIT"
            + " SHUTDOWN>STARTING CRASHED>INIT CRASHED>STARTING CRASHED>STOPPING");
  }
}
