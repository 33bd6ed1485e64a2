#!/bin/sh
# Regenerates the seeds that must be made by opsctl itself: a plan file and receipt logs from
# the README's loop against the sandbox (GitHub only, so no database is needed), sealed with
# the fuzz targets' MAC key. The hand-written seeds beside them are kept as they are.
#   sh Fuzz/make-seeds.sh [path/to/opsctl]
set -eu
OPSCTL=${1:-.build/debug/opsctl}
case "$OPSCTL" in /*) ;; *) OPSCTL="$(pwd)/$OPSCTL" ;; esac
seeds=$(pwd)/Fuzz/Seeds
work=$(mktemp -d "${TMPDIR:-/tmp}/opsctl-seeds.XXXXXX")
sandbox_pid=""
cleanup() {
    [ -n "$sandbox_pid" ] && { kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; }
    rm -rf "$work"
}
trap cleanup EXIT

cp examples/sandbox-state.json "$work/state.json"
"$OPSCTL" sandbox serve --port 0 --state "$work/state.json" >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
tries=0
until [ -s "$work/sandbox.out" ]; do
    tries=$((tries + 1)); [ "$tries" -gt 100 ] && { cat "$work/sandbox.err" >&2; exit 1; }
    sleep 0.1
done

export OPSCTL_SANDBOX_URL="$(head -n 1 "$work/sandbox.out")"
export OPS_GITHUB_TOKEN=any OPS_GITHUB_OWNER=acme OPS_GITHUB_REPO=autorisen
# Must match `fuzzReceiptKey` in Fuzz/Targets/ReceiptFuzzTargets.swift.
export OPSCTL_RECEIPTS_KEY=opsctl-fuzz-receipts-mac-key-000
receipts="$work/receipts.jsonl"
cd "$work"
cp "$OLDPWD/examples/github-only.yaml" desired-state.yaml
cp "$OLDPWD/examples/team-policy.yaml" change-policy.yaml
OPSCTL_ACTOR=planner@example.com "$OPSCTL" --receipts "$receipts" -q plan --out plan.json >/dev/null || true
change=$(sed -n 's/.*"id" *: *"\(github\.[^"]*\)".*/\1/p' plan.json | head -n 1)
OPSCTL_ACTOR=reviewer@example.com "$OPSCTL" --receipts "$receipts" -q approve "$change" --plan plan.json --reason "fuzz seed" >/dev/null || true
OPSCTL_ACTOR=reviewer@example.com "$OPSCTL" --receipts "$receipts" -q reject "$change" --plan plan.json --reason "second thoughts" >/dev/null || true
OPSCTL_ACTOR=applier@example.com "$OPSCTL" --receipts "$receipts" -q apply plan.json >/dev/null || true

mkdir -p "$seeds/plan-file" "$seeds/receipt-chain" "$seeds/receipt-line" "$seeds/json"
cp plan.json "$seeds/plan-file/made-by-plan.json"
cp plan.json "$seeds/json/plan-file.json"
cp "$receipts" "$seeds/receipt-chain/made-by-the-loop.jsonl"
head -n 2 "$receipts" > "$seeds/receipt-chain/first-two.jsonl"
n=0
while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" > "$seeds/receipt-line/line-$n.json"
done < "$receipts"
echo "seeds written: $(wc -l < "$receipts") receipts, plan with change $change"
