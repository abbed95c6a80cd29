package mode.inspector.viewmodel;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import mode.events.ServiceEvent;
import mode.inspector.model.Texts;

/**
 * The log pane's state: the scrollback of the worker's log entries (the newest {@code capacity}
 * of the moment on screen), the filter that picks the entries shown, the entry whose full message
 * is shown, and whether the table follows the newest entry.
 *
 * <p>The filter has three parts, all of which an entry must pass: a {@linkplain MinimumLevel
 * minimum level}; a {@linkplain ServiceScope scope} (every service, or only the service selected
 * in the graph); and a free text that the entry's service label, logger or message must contain,
 * ignoring case (blank: no text filter).
 *
 * <p>Following: while {@link #followProperty() follow} is on, every entry shown anew (and turning
 * it on) asks the view to scroll to the newest entry, by incrementing {@link
 * #scrollToEndProperty()}. The user scrolling away ({@link #scrolledAway()}) or selecting an
 * entry ({@link #select}) turns it off.
 *
 * <p>Threading: UI thread only. Needs no JavaFX toolkit (only its properties and collections).
 */
public final class LogViewModel {
  /** The least severe level shown. */
  public enum MinimumLevel {
    /** Errors only. */
    ERROR("Errors"),
    /** Warnings and errors. */
    WARN("Warnings and errors"),
    /** Every level the worker sends (its own INFO lines too). */
    ALL("All levels");

    private final String text;

    MinimumLevel(String text) {
      this.text = text;
    }

    /** Whether an entry of {@code level} (e.g. {@code "WARN"}) passes this minimum. */
    public boolean admits(String level) {
      return switch (this) {
        case ALL -> true;
        case WARN -> rank(level) >= 3;
        case ERROR -> rank(level) >= 4;
      };
    }

    private static int rank(String level) {
      return switch (level == null ? "" : level.toUpperCase(Locale.ROOT)) {
        case "ERROR", "FATAL", "SEVERE" -> 4;
        case "WARN", "WARNING" -> 3;
        case "INFO" -> 2;
        case "DEBUG" -> 1;
        case "TRACE" -> 0;
        default -> 2;
      };
    }

    /** The choice's text, e.g. "Warnings and errors". */
    @Override
    public String toString() {
      return text;
    }
  }

  /** Which services' entries are shown. */
  public enum ServiceScope {
    /** Every service's, and the worker's own entries. */
    ALL("All services"),
    /** Only the entries of the service selected in the graph (none while none is selected). */
    SELECTED("Selected service");

    private final String text;

    ServiceScope(String text) {
      this.text = text;
    }

    /** The choice's text, e.g. "Selected service". */
    @Override
    public String toString() {
      return text;
    }
  }

  private final Scrollback<ServiceEvent.Log> entries;
  private final FilteredList<ServiceEvent.Log> shown;
  private final ObservableValue<Long> selectedService;
  private final Function<Long, String> label;
  private final ObjectProperty<MinimumLevel> minimumLevel = new SimpleObjectProperty<>(MinimumLevel.WARN);
  private final ObjectProperty<ServiceScope> scope = new SimpleObjectProperty<>(ServiceScope.ALL);
  private final StringProperty text = new SimpleStringProperty("");
  private final BooleanProperty follow = new SimpleBooleanProperty(true);
  private final ReadOnlyLongWrapper scrollToEnd = new ReadOnlyLongWrapper();
  private final ReadOnlyObjectWrapper<ServiceEvent.Log> selected = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("");

  /**
   * An empty log.
   *
   * @param capacity the most entries kept (older ones are dropped first)
   * @param selectedService the id of the service selected in the graph, or {@code null}
   * @param label the label of a service id ({@code ""} for {@code null})
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  LogViewModel(int capacity, ObservableValue<Long> selectedService, Function<Long, String> label) {
    this.selectedService = selectedService;
    this.label = label;
    this.entries = new Scrollback<>(capacity);
    this.shown = new FilteredList<>(entries, filter());
    for (Observable o : List.<Observable>of(minimumLevel, scope, text)) {
      o.addListener(x -> refilter());
    }
    selectedService.addListener((obs, old, now) -> {
      if (scope.get() == ServiceScope.SELECTED) {
        refilter();
      }
    });
    shown.addListener((ListChangeListener<ServiceEvent.Log>) c -> {
      boolean added = false;
      while (c.next()) {
        added |= c.wasAdded();
      }
      if (added && follow.get()) {
        scrollToEnd.set(scrollToEnd.get() + 1);
      }
      describe();
    });
    follow.addListener((obs, old, now) -> {
      if (now) {
        scrollToEnd.set(scrollToEnd.get() + 1);
      }
    });
    describe();
  }

  /** Appends the entries that arrived (in order), dropping the oldest beyond the capacity. */
  void append(List<ServiceEvent.Log> batch) {
    entries.append(batch);
  }

  /** Replaces every entry with the newest of {@code all} (another moment is on screen). */
  void replace(List<ServiceEvent.Log> all) {
    entries.replace(all);
    if (selected.get() != null && !entries.contains(selected.get())) {
      select(null);
    }
  }

  private void refilter() {
    shown.setPredicate(filter());
    describe();
  }

  /** The filter as it is now (a new predicate, so that the filtered list filters again). */
  private Predicate<ServiceEvent.Log> filter() {
    MinimumLevel level = minimumLevel.get();
    ServiceScope within = scope.get();
    Long service = selectedService.getValue();
    String needle = text.get() == null ? "" : text.get().strip().toLowerCase(Locale.ROOT);
    return entry -> level.admits(entry.level())
        && (within == ServiceScope.ALL || (service != null && service.equals(entry.serviceId())))
        && (needle.isEmpty() || contains(label.apply(entry.serviceId()), needle)
            || contains(entry.logger(), needle) || contains(entry.message(), needle));
  }

  private static boolean contains(String haystack, String lowerCaseNeedle) {
    return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(lowerCaseNeedle);
  }

  /** Whether {@code entry} passes the filter as it is now. */
  public boolean admits(ServiceEvent.Log entry) {
    return filter().test(entry);
  }

  private void describe() {
    int all = entries.size();
    int passing = shown.size();
    summary.set(all == passing
        ? String.format(Locale.ROOT, "%,d %s", all, all == 1 ? "entry" : "entries")
        : String.format(Locale.ROOT, "%,d of %,d entries", passing, all));
    placeholder.set(all == 0 ? "No warnings or errors"
        : String.format(Locale.ROOT, "No entries match the filter (%,d hidden)", all));
  }

  /**
   * The user selected {@code entry} in the table ({@code null}: nothing): its full message is
   * shown, and a newly selected entry stops following.
   */
  public void select(ServiceEvent.Log entry) {
    if (entry != null && !Objects.equals(entry, selected.get())) {
      follow.set(false);
    }
    selected.set(entry);
    message.set(entry == null ? "" : fullText(entry));
  }

  /** The user scrolled away from the newest entry: following stops. */
  public void scrolledAway() {
    follow.set(false);
  }

  /** The entry's header line (time, level, service, logger) and its whole message. */
  private String fullText(ServiceEvent.Log entry) {
    String service = label(entry.serviceId());
    return Texts.time(entry.at()) + "  " + entry.level() + "  " + (service.isEmpty() ? "" : service + "  ")
        + entry.logger() + "\n" + entry.message();
  }

  /**
   * A message's first line, with {@code " …"} when more lines follow.
   *
   * @param message a message, possibly of many lines
   * @return its first line
   */
  public static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end).stripTrailing() + " …";
  }

  /** The label of a service id as the log shows it ({@code ""} for none). */
  public String label(Long id) {
    return id == null ? "" : label.apply(id);
  }

  /**
   * Every entry kept, oldest first, whatever the filter: the newest {@code capacity} of the
   * moment on screen; read-only.
   */
  public ObservableList<ServiceEvent.Log> entries() {
    return entries;
  }

  /** The entries that pass the filter, oldest first; read-only. */
  public ObservableList<ServiceEvent.Log> shown() {
    return shown;
  }

  /** The least severe level shown; {@link MinimumLevel#WARN} at first. */
  public ObjectProperty<MinimumLevel> minimumLevelProperty() {
    return minimumLevel;
  }

  /** Which services' entries are shown; {@link ServiceScope#ALL} at first. */
  public ObjectProperty<ServiceScope> scopeProperty() {
    return scope;
  }

  /** The free-text filter on service label, logger and message (case-insensitive; blank: none). */
  public StringProperty textFilterProperty() {
    return text;
  }

  /** Whether the table follows the newest entry; on at first. */
  public BooleanProperty followProperty() {
    return follow;
  }

  /** A counter that grows each time the view should scroll to the newest entry shown. */
  public ReadOnlyLongProperty scrollToEndProperty() {
    return scrollToEnd.getReadOnlyProperty();
  }

  /** The selected entry, or {@code null}. */
  public ReadOnlyObjectProperty<ServiceEvent.Log> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  /**
   * The selected entry in full: a header line (time, level, service, logger), then its whole
   * message, stack traces included; empty while none is selected.
   */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** How many entries are shown, e.g. {@code "12 of 40 entries"} while the filter hides some. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** What the table says when it shows no entry: none arrived yet, or the filter hides them all. */
  public ReadOnlyStringProperty placeholderProperty() {
    return placeholder.getReadOnlyProperty();
  }
}
