package mode.inspector.connection;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mode.events.ServiceEvent;
import mode.inspect.Frame;
import mode.inspect.InspectMessage;
import mode.inspect.MessageCodec;
import mode.inspect.ProtocolException;
import mode.inspector.model.Recording;

/**
 * Recordings on disk: the session's lines in the inspect protocol (JSON Lines, one message per
 * line, see {@code PROTOCOL.md}) — the same format {@code mode-inspect record} writes, so either
 * tool opens the other's files. A {@code hello} names the worker; event lines are replayed;
 * replies and other messages are skipped. A JDK Flight Recorder file ({@code .jfr}) with mode
 * events opens too (see {@link FlightRecordings}).
 *
 * <p>Threading: stateless; call from any thread (the app reads and writes off the FX thread).
 */
public final class RecordingFiles {
  private RecordingFiles() {}

  /**
   * A recording read from a file.
   *
   * @param name the worker's name and pid (or the file's name without hello)
   * @param recording the events
   * @param hello the recorded worker's greeting, or {@code null} if the file has none
   */
  public record Opened(String name, Recording recording, InspectMessage.Hello hello) {}

  /**
   * Reads a recording: JSON Lines, or JFR when the file begins as JFR does or its name ends in
   * {@code .jfr}.
   *
   * @throws IOException if the file cannot be read, or a line is not a protocol message (the
   *     message names the file, the line number and what is wrong), or it holds no events; for
   *     JFR, as {@link FlightRecordings#read} fails
   */
  public static Opened read(Path file) throws IOException {
    if (file.getFileName().toString().endsWith(".jfr") || FlightRecordings.isFlightRecording(file)) {
      return FlightRecordings.read(file);
    }
    List<ServiceEvent> events = new ArrayList<>();
    String name = file.getFileName().toString();
    InspectMessage.Hello greeting = null;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        InspectMessage message;
        try {
          message = MessageCodec.decode(line).message();
        } catch (ProtocolException e) {
          throw new IOException(file.getFileName() + " is not a mode recording: line " + number + ": " + e.getMessage(), e);
        }
        if (message instanceof InspectMessage.Event event) {
          events.add(event.event());
        } else if (message instanceof InspectMessage.Hello hello && greeting == null) {
          greeting = hello;
          name = hello.name() + " (recorded, pid " + hello.pid() + ")";
        }
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IOException(file.getFileName() + " is not a mode recording: it is not UTF-8 text", e);
    }
    if (events.isEmpty()) {
      throw new IOException(file.getFileName() + " is not a mode recording: it holds no events");
    }
    return new Opened(name, new Recording(events), greeting);
  }

  /**
   * Writes a recording: the worker's {@code hello} as it greeted the inspector (its pid, name,
   * main class, start time, version and this connection's name), then one line per event, each
   * stamped with the event's time.
   *
   * @param file where to write
   * @param worker the worker's greeting
   * @param recording the events
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, InspectMessage.Hello worker, Recording recording) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      Instant first = recording.isEmpty() ? worker.startedAt() : recording.start();
      long seq = 1;
      out.write(MessageCodec.encode(new Frame(seq++, first, worker)));
      out.newLine();
      for (ServiceEvent event : recording.events()) {
        out.write(MessageCodec.encode(new Frame(seq++, event.at(), new InspectMessage.Event(event))));
        out.newLine();
      }
    }
  }

  /**
   * The greeting to write for a worker that never said hello (nothing known but a name): pid 0,
   * which no worker has, rather than a pid that belongs to some other process.
   *
   * @param workerName the worker's name, or empty
   * @param recording the events (its start is the greeting's time)
   * @return the greeting
   */
  public static InspectMessage.Hello unknownWorker(String workerName, Recording recording) {
    Instant first = recording.isEmpty() ? Instant.EPOCH : recording.start();
    return new InspectMessage.Hello(InspectMessage.PROTOCOL_VERSION, 0,
        workerName == null || workerName.isEmpty() ? "unknown" : workerName, "", first);
  }
}
