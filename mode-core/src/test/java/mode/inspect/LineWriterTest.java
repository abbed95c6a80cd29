package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineWriterTest {

  /** A channel that takes at most {@code step} bytes per call and records every call. */
  static final class RecordingChannel implements WritableByteChannel {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Integer> calls = new ArrayList<>();
    private final int step;

    RecordingChannel(int step) {
      this.step = step;
    }

    @Override
    public int write(ByteBuffer src) {
      int n = Math.min(step, src.remaining());
      byte[] taken = new byte[n];
      src.get(taken);
      bytes.writeBytes(taken);
      calls.add(n);
      return n;
    }

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }

  @Test
  void linesEncodedOneAfterTheOtherAreByteForByteTheGoldenLines() throws IOException {
    LineEncoder encoder = new LineEncoder();
    MessageCodecTest.everyMessage().forEach(encoder::append);
    ByteBuffer bytes = encoder.bytes();
    String text = new String(bytes.array(), 0, bytes.limit(), StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(String.join("\n", MessageCodecTest.goldenLines()) + "\n");
  }

  @Test
  void textOutsideTheBmpIsWrittenAsUtf8AndALoneSurrogateEscapedSoItReadsBackUnchanged() {
    LineEncoder encoder = new LineEncoder();
    Frame frame = new Frame(1, MessageCodecTest.T0, new InspectMessage.ErrorMessage("smile \ud83d\ude00, half \ud800."));
    encoder.append(frame);
    byte[] bytes = java.util.Arrays.copyOf(encoder.bytes().array(), encoder.size());
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
        "{\"type\":\"error\",\"seq\":1,\"ts\":\"2026-11-28T05:12:15.084Z\",\"message\":\"smile \ud83d\ude00, half \\uD800.\"}\n");
    assertThat(MessageCodec.decode(bytes, 0, bytes.length - 1)).isEqualTo(frame);
  }

  @Test
  void appendedLinesLeaveInOneWriteInOrderWithConsecutiveSeqs() {
    RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE);
    LineWriter writer = new LineWriter(channel);
    List<InspectMessage> messages = serverMessages();
    List<Frame> appended = messages.stream().map(writer::append).toList();
    assertThat(channel.calls).isEmpty();
    flush(writer);
    assertThat(channel.calls).hasSize(1);
    assertThat(decodeAll(channel.text())).containsExactlyElementsOf(appended);
    assertThat(appended).extracting(Frame::seq)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, messages.size()).boxed().toList());
    assertThat(appended).extracting(Frame::message).containsExactlyElementsOf(messages);
  }

  @Test
  void aChannelTakingFewBytesPerCallStillGetsEveryLineWholeAndInOrder() throws IOException {
    RecordingChannel channel = new RecordingChannel(7);
    LineWriter writer = new LineWriter(channel);
    List<Frame> appended = serverMessages().stream().map(writer::append).toList();
    int pending = writer.pendingBytes();
    writer.flush();
    assertThat(writer.pendingBytes()).isZero();
    assertThat(channel.bytes.size()).isEqualTo(pending);
    assertThat(channel.calls).allMatch(n -> n == 7 || n == pending % 7);
    assertThat(decodeAll(channel.text())).containsExactlyElementsOf(appended);
  }

  @Test
  void writeSendsTheLinesAppendedBeforeItFirstInTheSameCall() throws IOException {
    RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE);
    LineWriter writer = new LineWriter(channel);
    Frame first = writer.append(new InspectMessage.ErrorMessage("first"));
    Frame second = writer.write(new InspectMessage.ErrorMessage("second"));
    Frame third = writer.write(new InspectMessage.ErrorMessage("third"));
    assertThat(channel.calls).hasSize(2);
    assertThat(decodeAll(channel.text())).containsExactly(first, second, third);
  }

  @Test
  void anUnencodableMessageLeavesTheBatchAndTheSeqAsTheyWere() throws IOException {
    RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE);
    LineWriter writer = new LineWriter(channel);
    Frame before = writer.append(new InspectMessage.ErrorMessage("before"));
    assertThatThrownBy(() -> writer.append(new InspectMessage.Unknown("metrics", "{}")))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("cannot encode a message of unknown type 'metrics'");
    Frame after = writer.write(new InspectMessage.ErrorMessage("after"));
    assertThat(after.seq()).isEqualTo(2);
    assertThat(decodeAll(channel.text())).containsExactly(before, after);
  }

  /** Every message an agent sends, from the golden set (commands and auth go the other way). */
  private static List<InspectMessage> serverMessages() {
    return MessageCodecTest.everyMessage().stream().map(Frame::message)
        .filter(m -> !(m instanceof InspectMessage.Command || m instanceof InspectMessage.Auth)).toList();
  }

  private static List<Frame> decodeAll(String text) {
    assertThat(text).endsWith("\n");
    return text.lines().map(MessageCodec::decode).toList();
  }

  private static void flush(LineWriter writer) {
    try {
      writer.flush();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
