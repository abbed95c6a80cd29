package mode.inspect;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;

/**
 * Says why a file operation failed in the words of the operating system ({@code No such file or
 * directory}, {@code Permission denied}), where Java's exceptions carry only the path. Pure and
 * safe from any thread.
 */
public final class FileErrors {

  private FileErrors() {}

  /**
   * The reason of {@code error}: the operating system's wording for the common cases, else the
   * reason the file system gave, else the exception's message.
   *
   * @param error a failed file operation's exception
   * @return the reason, in words
   */
  public static String reason(IOException error) {
    String known = switch (error) {
      case NoSuchFileException e -> "No such file or directory";
      case AccessDeniedException e -> "Permission denied";
      case FileAlreadyExistsException e -> "File exists";
      case NotDirectoryException e -> "Not a directory";
      case DirectoryNotEmptyException e -> "Directory not empty";
      case NotLinkException e -> "Not a symbolic link";
      default -> null;
    };
    if (known != null) {
      return known;
    }
    if (error instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }

  /**
   * An exception whose message is {@code cannot <action> <file>: <reason>} (plus the other file
   * involved, if the error names one), with {@code error} as its cause.
   *
   * @param action what was being done, e.g. {@code create inspect directory}
   * @param file the file it was done to
   * @param error the exception it failed with
   * @return the new exception
   */
  public static IOException describe(String action, Path file, IOException error) {
    String other = error instanceof FileSystemException fs && fs.getFile() != null
        && !fs.getFile().equals(String.valueOf(file)) ? " (" + fs.getFile() + ")" : "";
    return new IOException("cannot " + action + " " + file + ": " + reason(error) + other, error);
  }
}
