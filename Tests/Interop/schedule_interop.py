#!/usr/bin/env python3
"""Real-Qiskit interop for ScheduleBlock files (run in the qiskit-1.4.6 venv):

    .venv/qiskit-1.4.6/bin/python Tests/Interop/schedule_interop.py .build/debug/qpyconv

For every fixture under Tests/Fixtures/schedules:
  1. QPY -> JSON -> QPY with qpyconv; the result must be byte-identical to the original and
     load equal in Qiskit 1.4.6 (check_schedules.py --byte-identical);
  2. for every QPY 5-12 fixture: QPY -> QPY 13 (`--qpy-version 13`); the result must load in
     Qiskit 1.4.6 and compare equal to the original as Qiskit 1.4.6 loads it.
Originals Qiskit 1.4.6 itself cannot load are skipped (KNOWN-FAILURES.md). Prints the counts
and ends with "N passed, N failed" (and ", N skipped").
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "schedules")


def qpy_version(path):
    with open(path, "rb") as handle:
        return handle.read(7)[6]


def main():
    binary = os.path.abspath(sys.argv[1])
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(FIXTURES) for f in fs if f.endswith(".qpy"))
    work = tempfile.mkdtemp(prefix="qpyconv-interop-")
    roundtrip_pairs, migration_pairs, failures = [], [], []
    identical = 0
    for index, path in enumerate(files):
        json_path = os.path.join(work, "%d.json" % index)
        back_path = os.path.join(work, "%d.qpy" % index)
        run = subprocess.run([binary, path, json_path], capture_output=True, text=True)
        if run.returncode == 0:
            run = subprocess.run([binary, json_path, back_path], capture_output=True, text=True)
        if run.returncode != 0:
            failures.append("FAIL %s: qpyconv: %s" % (os.path.relpath(path, ROOT), run.stderr.strip()))
            continue
        with open(path, "rb") as a, open(back_path, "rb") as b:
            identical += a.read() == b.read()
        roundtrip_pairs.append({"original": path, "rewritten": back_path})
        if qpy_version(path) < 13:
            migrated = os.path.join(work, "%d-v13.qpy" % index)
            run = subprocess.run([binary, path, migrated, "--qpy-version", "13"], capture_output=True, text=True)
            if run.returncode != 0:
                failures.append("FAIL %s -> v13: qpyconv: %s" % (os.path.relpath(path, ROOT), run.stderr.strip()))
                continue
            migration_pairs.append({"original": path, "rewritten": migrated})
    print("fixtures: %d; QPY -> JSON -> QPY byte-identical: %d; migrated to QPY 13: %d" % (len(files), identical, len(migration_pairs)))
    for line in failures:
        print(line)
    totals = [0, len(failures), 0]
    for label, pairs, extra in (("round trip", roundtrip_pairs, ["--byte-identical"]), ("QPY 13 migration", migration_pairs, [])):
        pairs_path = os.path.join(work, label.replace(" ", "-") + ".json")
        with open(pairs_path, "w") as handle:
            json.dump({"pairs": pairs}, handle)
        check = subprocess.run([sys.executable, os.path.join(HERE, "check_schedules.py"), "--pairs", pairs_path, *extra],
                               capture_output=True, text=True)
        lines = [l for l in check.stdout.splitlines() if not l.startswith("INFO")]
        last = lines[-1] if lines else "0 passed, 1 failed"
        print("%s (Qiskit 1.4.6): %s" % (label, last))
        for line in lines[:-1]:
            if line.startswith("FAIL"):
                print("  " + line)
        numbers = [int(part.split()[0]) for part in last.split(", ")]
        for i, value in enumerate(numbers):
            totals[i] += value
    print("%d passed, %d failed" % (totals[0], totals[1]) + (", %d skipped" % totals[2] if totals[2] else ""))
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main())
