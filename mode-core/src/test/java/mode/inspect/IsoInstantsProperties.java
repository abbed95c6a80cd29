package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast instant text is exactly the JDK's, both ways, for every instant and every string. */
class IsoInstantsProperties {

  @Property(tries = 5000)
  void formatWritesWhatToStringWrites(@ForAll("instants") Instant instant) {
    char[] out = new char[IsoInstants.MAX_LENGTH];
    int length = IsoInstants.format(instant, out, 0);
    if (length < 0) {
      // Only years without four digits are left to toString().
      assertThat(instant.toString()).matches("[+-].*");
    } else {
      assertThat(new String(out, 0, length)).isEqualTo(instant.toString());
    }
  }

  @Property(tries = 5000)
  void parseReadsWhatToStringWrites(@ForAll("instants") Instant instant) {
    assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
  }

  @Property(tries = 10000)
  void parseAgreesWithTheJdkOnAnyNearlyIsoText(@ForAll("nearlyIso") String text) {
    Instant expected;
    try {
      expected = Instant.parse(text);
    } catch (DateTimeException e) {
      assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeException.class)
          .hasMessage(e.getMessage());
      return;
    }
    assertThat(IsoInstants.parse(text)).isEqualTo(expected);
  }

  @Example
  void theCommonFormIsReadWithoutTheJdk() {
    assertThat(IsoInstants.parseCommon("2026-11-28T05:12:15.084Z")).isEqualTo(Instant.parse("2026-11-28T05:12:15.084Z"));
    assertThat(IsoInstants.parseCommon("2026-11-28T05:12:15Z")).isEqualTo(Instant.parse("2026-11-28T05:12:15Z"));
    assertThat(IsoInstants.parseCommon("2026-11-28T05:12:15.1Z")).isEqualTo(Instant.parse("2026-11-28T05:12:15.100Z"));
    assertThat(IsoInstants.parseCommon("2026-11-28T05:12:15.084+00:00")).isNull();
    assertThat(IsoInstants.parseCommon("2026-02-30T05:12:15Z")).isNull();
    assertThat(IsoInstants.parseCommon("2026-12-31T23:59:60Z")).isNull();
    char[] inside = "\"at\":\"2026-11-28T05:12:15.084Z\"".toCharArray();
    assertThat(IsoInstants.parseCommon(inside, 6, 24)).isEqualTo(Instant.parse("2026-11-28T05:12:15.084Z"));
    assertThat(IsoInstants.parseCommon(inside, 5, 24)).isNull();
  }

  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Long> anySecond = Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
    Arbitrary<Long> fourDigitYears = Arbitraries.longs().between(-62_167_219_200L - 86_400, 253_402_300_800L + 86_400);
    Arbitrary<Integer> nanos = Arbitraries.oneOf(
        Arbitraries.just(0),
        Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
        Arbitraries.integers().between(0, 999_999).map(us -> us * 1000),
        Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, anySecond), net.jqwik.api.Tuple.of(9, fourDigitYears)), nanos)
        .as(Instant::ofEpochSecond);
  }

  /** ISO-like text: a real instant's text with one character replaced, dropped or added. */
  @Provide
  Arbitrary<String> nearlyIso() {
    Arbitrary<Character> chars = Arbitraries.of('0', '1', '2', '3', '5', '6', '9', '-', ':', '.', 'T', 't', 'Z', 'z', '+', ' ');
    return Combinators.combine(instants(), Arbitraries.integers().between(0, 40), chars,
            Arbitraries.integers().between(0, 3))
        .as((instant, position, c, edit) -> {
          StringBuilder text = new StringBuilder(instant.toString());
          int at = Math.min(position, text.length());
          switch (edit) {
            case 0 -> { }
            case 1 -> text.insert(at, c);
            case 2 -> { if (at < text.length()) text.deleteCharAt(at); }
            default -> { if (at < text.length()) text.setCharAt(at, c); }
          }
          return text.toString();
        });
  }
}
