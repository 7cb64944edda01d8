#!/usr/bin/env python3
"""Qiskit oracle: does a rewritten circuit QPY file mean the same as the original?

Run inside the venv named by --loader (the script refuses to run in any other):

    .venv/qiskit-2.6/bin/python   Tests/Interop/check_circuits.py --loader qiskit-2.6   --pairs PAIRS.json [--byte-identical]
    .venv/qiskit-1.4.6/bin/python Tests/Interop/check_circuits.py --loader qiskit-1.4.6 --pairs PAIRS.json [--byte-identical]

PAIRS.json = {"pairs": [{"original": "path.qpy", "rewritten": "path.qpy"}, ...]}; relative
paths are taken from the repository root (absolute paths work too).

Both files are loaded with ``qpy.load`` (qiskit 1.4.6: ``trust_payload=True``; qiskit 2.x:
``annotation_factories`` from Tests/FixtureGenerator/qpyconv_annotations.py, needed for the
annotation fixtures). Warnings are caught and reported as INFO lines. Per pair:
  * the original loads (else FAIL) and the rewritten file loads;
  * same number of circuits;
  * per circuit (Tests/Interop/circuit_compare.py): ``a == b`` - or, if Qiskit's ``==`` is
    not even reflexive for some library operation (DiagonalGate, UCR*Gate: two loads of the
    same file compare unequal), the same class/name/params/label/bits for those operations
    (reported as INFO, still a pass) - plus name, metadata, global_phase, parameters (names
    *and* UUIDs, in order), layout (initial/final layout and input mapping, when present) and,
    in qiskit 1.4.6, ``a.calibrations == b.calibrations``;
  * a circuit that loads but whose instructions cannot be materialised (qiskit 2.x builds them
    lazily) is a failure;
  * with --byte-identical: the two files are identical byte for byte;
  * with --calibrations-only: only the circuit names and ``calibrations`` are compared (qiskit
    1.x), for the calibration files ``qpyconv --drop-calibrations`` writes.
A pair is reported as ``SKIP original: reason`` instead when the original is listed in
KNOWN-FAILURES.md (default Tests/Fixtures/circuits/KNOWN-FAILURES.md) with this loader and
result ``fails to load`` / ``loads broken``, when its QPY version is newer than the loader
supports (qiskit 1.4.6 reads QPY <= 13), or when it holds ScheduleBlock programs (program type
``s``, from Qiskit's qpy_compat generator; Tests/Interop/check_schedules.py checks those).

Output: ``FAIL original: reason`` per failed check, ``SKIP ...`` per skipped pair, ``INFO``
lines for warnings (one per distinct warning with the number of loads that raised it; every
warning of every load with -v) and for equivalence notes, and the last line
``N passed, N failed`` (plus ``, N skipped`` if any). Exit status 1 if any pair failed
(2 if run in the wrong venv).
"""

from __future__ import annotations

import argparse
import collections
import inspect
import io
import json
import os
import re
import sys
import warnings

os.environ["RUST_BACKTRACE"] = "0"

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_KNOWN = os.path.join(ROOT, "Tests", "Fixtures", "circuits", "KNOWN-FAILURES.md")
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "FixtureGenerator"))

LOADERS = {"qiskit-1.4.6": ("1.4.6",), "qiskit-2.6": ("2.6.",)}


def resolve(path):
    return path if os.path.isabs(path) else os.path.join(ROOT, path)


def norm(path):
    return os.path.normpath(os.path.relpath(resolve(path), ROOT))


def read_known_failures(path, loader_label):
    """{repo-relative file: reason} for rows with this loader and result fails to load / loads broken."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("| `"):
                continue
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if len(cells) < 6:
                continue
            file_, _writer, loader, result, detail, reason = cells[:6]
            if loader == loader_label and (result.startswith("fails to load") or result.startswith("loads broken")):
                key = os.path.normpath(file_.strip("`"))
                out[key] = (f"{result}: {reason}" if reason else result).replace("\\|", "|")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", required=True, help="PAIRS.json")
    ap.add_argument("--loader", required=True, choices=sorted(LOADERS),
                    help="which Qiskit semantics to use; must be the venv running this script")
    ap.add_argument("--byte-identical", action="store_true", help="also require identical bytes")
    ap.add_argument("--known-failures", default=DEFAULT_KNOWN, help="KNOWN-FAILURES.md (default: %(default)s)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every warning of every load")
    ap.add_argument("--calibrations-only", action="store_true",
                    help="compare only each circuit's name and calibrations (a file of calibration holders "
                         "written by qpyconv --drop-calibrations against the original)")
    args = ap.parse_args(argv)

    import qiskit

    if not qiskit.__version__.startswith(LOADERS[args.loader]):
        print(f"check_circuits.py: --loader {args.loader} needs that venv, but this interpreter has "
              f"qiskit {qiskit.__version__} ({sys.executable}); run .venv/{args.loader}/bin/python", file=sys.stderr)
        return 2
    from qiskit import qpy

    import circuit_compare

    loader_label = f"qiskit-{qiskit.__version__}"
    load_params = inspect.signature(qpy.load).parameters
    load_kwargs = {}
    if "trust_payload" in load_params:
        load_kwargs["trust_payload"] = True
    if "annotation_factories" in load_params:
        from qpyconv_annotations import ANNOTATION_FACTORIES

        if ANNOTATION_FACTORIES is not None:
            load_kwargs["annotation_factories"] = ANNOTATION_FACTORIES
    max_version = qpy.common.QPY_VERSION
    has_calibrations = hasattr(qiskit.QuantumCircuit, "add_calibration")

    def load(path):
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            try:
                with open(resolve(path), "rb") as f:
                    circuits = qpy.load(f, **load_kwargs)
                err = None
            except BaseException as exc:  # noqa: BLE001 - pyo3 panics are BaseExceptions
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                circuits, err = None, f"{type(exc).__name__}: {text[:300]}"
        msgs = [f"{w.category.__name__}: {str(w.message).strip().splitlines()[0][:200]}" for w in rec]
        return circuits, err, msgs

    def materialise_problem(qc):
        try:
            for inst in qc.data:
                for block in getattr(inst.operation, "blocks", ()) or ():
                    if block is not None:
                        p = materialise_problem(block)
                        if p:
                            return p
        except BaseException as exc:  # noqa: BLE001
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            return f"{type(exc).__name__}: {exc}"
        return None

    with open(args.pairs, encoding="utf-8") as f:
        pairs = json.load(f)["pairs"]
    known = read_known_failures(args.known_failures, loader_label)

    passed = failed = skipped = 0
    warning_counts = collections.Counter()
    notes = collections.Counter()
    for pair in pairs:
        orig, rew = pair["original"], pair["rewritten"]
        key = norm(orig)
        if key in known:
            print(f"SKIP {orig}: original does not load in {loader_label} (KNOWN-FAILURES): {known[key]}")
            skipped += 1
            continue
        try:
            with open(resolve(orig), "rb") as fh:
                head = fh.read(7)
            version = head[6] if len(head) == 7 and head[:6] == b"QISKIT" else None
        except OSError:
            version = None
        if version is not None and version >= 5 and len(head) == 7:
            try:
                with open(resolve(orig), "rb") as fh:
                    fh.seek(19 if version >= 10 else 18)
                    program_type = fh.read(1)
            except OSError:
                program_type = b""
            if program_type == b"s":
                print(f"SKIP {orig}: ScheduleBlock program, not circuits (use Tests/Interop/check_schedules.py)")
                skipped += 1
                continue
        if version is not None and version > max_version:
            print(f"SKIP {orig}: QPY {version} is newer than {loader_label} can read (max {max_version})")
            skipped += 1
            continue
        problems = []
        a, err_a, warn_a = load(orig)
        b, err_b, warn_b = load(rew)
        for label, ws in (("original", warn_a), ("rewritten", warn_b)):
            for w in ws:
                warning_counts[w] += 1
                if args.verbose:
                    print(f"INFO {orig} ({label}): {w}")
        if err_a is not None:
            problems.append(f"original does not load: {err_a}")
        if err_b is not None:
            problems.append(f"rewritten file does not load: {err_b}")
        if a is not None and b is not None:
            if len(a) != len(b):
                problems.append(f"{len(a)} circuits in the original, {len(b)} in the rewritten file")
            for i, (ca, cb) in enumerate(zip(a, b)):
                if not isinstance(ca, qiskit.QuantumCircuit) or not isinstance(cb, qiskit.QuantumCircuit):
                    problems.append(f"program {i}: {type(ca).__name__} vs {type(cb).__name__} (not circuits)")
                    continue
                for label, c in (("original", ca), ("rewritten", cb)):
                    p = materialise_problem(c)
                    if p:
                        problems.append(f"circuit {i}: {label} loads but cannot be materialised: {p}")
                if args.calibrations_only:
                    if ca.name != cb.name:
                        problems.append(f"circuit {i}: name {ca.name!r} vs {cb.name!r}")
                    if not has_calibrations:
                        problems.append("--calibrations-only needs a Qiskit with calibrations (1.x)")
                    elif ca.calibrations != cb.calibrations:
                        problems.append(f"circuit {i}: calibrations differ")
                    elif not ca.calibrations:
                        problems.append(f"circuit {i}: the original has no calibrations to compare")
                    continue
                r = circuit_compare.compare_circuits(ca, cb, check_layout=True,
                                                     check_calibrations=has_calibrations)
                for d in r["differences"]:
                    problems.append(f"circuit {i}: {d}")
                if not r["differences"] and not r["equal"]:
                    notes[r.get("note", "equivalent but not ==")] += 1
        if args.byte_identical:
            try:
                with open(resolve(orig), "rb") as f1, open(resolve(rew), "rb") as f2:
                    da, db = f1.read(), f2.read()
                if da != db:
                    first = next((i for i, (x, y) in enumerate(zip(da, db)) if x != y), min(len(da), len(db)))
                    problems.append(f"bytes differ (sizes {len(da)} vs {len(db)}, first difference at offset {first})")
            except OSError as exc:
                problems.append(f"cannot read for byte comparison: {exc}")
        if problems:
            failed += 1
            seen = set()
            for p in problems:
                if p not in seen:
                    seen.add(p)
                    print(f"FAIL {orig}: {p}")
        else:
            passed += 1
    for note, n in sorted(notes.items()):
        print(f"INFO {n} circuit(s) passed as equivalent: {note}")
    if not args.verbose:
        for w, n in sorted(warning_counts.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"INFO warning raised by {n} load(s): {w}")
    summary = f"{passed} passed, {failed} failed"
    if skipped:
        summary += f", {skipped} skipped"
    print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
