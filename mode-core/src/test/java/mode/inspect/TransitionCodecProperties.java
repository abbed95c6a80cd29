package mode.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import mode.State;
import mode.events.ServiceEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Transitions have their own writer and reader; for any transition (any ids, counts, times, and
 * crash texts with quotes, control characters, non-ASCII and characters outside the BMP), the
 * writer gives the binder's exact
 * bytes, and reading the line back, from text or bytes, gives the frame.
 */
class TransitionCodecProperties {

  @Property(tries = 3000)
  void theTransitionWriterWritesWhatTheBinderWrites(@ForAll("transitions") Frame frame) throws JsonProcessingException {
    String binder = MessageCodec.MAPPER.writerFor(WireLine.class).writeValueAsString(WireLine.of(frame));
    assertThat(MessageCodec.encode(frame)).isEqualTo(binder);
    LineEncoder encoder = new LineEncoder();
    encoder.append(frame);
    assertThat(new String(encoder.bytes().array(), 0, encoder.size(), StandardCharsets.UTF_8)).isEqualTo(binder + "\n");
  }

  @Property(tries = 3000)
  void aTransitionLineReadsBackToItsFrame(@ForAll("transitions") Frame frame) {
    String line = MessageCodec.encode(frame);
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    assertThat(MessageCodec.decode(line)).isEqualTo(frame);
    assertThat(MessageCodec.decode(bytes, 0, bytes.length)).isEqualTo(frame);
    assertThat(TreeDecoder.decode(line)).isEqualTo(frame);
  }

  @Provide
  Arbitrary<Frame> transitions() {
    Arbitrary<Instant> instants = Combinators.combine(
            Arbitraries.longs().between(-62_167_219_200L * 2, 253_402_300_800L * 2), Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
    // Any valid UTF-16 text: no lone surrogates, pairs (outside the BMP) mixed in.
    Arbitrary<String> texts = Combinators.combine(
            Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(40),
            Arbitraries.of("", "\ud83d\ude00", "\ud800\udc00"), Arbitraries.integers().between(0, 40))
        .as((text, pair, at) -> new StringBuilder(text).insert(Math.min(at, text.length()), pair).toString())
        .injectNull(0.4);
    Arbitrary<ServiceEvent.Transition> transition = Combinators.combine(instants.injectNull(0.05),
            Arbitraries.longs(), Arbitraries.of(State.class).injectNull(0.05), Arbitraries.of(State.class).injectNull(0.05),
            Arbitraries.integers(), texts, texts)
        .as(ServiceEvent.Transition::new);
    // The optional cause fields: absent, a cause of the vocabulary, or any text.
    Arbitrary<String> causes = Arbitraries.oneOf(Arbitraries.of(ServiceEvent.Transition.OPERATOR,
        ServiceEvent.Transition.SUPERVISOR, ServiceEvent.Transition.PARENT, ServiceEvent.Transition.WORKER,
        ServiceEvent.Transition.CRASH), texts);
    transition = Combinators.combine(transition, causes, texts).as((t, cause, by) -> t.withCause(cause, by));
    return Combinators.combine(Arbitraries.longs().greaterOrEqual(0), instants, transition)
        .as((seq, ts, event) -> new Frame(seq, ts, new InspectMessage.Event(event)));
  }
}
