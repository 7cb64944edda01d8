#!/usr/bin/env bash
# Regenerate the QuantumCircuit fixtures in Tests/Fixtures/circuits/ (or only the writer venvs
# NAME given), cross-load everything in qiskit-2.6 and qiskit-1.4.6, run Qiskit's own
# qpy_compat generator, and rewrite KNOWN-FAILURES.md. Creates missing venvs first.
#
# Usage: Tests/FixtureGenerator/generate_circuits.sh [NAME...]
# Environment: VENV_DIR (default <repo>/.venv), OUT_DIR (default <repo>/Tests/Fixtures/circuits),
#              SKIP_QPY_COMPAT=1 to leave OUT_DIR/qpy_compat alone.
#
# terra-0.23.3-symengine-0.11 is not in the default list: QPY 6 has no symengine encoding, its
# circuit files would be byte-identical to terra-0.23.3's.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv_root="${VENV_DIR:-$root/.venv}"
out_dir="${OUT_DIR:-$root/Tests/Fixtures/circuits}"

ALL=(qiskit-1.4.6 qiskit-2.6 terra-0.22.4 terra-0.23.3 terra-0.24.1 terra-0.24.2 terra-0.25.3)
if [ "$#" -eq 0 ]; then names=("${ALL[@]}"); else names=("$@"); fi

need=("${names[@]}")
for must in qiskit-1.4.6 qiskit-2.6; do
    case " ${names[*]} " in *" $must "*) ;; *) need+=("$must") ;; esac
done
VENV_DIR="$venv_root" "$here/make_venvs.sh" "${need[@]}" || exit 1
mkdir -p "$out_dir"
start=$(date +%s)
status=0

quiet() { grep -v '^thread\|panicked at\|called `Option::unwrap\|RUST_BACKTRACE\|^$' >&2; }

for name in "${names[@]}"; do
    rm -rf "${out_dir:?}/$name"
    PYTHONHASHSEED=0 "$venv_root/$name/bin/python" "$here/gen_circuits.py" \
        --out "$out_dir/$name" --manifest "$out_dir/MANIFEST.json" 2>&1 | grep -v ": skipped " >&2
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "$name: generation FAILED" >&2; status=1; }
done
rm -rf "${out_dir:?}/legacy-v1-v4"
python3 "$here/build_legacy_circuits.py" --out "$out_dir/legacy-v1-v4" || status=1
for loader in qiskit-2.6 qiskit-1.4.6; do
    PYTHONHASHSEED=0 "$venv_root/$loader/bin/python" "$here/crossload_circuits.py" "$out_dir" 2>&1 | quiet
done
if [ "${SKIP_QPY_COMPAT:-0}" != 1 ]; then
    OUT_DIR="$out_dir/qpy_compat" VENV_DIR="$venv_root" "$here/gen_qpy_compat.sh" "${names[@]}" 2>&1 | quiet
fi
python3 "$here/known_failures_circuits.py" --root "$out_dir" || status=1
echo "generate_circuits.sh: $(( $(date +%s) - start )) s, $(find "$out_dir" -name '*.qpy' | wc -l) .qpy files," \
     "$(du -sh --apparent-size "$out_dir" | cut -f1) in $out_dir" >&2
exit $status
