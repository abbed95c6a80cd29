# Sourced by bin/demo: splits a Maven class path into JavaFX modules and the rest, so the app
# runs with JavaFX as named modules (no "Unsupported JavaFX configuration" warning).
#   mode_fx_split CLASSPATH  sets fx_module_path (the JavaFX platform jars), fx_monocle (Monocle's
#                            jar, patched into javafx.graphics; may be empty) and app_class_path.
mode_fx_split() {
  local entry base version artifact
  local -a fx=() rest=()
  fx_monocle=""
  IFS=: read -ra entries <<< "$1"
  for entry in "${entries[@]}"; do
    base=${entry##*/}
    case "$entry" in
      */org/openjfx/*)
        version=${entry%/*}; version=${version##*/}
        artifact=${entry%/*/*}; artifact=${artifact##*/}
        # javafx-x-V.jar is an empty placeholder; javafx-x-V-<platform>.jar holds the module.
        [ "$base" = "$artifact-$version.jar" ] || fx+=("$entry") ;;
      */openjfx-monocle-*.jar) fx_monocle=$entry ;;
      *) rest+=("$entry") ;;
    esac
  done
  fx_module_path=$(IFS=:; echo "${fx[*]}")
  app_class_path=$(IFS=:; echo "${rest[*]}")
}
