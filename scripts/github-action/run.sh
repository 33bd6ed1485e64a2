#!/usr/bin/env bash
# Runs opsctl as the composite action's second step and keeps its real exit code.
#
# Reads OPSCTL_COMMAND ("plan", "receipts verify" ...) and OPSCTL_ARGS (quoted as in a shell:
# --reason "looks right"). Both are split by xargs, which honours quotes and backslashes but
# never expands variables or runs command substitutions, so an input that comes from a pull
# request title cannot run code here.
#
# opsctl writes its own step outputs (changes, pending, plan_digest ...); this script adds
# `exitcode` afterwards, so it is set even when opsctl could not start. The step then exits
# with opsctl's own status: 2 stays 2, unlike wrappers that turn it into 1 or 0. A workflow
# that wants to go on after exit 2 sets `continue-on-error: true` on the step and reads
# `steps.<id>.outputs.exitcode`.
set -uo pipefail

split() {
  printf '%s' "$1" | xargs printf '%s\0'
}

command_words=()
arguments=()
if [ -n "${OPSCTL_COMMAND:-}" ]; then
  mapfile -d '' command_words < <(split "$OPSCTL_COMMAND") || exit 64
fi
if [ -n "${OPSCTL_ARGS:-}" ]; then
  mapfile -d '' arguments < <(split "$OPSCTL_ARGS") || exit 64
fi

"${OPSCTL_BINARY:-opsctl}" "${command_words[@]}" "${arguments[@]}"
code=$?
[ -z "${GITHUB_OUTPUT:-}" ] || echo "exitcode=$code" >> "$GITHUB_OUTPUT"
exit "$code"
