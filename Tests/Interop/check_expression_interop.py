#!/usr/bin/env python3
"""Real-symengine/sympy check of what qpyconv writes for expressions.

Run inside the qiskit-1.4.6 venv (symengine 0.13, sympy):
    .venv/qiskit-1.4.6/bin/python Tests/Interop/check_expression_interop.py .build/debug/qpyconv

For every expression in the committed fixtures (Tests/Fixtures/expressions/*.json):
  * srepr -> qpyconv -> symengine bytes: symengine 0.13 must load them, and they must equal the
    sympy expression of the original srepr (checked numerically by check_expressions.py);
  * original symengine bytes -> qpyconv -> srepr: sympy must parse it, and it must equal what
    symengine loads from the original bytes (0.10/0.11/0.13 payloads; their headers are patched
    to 0.13 the way Qiskit 1.2.4+ does, since the type tables agree; 0.9 payloads are skipped
    here, they differ in their type table);
  * srepr -> qpyconv -> infix -> qpyconv -> srepr must give back the original text.
A case qpyconv cannot produce counts as failed. Prints "N passed, N failed" last; exits 1 on any failure.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Tests", "FixtureGenerator"))
import check_expressions  # noqa: E402


def run_qpyconv(binary, args, lines):
    """Runs `qpyconv expr ARGS --each-line` over LINES; returns one output (or None) per line."""
    proc = subprocess.run([binary, "expr", *args, "--each-line"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True)
    out = proc.stdout.split("\n")
    if len(out) < len(lines):
        raise SystemExit("qpyconv printed %d lines for %d inputs:\n%s" % (len(out), len(lines), proc.stderr))
    return [o if o else None for o in out[:len(lines)]], proc.stderr


def collect():
    sreprs, payloads = [], []
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests", "Fixtures", "expressions", "*.json"))):
        writer = os.path.basename(path)[:-5]
        data = json.load(open(path, encoding="utf-8"))
        for pulse in data.get("pulses", []):
            for field in ("envelope", "constraints", "valid_amp_conditions"):
                form = pulse.get(field) or {}
                name = "%s/%s/%s" % (writer, pulse["case"], field)
                if form.get("srepr"):
                    sreprs.append((name, form["srepr"]))
                if form.get("symengine"):
                    payloads.append((name, form["symengine"]))
        for expr in data.get("parameter_expressions", []):
            name = "%s/%s" % (writer, expr["case"])
            if expr.get("srepr"):
                sreprs.append((name, expr["srepr"]))
            if expr.get("symengine"):
                payloads.append((name, expr["symengine"]))
    return sreprs, payloads


def main():
    binary = sys.argv[1]
    sreprs, payloads = collect()
    cases = []

    # srepr -> symengine
    encoded, err = run_qpyconv(binary, ["--from", "srepr", "--to", "symengine"], [s for _, s in sreprs])
    for (name, text), hex_text in zip(sreprs, encoded):
        if hex_text is None:
            cases.append({"case": name + " [qpyconv could not write symengine]", "srepr": "("})
            continue
        cases.append({"case": name + " [srepr->symengine]", "srepr": text, "symengine": hex_text})

    # symengine -> srepr (payload headers 0.10/0.11/0.13; 0.9 has another type table)
    usable = [(n, h) for n, h in payloads if h[6:8] in ("0a", "0b", "0d") and h[:6] == "010000"]
    decoded, err = run_qpyconv(binary, ["--from", "symengine", "--to", "srepr"], [h for _, h in usable])
    for (name, hex_text), text in zip(usable, decoded):
        if text is None:
            cases.append({"case": name + " [qpyconv could not read symengine]", "srepr": "("})
            continue
        cases.append({"case": name + " [symengine->srepr]", "srepr": text,
                      "symengine": hex_text[:6] + "0d" + hex_text[8:]})

    # srepr -> infix -> srepr is the identity
    infix, _ = run_qpyconv(binary, ["--from", "srepr", "--to", "infix"], [s for _, s in sreprs])
    back, _ = run_qpyconv(binary, ["--from", "infix", "--to", "srepr"], [i or "" for i in infix])
    for (name, text), again in zip(sreprs, back):
        cases.append({"case": name + " [srepr->infix->srepr]", "srepr": again or "", "expected_srepr": text})

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"cases": cases}, handle)
        path = handle.name
    try:
        return check_expressions.main([path])
    finally:
        os.unlink(path)


if __name__ == "__main__":
    sys.exit(main())
