#!/usr/bin/env bash
# Runs govulncheck against a local copy of the Go vulnerability database:
# the golang.org/x/vulndb module, fetched like any module from the Go
# module proxy (its data/osv folder is the database as OSV files), since
# vuln.go.dev itself may be out of reach. Offline, it says so and skips.
# It fails on a reachable advisory in a module; advisories in the standard
# library are listed and left to the toolchain (see the README's known
# issues).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:$(go env GOPATH)/bin"
vulndb=golang.org/x/vulndb@v0.0.0-20261105234957-e22db6528018
if ! command -v govulncheck >/dev/null; then
  GOFLAGS= go install golang.org/x/vuln/cmd/govulncheck@v1.9.0 || { echo "vulncheck: skipped: cannot install govulncheck (offline?)"; exit 0; }
fi
dir=$(cd /tmp && GOFLAGS= go mod download -json "$vulndb" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin).get("Dir",""))' || true)
if [ -z "$dir" ] || [ ! -d "$dir/data/osv" ]; then
  echo "vulncheck: skipped: the vulnerability database ($vulndb) cannot be fetched (offline?)"
  exit 0
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
govulncheck -db "file://$dir/data/osv" -tags sqlite_fts5 -format json ./... >"$out"
python3 - "$out" <<'PY'
import json, sys
dec = json.JSONDecoder()
text = open(sys.argv[1]).read()
i, called = 0, {}
while i < len(text):
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    obj, i = dec.raw_decode(text, i)
    f = obj.get("finding")
    if f and f.get("trace") and f["trace"][0].get("function"):
        called.setdefault(f["osv"], f["trace"][0]["module"])
mods = sorted(k for k, m in called.items() if m != "stdlib")
std = sorted(k for k, m in called.items() if m == "stdlib")
print(f"vulncheck: {len(called)} reachable advisories: {len(mods)} in modules, {len(std)} in the standard library")
for k in std:
    print(f"  stdlib: {k}")
for k in mods:
    print(f"  module {called[k]}: {k}")
sys.exit(1 if mods else 0)
PY
