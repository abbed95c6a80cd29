# Sourced by bin/test, bin/demo and .ci/run: makes sure JAVA_HOME names a JDK 21 or newer.
#
# Order: an explicit JAVA_HOME that is already 21+, then `java` on PATH, then the newest
# JDK 21+ found under the usual JVM folders. Fails with a clear message when none exists.

mode_java_major() {
  # Prints the feature version (e.g. 21) of the given java executable, or nothing.
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9.]*\).*/\1/p' | head -n 1 | cut -d. -f1
}

mode_select_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(mode_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then return 0; fi
  fi
  if command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
    major=$(mode_java_major java)
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
      export JAVA_HOME
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(mode_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate
      best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "mode for Java needs a JDK 21 or newer and found none." >&2
    echo "Install one (e.g. 'apt-get install openjdk-21-jdk-headless' where available) or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}

mode_select_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
