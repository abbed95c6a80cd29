package mode.inspector.viewmodel;

import static mode.inspector.model.Streams.at;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeWindowTest {
  private final TimeWindow window = new TimeWindow(at(1000), at(2000));

  @Test
  void zoomingKeepsTheAnchorWhereItIs() {
    assertThat(window.zoom(2, 0.5, at(0), at(10_000))).isEqualTo(new TimeWindow(at(1250), at(1750)));
    assertThat(window.zoom(2, 0, at(0), at(10_000))).isEqualTo(new TimeWindow(at(1000), at(1500)));
    assertThat(window.zoom(0.5, 1, at(0), at(10_000))).isEqualTo(new TimeWindow(at(0), at(2000)));
  }

  @Test
  void zoomStopsAtTenMillisecondsAndAtTheWholeSession() {
    assertThat(window.zoom(1_000, 0, at(0), at(10_000)).millis()).isEqualTo(TimeWindow.MIN_MILLIS);
    assertThat(window.zoom(0.01, 0.5, at(500), at(3000))).isEqualTo(new TimeWindow(at(500), at(3000)));
  }

  @Test
  void scrollingStaysWithinTheSession() {
    assertThat(window.scroll(0.5, at(0), at(10_000))).isEqualTo(new TimeWindow(at(1500), at(2500)));
    assertThat(window.scroll(-5, at(0), at(10_000))).isEqualTo(new TimeWindow(at(0), at(1000)));
    assertThat(window.scroll(50, at(0), at(10_000))).isEqualTo(new TimeWindow(at(9000), at(10_000)));
  }

  @Test
  void fractionsAndMomentsAreInverse() {
    assertThat(window.at(0.25)).isEqualTo(at(1250));
    assertThat(window.fraction(at(1750))).isEqualTo(0.75);
    assertThat(window.followsEnd(at(2000))).isTrue();
    assertThat(window.followsEnd(at(2001))).isFalse();
  }
}
