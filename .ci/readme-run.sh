#!/usr/bin/env bash
# Runs the README's two commands exactly as written (see readme-commands.sh):
# the first installs what Triad and its tests need and starts Triad, which
# must come up in a window on $DISPLAY (Xvfb :97 is started when there is no
# display) and is then stopped as a terminal would stop it; the second runs
# the tests. As root on a machine without sudo, "sudo" runs the command
# itself.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t cmds < <(bash .ci/readme-commands.sh)
first=${cmds[0]} tests=${cmds[1]}
case "$first" in
  *" && go run "*) ;;
  *) echo "readme-run: the first command should install, then '&& go run …': $first" >&2; exit 1 ;;
esac
install=${first% && go run *}
run="go run ${first#* && go run }"

shim=""
if ! command -v sudo >/dev/null && [ "$(id -u)" = 0 ]; then
  shim='sudo() { "$@"; }; '
fi
export DEBIAN_FRONTEND=noninteractive

echo "readme-run: $install"
bash -c "$shim$install"

xvfb=""
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
  export DISPLAY=:97
  sleep 1
fi
dbdir=$(mktemp -d)
export TRIAD_DB="$dbdir/triad.db"
echo "readme-run: $run   (DISPLAY=$DISPLAY TRIAD_DB=$TRIAD_DB)"
setsid bash -c "$run" & app=$!
# go run compiles first (minutes on a cold cache); the window is up once
# Triad has opened its database, which it does just before showing it.
for _ in $(seq 1 1200); do
  [ -e "$TRIAD_DB.open" ] && break
  kill -0 "$app" 2>/dev/null || break
  sleep 1
done
sleep 3
if ! kill -0 "$app" 2>/dev/null || [ ! -e "$TRIAD_DB.open" ]; then
  wait "$app"; echo "readme-run: Triad did not start (exit $?)" >&2; exit 1
fi
echo "readme-run: Triad is up; stopping it with SIGTERM"
kill -TERM -- -"$app" 2>/dev/null || kill -TERM "$app"
code=0; wait "$app" || code=$?
# go run may return before Triad has written its last edit and closed
# the database (which removes the marker).
for _ in $(seq 1 30); do [ -e "$TRIAD_DB.open" ] || break; sleep 0.5; done
[ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
rm -rf "$dbdir"
# go run passes the program's exit code on as 1 with "exit status 143".
[ "$code" = 0 ] || [ "$code" = 1 ] || [ "$code" = 143 ] || { echo "readme-run: Triad ended with $code" >&2; exit 1; }

echo "readme-run: $tests"
bash -c "$tests"
