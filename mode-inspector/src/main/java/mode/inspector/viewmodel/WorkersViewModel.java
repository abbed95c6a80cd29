package mode.inspector.viewmodel;

import java.time.Instant;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The start panel: the workers running on this machine (refreshed by the app every couple of
 * seconds, like VisualVM's list), an address and token for a TCP worker, and the commands to
 * attach or open a recording. The worker attached to (by pid) is the list's attached entry, which
 * the view selects, whatever the row order.
 *
 * <p>Threading: UI thread only.
 */
public final class WorkersViewModel {
  /** A running worker as its descriptor announces it. */
  public record WorkerEntry(long pid, String name, String mainClass, Instant startedAt, boolean tcp) {
    @Override
    public String toString() {
      return name + "  (pid " + pid + (tcp ? ", tcp" : "") + ")";
    }
  }

  /** What the panel's commands do; implemented by the app. */
  public interface Attacher {
    /** Attach to a local worker. */
    void attach(WorkerEntry worker);

    /** Attach to {@code address} (a pid or host:port) with an optional token. */
    void attach(String address, String token);

    /** Choose a recording and open it. */
    void openRecording();
  }

  private final ObservableList<WorkerEntry> workers = FXCollections.observableArrayList();
  private final ObservableList<WorkerEntry> workersView = FXCollections.unmodifiableObservableList(workers);
  private final StringProperty address = new SimpleStringProperty(this, "address", "");
  private final StringProperty token = new SimpleStringProperty(this, "token", "");
  private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
  private final ReadOnlyObjectWrapper<WorkerEntry> attached = new ReadOnlyObjectWrapper<>(this, "attached");
  /** The pid of the local worker attached to, or -1. */
  private long attachedPid = -1;
  private Attacher attacher;

  /** Sets what the commands do. */
  public void setAttacher(Attacher attacher) {
    this.attacher = attacher;
  }

  /** Replaces the list with the workers running now (keeps it when unchanged, so the selection stays). */
  public void workersFound(List<WorkerEntry> now) {
    if (!workers.equals(now)) {
      workers.setAll(now);
    }
    markAttached();
    problem.set(now.isEmpty() ? "No mode worker runs as this user. Start one, or use --demo." : "");
  }

  /** The directory could not be read. */
  public void listingFailed(String message) {
    workers.clear();
    markAttached();
    problem.set(message);
  }

  /** The session is now attached to the local worker {@code pid}; its row becomes the attached one. */
  public void attachedTo(long pid) {
    attachedPid = pid;
    markAttached();
  }

  /** The session is attached to no listed worker (a TCP address, a recording, nothing). */
  public void detached() {
    attachedPid = -1;
    markAttached();
  }

  private void markAttached() {
    attached.set(workers.stream().filter(w -> w.pid() == attachedPid).findFirst().orElse(null));
  }

  /** Attaches to {@code worker}. */
  public void attach(WorkerEntry worker) {
    if (worker != null && attacher != null) {
      attacher.attach(worker);
    }
  }

  /** Attaches to the typed address. */
  public void attachAddress() {
    if (address.get() == null || address.get().isBlank()) {
      problem.set("Type a pid or host:port first");
      return;
    }
    if (attacher != null) {
      attacher.attach(address.get(), token.get());
    }
  }

  /** Opens a recording. */
  public void openRecording() {
    if (attacher != null) {
      attacher.openRecording();
    }
  }

  /** The workers running now. */
  public ObservableList<WorkerEntry> workers() {
    return workersView;
  }

  /**
   * The listed worker the session is attached to; null when it is not attached to a local worker
   * or that worker is not (or no longer, or not yet) listed.
   */
  public ReadOnlyObjectProperty<WorkerEntry> attachedProperty() {
    return attached.getReadOnlyProperty();
  }

  /** The typed address: a pid or host:port. */
  public StringProperty addressProperty() {
    return address;
  }

  /** The typed token (for TCP). */
  public StringProperty tokenProperty() {
    return token;
  }

  /** Why the list is empty or an attach could not start, else empty. */
  public StringProperty problemProperty() {
    return problem;
  }
}
