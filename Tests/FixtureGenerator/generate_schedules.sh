#!/usr/bin/env bash
# Regenerate the ScheduleBlock fixtures in Tests/Fixtures/schedules/ for every
# writer venv that can write pulse programs (or only the NAMEs given), then
# cross-load everything in qiskit-1.4.6 and rewrite KNOWN-FAILURES.md.
# Creates missing venvs first (make_venvs.sh).
#
# Usage: Tests/FixtureGenerator/generate_schedules.sh [NAME...]
# Environment: VENV_DIR (default <repo>/.venv), OUT_DIR (default
#              <repo>/Tests/Fixtures/schedules).
#
# terra-0.23.3-symengine-0.11 is not in the default list: its files are
# byte-identical to terra-0.23.3's (QPY 6 has no symengine encoding).
# qiskit-2.6 cannot write (or load) ScheduleBlocks at all.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv_root="${VENV_DIR:-$root/.venv}"
out_dir="${OUT_DIR:-$root/Tests/Fixtures/schedules}"

ALL=(qiskit-1.4.6 terra-0.22.4 terra-0.23.3 terra-0.24.1 terra-0.24.2 terra-0.25.3)
if [ "$#" -eq 0 ]; then names=("${ALL[@]}"); else names=("$@"); fi

need=("${names[@]}")
case " ${names[*]} " in *" qiskit-1.4.6 "*) ;; *) need+=(qiskit-1.4.6) ;; esac
VENV_DIR="$venv_root" "$here/make_venvs.sh" "${need[@]}"
mkdir -p "$out_dir"

status=0
for name in "${names[@]}"; do
    rm -rf "${out_dir:?}/$name"
    if ! PYTHONHASHSEED=0 "$venv_root/$name/bin/python" "$here/gen_schedules.py" \
            --out "$out_dir/$name" --manifest "$out_dir/MANIFEST.json"; then
        echo "$name: generation FAILED" >&2
        status=1
    fi
done
PYTHONHASHSEED=0 "$venv_root/qiskit-1.4.6/bin/python" "$here/crossload_schedules.py" --root "$out_dir" || status=1
exit $status
