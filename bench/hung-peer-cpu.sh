#!/usr/bin/env bash
# CPU used while a request waits on a peer that accepts and never answers.
# Usage: bench/hung-peer-cpu.sh [OPSCTL] [SECONDS]   (defaults: .build/debug/opsctl, 15)
# Starts a loopback listener that accepts connections and never writes, runs
# `opsctl plan --scope github` against it, and samples the process's utime+stime from
# /proc/PID/stat over the window. A waiting process should show about 0%.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
opsctl=$(realpath "${1:-$root/.build/debug/opsctl}")
window=${2:-15}
work=$(mktemp -d "${TMPDIR:-/tmp}/opsctl-hung.XXXXXX")
listener_pid=""
opsctl_pid=""
cleanup() {
    [ -n "$opsctl_pid" ] && kill "$opsctl_pid" 2>/dev/null || true
    [ -n "$listener_pid" ] && kill "$listener_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

python3 - >"$work/port" <<'PY' &
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(100)
print(s.getsockname()[1], flush=True)
held = []
while True:
    held.append(s.accept()[0])
PY
listener_pid=$!
for _ in $(seq 1 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

cd "$work"
printf 'version: 1\ngithub:\n  labels:\n    - { name: bug, color: d73a4a }\n' >desired-state.yaml
printf 'version: 1\n' >change-policy.yaml
OPS_GITHUB_API_URL="http://127.0.0.1:$port" OPS_GITHUB_TOKEN=t OPS_GITHUB_OWNER=acme OPS_GITHUB_REPO=app \
    "$opsctl" plan --scope github --out plan.json >/dev/null 2>&1 &
opsctl_pid=$!
sleep 2

ticks() { awk '{ print $14 + $15 }' "/proc/$opsctl_pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks); start=$(date +%s%N)
sleep "$window"
after=$(ticks); end=$(date +%s%N)
awk -v t=$((after - before)) -v hz="$hz" -v ns=$((end - start)) \
    'BEGIN { s = ns / 1e9; printf "hung request: %.2f s of CPU in %.1f s of waiting = %.1f%% of a core\n", t / hz, s, 100 * t / hz / s }'
