#!/usr/bin/env bash
# Builds the libFuzzer targets and fuzzes each for SECONDS (see README.md).
#
#   Tests/Fuzzing/run.sh SECONDS [TARGET...]     fuzz (default targets: FuzzQPY FuzzJSON FuzzText FuzzExpression)
#   Tests/Fuzzing/run.sh --regressions [TARGET...]  replay FailCases/<Target>/* through the fuzz builds
#
# Environment:
#   FUZZ_PARALLEL=1   run the targets at the same time instead of one after the other
#   FUZZ_FORK=1       keep fuzzing after a crash (libFuzzer -fork=1 -ignore_crashes=1); every crash
#                     input is still saved, so one run can collect several distinct failures
#   FUZZ_ARGS="…"     extra libFuzzer flags (e.g. -max_len=65536 -seed=1)
#   FUZZ_SKIP_BUILD=1 use the binaries already built
#
# For each target it prints the executions, corpus size, coverage, crashes (artifacts created in
# FailCases/<Target>/ by this run) and libFuzzer's summary. The exit status is non-zero if any run
# created a crash artifact or libFuzzer failed for another reason.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
all_targets=(FuzzQPY FuzzJSON FuzzText FuzzExpression)

usage() { echo "usage: $0 SECONDS [TARGET...] | $0 --regressions [TARGET...]" >&2; exit 64; }
[ $# -ge 1 ] || usage
mode=fuzz
seconds=0
if [ "$1" = "--regressions" ]; then mode=regressions; else
    [[ "$1" =~ ^[0-9]+$ ]] || usage
    seconds="$1"
fi
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $target "* ]] || { echo "unknown target $target (known: ${all_targets[*]})" >&2; exit 64; }
done

scratch="$here/.build"
# SwiftPM keeps a path dependency's list of source files from its cached manifest: a file added to
# the main package since the last build here would be missing ("cannot find type …"). Touching both
# manifests makes SwiftPM read them again (sources are not rebuilt for that).
touch "$here/../../Package.swift" "$here/Package.swift"
# No LeakSanitizer: it reports Swift globals holding indirect-enum payloads (pointers with tag bits)
# as leaks at exit, blaming whatever input ran last. No Swift backtracer: on a fatalError it reads
# memory ASan flags, burying the oracle's message under a second report.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
# SwiftPM turns --sanitize=fuzzer --sanitize=address into two swiftc flags, -sanitize=fuzzer then
# -sanitize=address, and swiftc keeps only the last -sanitize= it is given: the code would get
# ASan but no coverage instrumentation, and libFuzzer would fuzz blind ("no interesting inputs
# were found ... Is the code instrumented for coverage?"). The trailing -Xswiftc flag comes last
# and asks for both; SwiftPM's own flags still make it link libFuzzer and the ASan runtime.
build=(swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address --scratch-path "$scratch")
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
    echo "== building (${build[*]})"
    start=$(date +%s)
    if ! "${build[@]}"; then
        echo "run.sh: the fuzzer build failed" >&2
        exit 2
    fi
    echo "== build took $(( $(date +%s) - start )) s"
fi
bin="$("${build[@]}" --show-bin-path)"

if [ "$mode" = regressions ]; then
    unset QPYCONV_FUZZ_SUPPRESS QPYCONV_FUZZ_ONLY  # a fail case must fail until it is fixed
    status=0
    for target in "${targets[@]}"; do
        cases=()
        while IFS= read -r -d '' file; do cases+=("$file"); done \
            < <(find "FailCases/$target" -type f ! -name '*.md' ! -name '.*' -print0 2>/dev/null | sort -z)
        if [ ${#cases[@]} -eq 0 ]; then echo "== $target: no fail cases"; continue; fi
        echo "== $target: replaying ${#cases[@]} fail case(s)"
        for file in "${cases[@]}"; do
            if "$bin/$target" -rss_limit_mb=2048 -timeout=10 -detect_leaks=0 "$file" > "$scratch/regression.log" 2>&1; then
                echo "   pass  $file"
            else
                echo "   FAIL  $file: $(grep -m1 -E 'oracle violation|ERROR: (AddressSanitizer|libFuzzer)' "$scratch/regression.log")"
                status=1
            fi
        done
    done
    exit $status
fi

./make_corpus.sh
mkdir -p Logs

# run TARGET: fuzz one target for $seconds; writes Logs/<Target>.log and Logs/<Target>.new-artifacts.
run() {
    local target="$1"
    local failcases="$here/FailCases/$target/"
    local log="Logs/$target.log"
    mkdir -p "$failcases" "Corpus/$target"
    local before; before="$(ls -A "$failcases")"
    local dict=()
    [ -f "$target.dict" ] && dict=(-dict="$target.dict")
    local fork=()
    [ "${FUZZ_FORK:-0}" = 1 ] && fork=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
    # shellcheck disable=SC2086
    "$bin/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$failcases" \
        -detect_leaks=0 -print_final_stats=1 "${dict[@]}" "${fork[@]}" ${FUZZ_ARGS:-} "Corpus/$target" > "$log" 2>&1
    echo $? > "Logs/$target.status"
    comm -13 <(echo "$before" | sort) <(ls -A "$failcases" | sort) | grep -v '^$' > "Logs/$target.new-artifacts" || true
}

if [ "${FUZZ_PARALLEL:-0}" = 1 ]; then
    echo "== fuzzing ${targets[*]} in parallel, ${seconds} s each"
    for target in "${targets[@]}"; do run "$target" & done
    wait
else
    for target in "${targets[@]}"; do echo "== fuzzing $target for ${seconds} s"; run "$target"; done
fi

status=0
for target in "${targets[@]}"; do
    log="Logs/$target.log"
    crashes=$(grep -c . "Logs/$target.new-artifacts" || true)
    executions=$(grep -m1 -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$')
    [ -n "$executions" ] || executions=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
    corpus=$(find "Corpus/$target" -type f | wc -l)
    echo
    echo "== $target"
    echo "   executions: ${executions:-?}   corpus: $corpus files   cov: ${coverage:-?}   crashes: $crashes   (log: Tests/Fuzzing/$log)"
    if [ "$crashes" -gt 0 ]; then
        # Replay each new artifact for its message (in fork mode the log does not have them).
        while IFS= read -r artifact; do
            message="$("$bin/$target" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 "FailCases/$target/$artifact" 2>&1 \
                | grep -m1 -E 'oracle violation|ERROR: (AddressSanitizer|libFuzzer)' | sed 's/.*oracle violation //' | cut -c1-300)"
            echo "   new artifact: FailCases/$target/$artifact: ${message:-(does not reproduce on its own)}"
        done < "Logs/$target.new-artifacts"
        status=1
    fi
    if ! grep -q 'INFO: Loaded [0-9]* modules' "$log"; then
        echo "   WARNING: libFuzzer loaded no coverage counters: the build is not instrumented, this run fuzzed blind"
        status=1
    fi
    echo "   libFuzzer summary:"
    grep -E '^#[0-9]+.*(DONE|cov:)|^Done [0-9]+ runs|INFO: fuzzed for|INFO: exiting|stat::|SUMMARY:' "$log" | tail -8 | sed 's/^/     /'
    code=$(cat "Logs/$target.status")
    if [ "$code" != 0 ] && [ "$crashes" -eq 0 ]; then echo "   libFuzzer exited with status $code"; status=1; fi
done
exit $status
