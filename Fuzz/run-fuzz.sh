#!/bin/sh
# Builds the fuzz targets with libFuzzer and AddressSanitizer (LeakSanitizer included) in
# their own scratch path and runs each for FUZZ_SECONDS on a corpus seeded from Fuzz/Seeds.
# Exits 1 if any target crashed, leaked, timed out or ran out of memory, after naming the
# input that did it. Run through `make fuzz`; see Fuzz/README.md.
#
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   which targets, space-separated (default: all)
#   FUZZ_CORPUS    a directory to keep each target's grown corpus in between runs; by default
#                  a temporary copy of the seeds is used and removed, so the repository stays clean
#   FUZZ_ARGS      extra libFuzzer flags
set -u

SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGETS=${FUZZ_TARGETS:-config plan-file receipt-line receipt-chain json http-request sshsig}
FUZZ_ARGS=${FUZZ_ARGS:-}
scratch=.build-fuzz
artifacts="$scratch/artifacts"
# lld rather than gold: gold prints a warning for every AddressSanitizer helper it cannot export.
build_flags="-Xswiftc -sanitize=fuzzer,address -Xswiftc -D -Xswiftc FUZZING -Xswiftc -use-ld=lld"

# The manifest declares the fuzz targets only when this is set.
export OPSCTL_FUZZ=1

mkdir -p "$scratch"
for target in $FUZZ_TARGETS; do
    [ -d "Fuzz/Seeds/$target" ] || { echo "fuzz: no such target '$target' (no Fuzz/Seeds/$target)" >&2; exit 64; }
    echo "fuzz: building opsctl-fuzz-$target"
    # shellcheck disable=SC2086
    "$SWIFT" build -c debug --product "opsctl-fuzz-$target" --scratch-path "$scratch" $build_flags \
        >"$scratch/fuzz-build.log" 2>&1 || { cat "$scratch/fuzz-build.log" >&2; echo "fuzz: build failed" >&2; exit 1; }
done
rm -f "$scratch/fuzz-build.log"

temporary=""
cleanup() { [ -n "$temporary" ] && rm -rf "$temporary"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ -z "${FUZZ_CORPUS:-}" ]; then
    temporary=$(mktemp -d "${TMPDIR:-/tmp}/opsctl-fuzz.XXXXXX")
    corpus_root="$temporary"
else
    corpus_root="$FUZZ_CORPUS"
fi

failed=""
summary=""
for target in $FUZZ_TARGETS; do
    corpus="$corpus_root/$target"
    mkdir -p "$corpus" "$artifacts/$target"
    cp "Fuzz/Seeds/$target"/* "$corpus/"
    log="$artifacts/$target/last-run.log"
    echo "fuzz: running opsctl-fuzz-$target for ${FUZZ_SECONDS}s"
    # -detect_leaks: a leak found by LeakSanitizer fails the run like a crash.
    # shellcheck disable=SC2086
    "$scratch/debug/opsctl-fuzz-$target" "$corpus" \
        -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -detect_leaks=1 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$target/" $FUZZ_ARGS >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    [ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    seconds=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
    inputs=$(ls "$corpus" | wc -l)
    if [ "$status" -eq 0 ]; then
        line="opsctl-fuzz-$target: ${seconds:-?}s, ${runs:-?} executions, corpus $inputs inputs, nothing found"
    else
        crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
        what=$(grep -m 1 -E '^==[0-9]+==ERROR|ERROR: libFuzzer|Fatal error|deadly signal' "$log")
        line="opsctl-fuzz-$target: FAILED (exit $status) after ${runs:-?} executions: ${what:-see $log}; input: ${crash:-none written}"
        failed="$failed $target"
        echo "fuzz: the end of $log:" >&2
        tail -n 40 "$log" >&2
    fi
    echo "$line"
    summary="$summary$line
"
done

echo
printf 'fuzz summary (%ss per target; logs and crashing inputs in %s):\n%s' "$FUZZ_SECONDS" "$artifacts" "$summary"
if [ -n "$failed" ]; then
    echo "fuzz: failed:$failed (replay an input with: $scratch/debug/opsctl-fuzz-TARGET INPUT)" >&2
    exit 1
fi
