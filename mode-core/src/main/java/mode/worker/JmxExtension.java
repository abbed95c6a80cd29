package mode.worker;

import java.lang.management.ManagementFactory;
import mode.Worker;
import mode.jmx.ModeMBeans;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Registers every worker and its services as MBeans in the platform MBean server (see {@link
 * ModeMBeans}), unless {@code --no-jmx}. JConsole and VisualVM see them through the JDK's own
 * agent: locally with no setup, remotely with {@code -Dcom.sun.management.jmxremote.port=...}.
 */
public final class JmxExtension implements WorkerExtension {

  /** Found by {@link java.util.ServiceLoader}. */
  public JmxExtension() {}

  @Override
  public void addOptions(CommandSpec spec) {
    spec.addOption(OptionSpec.builder("--no-jmx").arity("0").type(boolean.class)
        .description("do not register the worker and its services as JMX MBeans").build());
  }

  @Override
  public AutoCloseable start(Worker worker, ParseResult options) throws Exception {
    if (options.hasMatchedOption("--no-jmx")) {
      return () -> {};
    }
    return ModeMBeans.register(worker, ManagementFactory.getPlatformMBeanServer());
  }
}
