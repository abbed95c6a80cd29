package mode.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 validation of a line, cheap for the usual all-ASCII line. Thread-safe. */
final class Utf8 {

  private Utf8() {}

  /**
   * Checks that the bytes are valid UTF-8.
   *
   * @throws ProtocolException naming the offset (from {@code offset}) of the first bad byte
   */
  static void check(byte[] bytes, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] < 0) {
        checkFrom(bytes, offset, i, end);
        return;
      }
    }
  }

  /** The strict decoder's verdict on the bytes from {@code first}, the first non-ASCII one. */
  private static void checkFrom(byte[] bytes, int offset, int first, int end) {
    ByteBuffer in = ByteBuffer.wrap(bytes, first, end - first);
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(in);
    } catch (CharacterCodingException e) {
      throw new ProtocolException("line is not valid UTF-8 (bad byte at offset " + (in.position() - offset) + ")", e);
    }
  }
}
