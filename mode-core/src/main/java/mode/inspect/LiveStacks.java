package mode.inspect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mode.Service;
import mode.internal.Activities;

/**
 * The answer to {@link InspectMessage.Stacks}: the live stacks of the threads running one
 * service's hooks, tasks and timer callbacks now, found through {@link Activities} (which knows
 * what runs where and since when). Only those threads' stacks are taken, so a service that is
 * idle costs nothing but a walk over the running steps; the answer is bounded ({@link
 * #MAX_THREADS} threads, {@link #MAX_FRAMES} frames each). Thread-safe.
 */
final class LiveStacks {

  /** Most threads listed; the longest-running come first. */
  static final int MAX_THREADS = 32;

  /** Most frames of one stack, innermost first; the rest are counted. */
  static final int MAX_FRAMES = 64;

  private LiveStacks() {}

  /** The reply to a {@code stacks} command (seq {@code re}) for {@code service}. */
  static InspectMessage.Reply reply(long re, Service service) {
    long nowNanos = System.nanoTime();
    Instant now = Instant.now();
    List<Activities.Running> steps = stepsOf(service.id());
    List<ThreadStack> stacks = new ArrayList<>();
    for (Activities.Running step : steps.subList(0, Math.min(steps.size(), MAX_THREADS))) {
      stacks.add(stackOf(step, now.minusNanos(nowNanos - step.sinceNanos())));
    }
    String name = service.label() + " (id " + service.id() + ")";
    String message = stacks.isEmpty()
        ? name + " is idle: no thread runs its hooks, tasks or timers now"
        : name + ": " + count(steps.size()) + " running its code"
            + (steps.size() > stacks.size() ? ", the " + stacks.size() + " longest-running shown" : "");
    return new InspectMessage.Reply(re, true, message, text(message, stacks, now), stacks);
  }

  /** The innermost step of the service on each thread, longest-running first. */
  private static List<Activities.Running> stepsOf(long id) {
    Map<Thread, Activities.Running> byThread = new LinkedHashMap<>();
    for (Activities.Running running : Activities.running()) {
      // running() lists a thread's steps innermost first: the first one of a thread is kept.
      if (running.service().id() == id) {
        byThread.putIfAbsent(running.thread(), running);
      }
    }
    List<Activities.Running> steps = new ArrayList<>(byThread.values());
    steps.sort(Comparator.comparingLong(Activities.Running::sinceNanos));
    return steps;
  }

  private static ThreadStack stackOf(Activities.Running step, Instant since) {
    Thread thread = step.thread();
    // The state before the stack: a thread between the two is still described by its stack.
    Thread.State state = thread.getState();
    StackTraceElement[] frames = thread.getStackTrace();
    int shown = Math.min(frames.length, MAX_FRAMES);
    List<String> lines = Arrays.stream(frames, 0, shown).map(StackTraceElement::toString).toList();
    return new ThreadStack(thread.getName(), thread.threadId(), thread.isVirtual(), state.name(), step.what(),
        since, lines, frames.length - shown);
  }

  private static String count(int threads) {
    return threads == 1 ? "1 thread" : threads + " threads";
  }

  /**
   * The stacks as text, e.g.
   *
   * <pre>
   * Blocker (id 9): 1 thread running its code
   *
   * #45 "Blocker.work" virtual TIMED_WAITING: timer work for 0.734 s (since 2026-12-04T19:20:01.123Z)
   *     at java.base/java.lang.Thread.sleep(Thread.java:509)
   *     at mode.inspector.demo.DemoServices$Blocker.work(DemoServices.java:107)
   *     ... 9 more
   * </pre>
   */
  static String text(String message, List<ThreadStack> stacks, Instant now) {
    StringBuilder text = new StringBuilder(message).append('\n');
    for (ThreadStack stack : stacks) {
      text.append('\n').append('#').append(stack.threadId()).append(" \"").append(stack.thread()).append('"')
          .append(stack.virtual() ? " virtual " : " ").append(stack.state()).append(": ").append(stack.what());
      if (stack.since() != null) {
        Duration running = Duration.between(stack.since(), now);
        text.append(String.format(Locale.ROOT, " for %.3f s", running.toNanos() / 1e9))
            .append(" (since ").append(stack.since()).append(')');
      }
      text.append('\n');
      for (String frame : stack.frames()) {
        text.append("    at ").append(frame).append('\n');
      }
      if (stack.moreFrames() > 0) {
        text.append("    ... ").append(stack.moreFrames()).append(" more\n");
      }
    }
    return text.toString();
  }
}
