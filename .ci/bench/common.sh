# What the window benchmarks share; source it after setting NAME (the
# script's name for messages), OUT and DISPLAY_NUM.
#
#   need TOOL...          stop with a message when a tool is missing
#   build_triad [BINARY]  sets TRIAD: a copy in OUT of the binary given, else
#                         of one built
#   build_bare            builds the bare Fyne window into OUT
#   large_db              sets LARGE_DB: $LARGE_DB, else the cached benchmark
#                         history in $TMPDIR, built when missing
#   start_xvfb WxH        uses DISPLAY_NUM's X server, or starts one at WxH
#   median                the median of the numbers on stdin

need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$NAME: $tool is missing (see the top of this script)" >&2; exit 1; }
  done
}

build_triad() {
  TRIAD="$OUT/triad"
  if [ -n "${1:-}" ]; then
    cp "$1" "$TRIAD.copy"
  else
    go build -tags sqlite_fts5 -o "$TRIAD.copy" .
  fi
  settle "$TRIAD.copy" "$TRIAD"
}

# build_bare: OUT/barewindow, the floor, built and settled as Triad is.
# Also OUT/barewindow-linked, the same window linked with the libraries
# Triad links (see .ci/bench/barewindow/linked.go).
build_bare() {
  go build -o "$OUT/barewindow.new" ./.ci/bench/barewindow
  settle "$OUT/barewindow.new" "$OUT/barewindow"
  go build -tags "sqlite_fts5 linked" -o "$OUT/barewindow-linked.new" ./.ci/bench/barewindow
  settle "$OUT/barewindow-linked.new" "$OUT/barewindow-linked"
}

# settle FROM TO: TO as a plain copy of FROM, which is removed. Every
# binary measured is one: the pages of a file the Go linker has just
# written are mapped in larger pieces, and such a binary shows about
# 10 MB more resident memory than the same bytes copied.
settle() {
  cp "$1" "$2"
  rm -f "$1"
}

large_db() {
  local tmp=${TMPDIR:-/tmp}
  if [ -z "${LARGE_DB:-}" ]; then
    LARGE_DB=$(ls -t "$tmp"/triad-bench-history-*.db 2>/dev/null | head -1 || true)
    if [ -z "$LARGE_DB" ]; then
      echo "$NAME: building the large history (a few minutes, once)" >&2
      go test -tags sqlite_fts5 -run '^$' -bench 'SearchFirst50/fts-newest/pricing' -benchtime 1x ./data/sqlite >/dev/null
      LARGE_DB=$(ls -t "$tmp"/triad-bench-history-*.db | head -1)
    fi
  fi
}

start_xvfb() {
  export DISPLAY=:$DISPLAY_NUM
  if ! xwininfo -root >/dev/null 2>&1; then
    Xvfb "$DISPLAY" -screen 0 "$1x24" >/dev/null 2>&1 &
    XVFB=$!
    trap 'kill $XVFB 2>/dev/null || true' EXIT
    for _ in $(seq 100); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.05; done
  fi
}

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }
