package mode.inspect.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.locks.ReentrantLock;
import mode.inspect.FileErrors;

/**
 * Files the CLI writes, written so that nothing is lost or half-written: a file appears under its
 * name only whole, an existing file is replaced only once the new one is complete, and every
 * error says why ({@code No such file or directory}, {@code Permission denied}). Files are
 * created with mode 0600 (recordings hold crash reasons and stacks).
 */
final class OutputFile {

  /** The suffix of a recording in progress: {@code session.jsonl.partial}. */
  static final String PARTIAL = ".partial";

  private OutputFile() {}

  /**
   * Prints {@code text} on the command's standard output when {@code file} is null, else writes it
   * to {@code file} as {@link #write} does.
   */
  static void printOrWrite(java.io.PrintWriter out, Path file, String text) throws IOException {
    if (file == null) {
      out.print(text);
      out.flush();
    } else {
      write(file, text);
    }
  }

  /**
   * Writes {@code text} to a temporary file in {@code file}'s folder and moves it into place, so
   * {@code file} is either as before or wholly the new text.
   *
   * @throws IOException naming the file and the reason
   */
  static void write(Path file, String text) throws IOException {
    Path folder = folderOf(file);
    Path temp;
    try {
      temp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      throw cannot("write", file, e);
    }
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      moveIntoPlace(temp, file);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw cannot("write", file, e);
    }
  }

  /** {@code cannot <action> <file>: <reason>}; the temporary file, if that failed, is not named. */
  private static IOException cannot(String action, Path file, IOException e) {
    return new IOException("cannot " + action + " " + file + ": " + FileErrors.reason(e), e);
  }

  private static Path folderOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? file.toAbsolutePath().getRoot() : parent;
  }

  private static void moveIntoPlace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * A file that grows line by line as {@code <file>.partial} and becomes {@code <file>} when
   * {@link #finish()} is called. Killed before that, the lines written so far stay in the partial
   * file, each one whole and flushed. Thread-safe.
   */
  static final class Growing implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private final BufferedWriter writer;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean done;

    private Growing(Path target, Path partial, BufferedWriter writer) {
      this.target = target;
      this.partial = partial;
      this.writer = writer;
    }

    /**
     * Creates {@code <file>.partial} (0600); {@code file} itself is not touched.
     *
     * @throws IOException if the partial file exists already (it may hold an interrupted
     *     recording) or cannot be created; the message names it and the reason
     */
    static Growing create(Path file) throws IOException {
      Path partial = file.resolveSibling(file.getFileName() + PARTIAL);
      try {
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        throw new IOException("cannot record to " + file + ": " + partial
            + " exists (an interrupted recording?); move it away first", e);
      } catch (IOException e) {
        throw cannot("record to", file, e);
      }
      var out = Files.newOutputStream(partial, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new Growing(file, partial, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    /** The file the lines grow in until {@link #finish()}. */
    Path partial() {
      return partial;
    }

    /**
     * Appends one line and flushes it; false (writing nothing) once finished.
     *
     * @throws IOException naming the file and the reason
     */
    boolean append(String line) throws IOException {
      lock.lock();
      try {
        if (done) {
          return false;
        }
        writer.write(line);
        writer.newLine();
        writer.flush();
        return true;
      } catch (IOException e) {
        throw cannot("write", partial, e);
      } finally {
        lock.unlock();
      }
    }

    /**
     * Closes the partial file and renames it to the target, replacing what was there; idempotent.
     *
     * @throws IOException if it cannot be renamed (the lines stay in the partial file)
     */
    void finish() throws IOException {
      lock.lock();
      try {
        if (done) {
          return;
        }
        done = true;
        writer.close();
        moveIntoPlace(partial, target);
      } catch (IOException e) {
        throw new IOException("cannot rename " + partial + " to " + target + ": " + FileErrors.reason(e)
            + "; the recording is in " + partial, e);
      } finally {
        lock.unlock();
      }
    }

    /** Closes and removes the partial file: nothing was recorded (the attach failed). */
    void discard() throws IOException {
      lock.lock();
      try {
        if (!done) {
          done = true;
          writer.close();
          Files.deleteIfExists(partial);
        }
      } finally {
        lock.unlock();
      }
    }

    /** Finishes, unless already finished or discarded. */
    @Override
    public void close() throws IOException {
      finish();
    }
  }
}
