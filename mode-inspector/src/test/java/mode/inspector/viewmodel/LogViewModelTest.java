package mode.inspector.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleObjectProperty;
import mode.events.ServiceEvent;
import mode.inspector.model.Streams;
import mode.inspector.model.Texts;
import org.junit.jupiter.api.Test;

/** The log pane's rules, without a window: filter, selection, following, the memory bound. */
class LogViewModelTest {
  private static final Map<Long, String> LABELS = Map.of(2L, "Web", 3L, "Cache");
  private final SimpleObjectProperty<Long> selectedService = new SimpleObjectProperty<>();
  private final LogViewModel log = new LogViewModel(100, selectedService,
      id -> id == null ? "" : LABELS.getOrDefault(id, "service " + id));

  private static ServiceEvent.Log entry(long millis, Long service, String level, String logger, String message) {
    return new ServiceEvent.Log(Streams.at(millis), service, level, logger, message);
  }

  private final ServiceEvent.Log webWarn = entry(1, 2L, "WARN", "demo.Web", "slow request /cart");
  private final ServiceEvent.Log cacheError = entry(2, 3L, "ERROR", "demo.Cache", "eviction failed\n\tat demo.Cache.evict");
  private final ServiceEvent.Log workerInfo = entry(3, null, "INFO", "mode.inspect", "the inspect agent is closing");
  private final ServiceEvent.Log blocking = entry(4, 2L, "WARN", "mode.worker.BlockingDetector",
      "Blocking detected (timeout=0.050s): onStart of Web has been running for 0.061s");

  private void appendAll() {
    log.append(List.of(webWarn, cacheError, workerInfo, blocking));
  }

  @Test
  void byDefaultWarningsAndErrorsOfEveryServiceAreShown() {
    appendAll();

    assertThat(log.entries()).containsExactly(webWarn, cacheError, workerInfo, blocking);
    assertThat(log.shown()).containsExactly(webWarn, cacheError, blocking);
    assertThat(log.summaryProperty().get()).isEqualTo("3 of 4 entries");
  }

  @Test
  void theMinimumLevelPicksErrorsOrWarningsAndUpOrEverything() {
    appendAll();

    log.minimumLevelProperty().set(LogViewModel.MinimumLevel.ERROR);
    assertThat(log.shown()).containsExactly(cacheError);
    log.minimumLevelProperty().set(LogViewModel.MinimumLevel.ALL);
    assertThat(log.shown()).containsExactly(webWarn, cacheError, workerInfo, blocking);
    assertThat(log.summaryProperty().get()).isEqualTo("4 entries");
    log.minimumLevelProperty().set(LogViewModel.MinimumLevel.WARN);
    assertThat(log.shown()).containsExactly(webWarn, cacheError, blocking);
  }

  @Test
  void levelNamesAreRankedIgnoringCase() {
    assertThat(LogViewModel.MinimumLevel.WARN.admits("warning")).isTrue();
    assertThat(LogViewModel.MinimumLevel.WARN.admits("error")).isTrue();
    assertThat(LogViewModel.MinimumLevel.WARN.admits("INFO")).isFalse();
    assertThat(LogViewModel.MinimumLevel.ERROR.admits("WARN")).isFalse();
    assertThat(LogViewModel.MinimumLevel.ALL.admits("TRACE")).isTrue();
  }

  @Test
  void theSelectedServiceScopeFollowsTheGraphsSelection() {
    appendAll();
    log.scopeProperty().set(LogViewModel.ServiceScope.SELECTED);
    assertThat(log.shown()).as("nothing selected: nothing shown").isEmpty();
    assertThat(log.placeholderProperty().get()).isEqualTo("No entries match the filter (4 hidden)");

    selectedService.set(2L);
    assertThat(log.shown()).containsExactly(webWarn, blocking);
    selectedService.set(3L);
    assertThat(log.shown()).containsExactly(cacheError);

    log.scopeProperty().set(LogViewModel.ServiceScope.ALL);
    assertThat(log.shown()).containsExactly(webWarn, cacheError, blocking);
  }

  @Test
  void theTextFilterMatchesServiceLabelLoggerOrMessageIgnoringCase() {
    appendAll();
    log.minimumLevelProperty().set(LogViewModel.MinimumLevel.ALL);

    log.textFilterProperty().set("cache");
    assertThat(log.shown()).as("label, logger").containsExactly(cacheError);
    log.textFilterProperty().set("web");
    assertThat(log.shown()).as("label (the blocking report is Web's)").containsExactly(webWarn, blocking);
    log.textFilterProperty().set("BLOCKINGDETECTOR");
    assertThat(log.shown()).as("logger").containsExactly(blocking);
    log.textFilterProperty().set("evict");
    assertThat(log.shown()).as("a later line of the message").containsExactly(cacheError);
    log.textFilterProperty().set("  ");
    assertThat(log.shown()).as("blank: no text filter").hasSize(4);
  }

  @Test
  void theFilterAlsoAppliesToEntriesThatArriveLater() {
    log.textFilterProperty().set("cache");
    appendAll();
    log.append(List.of(entry(5, 3L, "WARN", "demo.Cache", "cold")));

    assertThat(log.shown()).extracting(ServiceEvent.Log::message).containsExactly(cacheError.message(), "cold");
  }

  @Test
  void followingAsksToScrollOnEachNewEntryShownAndStopsWhenTheUserScrollsAway() {
    assertThat(log.followProperty().get()).isTrue();
    long before = log.scrollToEndProperty().get();
    appendAll();
    assertThat(log.scrollToEndProperty().get()).isEqualTo(before + 1);

    log.append(List.of(entry(6, null, "INFO", "x", "hidden by the level")));
    assertThat(log.scrollToEndProperty().get()).as("nothing new shown").isEqualTo(before + 1);

    log.scrolledAway();
    assertThat(log.followProperty().get()).isFalse();
    log.append(List.of(entry(7, 2L, "WARN", "demo.Web", "more")));
    assertThat(log.scrollToEndProperty().get()).as("not following").isEqualTo(before + 1);

    log.followProperty().set(true);
    assertThat(log.scrollToEndProperty().get()).as("turning it on jumps to the end").isEqualTo(before + 2);
  }

  @Test
  void selectingAnEntryShowsItsWholeMessageAndStopsFollowing() {
    appendAll();

    log.select(cacheError);

    assertThat(log.followProperty().get()).isFalse();
    assertThat(log.messageProperty().get())
        .isEqualTo(Texts.time(cacheError.at()) + "  ERROR  Cache  demo.Cache\neviction failed\n\tat demo.Cache.evict");
    log.followProperty().set(true);
    log.select(cacheError);
    assertThat(log.followProperty().get()).as("the same entry again is no new choice").isTrue();
    log.select(null);
    assertThat(log.messageProperty().get()).isEmpty();
    assertThat(log.followProperty().get()).isTrue();
  }

  @Test
  void anotherMomentOnScreenDropsASelectionItDoesNotHold() {
    appendAll();
    log.select(blocking);

    log.replace(List.of(webWarn, cacheError));
    assertThat(log.selectedProperty().get()).isNull();
    assertThat(log.messageProperty().get()).isEmpty();

    log.select(webWarn);
    log.replace(List.of(webWarn));
    assertThat(log.selectedProperty().get()).isEqualTo(webWarn);
  }

  @Test
  void theTableShowsAMessagesFirstLineMarkingThatMoreFollow() {
    assertThat(LogViewModel.firstLine("one line")).isEqualTo("one line");
    assertThat(LogViewModel.firstLine("first\nsecond")).isEqualTo("first …");
    assertThat(LogViewModel.firstLine("first\r\nsecond")).isEqualTo("first …");
  }

  @Test
  void theScrollbackKeepsTheNewestEntriesWithinItsBoundAndFiltersThem() {
    LogViewModel small = new LogViewModel(3, selectedService, id -> "");
    for (int i = 0; i < 5; i++) {
      small.append(List.of(entry(i, 2L, i % 2 == 0 ? "WARN" : "ERROR", "demo.Web", "line " + i)));
    }

    assertThat(small.entries()).extracting(ServiceEvent.Log::message).containsExactly("line 2", "line 3", "line 4");
    small.minimumLevelProperty().set(LogViewModel.MinimumLevel.ERROR);
    assertThat(small.shown()).extracting(ServiceEvent.Log::message).containsExactly("line 3");
    assertThatThrownBy(() -> small.entries().add(webWarn)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new LogViewModel(0, selectedService, id -> ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
