package mode;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import mode.timers.CronSchedule;

/**
 * One method annotated with {@link Service.Task}, {@link Service.Timer} or {@link
 * Service.Crontab}, validated and made accessible once per class.
 *
 * @param name the method name
 * @param kind {@code task}, {@code timer} or {@code crontab}
 * @param method the method, accessible
 * @param interval the timer interval, or {@code null}
 * @param cron the crontab schedule, or {@code null}
 */
record TaskMethod(String name, String kind, Method method, Duration interval, CronSchedule cron) {

  static final String TASK = "task";
  static final String TIMER = "timer";
  static final String CRONTAB = "crontab";

  /** The schedule as shown in {@code ServiceInfo.TimerInfo}. */
  String schedule() {
    if (interval != null) {
      return Double.toString(interval.toNanos() / 1e9);
    }
    return cron != null ? cron.expression() : "";
  }

  /** Calls the method on {@code service}, rethrowing what the method threw. */
  void invoke(Service service) throws Exception {
    try {
      method.invoke(service);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
