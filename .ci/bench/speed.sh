#!/usr/bin/env bash
# Times whole Triad processes against their floors, on an empty, the demo
# and the large database (20 pods x 10 years, the history that
# `go test -bench SearchFirst50 ./data/sqlite` builds). Not run by CI: it
# needs Xvfb, ImageMagick's `import`, poppler-utils and LibreOffice
# (apt-get install xvfb imagemagick poppler-utils libreoffice-writer-nogui).
#
#   .ci/bench/speed.sh [TRIAD_BINARY]
#
# Rows, each the median of RUNS runs (default 5) after one warm-up, in ms:
#   start-up   exec to a painted, idle window (two identical screenshots in
#              a row, the first of them taken as the moment), Triad and a
#              bare Fyne 2.7 window of the same size, with resident memory,
#              and that window linked with the libraries Triad links;
#   minutes    `triad minutes` of a closed meeting, against raw gofpdf with
#              the same fonts writing the same text (.ci/bench/gofpdffloor)
#              and LibreOffice headless converting that text, with a fresh
#              profile made for this run; and the same floor linked with
#              the libraries Triad links (Fyne, SQLite, NATS) but never
#              calling them, which is what those libraries cost a process
#              before its first line runs.
# Environment: RUNS, DISPLAY_NUM (default 92), LARGE_DB (default: the
# cached benchmark history in $TMPDIR, built when missing), OUT (a folder
# for the files; default a new temporary one).
set -euo pipefail
cd "$(dirname "$0")/../.."
export LANG=en_US.UTF-8
RUNS=${RUNS:-5}
DISPLAY_NUM=${DISPLAY_NUM:-92}
OUT=${OUT:-$(mktemp -d /tmp/triad-speed-XXXXXX)}
mkdir -p "$OUT"
NAME=speed.sh
. .ci/bench/common.sh

need Xvfb import xwininfo pdftotext soffice
build_triad "${1:-}"
build_bare
go build -o "$OUT/gofpdffloor" ./.ci/bench/gofpdffloor
go build -tags "sqlite_fts5 linked" -o "$OUT/gofpdffloor-linked" ./.ci/bench/gofpdffloor
large_db
start_xvfb 1280x800

now() { echo "${EPOCHREALTIME/[,.]/}"; } # microseconds

# colours FILE.rgb: how many colours a sample of the screenshot has.
colours() {
  python3 -c 'import sys; b = open(sys.argv[1], "rb").read(); print(len({b[i:i+3] for i in range(0, len(b) - 2, 3 * 101)}))' "$1"
}

# painted TITLE CMD...: runs CMD and prints "ms rss_kib" once the window
# named TITLE is shown and two screenshots in a row are the same and not
# blank (more than a few colours); then stops the process (SIGTERM: Triad
# writes its edits and closes its file cleanly).
painted() {
  local title=$1; shift
  local t0 t info id="" prev="" cur t_prev=0 pid
  t0=$(now)
  "$@" >>"$OUT/windows.log" 2>&1 &
  pid=$!
  local tries=0
  for _ in $(seq 3000); do
    if ! kill -0 "$pid" 2>/dev/null; then
      # It died before showing a window (Xvfb now and then refuses a
      # connection under load): start the run again, at most twice.
      tries=$((tries + 1))
      [ "$tries" -le 2 ] || { echo "speed.sh: $* keeps failing, see $OUT/windows.log" >&2; return 1; }
      t0=$(now)
      "$@" >>"$OUT/windows.log" 2>&1 &
      pid=$!
    fi
    info=$(xwininfo -name "$title" 2>/dev/null | awk '/Window id/{id=$4} /Width/{w=$2} /Height/{h=$2} /Map State/{st=$3} END{print st, id, w "x" h}' || true)
    if [ "${info%% *}" = "IsViewable" ]; then
      read -r _ id _ <<<"$info"
      break
    fi
    sleep 0.01
  done
  [ -n "$id" ] || { kill "$pid"; echo "speed.sh: no window named $title" >&2; return 1; }
  for _ in $(seq 600); do
    t=$(now)
    import -window "$id" rgb:"$OUT/shot.rgb" 2>/dev/null || true
    cur=$(md5sum <"$OUT/shot.rgb")
    if [ "$cur" = "$prev" ] && [ "$(colours "$OUT/shot.rgb")" -gt 8 ]; then
      break
    fi
    prev=$cur
    t_prev=$t
  done
  local rss
  rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status 2>/dev/null || echo 0)
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  # The next run must not find this window.
  for _ in $(seq 400); do xwininfo -name "$title" >/dev/null 2>&1 || break; sleep 0.01; done
  echo "$(((t_prev - t0) / 1000)) $rss"
}

# timed CMD...: prints the wall time of CMD in ms.
timed() {
  local t0 t1
  t0=$(now)
  "$@" >/dev/null 2>&1
  t1=$(now)
  echo $(((t1 - t0) / 1000))
}

# row LABEL FN ARGS...: the median of RUNS calls of FN after a warm-up.
row() {
  local label=$1; shift
  "$@" >/dev/null
  local ms=() rss=()
  for _ in $(seq "$RUNS"); do
    read -r m r <<<"$("$@")"
    ms+=("$m"); rss+=("${r:-0}")
  done
  printf '%s\t%s\t%s\n' "$label" "$(printf '%s\n' "${ms[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)"
}

# The three databases, as copies of their own (a run never changes yours).
EMPTY="$OUT/empty.db"; DEMO="$OUT/demo.db"; LARGE="$OUT/large.db"
rm -f "$EMPTY"* "$DEMO"* "$LARGE"*
"$TRIAD" demo --db "$DEMO" >/dev/null
cp "$LARGE_DB" "$LARGE" # a closed file: the benchmark closed it

echo "# Triad speed, $(date -u +%FT%TZ), $(nproc) cores, RUNS=$RUNS; times in ms, medians; rss in KiB"
echo "# triad: ${1:-built from this tree}"
printf 'what\tms\trss\n'
for name in empty demo large; do
  db="$OUT/$name.db"
  # The empty database is created by the warm-up run.
  row "start-up triad $name" painted Triad "$TRIAD" --db "$db"
done
row "start-up bare fyne window" painted "Bare Fyne window" "$OUT/barewindow"
row "start-up bare fyne window linked with Triad's libraries" painted "Bare Fyne window" "$OUT/barewindow-linked"

DEMO_MEETING=$("$TRIAD" meetings --db "$DEMO" | awk -F'\t' '$4=="closed"{print $1; exit}')
LARGE_MEETING=${LARGE_MEETING:-1000}
row "minutes triad demo (meeting $DEMO_MEETING)" timed "$TRIAD" minutes --db "$DEMO" --meeting "$DEMO_MEETING" --out "$OUT/demo.pdf"
row "minutes triad large (meeting $LARGE_MEETING)" timed "$TRIAD" minutes --db "$LARGE" --meeting "$LARGE_MEETING" --out "$OUT/large.pdf"
pdftotext -layout "$OUT/demo.pdf" "$OUT/minutes.txt"
row "minutes gofpdf floor (same text, same fonts)" timed "$OUT/gofpdffloor" "$OUT/minutes.txt" "$OUT/floor.pdf"
row "minutes gofpdf floor linked with Triad's libraries" timed "$OUT/gofpdffloor-linked" "$OUT/minutes.txt" "$OUT/floor.pdf"
PROFILE="$OUT/lo-profile"
rm -rf "$PROFILE"
row "minutes libreoffice headless (same text)" timed soffice --headless --norestore "-env:UserInstallation=file://$PROFILE" \
  --convert-to pdf --outdir "$OUT/lo" "$OUT/minutes.txt"
echo "# pages: demo minutes $(pdfinfo "$OUT/demo.pdf" 2>/dev/null | awk '/^Pages/{print $2}'), files in $OUT"
