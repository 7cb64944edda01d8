#!/usr/bin/env python3
"""Write Tests/Fixtures/circuits/KNOWN-FAILURES.md from the circuit fixtures' expect.json files.

    python3 Tests/FixtureGenerator/known_failures_circuits.py [--root Tests/Fixtures/circuits]

Standard library only. Run it after gen_circuits.py, build_legacy_circuits.py and
crossload_circuits.py (qiskit-2.6 and qiskit-1.4.6) have filled the expect.json files.

One row per (file, loader) where the file

* fails to load (``qpy.load`` raises),
* loads broken (``qpy.load`` returns, but an instruction cannot be turned into a Python
  object - qiskit 2.x builds instructions lazily),
* loads unequal - in the writing venv: ``loaded != original`` and not even equivalent
  (Tests/Interop/circuit_compare.py); in another venv: ``!=`` the same case rebuilt there,
* loads different - another venv, the case cannot be rebuilt there, and the structure
  (bits, registers, instruction counts by name, parameters, ...) differs from what the writer
  loaded.

Loaders considered: the writer's own venv, qiskit-2.6 (all versions 1..18) and qiskit-1.4.6
(files with QPY <= 13; newer ones are rejected by design and not listed). For the files of
Qiskit's own generator under qpy_compat/ only "fails to load" rows are listed.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# (code, title, explanation). Matched by RULES below.
REASONS = {
    "D1": ("Delay unit is not stored",
           "QPY writes a Delay's duration but not its unit (notes §3.2 item 14): every delay loads "
           "with unit `dt`. Integer durations load as the same number of `dt` (unequal: `250 ns` "
           "becomes `250 dt`); float durations (`1.5e-6 s`) become float `dt` delays, which Qiskit "
           "refuses to build (`Integer duration is expected for 'dt' unit`; qiskit 2.x builds "
           "instructions lazily, so there the load succeeds and the first access fails)."),
    "D2": ("qiskit 2.x: a Parameter-valued Delay comes back with unit `expr`",
           "`qc.delay(Parameter('t'), 0)` (unit `dt`) written by qiskit 2.6 (any version 13-18) loads "
           "in 2.6 with unit `expr`, which the Delay constructor rejects (`Unknown unit expr is "
           "specified`). 1.4.6 loads the v13 file fine. Reader bug in 2.x."),
    "I1": ("Isometry cannot be rebuilt by any reader",
           "QPY stores an Isometry by class name and its one matrix parameter; the readers call "
           "`Isometry(*params)`, but the constructor needs `num_ancillas_zero` and "
           "`num_ancillas_dirty` too. Every writer, every reader."),
    "A1": ("AncillaRegister is written with type `a`",
           "The register type byte is `reg.prefix`, i.e. `a` for an AncillaRegister (notes §2.5 "
           "only lists `q`/`c`). Readers before QPY 18 sort registers into `q` and everything else, "
           "so the ancilla register becomes classical (terra 0.22: 2 extra clbits) or its bit "
           "indices overflow the clbit list (`IndexError`). QPY 18 (qiskit 2.6) defines `a` properly."),
    "V10": ("QPY 10 written by qiskit 1.x: custom-definition count bug",
            "With `version=10` a custom gate used as the base of several ControlledGates (or also "
            "directly) is written more than once while the CUSTOM_DEFINITION_HEADER count is the "
            "number of distinct names, so the reader runs out of step (notes §3.2 item 19). v11+ "
            "is fine (uuid-suffixed names)."),
    "V10A": ("QPY 10 written by qiskit 1.x contains AnnotatedOperation",
             "qiskit 1.4.6 writes custom type `a` (AnnotatedOperation, a QPY 11 feature) into a "
             "`version=10` file without a version check; no reader accepts `a` in v10."),
    "CG1": ("Open-controlled / multi-controlled standard gates lose their identity",
            "MCXGate with an open ctrl_state is written under the class name `MCXGate` and rebuilt as "
            "`MCXGate(num_ctrl_qubits)` (ctrl_state lost, name `mcx` instead of `mcx_o5`); in v10 "
            "and terra files ControlledGates built by `.control()` come back with doubled `_o` "
            "suffixes or uuid-suffixed names; MCMTGate comes back as a plain ControlledGate."),
    "CG2": ("ControlledGate definitions differ between releases",
            "The file carries the writer's (closed-control) definition of a custom ControlledGate; "
            "the release that rebuilds the case synthesises a different definition (different "
            "gate count), so `==` against the rebuild fails although the file round-trips in its "
            "writer. Not a file defect."),
    "CU1": ("Duplicate custom-gate names: first definition wins",
            "Two different gates both named `dup`: before QPY 11 custom definitions are keyed by "
            "the bare name, so both instructions load with the first definition (notes §2.8)."),
    "S1": ("sympy srepr restrictions in 1.4.2+/2.x",
           "sympy-encoded ParameterExpressions (terra files, 1.x `*-sympy` v10-v12) are parsed by "
           "the restricted `parse_sympy_repr` (notes §3.2 item 23): `sign(...)` is rejected "
           "(`QpyError`) and the imaginary unit `I` of a complex coefficient fails "
           "(`IndexError: pop from empty list`)."),
    "S2": ("sympy text does not round-trip expressions exactly",
           "The sympy srepr stores floats as 17-digit decimals (`Float('0.10000000000000001')`) and "
           "canonical sympy trees (`x/y` as `x*y**(-1)`); the reloaded ParameterExpression is "
           "mathematically equal but not `==` to the original (symengine / Rust structural "
           "equality)."),
    "S3": ("qiskit 2.x without symengine cannot read symengine-encoded expressions",
           "QPY 10-12 files written with `use_symengine=True` carry symengine cereal payloads; "
           "qiskit 2.6 needs the optional `symengine` package (`pip install qiskit[qpy-compat]`), "
           "which the qiskit-2.6 venv does not have (MissingOptionalLibraryError)."),
    "R1": ("qiskit 2.x Rust reader swaps complex replay operands",
           "A complex literal in a QPY 13+ ParameterExpression replay is stored real-then-imag; the "
           "2.4+ Rust reader reads imag-then-real (notes §3.3 item 1): `(1+2j)*x` loads as "
           "`(2+1j)*x`, `1j*x*y` as `x*y`. Affects every v13+ file read by 2.6 (also 2.6's own); "
           "qiskit 1.4.6 reads the same files correctly."),
    "R2": ("qiskit 2.x: derivative replay is not structure-preserving",
           "`(x**2*y).gradient(x)` is `2*x**1*1*y` in 2.6; its replay reloads as `2*x**1*y` "
           "(same value, different tree, so `!=`)."),
    "R3": ("SparseObservable in QPY 13-16 (2.x Python writer)",
           "The Python writer used for versions 13-16 writes the v17 `!?` operator prefix for a "
           "SparseObservable without a version check; the file is corrupt (notes §3.2 item 21). "
           "1.4.6 reads the v13 file's bytes as a pickled numpy array and refuses."),
    "R4": ("PauliProductRotationGate in QPY 13-16",
           "The Python writer (versions 13-16) cannot serialise PauliProductRotationGate's angle; "
           "the file loads nowhere (`No angle for pauli product rotation`)."),
    "R5": ("Calibrations in v13 files: qiskit 2.x Rust parser",
           "qiskit 2.x parses (and discards) CIRCUIT_CALIBRATIONS of 1.x files; its Rust "
           "ScheduleBlock parser has no generic-value fallback and reads a Waveform's header only, "
           "so calibrations with Delay / ShiftPhase / Waveform / parameterised operands fail "
           "(notes §3.3 item 3). A Play(Gaussian)-only calibration loads."),
    "R6": ("qiskit 2.x panics on legacy conditions in QPY 13 files",
           "Gates with a legacy `c_if` condition in a v13 file (1.4.6) are turned into IfElseOp by "
           "the 2.6 Rust reader, whose body circuit lacks the condition's clbits; iterating it "
           "panics (`object_registry.rs: called Option::unwrap() on a None value`). The v10-v12 "
           "(Python reader) path loads the same circuits (as IfElseOp)."),
    "R7": ("qiskit 2.x turns legacy conditions into IfElseOp",
           "2.x has no `c_if`; a conditioned gate is loaded as `IfElseOp(condition, body)` (with a "
           "UserWarning), so instruction names/counts differ from the writer. Expected."),
    "N1": ("Not supported by the loading release",
           "The file uses an instruction class that does not exist in the loading release "
           "(qiskit 1.4.6 has no BoxOp, PauliProductMeasurement, PauliProductRotationGate)."),
    "T1": ("qiskit-terra reader bugs",
           "Bugs of the terra 0.22-0.25 QPY readers/writers for constructs they nominally support: "
           "loose bits next to registers and out-of-circuit registers (`'int' object is not "
           "iterable`, terra 0.22), DiagonalGate (`takes 2 positional arguments`), MCXGate "
           "(`missing num_ctrl_qubits`, terra 0.22), Initialize/StatePreparation from labels or an "
           "int, open-controlled custom ControlledGates (`unpack requires a buffer of 33 bytes`, "
           "terra 0.22-0.24), registers with shared bits (terra 0.22 drops aliasing registers)."),
    "T2": ("QPY 5 legacy pulse amplitude",
           "A terra 0.22 (QPY 5) calibration with a legacy complex/parameterised `amp`: qiskit 1.x "
           "converts it with `np.angle(amp)` and fails for ParameterExpressions (see "
           "Tests/Fixtures/schedules/KNOWN-FAILURES.md R2)."),
    "L1": ("An empty instruction label is lost",
           "The label is stored as `label_size` bytes; an empty-string label (`label=\"\"`) is written "
           "with size 0 and loads as `None` (notes §2.9). Qiskit's `==` ignores labels; the fixture "
           "checks compare them separately."),
    "P1": ("Pulse programs cannot be loaded by qiskit 2.x",
           "Files of Qiskit's own qpy_compat generator (terra / 1.4.6) holding ScheduleBlock programs: "
           "qiskit 2.x removed pulse and refuses them (`QpyError`). Expected; "
           "Tests/Interop/check_circuits.py skips ScheduleBlock files anyway."),
    "X0": ("Other / unclassified", "See the exception text."),
}

# (reason, predicate(row) -> bool). First match wins.
RULES = [
    ("P1", lambda r: "cannot be loaded as of Qiskit 2.0" in r["detail"]),
    ("L1", lambda r: r["case"] == "labels" and "label ''" in r["detail"]),
    ("S3", lambda r: "MissingOptionalLibraryError" in r["detail"]),
    ("D2", lambda r: r["case"] == "delay_parameter" and "unit expr" in r["detail"]),
    ("D1", lambda r: r["case"].startswith("delay_")),
    ("I1", lambda r: r["case"] == "isometry"),
    ("A1", lambda r: r["case"] == "ancilla_register"),
    ("V10A", lambda r: r["case"] == "annotated_operation" and r["qpy"] == 10),
    ("V10", lambda r: r["case"].startswith("controlled_custom") and r["qpy"] == 10 and "UnicodeDecodeError" in r["detail"]),
    ("S3", lambda r: "MissingOptionalLibraryError" in r["detail"]),
    ("S1", lambda r: r["case"] in ("param_expr_sign", "param_expression_complex")
     and ("sign is not part" in r["detail"] or "pop from empty list" in r["detail"])),
    ("R1", lambda r: r["case"] == "param_expression_complex" and r["loader"].startswith("qiskit-2.")),
    ("R2", lambda r: r["case"] == "param_expressions" and "x**1" in r["detail"]),
    ("S2", lambda r: r["case"] == "param_expressions"),
    ("R3", lambda r: r["case"] == "pauli_evolution_sparse_observable"),
    ("R4", lambda r: r["case"] == "pauli_product_rotation" and "No angle" in r["detail"]),
    ("N1", lambda r: "Invalid instruction type" in r["detail"]),
    ("R5", lambda r: r["case"].startswith("calibrations_") and r["loader"].startswith("qiskit-2.")),
    ("T2", lambda r: r["case"].startswith("calibrations_") and "arctan2" in r["detail"]),
    ("R6", lambda r: r["case"].startswith("c_if_") and r["result"].startswith("loads broken")),
    ("R7", lambda r: (r["case"].startswith("c_if_") or "condition" in r["case"]) and r["loader"].startswith("qiskit-2.")),
    ("CU1", lambda r: r["case"] == "custom_same_name"),
    ("CG2", lambda r: r["case"].startswith("controlled_") and "definition" in r["detail"]
     and r["loader"] != r["writer"]),
    ("CG1", lambda r: r["case"] in ("controlled_standard_open", "controlled_nested", "library_gates",
                                    "controlled_custom", "controlled_custom_and_base")
     and "unpack requires" not in r["detail"] and "MCXGate.__init__" not in r["detail"]),
    ("T1", lambda r: r["writer"].startswith("terra")),
]


def classify(row):
    for code, pred in RULES:
        try:
            if pred(row):
                return code
        except Exception:  # noqa: BLE001
            continue
    return "X0"


def md(text):
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(text))
    text = re.sub(r"[\u2500-\u257f]+", " ", text)  # box drawing of Rust (binrw) error reports
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > 220:
        text = text[:220] + "..."
    return text.replace("|", "\\|")


def writer_label(expect, rel):
    top = rel.split("/")[0]
    v = expect["header"]["qpy_version"]
    enc = expect["header"].get("symbolic_encoding")
    extra = {"e": ", symengine", "p": ", sympy"}.get(enc, "") if top == "qiskit-1.4.6" else ""
    if top == "legacy-v1-v4":
        return f"build_legacy_circuits.py (QPY {v})"
    return f"{top} (QPY {v}{extra})"


def collect(root):
    rows = []
    compat = []
    counts = collections.Counter()
    for path in sorted(glob.glob(os.path.join(root, "**", "*.expect.json"), recursive=True)):
        rel_dir = os.path.relpath(path, root)
        if rel_dir.startswith("qpy_compat/"):
            compat.append(path)
            continue
        with open(path, encoding="utf-8") as f:
            e = json.load(f)
        qpy_rel = os.path.relpath(path[:-12] + ".qpy", REPO)
        top = rel_dir.split("/")[0]
        counts[top] += 1
        qv = e["header"]["qpy_version"]
        writer = top
        base = {"file": qpy_rel, "case": e["case"].split("_", 1)[1] if top == "legacy-v1-v4" else e["case"],
                "qpy": qv, "writer": writer, "writer_label": writer_label(e, rel_dir)}
        load = e.get("load")
        if load is not None:
            if not load["loads"]:
                rows.append(dict(base, loader=load["loader"], result="fails to load", detail=load["error"] or ""))
            elif not load.get("equivalent_to_original"):
                diffs = [d for c in load.get("checks", []) for d in c.get("differences", [])]
                broken = any(d.startswith("[") and "cannot materialise" in d for d in diffs)
                rows.append(dict(base, loader=load["loader"],
                                 result="loads broken (instructions cannot be materialised)" if broken
                                 else "loads unequal (`loaded != original`)",
                                 detail="; ".join(diffs[:2])))
        for key, r in sorted(e.get("crossload", {}).items()):
            if key.startswith("qiskit-1.") and qv > 13:
                continue  # rejected by design ("newer than this Qiskit")
            loader = r["loader"]
            if load is not None and loader == load["loader"]:
                continue  # same as the writer's own load
            row = dict(base, loader=loader)
            if not r["loads"]:
                rows.append(dict(row, result="fails to load", detail=r["error"] or ""))
            elif r.get("broken"):
                rows.append(dict(row, result="loads broken (instructions cannot be materialised)",
                                 detail=r["broken"]))
            elif r.get("rebuilt_equal") or r.get("rebuilt_equivalent"):
                continue
            elif r.get("rebuilt_equal") is False:
                rows.append(dict(row, result="loads unequal (`!=` the case rebuilt in the loader)",
                                 detail="; ".join(r.get("rebuilt_differences", [])[:2])))
            elif r.get("summary_matches_writer") is False or r.get("summary_matches_reference") is False:
                rows.append(dict(row, result="loads different (structure differs from the writer's load)",
                                 detail="; ".join(r.get("summary_differences", [])[:2])))
    # Qiskit's own qpy_compat files: only "fails to load" rows (their expect.json has no
    # reference to compare with); QPY > 13 in qiskit 1.x is rejected by design and not listed.
    for path in compat:
        with open(path, encoding="utf-8") as f:
            e = json.load(f)
        qv = e["header"]["qpy_version"]
        rel_dir = os.path.relpath(path, root)
        counts["qpy_compat"] += 1
        for key, r in sorted(e.get("crossload", {}).items()):
            if key.startswith("qiskit-1.") and qv > 13:
                continue
            if not r["loads"]:
                rows.append({"file": os.path.relpath(path[:-12] + ".qpy", REPO), "case": "qpy_compat:" + e["file"],
                             "qpy": qv, "writer": rel_dir.split("/")[1],
                             "writer_label": f"qpy_compat/{rel_dir.split('/')[1]} (QPY {qv})",
                             "loader": r["loader"], "result": "fails to load", "detail": r["error"] or ""})
    for row in rows:
        row["reason"] = classify(row)
    return rows, counts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=os.path.join(REPO, "Tests", "Fixtures", "circuits"))
    args = ap.parse_args(argv)
    rows, counts = collect(args.root)
    total = sum(counts.values())
    by_reason = collections.Counter(r["reason"] for r in rows)
    fail_loader = collections.Counter(r["loader"] for r in rows if r["result"].startswith("fails to load"))

    out = []
    out.append("# Known failures of the circuit fixtures\n")
    out.append("Generated by `Tests/FixtureGenerator/known_failures_circuits.py` from the `.expect.json` "
               "files (do not edit by hand; rerun `Tests/FixtureGenerator/generate_circuits.sh`).\n")
    out.append(
        f"All {total - counts.get('qpy_compat', 0)} `.qpy` files outside `qpy_compat/` were loaded in the venv that wrote them "
        "(`expect.load`), in qiskit-2.6 and - for QPY <= 13 - in qiskit-1.4.6 (`expect.crossload`; "
        "`trust_payload=True` where it exists). Files per writer: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + ".\n")
    out.append("Results: `fails to load` (load raises); `loads broken` (load returns but an instruction "
               "cannot be materialised - qiskit 2.x builds them lazily); `loads unequal` (writer: not "
               "equal/equivalent to the dumped circuit; other loaders: `!=` the same case rebuilt there with "
               "the same UUIDs); `loads different` (the case cannot be rebuilt in the loader and the "
               "structure differs from the writer's load).\n")
    out.append(f"Rows: {len(rows)}; fails to load per loader: "
               + ", ".join(f"{k} {v}" for k, v in sorted(fail_loader.items())) + ".\n")
    out.append("The interop checker (`Tests/Interop/check_circuits.py`) reports a pair as `SKIP` when its "
               "original has a row below whose loader is the checker's venv and whose result is "
               "`fails to load` or `loads broken`.\n")
    out.append("| file | writer | loader | result | exception / detail | reason |")
    out.append("|---|---|---|---|---|---|")
    for r in sorted(rows, key=lambda r: (r["file"], r["loader"])):
        code = r["reason"]
        out.append(f"| `{r['file']}` | {r['writer_label']} | {r['loader']} | {r['result']} | "
                   f"{md(r['detail'])} | {code}: {REASONS[code][0]} |")
    out.append("\n## Reasons\n")
    for code, (title, text) in REASONS.items():
        if by_reason.get(code):
            out.append(f"**{code} — {title}** ({by_reason[code]} rows). {text}\n")
    path = os.path.join(args.root, "KNOWN-FAILURES.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(f"KNOWN-FAILURES.md: {len(rows)} rows over {total} files; by reason: "
          + ", ".join(f"{k} {v}" for k, v in sorted(by_reason.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
