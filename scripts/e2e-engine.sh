#!/usr/bin/env bash
# The end-to-end suite's container engine: `podman system service` on a private unix socket, with its own
# configuration, image store, network configuration and run directory under .e2e/engine/ (ignored), so the
# system's Podman store and configuration are untouched.
#
#   scripts/e2e-engine.sh start    start it (once); prints the socket path
#   scripts/e2e-engine.sh stop     remove every container, pod, volume and network it holds, stop it by PID,
#                                  and delete the firewall chains that appeared while it ran
#   scripts/e2e-engine.sh clean    stop, then delete .e2e/engine/ (images included)
#   scripts/e2e-engine.sh env      the variables to reach it: eval "$(scripts/e2e-engine.sh env)"
#
# This host has hybrid cgroups (v1 controllers plus cgroup2 at /sys/fs/cgroup/unified): crun refuses to
# create containers there, so the service runs in a private mount namespace without that cgroup2 mount.
# There is no systemd: health checks do not run on their own (the suite runs them, `podman healthcheck run`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="${TWINSTACK_E2E_ENGINE_DIR:-$root/.e2e/engine}"
sock="$dir/podman.sock"
pidfile="$dir/service.pid"
url="unix://$sock"

remote() { podman --remote --url "$url" "$@"; }

# waits at most $1 tenths of a second for the command after it to succeed
wait_for() {
  local tenths=$1; shift
  for ((i = 0; i < tenths; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  return 1
}

dead() { ! kill -0 "$1" 2>/dev/null; }

running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile")
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# every chain of every iptables table, one "table chain" a line
firewall_chains() {
  command -v iptables-save >/dev/null || return 0
  iptables-save 2>/dev/null | awk '/^\*/ { table = substr($0, 2) } /^:/ { print table, substr($1, 2) }' | LC_ALL=C sort
}

write_config() {
  mkdir -p "$dir"/{graphroot,runroot,tmp,volumes,networks,netns}
  cat > "$dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
netns = "bridge"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$dir/events.log"
# the default (300 s) keeps a conmon alive for five minutes after every exec
exit_command_delay = 5
tmp_dir = "$dir/tmp"
volume_path = "$dir/volumes"
static_dir = "$dir/graphroot/libpod"
runtime = "crun"

[network]
network_backend = "netavark"
network_config_dir = "$dir/networks"
default_network = "twinstack-e2e"
default_subnet = "10.213.0.0/24"
default_subnet_pools = [{ base = "10.213.0.0/16", size = 24 }]
CONF
  cat > "$dir/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$dir/graphroot"
runroot = "$dir/runroot"
CONF
  # no registry is reachable: short names resolve to docker.io without asking anyone
  cat > "$dir/registries.conf" <<CONF
unqualified-search-registries = ["docker.io"]
short-name-mode = "disabled"
CONF
}

export CONTAINERS_CONF="$dir/containers.conf"
export CONTAINERS_STORAGE_CONF="$dir/storage.conf"
export CONTAINERS_REGISTRIES_CONF="$dir/registries.conf"

start() {
  if pid=$(running_pid); then
    echo "$sock"
    return 0
  fi
  command -v podman >/dev/null || { echo "e2e-engine: podman is not installed (bash scripts/install-podman.sh)" >&2; exit 1; }
  write_config
  firewall_chains > "$dir/firewall-before"
  rm -f "$sock"
  local unmount=':'
  if mountpoint -q /sys/fs/cgroup/unified 2>/dev/null; then unmount='umount /sys/fs/cgroup/unified'; fi
  # setsid: its own process group, so stop can end it and everything it started, and nothing else
  setsid unshare -m --propagation private sh -c "$unmount && exec podman system service --time=0 '$url'" \
    > "$dir/service.log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  if ! wait_for 300 remote info; then
    echo "e2e-engine: the service did not answer on $sock within 30 s; its log:" >&2
    cat "$dir/service.log" >&2
    stop >&2 || true
    exit 1
  fi
  echo "$sock"
}

stop() {
  if pid=$(running_pid); then
    # bounded: a hung engine must not hang the suite
    timeout 60 podman --remote --url "$url" pod rm --all --force --time 2 >/dev/null 2>&1 || true
    timeout 60 podman --remote --url "$url" rm --all --force --time 2 >/dev/null 2>&1 || true
    timeout 30 podman --remote --url "$url" volume prune --force >/dev/null 2>&1 || true
    timeout 30 podman --remote --url "$url" network prune --force >/dev/null 2>&1 || true
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    if wait_for 50 dead "$pid"; then :; else
      echo "e2e-engine: process $pid is still running after SIGKILL" >&2
      exit 1
    fi
  fi
  rm -f "$pidfile" "$sock"
  remove_added_firewall_chains
}

remove_added_firewall_chains() {
  [ -f "$dir/firewall-before" ] || return 0
  local table chain
  # flush first (rules may jump between added chains), then delete the chains
  comm -13 "$dir/firewall-before" <(firewall_chains) > "$dir/firewall-added" || true
  while read -r table chain; do
    # a built-in chain's rules that jump to an added chain
    iptables-save -t "$table" 2>/dev/null | grep -E -- "^-A [A-Z]+ .*-j $chain( |$)" | while read -r rule; do
      # eval: iptables-save quotes comments with spaces
      eval "iptables -t '$table' ${rule/#-A/-D}" 2>/dev/null || true
    done || true
  done < "$dir/firewall-added"
  while read -r table chain; do iptables -t "$table" -F "$chain" 2>/dev/null || true; done < "$dir/firewall-added"
  while read -r table chain; do iptables -t "$table" -X "$chain" 2>/dev/null || true; done < "$dir/firewall-added"
  rm -f "$dir/firewall-before" "$dir/firewall-added"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  clean) stop && rm -rf "$dir" ;;
  env) printf 'export DOCKER_HOST=%q\nexport CONTAINER_HOST=%q\n' "$url" "$url" ;;
  *) echo "usage: $0 start|stop|clean|env" >&2; exit 2 ;;
esac
