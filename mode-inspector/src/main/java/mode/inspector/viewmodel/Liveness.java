package mode.inspector.viewmodel;

import mode.inspector.model.Texts;
import java.time.Instant;
import java.time.InstantSource;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Whether what is on screen is the present: live while attached to a worker that answers and no
 * past moment is shown; otherwise frozen at one moment (the last time the worker was seen, the
 * replayed moment, the end of an opened recording), which every clock on screen then reads, and
 * a sentence that says so ("last seen 13:47:29").
 *
 * <p>Threading: UI thread only.
 */
public final class Liveness implements InstantSource {
  private final InstantSource wallClock;
  private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("Not attached to a worker");
  private Instant frozenAt;
  private Instant lastSeen;
  private boolean connected;
  private Instant replayed;
  private Instant recordedEnd;

  Liveness(InstantSource wallClock) {
    this.wallClock = wallClock;
  }

  /** The worker answers (again): live, unless a past moment is shown. */
  void connected() {
    connected = true;
    recordedEnd = null;
    update();
  }

  /** The worker stopped answering (or was never reached): frozen at the last time it was seen. */
  void disconnected() {
    if (connected) {
      lastSeen = wallClock.instant();
    }
    connected = false;
    update();
  }

  /** An opened recording is on screen, frozen at its end ({@code null}: it is empty). */
  void recording(Instant end) {
    connected = false;
    recordedEnd = end == null ? Instant.EPOCH : end;
    replayed = null;
    update();
  }

  /** A replayed moment is on screen, or the present again with {@code null}. */
  void replaying(Instant moment) {
    replayed = moment;
    update();
  }

  /** A new session (another worker): nothing seen yet. */
  void reset() {
    connected = false;
    lastSeen = null;
    replayed = null;
    recordedEnd = null;
    update();
  }

  private void update() {
    if (replayed != null) {
      frozenAt = replayed;
      notice.set("Replay: the graph as it was at " + Texts.time(replayed) + (recordedEnd != null
          ? " (recorded; ends at " + Texts.time(recordedEnd) + ")" : ""));
    } else if (recordedEnd != null) {
      frozenAt = recordedEnd;
      notice.set("Recording: recorded at " + Texts.clock(recordedEnd) + " — not live");
    } else if (!connected) {
      frozenAt = lastSeen == null ? wallClock.instant() : lastSeen;
      notice.set(lastSeen == null ? "Not attached to a worker"
          : "Disconnected: last seen " + Texts.clock(lastSeen) + " — what you see may have changed since");
    } else {
      frozenAt = null;
      notice.set("");
    }
    live.set(frozenAt == null);
  }

  /** The moment on screen: the wall clock while live, else the frozen moment. */
  @Override
  public Instant instant() {
    return frozenAt == null ? wallClock.instant() : frozenAt;
  }

  /** Whether the present of an attached worker is on screen. */
  public ReadOnlyBooleanProperty liveProperty() {
    return live.getReadOnlyProperty();
  }

  /** What is on screen when it is not live ("Disconnected: last seen 13:47:29 …"); empty while live. */
  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }
}
