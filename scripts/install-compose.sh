#!/usr/bin/env bash
# Installs Compose v2 (Debian trixie's docker-compose 2.26.x) into .tools/ for the tests, without
# touching the system's apt sources: a private sources list, lists and cache, then dpkg -x.
# `docker-compose config` needs no Docker engine, which this machine does not have.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
bin="$tools/bin/docker-compose"

if "$bin" version >/dev/null 2>&1; then
  "$bin" version
  exit 0
fi

apt_dir="$tools/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$tools/debs" "$tools/bin"
echo 'deb http://deb.debian.org/debian trixie main' > "$apt_dir/sources.list"
apt_options=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
  -o "APT::Get::List-Cleanup=0"
)
apt-get "${apt_options[@]}" update -qq
# apt downloads as the unprivileged _apt user when run as root: let it write here
chmod 777 "$tools/debs"
rm -f "$tools"/debs/docker-compose_*.deb
(cd "$tools/debs" && apt-get "${apt_options[@]}" download docker-compose)
rm -rf "$tools/compose"
dpkg -x "$tools"/debs/docker-compose_*.deb "$tools/compose"
for candidate in usr/libexec/docker/cli-plugins/docker-compose usr/bin/docker-compose; do
  if [ -f "$tools/compose/$candidate" ] && [ ! -L "$tools/compose/$candidate" ]; then
    ln -sfn "../compose/$candidate" "$bin"
    break
  fi
done
"$bin" version
