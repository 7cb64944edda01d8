#!/usr/bin/env bash
# Where qpyconv's time goes, for Tests/Benchmarks/RESULTS.md. Writes Work/profile.md.
#
#   Tests/Benchmarks/profile.sh QPYCONV [callgrind|perf|both]      (default: both)
#
# callgrind: instruction counts (exact, repeatable, ~75x slow-down), on inputs reduced so that
#   `make bench` stays within its time: schedule_profile.qpy (schedule_large at 1/20: 500 symbolic
#   plays + 50 waveforms, the same generator) and scale_1e4.qpy (the 100k-gate QPY 18 generator
#   at 10^4 gates). Per-element costs are the same; a super-linear cost shows less at the reduced
#   size (the perf profiles below are full-size). PROFILE_FULL=1 runs callgrind on
#   schedule_large.qpy and circuit_100k_v18.qpy instead (tens of minutes at today's speed).
# perf: `perf record -F 999 -g` with the cpu-clock software event (this VM has no hardware
#   counters: `perf stat -e instructions` says <not supported>) on the full-size conversions;
#   inclusive ("children") percentages of sampled wall time, including the kernel and process exit.
# PROFILE_REUSE=1 remakes the tables from the profiles already in Work/profile/ (no new runs).
set -eu   # no pipefail: the table filters stop reading early (SIGPIPE upstream is fine)

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
qpyconv="$(realpath "${1:?usage: profile.sh QPYCONV [callgrind|perf|both]}")"
what="${2:-both}"
work="$here/Work/profile"
inputs="$here/Inputs"
out="$here/Work/profile.md"
top="${PROFILE_TOP:-20}"
self_top="${PROFILE_SELF_TOP:-15}"
mkdir -p "$work"

demangle() { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; }

if [ "${PROFILE_FULL:-0}" = 1 ]; then
    cg_inputs=(schedule_large.qpy circuit_100k_v18.qpy)
else
    cg_inputs=(schedule_profile.qpy scale_1e4.qpy)
fi
perf_inputs=(schedule_large.qpy circuit_100k_v18.qpy)

{
echo "### How this profile was taken"
echo
if [ "$what" = perf ]; then
echo "\`Tests/Benchmarks/profile.sh QPYCONV perf\` on \`qpyconv IN OUT.json\` (QPY -> JSON, whole process): perf"
echo "(cpu-clock samples) on ${perf_inputs[*]}. No callgrind: valgrind cannot read the debug"
echo "information of the statically linked release build (\"debuginfo reader: ensure_valid failed\")."
else
echo "\`Tests/Benchmarks/profile.sh\` on \`qpyconv IN OUT.json\` (QPY -> JSON, whole process): callgrind"
echo "(instruction counts) on ${cg_inputs[*]}, perf (cpu-clock samples) on ${perf_inputs[*]}."
fi
if [ "${PROFILE_FULL:-0}" != 1 ] && [ "$what" != perf ]; then
    echo "The callgrind inputs are the same generators at reduced size (1/20 of the schedule, 10^4 gates) to keep"
    echo "\`make bench\` short: per-element costs are the same, but a cost that grows faster than linearly"
    echo "shows less there than in the full-size perf profiles."
fi
echo
} > "$out"

table() { demangle | python3 "$here/profile_table.py" "$@"; }

if [ "$what" = callgrind ] || [ "$what" = both ]; then
    for name in "${cg_inputs[@]}"; do
        src="$inputs/$name"
        [ -f "$src" ] || { echo "profile.sh: no $src, skipped" >&2; continue; }
        stem="${name%.qpy}"
        cg="$work/$stem.callgrind.out"
        echo "profile.sh: callgrind $name ..." >&2
        start=$(date +%s)
        if [ "${PROFILE_REUSE:-0}" != 1 ] || [ ! -s "$cg" ]; then
            valgrind --tool=callgrind --callgrind-out-file="$cg" "$qpyconv" "$src" "$work/$stem.json" 2>"$work/$stem.callgrind.log"
        fi
        total=$(callgrind_annotate "$cg" 2>/dev/null | awk '/PROGRAM TOTALS/ { print $1; exit }')
        {
        echo "#### callgrind: \`$name\` -> JSON ($(stat -c %s "$src") bytes; $total instructions)"
        echo
        echo "Inclusive instruction counts (\`callgrind_annotate --inclusive=yes\`):"
        echo
        callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$cg" 2>/dev/null | table callgrind-inclusive "$top"
        echo
        echo "Self (exclusive) instruction counts, top $self_top:"
        echo
        callgrind_annotate --auto=no --threshold=100 "$cg" 2>/dev/null | table callgrind-self "$self_top"
        echo
        } >> "$out"
    done
fi

if [ "$what" = perf ] || [ "$what" = both ]; then
    if ! command -v perf >/dev/null; then
        echo "(perf is not installed: no sampled profile)" >> "$out"
    else
        for name in "${perf_inputs[@]}"; do
            src="$inputs/$name"
            [ -f "$src" ] || continue
            stem="${name%.qpy}"
            data="$work/$stem.perf.data"
            echo "profile.sh: perf record $name ..." >&2
            if [ "${PROFILE_REUSE:-0}" = 1 ] && [ -s "$data" ]; then
                :
            elif ! perf record -q -e cpu-clock -F 999 -g -o "$data" "$qpyconv" "$src" "$work/$stem.json" 2>"$work/$stem.perf.log"; then
                echo "(perf record failed on $name: $(tail -1 "$work/$stem.perf.log"))" >> "$out"
                continue
            fi
            {
            echo "#### perf (cpu-clock samples at 999 Hz, full size): \`$name\` -> JSON ($(stat -c %s "$src") bytes)"
            echo
            echo "Inclusive share of samples (\`perf report --children\`):"
            echo
            perf report -i "$data" --children --stdio -g none --percent-limit 1 2>/dev/null | table perf-inclusive "$top"
            echo
            echo "Self share of samples (\`perf report --no-children\`), top $self_top:"
            echo
            perf report -i "$data" --no-children --stdio -g none --percent-limit 0.5 2>/dev/null | table perf-self "$self_top"
            echo
            } >> "$out"
        done
    fi
fi
echo "profile.sh: wrote $out" >&2
