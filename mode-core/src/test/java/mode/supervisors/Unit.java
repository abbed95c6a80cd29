package mode.supervisors;

import java.util.List;
import mode.Service;

/** A supervised service that records its hooks as {@code name.hook} and can crash on demand. */
class Unit extends Service {
  private final String name;
  private final List<String> history;
  volatile boolean failNextStart;

  Unit(String name, List<String> history) {
    this.name = name;
    this.history = history;
  }

  @Override
  public String label() {
    return name;
  }

  /** Crashes the way real services do: an exception escapes one of its background threads. */
  void crashFromTask(String why) {
    addFuture(() -> {
      throw new IllegalStateException(why);
    });
  }

  @Override
  protected void onStart() throws Exception {
    history.add(name + ".onStart");
    if (failNextStart) {
      failNextStart = false;
      throw new java.io.IOException(name + " could not start");
    }
  }

  @Override
  protected void onStop() {
    history.add(name + ".onStop");
  }

  @Override
  protected void onShutdown() {
    history.add(name + ".onShutdown");
  }

  @Override
  protected void onRestart() {
    history.add(name + ".onRestart");
  }
}
