#!/usr/bin/env bash
# Records what `twinstack doctor` reads on this host, as a fixture folder for test/fixtures/nvidia-smi/.
# Usage: scripts/gpu-doctor-record.sh OUTPUT_DIR   (see test/fixtures/nvidia-smi/README.md)
set -uo pipefail
out=${1:?usage: $0 OUTPUT_DIR}
mkdir -p "$out" || exit 1
# keep in sync with NVIDIA_SMI_QUERY_FIELDS in lib/doctor/nvidia-smi.ts
query=index,uuid,name,memory.total,compute_cap,driver_version,mig.mode.current

# record NAME COMMAND...: stdout, stderr, exit status (124 timeout, 127 not found) and the command line
record() {
  local name=$1
  shift
  timeout 10 "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"
  echo $? >"$out/$name.exit"
  printf '%s\n' "$*" >"$out/$name.command"
}

record query nvidia-smi "--query-gpu=$query" --format=csv,noheader,nounits
record list nvidia-smi -L
record nvidia-ctk nvidia-ctk --version
record nvidia-container-cli nvidia-container-cli --version
{ date -u +%Y-%m-%dT%H:%M:%SZ; uname -srm; } >"$out/host.txt"
echo "recorded into $out: query.exit=$(cat "$out/query.exit")"
