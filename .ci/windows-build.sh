#!/usr/bin/env bash
# Cross-builds Triad for 64-bit Windows with mingw-w64 and checks the
# result: Triad.exe, a GUI-subsystem program with the icon embedded (what
# `fyne package -os windows` makes), and triad-cli.exe, the same program as
# a console one for scripts that wait for a command to finish.
#   .ci/windows-build.sh [OUTDIR]      (default: dist/windows)
# Needs gcc-mingw-w64-x86-64 (apt) and the fyne command
# (go install fyne.io/tools/cmd/fyne@v1.7.4). The first build compiles
# Fyne and SQLite for Windows and takes about 20 minutes; later ones reuse
# the Go build cache.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=en_US.UTF-8
out=${1:-dist/windows}
mkdir -p "$out"
export PATH="$PATH:$(go env GOPATH)/bin"

if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  echo "windows-build: installing gcc-mingw-w64-x86-64"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends gcc-mingw-w64-x86-64 >/dev/null
fi
command -v fyne >/dev/null || GOFLAGS= go install fyne.io/tools/cmd/fyne@v1.7.4

export CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++

# fyne package rewrites FyneApp.toml (its comments, the build number):
# keep ours.
cp FyneApp.toml "$out/.FyneApp.toml.keep"
trap 'mv -f "$out/.FyneApp.toml.keep" FyneApp.toml; rm -f fyne_metadata_init.go' EXIT
fyne package -os windows --tags sqlite_fts5 --release --name Triad
mv -f Triad.exe "$out/Triad.exe"
go build -tags sqlite_fts5 -trimpath -ldflags="-s -w" -o "$out/triad-cli.exe" .   # stripped, as fyne package --release strips Triad.exe

# Check what was built: PE32+ executables, the GUI subsystem (2) for
# Triad.exe and the console one (3) for triad-cli.exe, and an icon
# resource in Triad.exe.
subsystem() { # the Subsystem field of a PE file's optional header
  python3 - "$1" <<'PY'
import struct, sys
b = open(sys.argv[1], 'rb').read()
pe = struct.unpack_from('<I', b, 0x3c)[0]
assert b[pe:pe+4] == b'PE\0\0', 'not a PE file'
magic = struct.unpack_from('<H', b, pe + 24)[0]
assert magic == 0x20b, 'not PE32+'
print(struct.unpack_from('<H', b, pe + 24 + 68)[0])
PY
}
gui=$(subsystem "$out/Triad.exe"); cli=$(subsystem "$out/triad-cli.exe")
[ "$gui" = 2 ] || { echo "Triad.exe: subsystem $gui, want 2 (GUI)"; exit 1; }
[ "$cli" = 3 ] || { echo "triad-cli.exe: subsystem $cli, want 3 (console)"; exit 1; }
if command -v x86_64-w64-mingw32-objdump >/dev/null; then
  x86_64-w64-mingw32-objdump -h "$out/Triad.exe" | grep -q '\.rsrc' || { echo "Triad.exe has no resources (icon)"; exit 1; }
fi
ls -l "$out"/*.exe
echo "windows-build: ok (Triad.exe GUI with icon, triad-cli.exe console)"
