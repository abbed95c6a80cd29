#!/bin/sh
# Writes "commit=<abbreviated git commit>" (with -dirty for uncommitted changes, or "unknown"
# outside a git checkout or without git) to the file $2, for the sources in folder $1.
# Called by the build (mode-core's pom); BuildInfo reads the file.
set -u
commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null) || commit=unknown
if [ "$commit" != unknown ] && ! git -C "$1" diff --quiet HEAD -- 2>/dev/null; then
  commit="$commit-dirty"
fi
mkdir -p "$(dirname "$2")" && printf 'commit=%s\n' "$commit" > "$2"
