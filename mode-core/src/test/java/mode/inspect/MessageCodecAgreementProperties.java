package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one-pass decoder changes nothing but speed: for golden lines with random edits (a character
 * replaced, dropped or added: broken JSON, wrong types, odd numbers and times, duplicate or
 * reordered keys, unknown types), decoding from text, decoding from bytes and the general tree
 * decoder give the same frame, or fail with the same message.
 */
class MessageCodecAgreementProperties {

  private static final List<String> GOLDEN = golden();
  private static final List<String> INSERTS = List.of("\"", ",", ":", "{", "}", "[", "0", "1", "-", ".", "e", " ",
      "Z", "x", "null", "1.5", "99999999999999999999", "3000000000", ",\"seq\":2", ",\"at\":null",
      ",\"extra\":[1,{}]", ",\"to\":\"RUNNING\"", ",\"serviceId\":9", "STOPPING", "\"running\"",
      "\ufeff", "\u0000", "\u0000\u0000", "é");

  private static List<String> golden() {
    try {
      return MessageCodecTest.goldenLines();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Property(tries = 5000)
  void textBytesAndTreeAgree(@ForAll("editedLines") String line) {
    assertAgree(line);
  }

  /** Transitions are read by their own reader: the same, for transition lines alone. */
  @Property(tries = 3000)
  void textBytesAndTreeAgreeOnTransitions(@ForAll("editedTransitions") String line) {
    assertAgree(line);
  }

  private static void assertAgree(String line) {
    String expected = outcome(() -> TreeDecoder.decode(line));
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    assertThat(outcome(() -> MessageCodec.decode(line))).as(line).isEqualTo(expected);
    assertThat(outcome(() -> MessageCodec.decode(bytes, 0, bytes.length))).as(line).isEqualTo(expected);
  }

  /** The frame, or the failure's type and message, as comparable text. */
  private static String outcome(java.util.function.Supplier<Frame> decode) {
    try {
      return "frame " + decode.get();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  @Provide
  Arbitrary<String> editedLines() {
    return edited(Arbitraries.of(GOLDEN));
  }

  @Provide
  Arbitrary<String> editedTransitions() {
    return edited(Arbitraries.of(GOLDEN.stream().filter(l -> l.startsWith("{\"type\":\"transition\"")).toList()));
  }

  private static Arbitrary<String> edited(Arbitrary<String> line) {
    return Combinators.combine(line, Arbitraries.integers().between(0, 2000), Arbitraries.of(INSERTS),
            Arbitraries.integers().between(0, 3))
        .as((text, position, insert, edit) -> {
          StringBuilder edited = new StringBuilder(text);
          // Half of the edits near either end, where the envelope and the object's end are.
          int at = position % 2 == 0 ? position % (text.length() + 1)
              : position % 4 == 1 ? position / 4 % 40 : Math.max(0, text.length() - position / 4 % 6);
          switch (edit) {
            case 0 -> { }
            case 1 -> edited.insert(at, insert);
            case 2 -> edited.delete(at, Math.min(text.length(), at + insert.length()));
            default -> edited.replace(at, Math.min(text.length(), at + insert.length()), insert);
          }
          return edited.toString();
        });
  }
}
