package mode.inspector.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import mode.State;
import mode.inspector.model.Streams;
import mode.inspector.model.TransitionRecord;
import org.junit.jupiter.api.Test;

class TimelineViewModelTest {
  /** Transition number {@code n} of service {@code label}: time n ms, STARTING -> RUNNING. */
  private static TransitionRecord record(int n, String label) {
    return new TransitionRecord(Streams.at(n), n, label, State.STARTING, State.RUNNING, 0, null, false);
  }

  private static List<TransitionRecord> records(int from, int to, String label) {
    return IntStream.rangeClosed(from, to).mapToObj(n -> record(n, label)).toList();
  }

  private static List<Long> ids(List<TransitionRecord> records) {
    return records.stream().map(TransitionRecord::serviceId).toList();
  }

  /** Every change event, its parts as "-[removed ids]@index" and "+[added ids]@index". */
  private static List<String> changesOf(TimelineViewModel timeline) {
    List<String> changes = new ArrayList<>();
    timeline.transitions().addListener((ListChangeListener<TransitionRecord>) c -> {
      List<String> parts = new ArrayList<>();
      while (c.next()) {
        if (c.wasRemoved()) {
          parts.add("-" + ids(List.copyOf(c.getRemoved())) + "@" + c.getFrom());
        }
        if (c.wasAdded()) {
          parts.add("+" + ids(List.copyOf(c.getAddedSubList())) + "@" + c.getFrom());
        }
      }
      changes.add(String.join(" ", parts));
    });
    return changes;
  }

  @Test
  void eachBatchIsOneChangeThatDropsTheOldestWhenTheScrollbackIsFull() {
    TimelineViewModel timeline = new TimelineViewModel(5);
    List<String> changes = changesOf(timeline);

    timeline.append(records(1, 3, "a"));
    timeline.append(records(4, 7, "a"));
    timeline.append(List.of());

    assertThat(ids(timeline.transitions())).containsExactly(3L, 4L, 5L, 6L, 7L);
    assertThat(timeline.total()).isEqualTo(7);
    assertThat(changes).containsExactly("+[1, 2, 3]@0", "-[1, 2]@0 +[4, 5, 6, 7]@1");
  }

  @Test
  void aBatchLargerThanTheScrollbackKeepsItsNewest() {
    TimelineViewModel timeline = new TimelineViewModel(3);
    timeline.append(records(1, 2, "a"));
    List<String> changes = changesOf(timeline);

    timeline.append(records(3, 9, "a"));

    assertThat(ids(timeline.transitions())).containsExactly(7L, 8L, 9L);
    assertThat(timeline.totalProperty().get()).isEqualTo(9);
    assertThat(changes).containsExactly("-[1, 2]@0 +[7, 8, 9]@0");
  }

  @Test
  void theFilterSearchesTheWholeHistoryAndShowsTheNewestMatches() {
    TimelineViewModel timeline = new TimelineViewModel(3);
    List<TransitionRecord> history = new ArrayList<>();
    for (int n = 1; n <= 12; n++) {
      history.add(record(n, n % 3 == 0 ? "Cache" : "Web"));
    }
    timeline.append(history.subList(0, 8));

    timeline.filterTextProperty().set(" cache ");
    assertThat(ids(timeline.transitions())).containsExactly(3L, 6L);
    timeline.append(history.subList(8, 12));
    assertThat(ids(timeline.transitions())).containsExactly(6L, 9L, 12L);

    timeline.filterTextProperty().set("");
    assertThat(ids(timeline.transitions())).containsExactly(10L, 11L, 12L);
    assertThat(timeline.total()).isEqualTo(12);
  }

  @Test
  void replacingTheHistoryShowsItsNewestEntries() {
    TimelineViewModel timeline = new TimelineViewModel(2);
    timeline.append(records(1, 5, "a"));

    timeline.replaceAll(records(20, 22, "b"), 0);

    assertThat(ids(timeline.transitions())).containsExactly(21L, 22L);
    assertThat(timeline.total()).isEqualTo(3);
  }

  @Test
  void theTransitionsAreReadOnly() {
    TimelineViewModel timeline = new TimelineViewModel(2);
    assertThatThrownBy(() -> timeline.transitions().add(record(1, "a"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new TimelineViewModel(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a scrollback needs room for at least one item, got capacity 0");
  }

  @Test
  void itKeepsTheNewestTransitionsCountsTheDiscardedAndFiltersWhatItKeeps() {
    TimelineViewModel timeline = new TimelineViewModel(3, 5);
    List<TransitionRecord> history = new ArrayList<>();
    for (int n = 1; n <= 12; n++) {
      history.add(record(n, n % 3 == 0 ? "Cache" : "Web"));
    }

    timeline.append(history.subList(0, 8));
    timeline.append(history.subList(8, 12));

    assertThat(ids(timeline.transitions())).containsExactly(10L, 11L, 12L);
    assertThat(timeline.kept()).isEqualTo(5);
    assertThat(timeline.discardedProperty().get()).isEqualTo(7);
    assertThat(timeline.total()).isEqualTo(12);
    timeline.filterTextProperty().set("cache");
    // Only 9 and 12 are still kept; 3 and 6 were discarded.
    assertThat(ids(timeline.transitions())).containsExactly(9L, 12L);
  }

  @Test
  void replacingTheHistoryCarriesTheCountOfItsDiscardedTransitions() {
    TimelineViewModel timeline = new TimelineViewModel(2, 4);
    timeline.append(records(1, 9, "a"));

    timeline.replaceAll(records(20, 22, "b"), 1_000);
    assertThat(timeline.discardedProperty().get()).isEqualTo(1_000);
    assertThat(timeline.totalProperty().get()).isEqualTo(1_003);

    timeline.append(records(23, 24, "b"));
    assertThat(timeline.discardedProperty().get()).isEqualTo(1_001);
    assertThat(timeline.kept()).isEqualTo(4);
    assertThat(ids(timeline.transitions())).containsExactly(23L, 24L);
  }

  @Test
  void rowsWhoseTransitionsAreDiscardedLeaveTheTableInTheSameChange() {
    TimelineViewModel timeline = new TimelineViewModel(10, 4);
    timeline.filterTextProperty().set("cache");
    timeline.append(List.of(record(1, "Cache"), record(2, "Web"), record(3, "Cache")));
    List<String> changes = changesOf(timeline);

    timeline.append(List.of(record(4, "Web"), record(5, "Cache")));
    timeline.append(List.of(record(6, "Web"), record(7, "Web")));

    // Kept: 4..7; the match 3 went with its transition, in the batch that discarded it.
    assertThat(ids(timeline.transitions())).containsExactly(5L);
    assertThat(changes).containsExactly("-[1]@0 +[5]@1", "-[3]@0");
    timeline.filterTextProperty().set("");
    assertThat(ids(timeline.transitions())).containsExactly(4L, 5L, 6L, 7L);
  }

  @Test
  void theTableNeverShowsMoreThanIsKept() {
    TimelineViewModel timeline = new TimelineViewModel(10, 3);

    timeline.append(records(1, 2, "a"));
    timeline.append(records(3, 8, "a"));

    assertThat(ids(timeline.transitions())).containsExactly(6L, 7L, 8L);
    assertThat(timeline.discardedProperty().get()).isEqualTo(5);
  }
}
