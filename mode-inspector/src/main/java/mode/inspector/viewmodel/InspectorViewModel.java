package mode.inspector.viewmodel;

import mode.inspector.model.Texts;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import mode.inspector.connection.ConnectionStatus;
import mode.State;
import mode.graph.DependencyGraph;
import mode.graph.GraphExport;
import mode.graph.GraphFormatter;
import mode.events.ServiceEvent;
import mode.inspector.model.ChangeSet;
import mode.inspect.InspectMessage;
import mode.inspector.model.Recording;
import mode.inspector.model.Session;
import mode.inspector.model.ServiceGraph;
import mode.inspector.model.TransitionRecord;

/**
 * The inspector's root view-model: owns the live model and the session's recording, feeds the
 * graph, details, timeline and startup view-models, tells where the data comes from (connection
 * health), replays the session to any moment, and runs the actions on the selected service.
 *
 * <p>Threading: UI thread only; {@link #accept} is called once per pulse with the events that
 * arrived since the last one. Never throws on odd input: problems become messages.
 */
public final class InspectorViewModel {
  private final GraphViewModel graph;
  private final DetailsViewModel details;
  private final MemoryBounds bounds;
  private final TimelineViewModel timeline;
  private final LogViewModel log;
  private final StartupViewModel startup = new StartupViewModel();
  private final ActionsViewModel actions;
  private final Liveness liveness;
  private final ProblemsViewModel problems;
  private final ReadOnlyObjectWrapper<ConnectionStatus> status =
      new ReadOnlyObjectWrapper<>(ConnectionStatus.DISCONNECTED);
  private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper("Not attached");
  private final ReadOnlyStringWrapper workerName = new ReadOnlyStringWrapper("");
  private InspectMessage.Hello workerHello;
  private final ReadOnlyBooleanWrapper replaying = new ReadOnlyBooleanWrapper();
  private final ReadOnlyObjectWrapper<Instant> replayMoment = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper memoryNotice = new ReadOnlyStringWrapper("");
  private long noticedFolded;
  private long noticedLogsDiscarded;
  private final Session session;
  private final InstantSource wallClock;
  private static final DateTimeFormatter CAPTION_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private String selectedLabel;

  /**
   * A view-model keeping the {@link MemoryBounds#DEFAULT default} amounts of a session.
   *
   * @param background where layouts run
   * @param ui the UI thread's executor (results of layouts and commands come back through it)
   * @param wallClock the wall clock (uptimes)
   * @param nanoClock a monotonic clock (change highlights)
   */
  public InspectorViewModel(Executor background, Executor ui, InstantSource wallClock, LongSupplier nanoClock) {
    this(background, ui, wallClock, nanoClock, MemoryBounds.DEFAULT);
  }

  /**
   * A view-model keeping at most what {@code bounds} allow of a session.
   *
   * @param background where layouts run
   * @param ui the UI thread's executor (results of layouts and commands come back through it)
   * @param wallClock the wall clock (uptimes)
   * @param nanoClock a monotonic clock (change highlights)
   * @param bounds how much of the session to keep in memory
   */
  public InspectorViewModel(
      Executor background, Executor ui, InstantSource wallClock, LongSupplier nanoClock, MemoryBounds bounds) {
    this.bounds = bounds;
    this.timeline = new TimelineViewModel(TimelineViewModel.SCROLLBACK, bounds.historyCapacity());
    this.session = new Session(bounds.historyCapacity(), bounds.logCapacity(), bounds::newRecording);
    this.graph = new GraphViewModel(background, ui, nanoClock);
    this.log = new LogViewModel(bounds.logCapacity(), graph.selectedProperty(), this::label);
    this.wallClock = wallClock;
    this.liveness = new Liveness(wallClock);
    this.details = new DetailsViewModel(liveness);
    graph.useClock(liveness);
    this.problems = new ProblemsViewModel(liveness);
    this.actions = new ActionsViewModel(ui, graph.selectedProperty(), this::labelOf, this::situation);
    liveness.liveProperty().addListener((obs, old, now) -> {
      graph.setStale(!now);
      actions.refresh();
      details.refresh(session.shown(), graph.selectedProperty().get());
    });
    graph.setStale(true);
    graph.selectedProperty().addListener((obs, old, now) -> {
      details.refresh(session.shown(), now);
      if (now != null && session.shown().node(now) != null) {
        selectedLabel = session.shown().node(now).label();
      }
    });
    graph.setModel(session.shown());
  }

  /** Applies a batch of events that arrived since the last pulse. */
  public void accept(List<ServiceEvent> batch) {
    if (batch.isEmpty()) {
      return;
    }
    ChangeSet changes = session.accept(batch);
    if (session.recording().folded() != noticedFolded || session.live().logsDiscarded() != noticedLogsDiscarded) {
      noticeMemory();
    }
    if (changes.gaps() > 0) {
      statusMessage.set(String.format(
          "Gap: the worker dropped %,d events because the inspector fell behind; a fresh snapshot follows",
          changes.droppedInGaps()));
    }
    if (session.replaying()) {
      return;
    }
    show(changes);
    reselectAfterSnapshot(changes);
  }

  /** A restarted worker has new ids: keep the user's selection by label. */
  private void reselectAfterSnapshot(ChangeSet changes) {
    Long selected = graph.selectedProperty().get();
    if (changes.snapshots() == 0 || selected == null || session.shown().node(selected) != null || selectedLabel == null) {
      return;
    }
    session.shown().nodes().stream().filter(n -> n.label().equals(selectedLabel)).findFirst()
        .ifPresent(n -> graph.select(n.id()));
  }

  private void show(ChangeSet changes) {
    graph.modelChanged(changes);
    actions.refresh();
    timeline.append(changes.transitions());
    log.append(changes.logs());
    Long selected = graph.selectedProperty().get();
    if (selected != null && (changes.changedServices().contains(selected) || changes.structureChanged())) {
      details.refresh(session.shown(), selected);
    }
    if (changes.snapshots() > 0 || changes.transitions().stream()
        .anyMatch(t -> t.to() == State.RUNNING && !startup.knows(t.serviceId()))) {
      startup.refresh(session.shown());
    }
    // A crash changes the Problems list at once (the rest of it follows the once-a-second tick).
    if (changes.transitions().stream().anyMatch(t -> t.to() == State.CRASHED)) {
      problems.refresh(session.shown());
    }
  }

  /** Refreshes what depends on the clock (uptimes); called once a second by the view. */
  public void tick() {
    details.refresh(session.shown(), graph.selectedProperty().get());
    graph.tick();
    problems.refresh(session.shown());
  }

  /**
   * Reports connection health; {@code name} is the worker's name when known, else {@code null}.
   * The model and history are kept: a worker that comes back continues the same session.
   */
  public void connection(ConnectionStatus now, String name, String message) {
    status.set(now);
    if (now == ConnectionStatus.CONNECTED) {
      liveness.connected();
    } else if (now != ConnectionStatus.REPLAY) {
      liveness.disconnected();
    }
    if (name != null) {
      workerName.set(name);
    }
    statusMessage.set(message);
  }

  /**
   * The worker greeted this inspector: its hello is kept (a saved recording names the worker by
   * it) and says how the worker names this connection, so that its commands show as "by you".
   *
   * @param hello the worker's greeting
   */
  public void hello(InspectMessage.Hello hello) {
    workerHello = hello;
    session.client(hello.client());
  }

  /** The hello of the worker on screen (live or recorded), or {@code null} before one arrived. */
  public InspectMessage.Hello workerHello() {
    return workerHello;
  }

  /** Starts a new session (another worker): a fresh model, recording and history. */
  public void newSession() {
    workerHello = null;
    session.restart();
    replaying.set(false);
    replayMoment.set(null);
    liveness.reset();
    show(session.shown());
  }

  /** Shows a recording instead of a live worker, at its last moment. */
  public void openRecording(String name, Recording opened) {
    openRecording(name, opened, null);
  }

  /**
   * Shows a recording instead of a live worker, at its last moment; {@code hello} is the recorded
   * worker's greeting ({@code null} if the file had none).
   *
   * @param name the worker's name, as shown
   * @param opened the recording
   * @param hello the recorded worker's greeting, or {@code null}
   */
  public void openRecording(String name, Recording opened, InspectMessage.Hello hello) {
    workerHello = hello;
    session.open(opened);
    session.client(hello == null ? null : hello.client());
    workerName.set(name);
    status.set(ConnectionStatus.REPLAY);
    statusMessage.set(opened.isEmpty() ? "The recording holds no events" : "Recording " + name);
    replaying.set(false);
    replayMoment.set(null);
    liveness.recording(opened.isEmpty() ? null : opened.end());
    show(session.shown());
  }

  /** Shows the graph as it was at {@code moment}; live events keep being recorded meanwhile. */
  public void replayTo(Instant moment) {
    if (!session.replayTo(moment)) {
      return;
    }
    replaying.set(true);
    replayMoment.set(moment);
    liveness.replaying(moment);
    show(session.shown());
  }

  /** Leaves the replay and shows the live graph again. */
  public void goLive() {
    replaying.set(false);
    replayMoment.set(null);
    liveness.replaying(null);
    session.goLive();
    show(session.shown());
  }

  /** Puts {@code model} on screen: graph, timeline, log, startup chart and details all follow it. */
  private void show(ServiceGraph shown) {
    graph.setModel(shown);
    timeline.replaceAll(shown.history(), shown.historyDiscarded());
    log.replace(shown.logs());
    noticeMemory();
    startup.refresh(shown);
    problems.refresh(shown);
    details.refresh(shown, graph.selectedProperty().get());
    actions.refresh();
  }

  private ActionRules.Situation situation(boolean attached, boolean busy) {
    Long id = graph.selectedProperty().get();
    var node = id == null ? null : session.shown().node(id);
    return new ActionRules.Situation(attached, liveness.liveProperty().get() ? null : liveness.noticeProperty().get(),
        node == null ? null : node.label(), node == null ? null : node.state(), busy);
  }

  /**
   * The graph on screen in DOT, mode's format (pydot and Graphviz read it), optionally with
   * nodes coloured by state.
   */
  public String dot(boolean stateColours) {
    GraphFormatter formatter = GraphFormatter.defaults();
    return DependencyGraph.of(session.shown().toServiceInfos()).toDot(stateColours ? formatter.withStateColors() : formatter);
  }

  /**
   * The graph on screen (the whole model of the live or replayed moment, not only what the filter
   * shows) in {@code format}.
   *
   * @param format a text format
   * @return the file's text
   */
  public String export(GraphExport.Format format) {
    return GraphExport.write(format, session.shown().toServiceInfos());
  }

  /**
   * The caption of an exported picture: the worker's name and the moment shown, e.g. {@code
   * shop · 2026-12-04 19:58:03 UTC}, with {@code (replay)} when a past moment is on screen.
   */
  public String exportCaption() {
    Instant moment = replaying.get() && replayMoment.get() != null ? replayMoment.get() : wallClock.instant();
    String name = workerName.get().isBlank() ? "mode-inspector" : workerName.get();
    return name + " · " + CAPTION_TIME.format(moment) + (replaying.get() ? " (replay)" : "");
  }

  private String labelOf(long id) {
    var node = session.shown().node(id);
    return node == null ? Texts.unknownService(id) : node.label();
  }

  /** The model on screen (live, or the replayed moment). */
  public ServiceGraph shownModel() {
    return session.shown();
  }

  /**
   * The events of this session so far (or of the opened recording), from its base snapshot on
   * once it folded its oldest (see {@link Recording}).
   */
  public Recording recording() {
    return session.recording();
  }

  /**
   * The transitions of the live model (of the whole session, or the opened recording), oldest
   * first, whatever moment is on screen: the swimlanes and the replay's steps read them.
   */
  public List<TransitionRecord> liveHistory() {
    return session.live().history();
  }

  /**
   * The session's last moment: now while the worker is live on screen, else the time of the last
   * event received (or {@link Instant#EPOCH} before any).
   */
  public Instant liveEnd() {
    Instant last = session.live().lastEventAt();
    if (liveness.liveProperty().get()) {
      Instant now = liveness.instant();
      return last == null || now.isAfter(last) ? now : last;
    }
    return last == null ? Instant.EPOCH : last;
  }

  /** The transitions in the model on screen. */
  public List<TransitionRecord> history() {
    return session.shown().history();
  }

  /**
   * Warnings and errors logged by the worker, oldest first (of the moment on screen): the newest
   * {@link ServiceGraph#LOG_CAPACITY}, whatever the log pane's filter; read-only (its mutators throw
   * {@link UnsupportedOperationException}). The same list as {@code log().entries()}.
   */
  public ObservableList<ServiceEvent.Log> logs() {
    return log.entries();
  }

  /** The log pane's view-model: the log entries, its filter, the selected entry, following. */
  public LogViewModel log() {
    return log;
  }

  /** The label of a service on screen, or {@code "service <id>"} when it is not in the graph. */
  public String label(Long id) {
    return id == null ? "" : labelOf(id);
  }

  /** The graph view-model. */
  public GraphViewModel graph() {
    return graph;
  }

  /** The details view-model. */
  public DetailsViewModel details() {
    return details;
  }

  /** The timeline view-model. */
  public TimelineViewModel timeline() {
    return timeline;
  }

  /** The startup view-model. */
  public StartupViewModel startup() {
    return startup;
  }

  /** Whether the present is on screen, and the moment every clock reads when it is not. */
  public Liveness liveness() {
    return liveness;
  }

  /** The services in trouble. */
  public ProblemsViewModel problems() {
    return problems;
  }

  /** The actions view-model. */
  public ActionsViewModel actions() {
    return actions;
  }

  /** Connection health. */
  public ReadOnlyObjectProperty<ConnectionStatus> statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** A sentence about the connection (or the last gap), for the status bar. */
  public ReadOnlyStringProperty statusMessageProperty() {
    return statusMessage.getReadOnlyProperty();
  }

  /**
   * What the memory bounds dropped, for the status bar: how far back the replay reaches once
   * the recording folded its oldest events, and how many older log entries were discarded;
   * empty while nothing was. (The timeline says itself how many transitions it discarded.)
   */
  public ReadOnlyStringProperty memoryNoticeProperty() {
    return memoryNotice.getReadOnlyProperty();
  }

  private void noticeMemory() {
    noticedFolded = session.recording().folded();
    noticedLogsDiscarded = session.live().logsDiscarded();
    memoryNotice.set(memoryNotice(session.recording(), session.shown().logsDiscarded()));
  }

  /** The memory notice's text; see {@link #memoryNoticeProperty()}. */
  static String memoryNotice(Recording recording, long logsDiscarded) {
    List<String> parts = new ArrayList<>(2);
    if (recording.folded() > 0) {
      parts.add(String.format(Locale.ROOT, "replay reaches back to %s (%,d older events folded into a snapshot)",
          Texts.time(recording.start()), recording.folded()));
    }
    if (logsDiscarded > 0) {
      parts.add(String.format(Locale.ROOT, "%,d older log entries discarded", logsDiscarded));
    }
    return parts.isEmpty() ? "" : "Memory bound: " + String.join("; ", parts);
  }

  /** The worker's name (or the recording's). */
  public ReadOnlyStringProperty workerNameProperty() {
    return workerName.getReadOnlyProperty();
  }

  /** Whether a past moment is on screen. */
  public ReadOnlyBooleanProperty replayingProperty() {
    return replaying.getReadOnlyProperty();
  }

  /** The moment on screen during a replay, else {@code null}. */
  public ReadOnlyObjectProperty<Instant> replayMomentProperty() {
    return replayMoment.getReadOnlyProperty();
  }
}
