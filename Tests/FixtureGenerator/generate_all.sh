#!/usr/bin/env bash
# Regenerate Tests/Fixtures/expressions/NAME.json for every writer venv
# (or only the NAMEs given). Creates missing venvs first (make_venvs.sh).
#
# Usage: Tests/FixtureGenerator/generate_all.sh [NAME...]
# Environment: VENV_DIR (default <repo>/.venv), OUT_DIR (default
#              <repo>/Tests/Fixtures/expressions).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv_root="${VENV_DIR:-$root/.venv}"
out_dir="${OUT_DIR:-$root/Tests/Fixtures/expressions}"

ALL=(qiskit-1.4.6 qiskit-2.6 terra-0.22.4 terra-0.23.3 terra-0.23.3-symengine-0.11
     terra-0.24.1 terra-0.24.2 terra-0.25.3)
if [ "$#" -eq 0 ]; then names=("${ALL[@]}"); else names=("$@"); fi

VENV_DIR="$venv_root" "$here/make_venvs.sh" "${names[@]}"
mkdir -p "$out_dir"

status=0
for name in "${names[@]}"; do
    # The output does not depend on the hash seed (checked with random
    # seeds; qiskit 2.x's per-process symbol-map order is normalised by the
    # generator); PYTHONHASHSEED=0 is only a belt-and-braces measure.
    if ! PYTHONHASHSEED=0 "$venv_root/$name/bin/python" "$here/gen_expressions.py" \
            --out "$out_dir/$name.json"; then
        echo "$name: generation FAILED" >&2
        status=1
    fi
done
exit $status
