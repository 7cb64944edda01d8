#!/usr/bin/env bash
# Run Qiskit's own QPY compatibility generator (test/qpy_compat/test_qpy.py, shipped only in the
# sdists) in every writer venv, then Qiskit's own "load" mode in qiskit-2.6 / qiskit-1.4.6.
#
# Usage: Tests/FixtureGenerator/gen_qpy_compat.sh [NAME...]
# Environment: VENV_DIR (default <repo>/.venv), OUT_DIR (default
#              <repo>/Tests/Fixtures/circuits/qpy_compat), SDIST_DIR (default <VENV_DIR>/sdists).
#
# For each venv NAME the sdist of its installed release is fetched once with
#   pip download --no-binary :all: --no-deps -d SDIST_DIR <package>==<version>
# (PyPI sdists; the wheel has no test/ directory) and test/qpy_compat/test_qpy.py is extracted.
# Then (run_qpy_compat.py makes the run deterministic, see there):
#   .venv/NAME/bin/python run_qpy_compat.py --test-qpy .../test_qpy.py --version <version> --out OUT_DIR/NAME
# i.e. `test_qpy.py generate --version=<version>` run inside OUT_DIR/NAME; for qiskit-2.6 once per
# QPY version 13..18 (`--qpy-version=N`) into OUT_DIR/qiskit-2.6/vN/.
# Afterwards crossload_circuits.py --qpy-compat writes <file>.expect.json (load in the writer,
# qiskit-2.6, qiskit-1.4.6) and `test_qpy.py load --version=<generating version>` (Qiskit's own
# comparison with freshly built reference circuits) is run with qiskit-2.6 on every directory
# and with qiskit-1.4.6 on the 1.4.6 / terra directories; results go to OUT_DIR/LOAD-RESULTS.json.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv_root="${VENV_DIR:-$root/.venv}"
out_dir="${OUT_DIR:-$root/Tests/Fixtures/circuits/qpy_compat}"
sdist_dir="${SDIST_DIR:-$venv_root/sdists}"

ALL=(qiskit-1.4.6 qiskit-2.6 terra-0.22.4 terra-0.23.3 terra-0.24.1 terra-0.24.2 terra-0.25.3)
if [ "$#" -eq 0 ]; then names=("${ALL[@]}"); else names=("$@"); fi
mkdir -p "$out_dir" "$sdist_dir"
status=0

spec_of() {  # venv name -> "package version"
    "$venv_root/$1/bin/python" - <<'EOF'
import importlib.metadata as m
for pkg in ("qiskit", "qiskit-terra"):
    try:
        v = m.version(pkg)
    except m.PackageNotFoundError:
        continue
    if pkg == "qiskit" and v.startswith("0."):
        continue  # the old "qiskit" metapackage
    print(pkg, v)
    break
EOF
}

test_qpy_of() {  # package version -> path of the extracted test_qpy.py (downloads the sdist once)
    local pkg=$1 ver=$2 dir="$sdist_dir/$1-$2"
    if [ ! -f "$dir/test_qpy.py" ]; then
        local tarball
        find_tarball() {
            find "$sdist_dir" -maxdepth 1 \( -name "$pkg-$ver.tar.gz" -o -name "${pkg//-/_}-$ver.tar.gz" \) | head -1
        }
        tarball=$(find_tarball)
        if [ -z "$tarball" ]; then
            "$venv_root/qiskit-2.6/bin/pip" download --quiet --disable-pip-version-check \
                --no-binary :all: --no-deps -d "$sdist_dir" "$pkg==$ver" >&2 || return 1
            tarball=$(find_tarball)
        fi
        [ -n "$tarball" ] || return 1
        mkdir -p "$dir"
        tar xzf "$tarball" -C "$dir" --strip-components=3 --wildcards '*/test/qpy_compat/*' || return 1
    fi
    echo "$dir/test_qpy.py"
}

declare -A GEN_VERSION TEST_QPY
for name in "${names[@]}"; do
    read -r pkg ver < <(spec_of "$name")
    script=$(test_qpy_of "$pkg" "$ver") || { echo "$name: no test_qpy.py for $pkg $ver" >&2; status=1; continue; }
    GEN_VERSION[$name]=$ver
    TEST_QPY[$name]=$script
    rm -rf "${out_dir:?}/$name"
    start=$(date +%s.%N)
    if [ "$name" = qiskit-2.6 ]; then
        lo=$("$venv_root/$name/bin/python" -c "from qiskit.qpy import common; print(common.QPY_COMPATIBILITY_VERSION)")
        hi=$("$venv_root/$name/bin/python" -c "from qiskit.qpy import common; print(common.QPY_VERSION)")
        for v in $(seq "$lo" "$hi"); do
            PYTHONHASHSEED=0 "$venv_root/$name/bin/python" "$here/run_qpy_compat.py" --test-qpy "$script" \
                --version "$ver" --qpy-version "$v" --out "$out_dir/$name/v$v" >/dev/null 2>&1 \
                || { echo "$name v$v: generation FAILED" >&2; status=1; }
        done
    else
        PYTHONHASHSEED=0 "$venv_root/$name/bin/python" "$here/run_qpy_compat.py" --test-qpy "$script" \
            --version "$ver" --out "$out_dir/$name" >/dev/null 2>&1 \
            || { echo "$name: generation FAILED" >&2; status=1; }
    fi
    n=$(find "$out_dir/$name" -name '*.qpy' | wc -l)
    size=$(du -sh --apparent-size "$out_dir/$name" | cut -f1)
    printf '%s: %s files, %s, %.1f s (test_qpy.py from %s %s sdist)\n' "$name" "$n" "$size" \
        "$(echo "$(date +%s.%N) - $start" | bc)" "$pkg" "$ver" >&2
    # expect.json: load in the writer itself, then in qiskit-2.6 and qiskit-1.4.6
    for loader in "$name" qiskit-2.6 qiskit-1.4.6; do
        PYTHONHASHSEED=0 "$venv_root/$loader/bin/python" "$here/crossload_circuits.py" --qpy-compat \
            --writer "$name" "$out_dir/$name" 2>&1 | grep -v '^thread\|panicked\|unwrap\|RUST_BACKTRACE\|^$' >&2
    done
done

# Qiskit's own load mode (compares with reference circuits rebuilt by the loading release).
results="$out_dir/LOAD-RESULTS.json"
tmp=$(mktemp)
echo "[" > "$tmp"
first=1
run_load() {  # loader venv, directory, generating version, generator script of the loader[, qpy version]
    local loader=$1 dir=$2 gen_ver=$3 script=$4 qv=${5:-} log rc last err
    log=$(mktemp)
    (cd "$dir" && PYTHONHASHSEED=0 "$venv_root/$loader/bin/python" "$here/run_qpy_compat.py" --load \
        --test-qpy "$script" --version "$gen_ver" ${qv:+--qpy-version "$qv"} --out "$dir") >"$log" 2>&1
    rc=$?
    last=$(grep -a '^Loading qpy file:' "$log" | tail -1 | sed 's/^Loading qpy file: //')
    err=$(grep -a -m1 -E 'Error|not equal|not equivalent|Traceback|raise ' "$log" | head -c 300 | tr -d '"\\')
    [ $first -eq 1 ] || echo "," >> "$tmp"
    first=0
    printf '  {"loader": "%s", "directory": "%s", "command": "test_qpy.py load --version=%s%s", "exit_status": %d, "last_file": "%s", "first_error_line": "%s"}' \
        "$loader" "${dir#$out_dir/}" "$gen_ver" "${qv:+ --qpy-version=$qv}" "$rc" "$last" "$err" >> "$tmp"
    echo "load $loader ${dir#$root/}: exit $rc${err:+ ($err)}" >&2
    rm -f "$log"
}
for name in "${names[@]}"; do
    [ -n "${GEN_VERSION[$name]:-}" ] || continue
    dirs=("$out_dir/$name")
    [ "$name" = qiskit-2.6 ] && dirs=("$out_dir/$name"/v*)
    for dir in "${dirs[@]}"; do
        qv=""
        [ "$name" = qiskit-2.6 ] && qv=${dir##*/v}
        run_load qiskit-2.6 "$dir" "${GEN_VERSION[$name]}" "$(test_qpy_of qiskit "$("$venv_root/qiskit-2.6/bin/python" -c 'import qiskit; print(qiskit.__version__)')")" "$qv"
        if [ "$name" != qiskit-2.6 ]; then
            run_load qiskit-1.4.6 "$dir" "${GEN_VERSION[$name]}" "$(test_qpy_of qiskit 1.4.6)"
        fi
    done
done
printf '\n]\n' >> "$tmp"
mv "$tmp" "$results"
exit $status
