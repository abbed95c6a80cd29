package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InspectOptionsTest {

  @Test
  void aQueueCapacityOutsideItsRangeIsRefusedNamingTheValue() {
    InspectOptions options = InspectOptions.defaults("App");

    assertThatThrownBy(() -> options.withQueueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queueCapacity must be between 1 and 268435456, was 0");
    assertThatThrownBy(() -> options.withQueueCapacity(1 << 29))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queueCapacity must be between 1 and 268435456, was 536870912");
    assertThat(options.withQueueCapacity(1 << 28).queueCapacity()).isEqualTo(1 << 28);
  }

  @Test
  void maxClientsBelowOneIsRefusedNamingTheValue() {
    assertThatThrownBy(() -> InspectOptions.defaults("App").withMaxClients(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxClients must be at least 1, was 0");
  }
}
