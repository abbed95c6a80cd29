package mode.inspector.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RingTest {
  private static Ring<Integer> ringOf(int capacity, int from, int to) {
    Ring<Integer> ring = new Ring<>(capacity);
    IntStream.rangeClosed(from, to).forEach(ring::append);
    return ring;
  }

  @Test
  void keepsTheNewestItemsAndCountsTheOlderOnesDiscarded() {
    Ring<Integer> ring = ringOf(40, 1, 100);

    assertThat(ring).containsExactlyElementsOf(IntStream.rangeClosed(61, 100).boxed().toList());
    assertThat(ring.discarded()).isEqualTo(60);
    assertThat(ring.total()).isEqualTo(100);
    assertThat(ring.isFull()).isTrue();
    assertThat(ring.get(0)).isEqualTo(61);
    assertThat(ring.getLast()).isEqualTo(100);
  }

  @Test
  void belowItsCapacityItKeepsEverythingAndDiscardsNothing() {
    Ring<Integer> ring = ringOf(1_000, 1, 37);

    assertThat(ring).containsExactlyElementsOf(IntStream.rangeClosed(1, 37).boxed().toList());
    assertThat(ring.discarded()).isZero();
    assertThat(ring.isFull()).isFalse();
  }

  @Test
  void removingTheOldestDoesNotCountAsDiscarded() {
    Ring<Integer> ring = ringOf(3, 1, 4);

    assertThat(ring.removeOldest()).isEqualTo(2);
    ring.append(5);
    ring.append(6);

    assertThat(ring).containsExactly(4, 5, 6);
    assertThat(ring.discarded()).isEqualTo(2);
    assertThatThrownBy(() -> new Ring<Integer>(2).removeOldest())
        .isInstanceOf(NoSuchElementException.class).hasMessage("the ring is empty");
  }

  @Test
  void aRingOfCapacityZeroKeepsNothingAndCountsEverything() {
    Ring<Integer> ring = ringOf(0, 1, 5);

    assertThat(ring).isEmpty();
    assertThat(ring.discarded()).isEqualTo(5);
    assertThat(ring.isFull()).isTrue();
  }

  @Test
  void aCopyIsIndependentAndCarriesTheDiscardedCount() {
    Ring<Integer> ring = ringOf(3, 1, 5);
    Ring<Integer> copy = new Ring<>(ring);

    ring.append(6);
    copy.append(60);
    copy.append(70);

    assertThat(ring).containsExactly(4, 5, 6);
    assertThat(copy).containsExactly(5, 60, 70);
    assertThat(copy.discarded()).isEqualTo(4);
  }

  @Test
  void countedDiscardsAddUpAndClearForgetsThem() {
    Ring<Integer> ring = new Ring<>(2);
    ring.countDiscarded(7);
    ring.append(1);

    assertThat(ring.total()).isEqualTo(8);
    ring.clear();
    assertThat(ring.total()).isZero();
    assertThat(ring).isEmpty();
  }

  @Test
  void itIsReadOnlyAsAListAndRejectsBadArguments() {
    Ring<Integer> ring = ringOf(3, 1, 2);

    assertThatThrownBy(() -> ring.add(3)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ring.get(2)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index 2 of a ring holding 2");
    assertThatThrownBy(() -> new Ring<>(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a ring's capacity must not be negative, got -1");
    assertThatThrownBy(() -> ring.countDiscarded(-2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a discarded count must not be negative, got -2");
    assertThat(List.copyOf(ring)).containsExactly(1, 2);
  }
}
