#!/usr/bin/env bash
# The real-window check that typing stays where the cursor is when a note
# stops wrapping: under Xvfb at 1366x768, paste a note whose paragraph is a
# few characters under the line where the field stops wrapping words
# (1,000 characters, app/kit LongParagraphChars), with lines before and
# after it, click inside the paragraph and type eight words across the
# line. The words must be on disk in one run where they were typed (Fyne
# kept the cursor's wrapped row and column, which after the switch pointed
# at another line: the rest of the words went there).
# Needs: apt-get install xvfb xdotool xclip; a built binary.
# Usage: .ci/drills/window-wrap-cursor.sh ./triad
set -u
. "$(dirname "$0")/common.sh"
bin=$(realpath "${1:-./triad}")
work=$(mktemp -d); db=$work/drill.db
export LANG=en_US.UTF-8 DISPLAY=:${DISPLAY_NUM:-96} XDG_CONFIG_HOME=$work/config
Xvfb "$DISPLAY" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
"$bin" demo --db "$db" >/dev/null
"$bin" --db "$db" >"$work/out.log" 2>&1 & pid=$!
sleep 3
open_item_notes
python3 -c '
p = ("rating dip " * 100)[:985]
print("Agenda\nWho came\n" + p + "\nOpen points:\n- pricing\n- rollout\n- support\n- the partner\n- next week", end="")' |
  xclip -selection clipboard >/dev/null 2>&1
xdotool key ctrl+v; sleep 1.5
xdotool mousemove 700 330 click 1; sleep 0.5   # inside the paragraph
words="QQ1 QQ2 QQ3 QQ4 QQ5 QQ6 QQ7 QQ8 "
xdotool type --delay 120 "$words"
sleep 2
kill "$pid"; wait "$pid" 2>/dev/null
python3 - "$db" "$words" <<'PY'
import sqlite3, sys
notes = [r[0] for r in sqlite3.connect(sys.argv[1]).execute("select notes from agenda_items where notes like '%QQ1%'")]
ok = len(notes) == 1 and sys.argv[2] in notes[0]
n = notes[0] if notes else ""
i = n.find("QQ1")
print("wrap drill: the typed words are", "in one run" if ok else "NOT in one run", "in a note of", len(n), "characters:", repr(n[max(0, i - 12):i + 60]))
sys.exit(0 if ok else 1)
PY
