package mode;

import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mode.timers.CronSchedule;

/**
 * Finds and validates the background methods of a service class, once per class.
 *
 * <p>The most derived declaration of a method name decides: a subclass that overrides an
 * annotated method without the annotation turns it into a plain method (as overriding a decorated
 * method does in mode). Order: superclass methods first, by name within a class.
 */
final class TaskMethods {
  private static final ClassValue<List<TaskMethod>> CACHE =
      new ClassValue<>() {
        @Override
        protected List<TaskMethod> computeValue(Class<?> type) {
          return scan(type);
        }
      };

  private TaskMethods() {}

  /**
   * The background methods of {@code type}.
   *
   * @throws IllegalArgumentException naming class, method and value when an annotated method
   *     takes arguments, is static, carries two of the annotations, has a timer interval that is
   *     not finite and positive, or has an invalid cron expression or time zone
   */
  static List<TaskMethod> of(Class<?> type) {
    return CACHE.get(type);
  }

  private static List<TaskMethod> scan(Class<?> type) {
    List<List<TaskMethod>> perClass = new ArrayList<>();
    Set<String> shadowed = new HashSet<>();
    for (Class<?> c = type; c != null && c != Service.class; c = c.getSuperclass()) {
      List<TaskMethod> found = new ArrayList<>();
      Method[] declared = c.getDeclaredMethods();
      Arrays.sort(declared, Comparator.comparing(Method::getName));
      for (Method m : declared) {
        if (m.isSynthetic() || m.isBridge()) {
          continue;
        }
        boolean plainNoArg = m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers());
        if (!shadowed.contains(m.getName())) {
          TaskMethod tm = describe(c, m);
          if (tm != null) {
            found.add(tm);
          }
        }
        if (plainNoArg) {
          shadowed.add(m.getName());
        }
      }
      perClass.add(found);
    }
    List<TaskMethod> all = new ArrayList<>();
    for (int i = perClass.size() - 1; i >= 0; i--) {
      all.addAll(perClass.get(i));
    }
    return List.copyOf(all);
  }

  private static TaskMethod describe(Class<?> c, Method m) {
    Service.Task task = m.getAnnotation(Service.Task.class);
    Service.Timer timer = m.getAnnotation(Service.Timer.class);
    Service.Crontab crontab = m.getAnnotation(Service.Crontab.class);
    int count = (task != null ? 1 : 0) + (timer != null ? 1 : 0) + (crontab != null ? 1 : 0);
    if (count == 0) {
      return null;
    }
    String where = c.getName() + "." + m.getName();
    if (count > 1) {
      throw new IllegalArgumentException(
          where + ": use only one of @Task, @Timer and @Crontab on a method");
    }
    String annotation = task != null ? "@Task" : timer != null ? "@Timer" : "@Crontab";
    if (m.getParameterCount() != 0) {
      throw new IllegalArgumentException(
          where + ": a " + annotation + " method must take no arguments, but takes "
              + Arrays.toString(m.getParameterTypes()));
    }
    if (Modifier.isStatic(m.getModifiers())) {
      throw new IllegalArgumentException(where + ": a " + annotation + " method must not be static");
    }
    makeAccessible(where, m);
    if (task != null) {
      return new TaskMethod(m.getName(), TaskMethod.TASK, m, null, null);
    }
    if (timer != null) {
      return new TaskMethod(m.getName(), TaskMethod.TIMER, m, interval(where, timer.value()), null);
    }
    try {
      CronSchedule cron = CronSchedule.parse(crontab.value(), crontab.timezone());
      return new TaskMethod(m.getName(), TaskMethod.CRONTAB, m, null, cron);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": @Crontab: " + e.getMessage(), e);
    }
  }

  private static Duration interval(String where, double seconds) {
    if (!Double.isFinite(seconds) || seconds <= 0) {
      throw new IllegalArgumentException(
          where + ": @Timer interval must be finite and > 0 seconds, was " + seconds);
    }
    long nanos = Math.round(seconds * 1e9);
    if (nanos <= 0) {
      throw new IllegalArgumentException(
          where + ": @Timer interval " + seconds + " s is shorter than a nanosecond");
    }
    return Duration.ofNanos(nanos);
  }

  private static void makeAccessible(String where, Method m) {
    try {
      m.setAccessible(true);
    } catch (InaccessibleObjectException | SecurityException e) {
      throw new IllegalArgumentException(
          where + ": cannot call this method; open its package to module mode.core", e);
    }
  }
}
