package mode.inspector.model;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import mode.events.ServiceEvent;

/**
 * One inspector session as plain data: the live model that the worker's events update, the
 * recording of those events, and which model is on screen (the live one, or the session
 * replayed to a past moment). Opening a recording makes it the session, with its last moment as
 * the live model.
 *
 * <p>Threading: not thread-safe; owned by the thread that applies events (the FX thread in the
 * app). Never throws on odd events: the models turn them into changes (see {@link ChangeSet}).
 */
public final class Session {
  private final int historyCapacity;
  private final int logCapacity;
  private final Supplier<Recording> recordings;
  private ServiceGraph live;
  private ServiceGraph shown;
  private Recording recording;
  private Instant replayMoment;
  private String client;

  /**
   * An empty session whose models keep {@code historyCapacity} transitions and {@code
   * logCapacity} log entries, recording into what {@code recordings} makes.
   */
  public Session(int historyCapacity, int logCapacity, Supplier<Recording> recordings) {
    this.historyCapacity = historyCapacity;
    this.logCapacity = logCapacity;
    this.recordings = recordings;
    restart();
  }

  /** Starts afresh (another worker): a new live model and recording, the live model on screen. */
  public void restart() {
    client = null;
    live = new ServiceGraph(historyCapacity, logCapacity);
    recording = recordings.get();
    goLive();
  }

  /** Records a batch of events and applies it to the live model; returns what changed there. */
  public ChangeSet accept(List<ServiceEvent> batch) {
    for (ServiceEvent event : batch) {
      recording.add(event);
    }
    return live.applyAll(batch);
  }

  /** Makes {@code opened} the session: its last moment is the live model, and on screen. */
  public void open(Recording opened) {
    recording = opened;
    live = opened.replayTo(opened.isEmpty() ? Instant.EPOCH : opened.end(), historyCapacity, logCapacity);
    live.client(client);
    goLive();
  }

  /**
   * Puts the session as it was at {@code moment} on screen; live events keep being recorded.
   *
   * @return false (and nothing changes) when nothing was recorded yet
   */
  public boolean replayTo(Instant moment) {
    if (recording.isEmpty()) {
      return false;
    }
    replayMoment = moment;
    shown = recording.replayTo(moment, historyCapacity, logCapacity);
    shown.client(client);
    return true;
  }

  /**
   * How the worker names this inspector's connection (its hello's {@code client}; for an opened
   * recording, the recording inspector's): its operator moves are shown as "by you". Set it before
   * {@link #open} for a recording.
   *
   * @param name the hello's {@code client}, or {@code null}
   */
  public void client(String name) {
    client = name;
    live.client(name);
    shown.client(name);
  }

  /** Puts the live model on screen again. */
  public void goLive() {
    replayMoment = null;
    shown = live;
  }

  /** Whether a past moment is on screen. */
  public boolean replaying() {
    return replayMoment != null;
  }

  /** The moment on screen during a replay, else {@code null}. */
  public Instant replayMoment() {
    return replayMoment;
  }

  /** The live model. */
  public ServiceGraph live() {
    return live;
  }

  /** The model on screen: the live one, or the replayed moment. */
  public ServiceGraph shown() {
    return shown;
  }

  /** The session's recording (or the opened one). */
  public Recording recording() {
    return recording;
  }
}
