#!/usr/bin/env bash
# Prints the README's two commands under "## Run it", one a line: the
# first fenced sh block (install what is needed, then start Triad) and the
# second (run the tests). CI and the fresh-machine proof run these lines
# exactly as printed, so the README and CI cannot drift apart.
set -euo pipefail
readme="${1:-$(dirname "$0")/../README.md}"
awk '
  /^## Run it/          { inside = 1; next }
  inside && /^## /      { exit }
  inside && /^```sh$/   { fence = 1; next }
  inside && /^```$/     { if (fence) { blocks++; fence = 0 }; if (blocks == 2) exit; next }
  fence                 { print }
' "$readme" | {
  n=0
  while IFS= read -r line; do
    n=$((n + 1)); printf '%s\n' "$line"
  done
  [ "$n" -eq 2 ] || { echo "readme-commands: want 2 commands under \"## Run it\", found $n" >&2; exit 1; }
}
