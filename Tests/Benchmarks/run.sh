#!/usr/bin/env bash
# The benchmark driver (`make bench`): builds qpyconv and the harness in release, makes the
# inputs with real Qiskit if they are missing, runs the in-process harness, the Qiskit `qpy.load`
# timings, the whole-process `qpyconv IN OUT` timings and the profile, and writes RESULTS.md.
#
# Environment:
#   SWIFT=swift            the swift driver
#   BENCH_PROFILE=1        0: skip profile.sh (perf on the full-size inputs)
#   BENCH_MAX_SCALE=6      largest scaling input, 10^N gates
#   BENCH_REGENERATE=0     1: remake the inputs even if they exist
#   PROFILE_FULL=0         1: callgrind on the full-size inputs (tens of minutes), see profile.sh
# Everything else it writes goes to Work/ (ignored by git); Inputs/ holds the generated inputs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
swift="${SWIFT:-swift}"
venvs="${VENV_DIR:-$root/.venv}"
work="$here/Work"
mkdir -p "$work" "$here/Inputs"
started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
step() { printf '\n==> %s (%ds)\n' "$*" $(( $(date +%s) - started )) >&2; }

step "venvs"
"$root/Tests/FixtureGenerator/make_venvs.sh" qiskit-1.4.6 qiskit-2.6

# SwiftPM keeps a path dependency's list of source files from its cached manifest: a file added to
# the main package since the last build here would be missing. Touching both manifests makes
# SwiftPM read them again (sources are not rebuilt for that).
touch "$root/Package.swift" "$here/Package.swift"
# Other engineers edit the sources while we build: a failing build is retried a few times.
# The Swift runtime and Foundation are linked statically, as `make release` builds qpyconv: the
# dynamic loader's work halves the start-up (about 10 ms of CPU to 5 ms).
build() {
    local attempt
    for attempt in 1 2 3 4; do
        if "$swift" build -c release --static-swift-stdlib "$@"; then return 0; fi
        echo "run.sh: build failed (attempt $attempt); retrying in 30 s" >&2
        sleep 30
    done
    return 1
}
step "build (release): QPYConvBenchmarks and qpyconv"
build --product QPYConvBenchmarks
build --product qpyconv
bin="$("$swift" build -c release --static-swift-stdlib --show-bin-path)"

step "inputs"
regen=()
[ "${BENCH_REGENERATE:-0}" = 1 ] && regen=(--force)
"$venvs/qiskit-1.4.6/bin/python" generate_inputs.py "${regen[@]}"
"$venvs/qiskit-2.6/bin/python" generate_inputs.py --max-scale "${BENCH_MAX_SCALE:-6}" "${regen[@]}"

step "qpyconv in-process (QPYConvBenchmarks)"
QPYCONV_BENCH_DRIVER=1 "$bin/QPYConvBenchmarks" --out "$work/swift.json"

step "Qiskit qpy.load"
python3 bench_qiskit.py qiskit --venvs "$venvs" --out "$work/qiskit.json"

step "qpyconv whole process"
python3 bench_qiskit.py whole --qpyconv "$bin/qpyconv" --out "$work/whole.json"

rm -f "$work/profile.md"
if [ "${BENCH_PROFILE:-1}" = 1 ]; then
    step "profile"
    # perf only: valgrind cannot read the statically linked build's debug information.
    ./profile.sh "$bin/qpyconv" perf || echo "run.sh: profile.sh failed; RESULTS.md will have no profile" >&2
fi

step "report"
python3 - "$work/env.json" "$root" "$started" "$load_start" "$swift" "$venvs" <<'PY'
import json, os, platform, subprocess, sys, time
out, root, started, load_start, swift, venvs = sys.argv[1:]
def run(*argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, cwd=root).stdout.strip()
    except OSError:
        return ""
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
head = run("git", "rev-parse", "--short", "HEAD")
dirty = run("git", "status", "--porcelain", "--untracked-files=no", "--", "Sources", "Package.swift")
elapsed = int(time.time()) - int(started)
env = {
    "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    "git": f"{head}" + (" with uncommitted changes in Sources/ (the working tree was measured)" if dirty else ""),
    "machine": f"{os.cpu_count()} × {cpu}, {int(mem) // 1024 // 1024} GiB, Linux {platform.release()}",
    "swift": run(swift, "--version").splitlines()[0] if run(swift, "--version") else "?",
    "python": run(os.path.join(venvs, "qiskit-1.4.6/bin/python"), "--version"),
    "loadStart": load_start,
    "loadEnd": " ".join(open("/proc/loadavg").read().split()[:3]),
    "runTime": f"{elapsed // 60} min {elapsed % 60} s (whole run.sh, builds included)",
}
json.dump(env, open(out, "w"), indent=1)
PY
python3 report.py
step "done: $here/RESULTS.md"
