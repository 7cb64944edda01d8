#!/usr/bin/env python3
"""Real-Qiskit interop for the .qpyasm text format (run in the qiskit-1.4.6 venv):

    .venv/qiskit-1.4.6/bin/python Tests/Interop/text_interop.py .build/debug/qpyconv

1. For every fixture under Tests/Fixtures/schedules: QPY -> .qpyasm -> QPY with qpyconv; the
   result must be byte-identical to the original and load equal in Qiskit 1.4.6
   (check_schedules.py --byte-identical); the text must also be canonical (`qpyconv fmt --check`
   passes on it: text -> text is the identity).
2. For every hand-written Examples/qpyasm/*.qpyasm: .qpyasm -> QPY with qpyconv; the result must
   load in Qiskit 1.4.6 (trust_payload=True) and compare equal (==, name, metadata, references) to
   the same programs built with Qiskit's pulse builder in
   Tests/FixtureGenerator/gen_qpyasm_references.py (Tests/Fixtures/qpyasm-reference/<name>.qpy).
Originals Qiskit 1.4.6 itself cannot load are skipped (KNOWN-FAILURES.md). Prints the counts and
ends with "N passed, N failed" (and ", N skipped").
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "schedules")
EXAMPLES = os.path.join(ROOT, "Examples", "qpyasm")
REFERENCES = os.path.join(ROOT, "Tests", "Fixtures", "qpyasm-reference")


def run(binary, *arguments):
    return subprocess.run([binary, *arguments], capture_output=True, text=True)


def check(label, pairs, extra, work, totals):
    pairs_path = os.path.join(work, label.replace(" ", "-") + ".json")
    with open(pairs_path, "w") as handle:
        json.dump({"pairs": pairs}, handle)
    result = subprocess.run([sys.executable, os.path.join(HERE, "check_schedules.py"), "--pairs", pairs_path, *extra],
                            capture_output=True, text=True)
    lines = [line for line in result.stdout.splitlines() if not line.startswith("INFO")]
    last = lines[-1] if lines else "0 passed, 1 failed"
    print("%s (Qiskit 1.4.6): %s" % (label, last))
    for line in lines[:-1]:
        if line.startswith("FAIL"):
            print("  " + line)
    for i, part in enumerate(last.split(", ")):
        totals[i] += int(part.split()[0])


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="qpyconv-text-interop-")
    failures = []
    roundtrip_pairs, example_pairs = [], []
    identical = canonical = 0
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(FIXTURES) for f in fs if f.endswith(".qpy"))
    for index, path in enumerate(files):
        text_path = os.path.join(work, "%d.qpyasm" % index)
        back_path = os.path.join(work, "%d.qpy" % index)
        step = run(binary, path, text_path)
        if step.returncode == 0:
            step = run(binary, text_path, back_path)
        if step.returncode != 0:
            failures.append("FAIL %s: qpyconv: %s" % (os.path.relpath(path, ROOT), step.stderr.strip()))
            continue
        with open(path, "rb") as a, open(back_path, "rb") as b:
            identical += a.read() == b.read()
        fmt = run(binary, "fmt", "--check", text_path)
        if fmt.returncode == 0:
            canonical += 1
        else:
            failures.append("FAIL %s: the text is not canonical: %s" % (os.path.relpath(path, ROOT), (fmt.stdout + fmt.stderr).strip()))
        roundtrip_pairs.append({"original": path, "rewritten": back_path})
    examples = sorted(f for f in os.listdir(EXAMPLES) if f.endswith(".qpyasm"))
    for name in examples:
        source = os.path.join(EXAMPLES, name)
        reference = os.path.join(REFERENCES, name[:-len(".qpyasm")] + ".qpy")
        converted = os.path.join(work, "example-" + name[:-len(".qpyasm")] + ".qpy")
        if not os.path.exists(reference):
            failures.append("FAIL %s: no reference program %s (run gen_qpyasm_references.py)" % (name, os.path.relpath(reference, ROOT)))
            continue
        step = run(binary, source, converted)
        if step.returncode != 0:
            failures.append("FAIL %s: qpyconv: %s" % (name, step.stderr.strip()))
            continue
        example_pairs.append({"original": reference, "rewritten": converted})
    print("fixtures: %d; QPY -> .qpyasm -> QPY byte-identical: %d; canonical text: %d; examples: %d"
          % (len(files), identical, canonical, len(example_pairs)))
    for line in failures:
        print(line)
    totals = [0, len(failures), 0]
    check("fixture round trip", roundtrip_pairs, ["--byte-identical"], work, totals)
    check("hand-written examples vs pulse builder", example_pairs, [], work, totals)
    print("%d passed, %d failed" % (totals[0], totals[1]) + (", %d skipped" % totals[2] if totals[2] else ""))
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main())
