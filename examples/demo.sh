#!/bin/sh
# The plan -> approve -> apply loop against the built-in sandbox, one narrated step at a time.
# Run through `make demo`; OPSCTL names the binary. Leaves nothing running and nothing behind.
set -eu

OPSCTL=${OPSCTL:-.build/release/opsctl}
case "$OPSCTL" in /*) ;; *) OPSCTL="$(pwd)/$OPSCTL" ;; esac
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/opsctl-demo.XXXXXX")
sandbox_pid=""
slack_pid=""
pgdir=""

# PostgreSQL refuses to run as root; then the throwaway cluster runs as the postgres user,
# from / rather than the caller's directory, which that user usually may not enter (initdb,
# pg_ctl and psql would each print "could not change directory ... Permission denied").
as_postgres() {
    if [ "$(id -u)" = "0" ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

cleanup() {
    if [ -n "$slack_pid" ]; then
        kill "$slack_pid" 2>/dev/null || true
        wait "$slack_pid" 2>/dev/null || true
    fi
    if [ -n "$sandbox_pid" ]; then
        kill "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
    fi
    if [ -n "$pgdir" ] && [ -f "$pgdir/data/postmaster.pid" ]; then
        as_postgres "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    [ -n "$pgdir" ] && rm -rf "$pgdir"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ opsctl %s\n' "$*"; "$OPSCTL" "$@"; }

# The Slack app's signing secret: the sandbox's Slack signs the button click with it and
# `serve slack` checks it. Never printed.
export SLACK_SIGNING_SECRET="demo-slack-signing-secret"

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

step "Start a throwaway PostgreSQL on a private socket, standing in for the Supabase database"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL is not installed; run 'make deps' first" >&2; exit 1; }
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/opsctl-demo-pg.XXXXXX")
[ "$(id -u)" = "0" ] && chown postgres "$pgdir"
as_postgres "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
    -o "-c listen_addresses='' -c unix_socket_directories='$pgdir' -c fsync=off" start >/dev/null
as_postgres "$pgbin/psql" -q -h "$pgdir" -U postgres -d postgres -c "create database autorisen" >/dev/null
as_postgres "$pgbin/psql" -q -h "$pgdir" -U postgres -d postgres -c "create database opsctl_receipts" >/dev/null
as_postgres "$pgbin/psql" -q -h "$pgdir" -U postgres -d autorisen -v ON_ERROR_STOP=1 -f - <"$root/examples/demo-database.sql" >/dev/null
echo "PostgreSQL listening on $pgdir (no TCP port)"

export OPSCTL_SANDBOX_URL="$url"
export OPS_GITHUB_TOKEN="demo-token-not-a-secret"
export OPS_GITHUB_OWNER=acme
export OPS_GITHUB_REPO=autorisen
export OPS_VERCEL_TOKEN="demo-vercel-token"
export OPS_VERCEL_PROJECT_ID=prj_autorisen
export SUPABASE_DB_URL="postgresql://postgres@/autorisen?host=$pgdir"
export NEXT_PUBLIC_SUPABASE_URL="https://autorisen.supabase.co"
export SUPABASE_SERVICE_ROLE_KEY="demo-service-role-key"
# The values Vercel env vars are read from at apply time; never written to plans or receipts.
export STRIPE_SECRET_KEY="sk_test_demo_value_never_printed"
export STRIPE_WEBHOOK_SECRET="whsec_demo_value_never_printed"
# The secrets scope's source of truth is the sandbox's AWS SSM (source: ssm, /autorisen/prod/),
# read with SigV4 under the sandbox's example key; the values are synced one way to the
# sandbox's Heroku app and Vercel project, compared by keyed fingerprints, never printed.
export AWS_ACCESS_KEY_ID=AKIASANDBOXEXAMPLE01
export AWS_SECRET_ACCESS_KEY=sandbox/SecretAccessKey/EXAMPLEKEY0000000000
export AWS_REGION=eu-west-1
export HEROKU_API_KEY="demo-heroku-api-key"
# The read-only audits: the sandbox's Stripe, SendGrid, Slack and PostHog answer these keys.
export SENDGRID_API_KEY="SG.demo-sendgrid-key.not-a-secret"
export SLACK_BOT_TOKEN="xoxb-demo-slack-bot-token"
export POSTHOG_PERSONAL_API_KEY="phx_demo_personal_api_key_not_a_secret"
export NEXT_PUBLIC_POSTHOG_KEY="phc_DemoAutorisenProjectKey00000000000000000000"
# The team's receipts log and apply lock live in PostgreSQL (docs/receipts-postgres.md).
export OPSCTL_RECEIPTS_URL="postgresql://postgres@/opsctl_receipts?host=$pgdir"
cd "$work"
cp "$root/desired-state.yaml" "$root/change-policy.yaml" .
# alice signs her approval of branch protection with an SSH key: the demo makes her one, lists
# it in allowed_signers and names her as a signer (ssh:) in the admin role of its copy of the policy.
mkdir -p .opsctl
ssh-keygen -q -t ed25519 -N "" -C "alice@autorisen.com" -f alice_ed25519
printf 'alice@autorisen.com namespaces="opsctl-approval@v1" %s\n' "$(cat alice_ed25519.pub)" >.opsctl/allowed_signers
sed -i 's|^  admin: \[alice@autorisen.com, github:alice\]|  admin: [alice@autorisen.com, github:alice, ssh:alice@autorisen.com]|' change-policy.yaml
printf '\nallowedSigners: .opsctl/allowed_signers\n' >>change-policy.yaml

step "0. Create the receipts schema in PostgreSQL (once per database; idempotent)"
run receipts init

step "1. Validate both files"
run validate

step "2. Plan every declared scope as carol@autorisen.com: drift, read-only audits, unmanaged objects and coverage"
OPSCTL_ACTOR=carol@autorisen.com run plan --out plan.json

step "3. Show the saved plan"
run show plan.json

step "4. Where the changes stand: branch protection, env vars, secrets syncs and schema changes wait for approval"
run status --plan plan.json

step "4b. The secrets drift, key by key and target by target: values compared by keyed fingerprint, never shown"
OPSCTL_ACTOR=carol@autorisen.com run plan --scope secrets --out secrets-preview.json

step "5. alice@autorisen.com (role admin) approves branch protection (signed with her SSH key), STRIPE_SECRET_KEY, the Heroku secrets sync and the Supabase changes"
approved="github.branch_protection.update.main vercel.env.add.STRIPE_SECRET_KEY secrets.sync.heroku.autorisen secrets.sync.vercel.prj_autorisen"
OPSCTL_ACTOR=alice@autorisen.com run approve github.branch_protection.update.main --plan plan.json --reason "reviewed in the demo" --sign alice_ed25519
OPSCTL_ACTOR=alice@autorisen.com run approve vercel.env.add.STRIPE_SECRET_KEY --plan plan.json --reason "value comes from the CI secret store"
OPSCTL_ACTOR=alice@autorisen.com run approve secrets.sync.heroku.autorisen --plan plan.json --reason "one-way sync reviewed in the demo"
"$OPSCTL" status --plan plan.json --json | sed -n 's/^ *"id": "\(supabase\..*\)",\{0,1\}$/\1/p' >supabase-changes.txt
while IFS= read -r id; do
    OPSCTL_ACTOR=alice@autorisen.com run approve "$id" --plan plan.json --reason "migration reviewed in the demo"
done <supabase-changes.txt

step "5b. The Vercel secrets sync is approved in Slack: a request with buttons goes to #ops-approvals, alice clicks Approve, serve slack checks Slack's signature and her role"
OPSCTL_ACTOR=carol@autorisen.com run approve --request secrets.sync.vercel.prj_autorisen --plan plan.json | tee slack-request.out
ts=$(sed -n 's/.*(message \([0-9.]*\),.*/\1/p' slack-request.out)
"$OPSCTL" serve slack --port 0 --plan plan.json >"$work/slack.out" 2>"$work/slack.err" &
slack_pid=$!
receiver=""
tries=0
while [ -z "$receiver" ]; do
    receiver=$(head -n 1 "$work/slack.out" 2>/dev/null || true)
    tries=$((tries + 1))
    if [ -z "$receiver" ] && [ "$tries" -gt 100 ]; then
        echo "serve slack did not start:" >&2
        cat "$work/slack.err" >&2
        exit 1
    fi
    [ -n "$receiver" ] || sleep 0.1
done
echo "serve slack listening at $receiver; the sandbox's Slack now sends alice's signed click there"
curl -sS -X POST "$url/slack/_sandbox/interact" -H 'Content-Type: application/json' \
    -d "{\"url\": \"$receiver/slack/actions\", \"user\": \"U0ALICE001\", \"channel\": \"#ops-approvals\", \"ts\": \"$ts\", \"action_id\": \"opsctl_approve\"}"
echo
tries=0
until "$OPSCTL" status secrets.sync.vercel.prj_autorisen --plan plan.json | grep -q "slack button"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
        echo "the Slack approval was not recorded:" >&2
        cat "$work/slack.err" >&2
        exit 1
    fi
    sleep 0.1
done
kill "$slack_pid" && wait "$slack_pid" || true
slack_pid=""
cat "$work/slack.err"
run status secrets.sync.vercel.prj_autorisen --plan plan.json
only=$(printf '%s\n' github.label.update.security github.label.create.database github.label.create.ops $approved | cat - supabase-changes.txt | paste -sd, -)

step "6. Apply the approved and auto-applicable changes: database changes arrive as one migration pull request, secrets as one Heroku release"
OPSCTL_ACTOR=carol@autorisen.com run apply plan.json --only "$only" --metrics-file apply.prom
echo "# the figures node_exporter's textfile collector would read from apply.prom:"
grep -E '^opsctl_(apply_changes|approvals_pending|receipts_head_seq)' apply.prom

step "7. Verify the receipts chain (streamed from PostgreSQL) and re-verify the signed approval against allowed_signers"
run receipts verify --approvals
run receipts export --out receipts.jsonl
as_postgres "$pgbin/psql" -h "$pgdir" -U postgres -d opsctl_receipts \
    -c "select seq, kind, change_id, left(hash, 12) as hash from opsctl.receipt order by seq"

step "7b. Export the branch protection change's evidence as a bundle, and check the bundle against the log"
OPSCTL_ACTOR=carol@autorisen.com run export github.branch_protection.update.main --out branch-protection.tar.gz
tar -tzf branch-protection.tar.gz
run receipts verify --bundle branch-protection.tar.gz

step "7c. Plan the undoing of the 'ops' label's creation from its receipt (a reviewed plan, not applied here)"
OPSCTL_ACTOR=carol@autorisen.com run plan --revert github.label.create.ops --out revert.json

step "8. Plan GitHub again: nothing left to do"
OPSCTL_ACTOR=carol@autorisen.com run plan --scope github --out plan-after.json --detailed-exitcode

step "9. Plan the secrets again: every key in sync, the Heroku app's extra config vars reported as unmanaged"
OPSCTL_ACTOR=carol@autorisen.com run plan --scope secrets --out secrets-after.json

step "10. A label approved through a pull-request review: dave pushes a branch, carol opens a pull request and plans it with --pr"
# Stand-ins for people on github.com: the sandbox's control routes push and review as any login.
github() { curl -sS -X "$1" "$url/github$2" -H "User-Agent: opsctl-demo" -H "Authorization: Bearer $OPS_GITHUB_TOKEN" -H "Content-Type: application/json" ${3:+-d "$3"}; }
cat >review-desired.yaml <<'YAML'
version: 1
github:
  labels:
    - name: reviewed
      color: 0e8a16
      description: Approved through a pull-request review
YAML
cat >review-policy.yaml <<'YAML'
version: 1
roles:
  admin: [github:bob, github:dave]
autoApplyAllowed:
  github: true
approvalRules:
  github.label.*:
    requiresApproval: true
    approvers: [admin]
    method: github      # offered for review on the pull request
separationOfDuties: true
approvalTTL: 1h
YAML
github POST /_sandbox/repos/acme/autorisen/push '{"branch":"add-reviewed-label","login":"dave","path":"desired-state.yaml"}' >/dev/null
pr=$(github POST /repos/acme/autorisen/pulls '{"title":"Add the reviewed label","head":"add-reviewed-label","base":"main"}' \
    | sed -n 's/^.*"number":\([0-9][0-9]*\).*$/\1/p' | head -n 1)
echo "pull request #$pr opened"
OPSCTL_ACTOR=github:carol run plan --scope github -f review-desired.yaml -p review-policy.yaml --out review.json --pr "$pr"
echo "# the binding block in opsctl's comment on #$pr:"
github GET "/repos/acme/autorisen/issues/$pr/comments" | grep -o 'opsctl-plan\\nplan sha256:[0-9a-f]*' | sed 's/\\n/ /'

step "11. dave (who pushed the head) and bob (role admin) approve the pull request on GitHub; only bob's review counts, and apply records it as an approve receipt"
github POST "/_sandbox/repos/acme/autorisen/pulls/$pr/reviews" '{"login":"dave","event":"APPROVE"}' >/dev/null
github POST "/_sandbox/repos/acme/autorisen/pulls/$pr/reviews" '{"login":"bob","event":"APPROVE","body":"Label looks right."}' >/dev/null
run status --plan review.json -f review-desired.yaml -p review-policy.yaml
OPSCTL_ACTOR=github:carol run apply review.json -f review-desired.yaml -p review-policy.yaml
run receipts list --kind approve

step "Done. The sandbox and PostgreSQL stop now; the demo's files are removed."
