package mode.inspector.demo;

import java.time.Duration;
import mode.Service;
import mode.inspector.demo.DemoServices.Blocker;
import mode.inspector.demo.DemoServices.Consumer;
import mode.inspector.demo.DemoServices.Flaky;
import mode.inspector.demo.DemoServices.Indexer;
import mode.inspector.demo.DemoServices.Job;
import mode.inspector.demo.DemoServices.Named;
import mode.inspector.demo.DemoServices.Shard;
import mode.inspector.demo.DemoServices.SlowStarter;

/**
 * The demo's service tree: about thirty services in four levels under "App" — web (router,
 * sessions, auth), cache shards, consumers with timers, a scheduler with crontab jobs, and a
 * group of troublemakers (a flaky service under a one-for-one supervisor, a slow starter, a
 * blocker, and an indexer whose search index, brought in after 30 s, never finishes starting).
 *
 * <p>Threading: build once, then start it like any service.
 */
public final class DemoTree {
  private DemoTree() {}

  /**
   * The root of the demo tree.
   *
   * @param supervise wraps the flaky service in a supervisor that restarts it
   */
  public static Service build(java.util.function.Function<Service, Service> supervise) {
    Service web = new Named("Web",
        new Named("Router", new Named("RouteTable"), new Named("RateLimiter")),
        new Named("Sessions", new Named("SessionStore")),
        new Named("Auth", new Named("TokenCache")),
        new Named("StaticFiles"));
    Service cache = new Named("Cache", new Shard(1), new Shard(2), new Shard(3), new Shard(4));
    Service consumers = new Named("Consumers",
        new Consumer("OrdersConsumer"), new Consumer("PaymentsConsumer"), new Consumer("EmailConsumer"),
        new Consumer("AuditConsumer"), new Consumer("MetricsConsumer"));
    Service scheduler = new Named("Scheduler",
        new Job("NightlyReport"), new Job("CacheWarmer"), new Job("Cleanup"));
    Service troublemakers = new Named("Workers",
        supervise.apply(new Flaky()),
        new SlowStarter(Duration.ofMillis(2500)),
        new Blocker(Duration.ofMillis(1500)),
        new Indexer(Duration.ofSeconds(30)));
    return new Named("App", web, cache, consumers, scheduler, troublemakers);
  }
}
