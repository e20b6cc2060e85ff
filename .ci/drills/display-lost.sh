#!/usr/bin/env bash
# The desktop session ends under Triad: type into a meeting's notes under
# Xvfb, then shut the X server down 0.1 s after the last key (before the
# autosave delay). What was typed must be on disk.
# Needs: apt-get install xvfb xdotool; a built binary.
# Usage: .ci/drills/display-lost.sh ./triad
set -u
. "$(dirname "$0")/common.sh"
bin=$(realpath "${1:-./triad}")
work=$(mktemp -d); db=$work/drill.db; trap 'rm -rf "$work"' EXIT
export LANG=en_US.UTF-8 DISPLAY=:96
# A config folder of its own, so the window opens at the size a first
# start gives it, at the top left, where the clicks below land.
export XDG_CONFIG_HOME=$work/config
"$bin" demo --db "$db" >/dev/null
tag="lost$(date +%s)"
Xvfb :96 -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
sleep 1
"$bin" --db "$db" >"$work/out.log" 2>&1 & pid=$!
sleep 3
open_item_notes
xdotool type --delay 60 "$tag"
sleep 0.1
kill "$xvfb"
wait "$pid"
if python3 -c "import sqlite3,sys; sys.exit(0 if any('$tag' in r[0] for r in sqlite3.connect('$db').execute('select notes from agenda_items')) else 1)"; then
  echo "display lost: the notes typed 0.1 s before were saved"
else
  echo "display lost: the notes typed 0.1 s before are NOT on disk"; exit 1
fi
