#!/usr/bin/env bash
# Resident memory of the Triad window on the large database (20 pods x 10
# years, the history `go test -bench SearchFirst50 ./data/sqlite` builds)
# after a working session's opening moves, against a bare Fyne 2.7 window
# of the same size. Not run by CI: it needs Xvfb, ImageMagick's `import`
# and xdotool (apt-get install xvfb imagemagick xdotool).
#
#   .ci/bench/memory.sh [TRIAD_BINARY]
#
# The session, at 1366x768: the first pod opens by itself; then its Deal
# desk, Roadmap and Decisions tabs, the second pod and its three tabs, and
# the second pod's newest meeting, each shown until the screen is still.
# The clicks are at the places those controls have at that size; each
# step's screenshot is kept in OUT to check they landed. Then VmRSS is read
# from /proc. Rows are medians of RUNS runs (default 3), in KiB.
# Environment: RUNS, DISPLAY_NUM (default 94), LARGE_DB (default: the
# cached benchmark history in $TMPDIR, built when missing), OUT (a folder
# for the files; default a new temporary one).
set -euo pipefail
cd "$(dirname "$0")/../.."
export LANG=en_US.UTF-8
RUNS=${RUNS:-3}
DISPLAY_NUM=${DISPLAY_NUM:-94}
OUT=${OUT:-$(mktemp -d /tmp/triad-memory-XXXXXX)}
mkdir -p "$OUT"
NAME=memory.sh
. .ci/bench/common.sh

need Xvfb import xdotool xwininfo
build_triad "${1:-}"
build_bare
large_db
start_xvfb 1366x768

# still NAME: waits until two screenshots in a row are the same (the
# screen has finished drawing what the last step asked for), keeping the
# last as OUT/NAME.png.
still() {
  local prev="" cur
  for _ in $(seq 300); do
    import -window root "$OUT/$1.png" 2>/dev/null || true
    cur=$(md5sum <"$OUT/$1.png")
    [ "$cur" = "$prev" ] && return 0
    prev=$cur
    sleep 0.1
  done
  echo "memory.sh: the screen never settled after $1" >&2
}

# window TITLE PID: waits for the window, sizes it to 1366x768 at the
# screen's corner and waits for it to settle.
window() {
  local id=""
  for _ in $(seq 600); do
    kill -0 "$2" 2>/dev/null || { echo "memory.sh: $1 exited, see $OUT/windows.log" >&2; return 1; }
    id=$(xdotool search --onlyvisible --name "^$1\$" 2>/dev/null | head -1 || true)
    [ -n "$id" ] && break
    sleep 0.05
  done
  [ -n "$id" ] || { echo "memory.sh: no window named $1" >&2; return 1; }
  xdotool windowmove "$id" 0 0 windowsize "$id" 1366 768
  still "$1-shown"
}

click() { xdotool mousemove "$1" "$2" click 1; still "$3"; }

rss() { awk '/VmRSS/{print $2}' "/proc/$1/status"; }

stop() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Where the controls are at 1366x768 (the sidebar's pods, the pod page's
# tabs, the newest meeting's row).
POD2="100 168"
TABS="430 266|540 266|652 266" # Deal desk, Roadmap, Decisions
MEETINGS_TAB="320 266"
NEWEST_MEETING="400 345"

triad_session() {
  local db="$OUT/large.db" pid
  cp "$LARGE_DB" "$db" # a closed file: the benchmark closed it
  rm -f "$db-wal" "$db-shm"
  "$TRIAD" --db "$db" >>"$OUT/windows.log" 2>&1 &
  pid=$!
  window Triad "$pid"
  IFS='|' read -ra tabs <<<"$TABS"
  for i in "${!tabs[@]}"; do
    # shellcheck disable=SC2086
    click ${tabs[$i]} "pod1-tab$i"
  done
  # shellcheck disable=SC2086
  click $POD2 pod2
  for i in "${!tabs[@]}"; do
    # shellcheck disable=SC2086
    click ${tabs[$i]} "pod2-tab$i"
  done
  # shellcheck disable=SC2086
  click $MEETINGS_TAB pod2-meetings
  # shellcheck disable=SC2086
  click $NEWEST_MEETING meeting
  sleep 1 # the standing panels' loads, then whatever the meeting shows
  still meeting-settled
  rss "$pid"
  stop "$pid"
}

bare_session() {
  local pid
  "$OUT/barewindow" >>"$OUT/windows.log" 2>&1 &
  pid=$!
  window "Bare Fyne window" "$pid"
  rss "$pid"
  stop "$pid"
}

triad=() bare=()
for _ in $(seq "$RUNS"); do
  triad+=("$(triad_session)")
  bare+=("$(bare_session)")
done
t=$(printf '%s\n' "${triad[@]}" | median)
b=$(printf '%s\n' "${bare[@]}" | median)
echo "# Triad memory, $(date -u +%FT%TZ), $(nproc) cores, RUNS=$RUNS; resident KiB, medians; screenshots in $OUT"
printf 'what\trss_kib\n'
printf 'triad large: two pods, all tabs, a meeting\t%s\n' "$t"
printf 'bare fyne window\t%s\n' "$b"
awk -v t="$t" -v b="$b" 'BEGIN {printf "ratio\t%.2fx\n", t / b}'
