package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileErrorsTest {

  @Test
  void theReasonIsTheOperatingSystemsWording() {
    assertThat(FileErrors.reason(new NoSuchFileException("/x"))).isEqualTo("No such file or directory");
    assertThat(FileErrors.reason(new AccessDeniedException("/x"))).isEqualTo("Permission denied");
    assertThat(FileErrors.reason(new NotDirectoryException("/x"))).isEqualTo("Not a directory");
    assertThat(FileErrors.reason(new FileSystemException("/x", null, "Read-only file system")))
        .isEqualTo("Read-only file system");
    assertThat(FileErrors.reason(new IOException("No space left on device"))).isEqualTo("No space left on device");
  }

  @Test
  void describeNamesTheFileTheActionAndTheReason() {
    IOException denied = new AccessDeniedException("/etc/x");
    IOException described = FileErrors.describe("write", Path.of("/etc/x"), denied);
    assertThat(described).hasMessage("cannot write /etc/x: Permission denied").hasCause(denied);
  }
}
