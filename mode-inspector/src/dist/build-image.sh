#!/usr/bin/env bash
# Builds the self-contained mode-inspector download for this platform (run by the Maven profile
# "dist" in the package phase; see "Install" in README.md):
#   1. jlink: a trimmed runtime of the JDK that runs Maven plus JavaFX, linked from the JavaFX
#      platform jars on Maven Central (Monocle merged into javafx.graphics, for --screenshot
#      without a display); the JavaFX native libraries sit next to the JDK's, in lib/.
#   2. jpackage --runtime-image: an app image with the launchers mode-inspector and mode-inspect;
#      the app and its libraries on the class path (some are automatic modules, which jlink refuses).
#   3. tar.gz of the image: mode-inspector-<version>-<platform>.tar.gz.
# Usage: build-image.sh JAVA_HOME TARGET_DIR VERSION PLATFORM
set -euo pipefail
jdk=$1 target=$2 version=$3 platform=$4
work="$target/dist"
fxmods="$work/fxmods" app="$work/app" runtime="$work/runtime" image="$work/image"
name=mode-inspector
archive="$target/$name-$version-$platform.tar.gz"
rm -rf "$runtime" "$image" "$archive" "$work/monocle" "$work/launchers" "$work/natives"
java_major=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 |
  sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)

# Monocle's package becomes part of javafx.graphics, as it is in JavaFX's own embedded builds.
graphics=$(ls "$fxmods"/javafx-graphics-*.jar)
monocle=$(ls "$work"/monocle-jar/openjfx-monocle-*.jar)
mkdir -p "$work/monocle"
(cd "$work/monocle" && "$jdk/bin/jar" --extract --file "$monocle" com)
"$jdk/bin/jar" --update --file "$graphics" -C "$work/monocle" com

# --strip-java-debug-attributes, not --strip-debug: on Linux the latter also strips native symbols
# with binutils' objcopy, which a fresh machine may lack (the JDK's libraries come stripped anyway).
"$jdk/bin/jlink" --module-path "$fxmods" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported,jdk.management,jdk.jfr,jdk.management.jfr,jdk.management.agent,java.management.rmi,javafx.controls,javafx.swing \
  --strip-java-debug-attributes --no-header-files --no-man-pages --compress=zip-6 \
  --exclude-resources='glob:/javafx.graphics/*.so' --output "$runtime"
# The natives beside libjava.so: JavaFX loads them from there and writes nothing under $HOME.
rm -rf "$work/natives" && mkdir -p "$work/natives"
(cd "$work/natives" && "$jdk/bin/jar" --extract --file "$graphics")
cp "$work/natives"/*.so "$runtime/lib/"

options="--enable-native-access=javafx.graphics,ALL-UNNAMED -Dmode.inspector.command=$name -Dmode.inspect.command=mode-inspect"
if [ "$java_major" -ge 24 ]; then
  options="$options --sun-misc-unsafe-memory-access=allow"
fi
mkdir -p "$work/launchers"
printf 'main-class=mode.inspect.cli.InspectCli\njava-options=-XX:TieredStopAtLevel=1\n' > "$work/launchers/mode-inspect.properties"
jar=$name-$version.jar
cp "$target/$jar" "$app/"
"$jdk/bin/jpackage" --type app-image --name "$name" --app-version "${version%%-*}" --dest "$image" \
  --runtime-image "$runtime" --input "$app" --main-jar "$jar" --main-class mode.inspector.Main \
  --java-options "$options" --add-launcher "mode-inspect=$work/launchers/mode-inspect.properties" \
  --description "mode-inspector: the live service graph of a running mode worker"
tar -C "$image" -czf "$archive" "$name"
echo "dist: $archive ($(du -sh "$image/$name" | cut -f1) unpacked, $(du -h "$archive" | cut -f1) packed)"
