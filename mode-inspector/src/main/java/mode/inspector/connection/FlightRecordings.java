package mode.inspector.connection;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import mode.events.ServiceEvent;
import mode.inspector.model.Recording;

/**
 * Opens a JDK Flight Recorder file ({@code .jfr}) that holds the events of {@code mode.jfr}, as
 * written by a Worker (or {@code ModeFlightRecorder.watch}) while a recording ran, e.g. one
 * started with {@code jcmd <pid> JFR.start}. The events become the same {@link ServiceEvent}s a
 * live session records, so a JFR file replays like a JSON Lines recording (tree events give the
 * services and edges, transitions the timeline, timed starts and stops the durations, see {@code
 * FlightRecordingEvents}).
 *
 * <p>Threading: stateless; call from any thread (the app reads off the FX thread).
 */
public final class FlightRecordings {
  /** The first bytes of every JFR file (a chunk header's magic). */
  private static final byte[] MAGIC = {'F', 'L', 'R', 0};

  private FlightRecordings() {}

  /**
   * Whether {@code file} begins as a JFR file does.
   *
   * @throws IOException if the file cannot be read
   */
  public static boolean isFlightRecording(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    }
  }

  /**
   * Reads the mode events of a JFR file into a recording named after its root service (and the
   * recorded JVM's pid when the file holds {@code jdk.JVMInformation}).
   *
   * @throws IOException if the file cannot be read, is not a JFR file, is truncated or corrupt, or
   *     holds no mode events (each message names the file and says which)
   */
  public static RecordingFiles.Opened read(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (!isFlightRecording(file)) {
      throw new IOException(name + " is not a JFR recording: it does not begin with the JFR magic bytes");
    }
    FlightRecordingEvents events = new FlightRecordingEvents();
    Long pid = null;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        String type = event.getEventType().getName();
        if (type.startsWith("mode.")) {
          events.add(event);
        } else if (pid == null && type.equals("jdk.JVMInformation") && event.hasField("pid")) {
          pid = event.getLong("pid");
        }
      }
    } catch (EOFException e) {
      throw new IOException(name + " is a truncated JFR recording (it ends inside a chunk): "
          + "dump it again, or copy it once the recording has stopped", e);
    } catch (IOException | RuntimeException e) {
      throw new IOException(name + " is a corrupt JFR recording: " + e.getMessage(), e);
    }
    if (events.isEmpty()) {
      throw new IOException(name + " holds no mode events: record a JVM that runs a mode Worker "
          + "(or calls ModeFlightRecorder.watch), e.g. jcmd <pid> JFR.start settings=default");
    }
    List<ServiceEvent> converted = events.toServiceEvents();
    String root = events.rootLabel();
    String shown = (root == null ? name : root) + " (JFR recording"
        + (pid == null ? " " + name : ", pid " + pid) + ")";
    return new RecordingFiles.Opened(shown, new Recording(converted), null); // JFR holds no hello
  }
}
