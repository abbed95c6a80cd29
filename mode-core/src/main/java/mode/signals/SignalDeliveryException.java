package mode.signals;

import java.util.List;

/**
 * One or more receivers of a signal threw.
 *
 * <p>Policy (both signal kinds): a failing receiver never prevents the others from receiving the
 * value. When every receiver has run, the failures are reported together: the first failure (in
 * connection order) is the {@linkplain #getCause() cause}, the others are {@linkplain
 * #getSuppressed() suppressed}, and {@link #failures()} lists them all. A {@link SyncSignal}
 * throws this exception from {@code send}; a {@link Signal} completes its future exceptionally
 * with it. (mode instead stops at the first failing receiver.)
 */
public final class SignalDeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Not serialized: the failures are also the cause and the suppressed exceptions. */
  private final transient List<Throwable> failures;

  /**
   * Reports the failures of one send.
   *
   * @param signalLabel the label of the signal, for the message
   * @param failures what the receivers threw, in connection order; not empty
   */
  public SignalDeliveryException(String signalLabel, List<Throwable> failures) {
    super(message(signalLabel, failures), failures.getFirst());
    this.failures = List.copyOf(failures);
    for (Throwable other : this.failures.subList(1, this.failures.size())) {
      addSuppressed(other);
    }
  }

  private static String message(String signalLabel, List<Throwable> failures) {
    if (failures.isEmpty()) {
      throw new IllegalArgumentException("no failures to report for signal " + signalLabel);
    }
    return failures.size() + " receiver(s) of signal " + signalLabel + " failed; first: "
        + failures.getFirst();
  }

  /** {@return every failure of the send, in connection order of the receivers that threw} */
  public List<Throwable> failures() {
    return failures;
  }
}
