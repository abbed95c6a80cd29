package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  /** A channel that hands out its bytes at most {@code step} at a time, as a socket may. */
  static final class TrickleChannel implements ReadableByteChannel {
    private final byte[] bytes;
    private final int step;
    private int position;

    TrickleChannel(byte[] bytes, int step) {
      this.bytes = bytes;
      this.step = step;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (position == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(step, dst.remaining()), bytes.length - position);
      dst.put(bytes, position, n);
      position += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }

  static List<String> readAll(byte[] bytes, int step, int max) throws IOException {
    LineReader reader = new LineReader(new TrickleChannel(bytes, step), max);
    List<String> lines = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lines.add(line);
    }
    return lines;
  }

  @Test
  void linesAfterOneOfMegabytesAreReassembledWholeAsBefore() throws IOException {
    // A snapshot-sized line grows the reader's buffer; the buffer is given back after it, and
    // the lines after it, split across reads, still arrive whole and in order.
    String big = "x".repeat(3 << 20);
    String after = "{\"after\":\"" + "y".repeat(5_000) + "\"}";
    byte[] bytes = ("{}\n" + big + "\n" + after + "\n" + big + "\nlast\n").getBytes(StandardCharsets.UTF_8);

    for (int step : new int[] {7, 4096, 1 << 20}) {
      assertThat(readAll(bytes, step, 4 << 20)).containsExactly("{}", big, after, big, "last");
    }
  }

  @Test
  void linesSplitAcrossReadsOfOneByteAreReassembled() throws IOException {
    byte[] bytes = "{\"a\":1}\n{\"b\":\"ünï ✓\"}\n\n{}\n".getBytes(StandardCharsets.UTF_8);
    List<String> expected = List.of("{\"a\":1}", "{\"b\":\"ünï ✓\"}", "", "{}");
    assertThat(readAll(bytes, 1, 100)).isEqualTo(expected);
    assertThat(readAll(bytes, 3, 100)).isEqualTo(expected);
    assertThat(readAll(bytes, 1 << 20, 100)).isEqualTo(expected);
  }

  @Test
  void aLineOfExactlyTheMaximumIsAccepted() throws IOException {
    byte[] bytes = new byte[11];
    Arrays.fill(bytes, (byte) 'x');
    bytes[10] = '\n';
    assertThat(readAll(bytes, 4, 10)).containsExactly("xxxxxxxxxx");
  }

  @Test
  void aLineLongerThanTheMaximumIsRejectedBeforeItEnds() {
    byte[] bytes = new byte[5_000_000];
    Arrays.fill(bytes, (byte) 'x');
    assertThatThrownBy(() -> readAll(bytes, 8192, 1 << 20))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("line longer than the maximum of 1048576 bytes");
  }

  @Test
  void invalidUtf8IsRejectedNamingTheOffset() {
    byte[] bytes = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
    assertThatThrownBy(() -> readAll(bytes, 1, 100))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("line is not valid UTF-8 (bad byte at offset 2)");
  }

  @Test
  void theStreamEndingInsideALineIsReported() {
    byte[] bytes = "{}\n{\"type\"".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> readAll(bytes, 2, 100))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("stream ended in the middle of a line (7 bytes without a newline)");
  }

  @Test
  void goodLinesBeforeABadOneAreDeliveredInOrder() throws IOException {
    // A reader is used for one connection; after a bad line the connection is closed, so the
    // only promise is that good lines before it were all delivered in order.
    byte[] bytes = "{\"n\":1}\n{\"n\":2}\n\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    LineReader reader = new LineReader(new TrickleChannel(bytes, 5), 100);
    assertThat(reader.readLine()).isEqualTo("{\"n\":1}");
    assertThat(reader.readLine()).isEqualTo("{\"n\":2}");
    assertThatThrownBy(reader::readLine).isInstanceOf(ProtocolException.class);
  }
  @Test
  void linesHandedOverAsBytesAreTheLinesReadAsText() throws IOException {
    byte[] bytes = "{\"a\":1}\n{\"b\":\"ünï ✓\"}\n\n{}\n".getBytes(StandardCharsets.UTF_8);
    for (int step : new int[] {1, 3, 1 << 20}) {
      LineReader reader = new LineReader(new TrickleChannel(bytes, step), 100);
      List<String> lines = new ArrayList<>();
      while (reader.readLine((array, offset, length) -> lines.add(new String(array, offset, length, StandardCharsets.UTF_8)))) {
        // collecting
      }
      assertThat(lines).as("step " + step).containsExactly("{\"a\":1}", "{\"b\":\"ünï ✓\"}", "", "{}");
    }
  }

  @Test
  void aSinkThatFailsLeavesTheReaderAtTheNextLine() throws IOException {
    byte[] bytes = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
    LineReader reader = new LineReader(new TrickleChannel(bytes, 1 << 20), 100);
    assertThatThrownBy(() -> reader.readLine((array, offset, length) -> {
      throw new IllegalStateException("handler failed on " + new String(array, offset, length, StandardCharsets.UTF_8));
    })).hasMessage("handler failed on one");
    assertThat(reader.readLine()).isEqualTo("two");
    assertThat(reader.readLine()).isEqualTo("three");
    assertThat(reader.readLine()).isNull();
  }

  @Test
  void aLineLongerThanTheMaximumIsRejectedWhenItArrivesWhole() {
    byte[] bytes = "ok\nxxxxxxxxxxx\n".getBytes(StandardCharsets.UTF_8);
    LineReader reader = new LineReader(new TrickleChannel(bytes, 1 << 20), 10);
    assertThatThrownBy(() -> {
      assertThat(reader.readLine()).isEqualTo("ok");
      reader.readLine();
    }).isInstanceOf(ProtocolException.class).hasMessage("line longer than the maximum of 10 bytes");
  }

  @Test
  void invalidUtf8InALineThatArrivesWholeIsRejectedNamingItsOffsetInTheLine() throws IOException {
    byte[] bytes = {'o', 'k', '\n', '{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
    LineReader reader = new LineReader(new TrickleChannel(bytes, 100), 100);
    assertThat(reader.readLine()).isEqualTo("ok");
    assertThatThrownBy(reader::readLine)
        .isInstanceOf(ProtocolException.class)
        .hasMessage("line is not valid UTF-8 (bad byte at offset 2)");
  }
}
