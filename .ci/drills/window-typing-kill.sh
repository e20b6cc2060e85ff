#!/usr/bin/env bash
# The real-window autosave drill: under Xvfb at 1366x768, type words at a
# steady pace (xdotool, 120 ms a key) into an agenda item's notes of the
# sample data's draft meeting, kill -9 Triad at a random moment, and check
# that every word typed at least a second before the kill is on disk.
# Needs: apt-get install xvfb xdotool; a built binary (go build -tags sqlite_fts5 -o triad .).
# Usage: .ci/drills/window-typing-kill.sh ./triad 25
# PREFILL=N first pastes a paragraph of N characters into the item's notes
# (needs xclip), the case where Fyne's word-wrapped entry costs most per key
# (fyne-io/fyne#5297).
set -u
. "$(dirname "$0")/common.sh"
bin=$(realpath "${1:-./triad}"); trials=${2:-10}
work=$(mktemp -d); db=$work/drill.db
export LANG=en_US.UTF-8 DISPLAY=:${DISPLAY_NUM:-97}
# A config folder of its own, so the window opens at the size a first start
# gives it (the screen less a title bar)
# at the top left, where the clicks below land.
export XDG_CONFIG_HOME=$work/config
Xvfb "$DISPLAY" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
"$bin" demo --db "$db" >/dev/null
lostTotal=0; mustTotal=0
for t in $(seq 1 "$trials"); do
  "$bin" --db "$db" >"$work/out.log" 2>&1 & pid=$!
  sleep 3
  open_item_notes
  if [ "$t" -eq 1 ] && [ "${PREFILL:-0}" -gt 0 ]; then
    python3 -c 'import sys; w = "the merchants asked again about the rating dip and what the release will change "; n = int(sys.argv[1]); print((w * (n // len(w) + 1))[:n], end="")' "$PREFILL" |
      xclip -selection clipboard >/dev/null 2>&1
    xdotool key ctrl+v; sleep 2
  fi
  log=$work/typed-$t.log; : >"$log"
  ( i=0; while true; do i=$((i+1)); xdotool type --delay 120 "x${t}y${i}z "; echo "x${t}y${i}z $(date +%s.%N)" >>"$log"; done ) &
  typer=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(3, 9), 2))')"
  killed=$(date +%s.%N)
  kill -9 "$pid"; kill "$typer" 2>/dev/null; wait "$typer" "$pid" 2>/dev/null
  read -r must lost split < <(python3 - "$db" "$log" "$killed" <<'PY'
import sqlite3, sys
db, log, kill = sys.argv[1], sys.argv[2], float(sys.argv[3])
notes = " ".join(r[0] for r in sqlite3.connect(db).execute("select notes from agenda_items")) + " "
must = [w for w, at in (l.split() for l in open(log)) if kill - float(at) >= 1.0]
lost = sum(1 for w in must if w + " " not in notes and not notes.rstrip().endswith(w))
# The words went in one after another where the cursor was: a cursor that
# jumped mid-typing leaves them all on disk but split between places.
print(len(must), lost, 0 if not must or " ".join(must) in notes else 1)
PY
)
  echo "trial $t: $must words typed >= 1 s before the kill, $lost lost$([ "$split" -eq 0 ] || echo ", and not in one run where they were typed")"
  lost=$((lost + split))
  mustTotal=$((mustTotal + must)); lostTotal=$((lostTotal + lost))
done
echo "window drill: $trials kills, $lostTotal of $mustTotal words typed >= 1 s before a kill lost (a trial whose words are split counts one more)"
[ "$lostTotal" -eq 0 ]
