package mode;

import java.io.IOException;
import java.util.List;

/** A service that records every hook call as {@code label.hook} and can fail in one hook. */
class Recorder extends Service {
  final String name;
  final List<String> history;
  volatile String failIn;

  Recorder(String name, List<String> history) {
    this.name = name;
    this.history = history;
  }

  Recorder failingIn(String hook) {
    this.failIn = hook;
    return this;
  }

  @Override
  public String label() {
    return name;
  }

  private void record(String hook) throws IOException {
    history.add(name + "." + hook);
    if (hook.equals(failIn)) {
      throw new IOException(name + " failed in " + hook);
    }
  }

  @Override
  protected void onFirstStart() throws Exception {
    record("onFirstStart");
  }

  @Override
  protected void onStart() throws Exception {
    record("onStart");
  }

  @Override
  protected void onStarted() throws Exception {
    record("onStarted");
  }

  @Override
  protected void onStop() throws Exception {
    record("onStop");
  }

  @Override
  protected void onShutdown() throws Exception {
    record("onShutdown");
  }

  @Override
  protected void onRestart() throws Exception {
    record("onRestart");
  }
}
