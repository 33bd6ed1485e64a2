#!/bin/sh
# The plan -> approve -> apply loop against the built-in sandbox, one narrated step at a time.
# Run through `make demo`; OPSCTL names the binary. Leaves nothing running and nothing behind.
set -eu

OPSCTL=${OPSCTL:-.build/release/opsctl}
case "$OPSCTL" in /*) ;; *) OPSCTL="$(pwd)/$OPSCTL" ;; esac
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/opsctl-demo.XXXXXX")
sandbox_pid=""

cleanup() {
    if [ -n "$sandbox_pid" ]; then
        kill "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ opsctl %s\n' "$*"; "$OPSCTL" "$@"; }

step "Start the sandbox: a local emulator of the services' APIs, on a free loopback port"
cp "$root/examples/sandbox-state.json" "$work/sandbox-state.json"
"$OPSCTL" sandbox serve --port 0 --state "$work/sandbox-state.json" >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
url=""
tries=0
while [ -z "$url" ]; do
    url=$(head -n 1 "$work/sandbox.out" 2>/dev/null || true)
    tries=$((tries + 1))
    if [ -z "$url" ] && [ "$tries" -gt 100 ]; then
        echo "the sandbox did not start:" >&2
        cat "$work/sandbox.err" >&2
        exit 1
    fi
    [ -n "$url" ] || sleep 0.1
done
echo "sandbox listening at $url"

export OPSCTL_SANDBOX_URL="$url"
export OPS_GITHUB_TOKEN="demo-token-not-a-secret"
export OPS_GITHUB_OWNER=acme
export OPS_GITHUB_REPO=autorisen
cd "$work"
cp "$root/desired-state.yaml" "$root/change-policy.yaml" .

step "1. Validate both files"
run validate

step "2. Plan the GitHub scope as carol@autorisen.com (labels drifted, main is unprotected)"
OPSCTL_ACTOR=carol@autorisen.com run plan --scope github --out plan.json

step "3. Show the saved plan"
run show plan.json

step "4. Where the changes stand: branch protection waits for an admin"
run status --plan plan.json

step "5. alice@autorisen.com (role admin) approves the branch protection change"
OPSCTL_ACTOR=alice@autorisen.com run approve github.branch_protection.update.main --plan plan.json --reason "reviewed in the demo"

step "6. Apply: allowed and approved changes only, each re-read first, with receipts"
OPSCTL_ACTOR=carol@autorisen.com run apply plan.json

step "7. Verify the receipts chain"
run receipts verify

step "8. Plan again: nothing left to do"
OPSCTL_ACTOR=carol@autorisen.com run plan --scope github --out plan-after.json --detailed-exitcode

step "Done. The sandbox stops now; the demo's files are removed."
