#!/usr/bin/env bash
# Installs the container engine the end-to-end suite runs on (test/e2e, `npm run test:e2e`): Debian 12's
# Podman 4.3.1 with crun, netavark and aardvark-dns, and busybox-static (the one binary of the test images).
# Idempotent: does nothing when the pinned versions are installed. Needs root and Debian bookworm's apt sources.
set -euo pipefail

# name=version, as Debian 12 ships them
packages=(
  podman=4.3.1+ds1-8+deb12u1+b3
  crun=1.8.1-1+deb12u1
  conmon=2.1.6+ds1-1
  netavark=1.4.0-3
  aardvark-dns=1.4.0-3
  catatonit=0.1.7-1+b2
  busybox-static=1:1.35.0-4+deb12u1+b1
  iptables=1.8.9-2
  uidmap=1:4.13+dfsg1-1+deb12u2
)

missing=()
for spec in "${packages[@]}"; do
  name=${spec%%=*} want=${spec#*=}
  have=$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null || true)
  [ "$have" = "install ok installed $want" ] || missing+=("$spec")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-podman: needs root to install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # only a pinned version that this mirror no longer has makes this fail: then update the pins above
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# unpinned: libc6-dev must match the machine's libc6; Debian's build-essential machines have both already
if ! echo 'int main(void) { return 0; }' | cc -static -x c -o /dev/null - 2>/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "install-podman: needs root to install gcc libc6-dev (static linking for test/e2e/udp-echo.c)" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends gcc libc6-dev
fi

podman --version
test -x /bin/busybox && /bin/busybox | sed -n 1p   # sed reads to the end: head would close the pipe, and pipefail fail on busybox's SIGPIPE
