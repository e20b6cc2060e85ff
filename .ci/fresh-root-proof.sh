#!/usr/bin/env bash
# Proves the README's "Run it" on a machine that has nothing but Debian 12
# and Go: builds a fresh Debian root with mmdebstrap (sudo and CA
# certificates only; no compiler, no X libraries, no poppler), copies this
# machine's Go into it as the README assumes, and runs .ci/readme-run.sh in
# it: the README's first command exactly (apt-get, then go run, with a cold
# Go cache, into a window on this machine's Xvfb), then its second (the
# tests). Slow (about 30 minutes) and needs root, so CI does not run it.
#   .ci/fresh-root-proof.sh [ROOT]    (default: /tmp/triad-fresh-root)
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:-/tmp/triad-fresh-root}
display=${PROOF_DISPLAY:-:94}
command -v mmdebstrap >/dev/null || apt-get install -y -qq mmdebstrap >/dev/null

# PROOF_REUSE=1 goes on in a root an earlier run made (the README's
# apt-get line then finds its packages installed); otherwise it starts anew.
if [ "${PROOF_REUSE:-}" != 1 ] || [ ! -x "$root/usr/bin/apt-get" ]; then
  rm -rf "$root"
  mmdebstrap --variant=apt --include=sudo,ca-certificates bookworm "$root"
  for tool in gcc pkg-config pdftotext go; do
    if chroot "$root" sh -c "command -v $tool" >/dev/null 2>&1; then
      echo "proof: the fresh root already has $tool" >&2; exit 1
    fi
  done
  echo "proof: fresh root has no gcc, pkg-config, pdftotext or go"
else
  echo "proof: going on in the root an earlier run made"
fi
# A network that inspects TLS has its own certificate authority, which
# this machine trusts; the root must too, to reach the Go module proxy.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null
fi
rm -rf "$root/usr/local/go" "$root/src"
cp -a "$(go env GOROOT)" "$root/usr/local/go"
mkdir "$root/src"
git archive HEAD | tar -x -C "$root/src"
cp /etc/resolv.conf "$root/etc/resolv.conf"

# This machine's X server stands in for the desktop.
if [ ! -S "/tmp/.X11-unix/X${display#:}" ]; then
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  sleep 1
fi
mkdir -p "$root/tmp/.X11-unix"
cleanup() {
  for m in tmp/.X11-unix dev/pts dev sys proc; do umount "$root/$m" 2>/dev/null || true; done
}
trap cleanup EXIT
mount --bind /proc "$root/proc"; mount --bind /sys "$root/sys"
mount --bind /dev "$root/dev"; mount --bind /dev/pts "$root/dev/pts"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"

chroot "$root" /usr/bin/env -i HOME=/root USER=root LANG=C.UTF-8 TERM=dumb DISPLAY="$display" \
  PATH=/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  GOPROXY="$(go env GOPROXY)" bash -c 'cd /src && go version && bash .ci/readme-run.sh'
echo "proof: the README's two commands passed on a fresh Debian root"
