#!/usr/bin/env bash
# make bench: measures opsctl against the targets of SPEC section 12 that this build can
# measure, prints each figure beside its bound as a ratio, and writes bench/results.json.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
opsctl="$root/.build/release/opsctl"
appender="$root/.build/release/opsctl-test-appender"
work=$(mktemp -d "${TMPDIR:-/tmp}/opsctl-bench.XXXXXX")
sandbox_pid=""
cleanup() {
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

now_ns() { date +%s%N; }
ms() { awk -v n="$1" 'BEGIN { printf "%.1f", n / 1000000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
results=()
report() { # name figure unit bound ratio
    printf '%-44s %10s %-3s  bound %10s %-3s  ratio %s\n' "$1" "$2" "$3" "$4" "$3" "$5"
    results+=("{\"name\":\"$1\",\"value\":$2,\"unit\":\"$3\",\"bound\":$4,\"ratio\":$5}")
}

labels=${BENCH_LABELS:-1000}
latency=${BENCH_LATENCY_MS:-50}
concurrency=8   # ServiceHTTPConfiguration.github's maxConcurrentRequests

# --- plan against the sandbox with injected latency --------------------------------------
{
    printf '{"github":{"next_id":%d,"repos":{"acme/bench":{"owner":"acme","name":"bench","default_branch":"main","labels":[' $((labels + 10))
    for ((i = 0; i < labels; i++)); do
        [ "$i" -gt 0 ] && printf ','
        printf '{"id":%d,"name":"label-%04d","color":"ededed","description":null,"default":false}' $((i + 1)) "$i"
    done
    printf '],"branch_protection":{}}}}}\n'
} >"$work/state.json"
{
    printf 'version: 1\ngithub:\n  labels:\n'
    for ((i = 0; i < labels; i++)); do printf '    - { name: label-%04d, color: ededed }\n' "$i"; done
    printf '  branchProtection:\n    - { branch: main, requiredReviews: 1 }\n'
} >"$work/desired-state.yaml"
printf 'version: 1\nautoApplyAllowed: { github: true }\n' >"$work/change-policy.yaml"

"$opsctl" sandbox serve --port 0 --state "$work/state.json" --latency "$latency" >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 1 100); do url=$(head -n 1 "$work/sandbox.out" 2>/dev/null || true); [ -n "$url" ] && break; sleep 0.1; done
[ -n "$url" ] || { cat "$work/sandbox.err" >&2; exit 1; }

cd "$work"
export OPSCTL_SANDBOX_URL="$url" OPS_GITHUB_TOKEN=bench-token OPS_GITHUB_OWNER=acme OPS_GITHUB_REPO=bench OPSCTL_ACTOR=bench
best=""
for _ in 1 2 3; do
    start=$(now_ns)
    "$opsctl" plan --scope github --out plan.json >/dev/null 2>plan.err
    elapsed=$(( $(now_ns) - start ))
    [ -z "$best" ] || [ "$elapsed" -lt "$best" ] && best=$elapsed
done
requests=$(sed -n 's/.*, \([0-9]*\) requests).*/\1/p' plan.err | tail -n 1)
bound_ms=$(awk -v r="$requests" -v c="$concurrency" -v l="$latency" 'BEGIN { printf "%.1f", r / c * l }')
plan_ms=$(ms "$best")
report "plan, $labels labels, latency ${latency} ms ($requests requests)" "$plan_ms" ms "$bound_ms" "$(ratio "$plan_ms" "$bound_ms")"
kill "$sandbox_pid"; wait "$sandbox_pid" 2>/dev/null || true; sandbox_pid=""

# --- receipts verify against sha256sum on the same file ----------------------------------
receipts="$work/receipts.jsonl"
"$appender" "$receipts" "${BENCH_RECEIPTS:-20000}" bench-appender
size=$(stat -c %s "$receipts")
start=$(now_ns); for _ in $(seq 1 10); do "$opsctl" --receipts "$receipts" receipts verify >/dev/null; done; verify=$(( ($(now_ns) - start) / 10 ))
start=$(now_ns); for _ in $(seq 1 10); do sha256sum "$receipts" >/dev/null; done; sha=$(( ($(now_ns) - start) / 10 ))
# Bound: half of sha256sum's throughput, i.e. twice its time on the same file.
report "receipts verify, $size bytes (bound: 2x sha256sum)" "$(ms "$verify")" ms "$(ms $((sha * 2)))" "$(ratio "$verify" $((sha * 2)))"

# --- cold start --------------------------------------------------------------------------
start=$(now_ns); for _ in $(seq 1 50); do "$opsctl" version >/dev/null; done; version=$(( ($(now_ns) - start) / 50 ))
start=$(now_ns); for _ in $(seq 1 50); do /bin/true; done; truth=$(( ($(now_ns) - start) / 50 ))
report "opsctl version cold start (bound: 3x /bin/true)" "$(ms "$version")" ms "$(ms $((truth * 3)))" "$(ratio "$version" $((truth * 3)))"

cd "$root"
printf '{"results":[%s]}\n' "$(IFS=,; echo "${results[*]}")" >bench/results.json
echo "wrote bench/results.json"
