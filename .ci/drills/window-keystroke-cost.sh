#!/usr/bin/env bash
# What a typed key costs the real window: under Xvfb at 1366x768, paste a
# paragraph of PREFILL characters into an agenda item's notes, type KEYS
# characters at 120 ms a key with xdotool, and report the Triad process's
# CPU time per key (user + system, from /proc). A key that costs near
# 120 ms leaves the window behind the typist, and what it has not yet
# received it cannot save.
# Needs: apt-get install xvfb xdotool xclip; a built binary.
# Usage: PREFILL=2500 KEYS=80 .ci/drills/window-keystroke-cost.sh ./triad
set -eu
. "$(dirname "$0")/common.sh"
bin=$(realpath "${1:-./triad}"); prefill=${PREFILL:-2500}; keys=${KEYS:-80}
work=$(mktemp -d); db=$work/drill.db
export LANG=en_US.UTF-8 DISPLAY=:${DISPLAY_NUM:-96} XDG_CONFIG_HOME=$work/config
Xvfb "$DISPLAY" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
pid=
sleep 1
"$bin" demo --db "$db" >/dev/null
"$bin" --db "$db" >"$work/out.log" 2>&1 & pid=$!
sleep 3
open_item_notes
if [ "$prefill" -gt 0 ]; then
  python3 -c 'import sys; w = "the merchants asked again about the rating dip and what the release will change "; n = int(sys.argv[1]); print((w * (n // len(w) + 1))[:n], end="")' "$prefill" |
    xclip -selection clipboard >/dev/null 2>&1
  xdotool key ctrl+v
fi
sleep 3
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # clock ticks
tick=$(getconf CLK_TCK)
# PERF=FILE also records where the window's time goes (linux-perf).
[ -n "${PERF:-}" ] && { perf record -F 499 -g -p "$pid" -o "$PERF" -- sleep 8 >/dev/null 2>&1 & }
before=$(cpu); start=$(date +%s.%N)
xdotool type --delay 120 "$(python3 -c "print(('abcd ' * $keys)[:$keys], end='')")"
typed=$(date +%s.%N)
sleep 2 # what is still queued
after=$(cpu)
python3 -c "
b, a, t, s, e, k = $before, $after, $tick, $start, $typed, $keys
print(f'prefill $prefill chars: {k} keys in {e - s:.1f} s, window CPU {(a - b) * 1000 / t / k:.1f} ms a key')"
