#!/usr/bin/env python3
"""Cross-load every ScheduleBlock fixture in qiskit 1.4.6 and write KNOWN-FAILURES.md.

Run it with the qiskit-1.4.6 venv after gen_schedules.py has run for every writer:

    .venv/qiskit-1.4.6/bin/python Tests/FixtureGenerator/crossload_schedules.py \
        [--root Tests/Fixtures/schedules]

For every ``*.qpy`` under ROOT it reads the writer's ``<case>.expect.json``
(the same-venv load made by gen_schedules.py) and loads the file again here
with ``qpy.load(f, trust_payload=True)``. A 1.4.6 load "agrees" with the writer
when the number of programs and, per program, name, metadata, number of
top-level elements, number of instructions and the own-reference keys (with
their assigned/unassigned state) are the same as what the writer loaded (or
wrote, if the writer could not load it). Objects of different releases cannot
be compared with ``==``.

Writes ROOT/KNOWN-FAILURES.md (a table of every file that fails to load or
loads unequal in the writer venv or in 1.4.6) and ROOT/crossload-qiskit-1.4.6.json
(the raw result for every file). Prints a one-line summary.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import os
import sys
import time
import warnings

warnings.simplefilter("ignore", DeprecationWarning)

import qiskit  # noqa: E402
from qiskit import pulse, qpy  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from gen_schedules import count_tree, jsonable, own_references, warning_list  # noqa: E402

LOADER = f"qiskit-{qiskit.__version__}"


def load(data, trust=True):
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        try:
            progs = qpy.load(io.BytesIO(data), trust_payload=trust)
            err = None
        except Exception as exc:  # noqa: BLE001
            progs, err = None, f"{type(exc).__name__}: {exc}"
    return progs, err, warning_list(rec)


def view(block):
    n_instr, _, _ = count_tree(block)
    return {
        "name": block.name,
        "metadata": jsonable(block.metadata),
        "num_elements": len(block._blocks),
        "num_instructions": n_instr,
        "references": own_references(block),
    }


def expected_views(expect):
    progs = expect.get("programs") or expect.get("original_programs")
    return [
        {k: p.get(k) for k in ("name", "metadata", "num_elements", "num_instructions", "references")} for p in progs
    ]


# Reason codes (explained in the "Reasons" section of KNOWN-FAILURES.md). Derived
# from the notes (/work/shared/reference/qpy-format-notes.md) and from the Qiskit
# source in the venvs' site-packages (tracebacks checked by hand).
REASONS = {
    "R1": (
        "sympy round trip is not structure-preserving",
        "The writer stores `srepr(sympify(expr))` of the symengine envelope/constraints, i.e. the tree "
        "after sympy's automatic canonicalisation, and the loader `sympify`s that text back into symengine. "
        "Measured differences (1.4.6, symengine 0.13 / sympy 1.14): Square `1 + 2*(-floor(2*(t*freq + "
        "(1/2)*phase/pi)) + 2*floor(...))` comes back as `1 + 4*floor(...) - 2*floor(2*t*freq + phase/pi)`; "
        "Triangle `abs(2*(-0.25 + t*freq + ... - floor(...)))` as `abs(0.5 - 2*t*freq - phase/pi + "
        "2*floor(...))`; GaussianSquareDrag `t - ((1/2)*duration + (-1/2)*width)` as `(-1/2)*duration + t + "
        "(1/2)*width`; gaussian_square_echo constraint `(1/2)*(duration - 2*(duration - width)) <= "
        "(1/2)*duration` as `(-1/2)*duration + width <= (1/2)*duration`. Mathematically equal, structurally "
        "different, and `SymbolicPulse.__eq__` compares the expression trees, so `loaded != original` although "
        "the samples are identical (max |diff| = 0). Affects every sympy-encoded file (terra QPY 6-9, 1.4.6 "
        "`*-sympy`) with one of these four shapes (terra 0.24.x has no Square / gaussian_square_echo; terra "
        "0.22 has none of them). Not a file defect: a lossless converter must reproduce the bytes, and two "
        "loads of the same bytes compare equal.",
    ),
    "R2": (
        "qiskit 1.x cannot read a QPY 5 legacy library pulse whose amp is a ParameterExpression",
        "QPY 5 (terra 0.21-0.22) stores Gaussian/GaussianSquare/Drag/Constant with a complex `amp` and no "
        "`angle`. qiskit 1.x `_read_symbolic_pulse` (qpy/binary_io/schedules.py, line 159 in 1.4.6) converts "
        "them with `parameters['angle'] = np.angle(parameters['amp'])`, which fails on a Parameter / "
        "ParameterExpression (`AttributeError: 'int' object has no attribute 'arctan2'`). terra 0.23-0.25 "
        "readers set `angle = 0` instead and load these files (checked with terra 0.23.3 and 0.25.3: all 43 "
        "terra-0.22.4 files load). Reader bug, the file is fine.",
    ),
    "R3": (
        "sympy srepr of a ParameterExpression containing the imaginary unit",
        "terra 0.22 has no `angle`, so the generator folds a *parameterised* angle into the amp: "
        "`amp * exp(1j*θ/2)`, written as the sympy text `Mul(Float('0.20000000000000001', precision=53), "
        "exp(Mul(Float('0.5', precision=53), I, Symbol('θ'))))`. Since 1.4.2 qiskit parses sympy-encoded "
        "ParameterExpressions with the restricted `parse_sympy_repr` (notes §3.2 item 23), which has no rule "
        "for the bare name `I` and fails with `IndexError: pop from empty list`. terra itself loads the file.",
    ),
    "R?": ("unexplained", "not analysed"),
}


def reason_code(kind, text):
    t = text or ""
    if kind == "unequal-writer":
        return "R1"
    if "arctan2" in t:
        return "R2"
    if "pop from empty list" in t or "is not part of a valid sympy expression srepr" in t:
        return "R3"
    return "R?"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=os.path.join(REPO, "Tests", "Fixtures", "schedules"))
    args = ap.parse_args(argv)
    root = os.path.abspath(args.root)
    t0 = time.time()

    results = []
    for dirpath, _, files in sorted(os.walk(root)):
        for fn in sorted(files):
            if not fn.endswith(".qpy"):
                continue
            path = os.path.join(dirpath, fn)
            rel = os.path.relpath(path, REPO)
            writer_dir = os.path.relpath(path, root).split(os.sep)[0]
            with open(path[:-4] + ".expect.json", encoding="utf-8") as f:
                expect = json.load(f)
            with open(path, "rb") as f:
                data = f.read()
            progs, err, warns = load(data)
            res = {
                "file": rel,
                "writer": writer_dir,
                "writer_version": expect["writer"]["version"],
                "qpy_version": expect["header"].get("qpy_version"),
                "encoding": expect["header"].get("symbolic_encoding"),
                "writer_load": expect["load"],
                "writer_equal_to_original": expect.get("equal_to_original"),
                "writer_inequality": [
                    p.get("inequality_diagnosis") for p in (expect.get("programs") or []) if p.get("inequality_diagnosis")
                ],
                "loader": LOADER,
                "loads": err is None,
                "error": err,
                "warnings": warns,
            }
            if progs is not None:
                got = [view(p) for p in progs]
                want = expected_views(expect)
                diffs = []
                if len(got) != len(want):
                    diffs.append(f"{len(got)} programs, writer saw {len(want)}")
                for i, (g, w) in enumerate(zip(got, want)):
                    for k in g:
                        if g[k] != w[k]:
                            diffs.append(f"program {i} {k}: {g[k]!r} vs writer {w[k]!r}")
                res["agrees_with_writer"] = not diffs
                res["disagreements"] = diffs
            _, err_untrusted, _ = load(data, trust=False)
            res["loads_without_trust_payload"] = err_untrusted is None
            results.append(res)

    # ----- KNOWN-FAILURES.md -----
    rows = []
    for r in results:
        wl = r["writer_load"]
        if not wl["loads"]:
            rows.append((r, r["writer"], "fails to load", wl["error"], reason_code("load", wl["error"])))
        elif r["writer_equal_to_original"] is False:
            diag = "; ".join(
                f"{d['instruction']} {d.get('pulse_type', '')}: {','.join(d.get('differing_attributes', []))} "
                f"differ, samples max diff {d.get('samples_max_abs_diff')}"
                for prog in r["writer_inequality"]
                for d in prog
                if isinstance(d, dict)
            )
            rows.append((r, r["writer"], "loads unequal (`loaded != original`)", diag, reason_code("unequal-writer", diag)))
        if r["writer"] != LOADER:
            if not r["loads"]:
                rows.append((r, LOADER, "fails to load", r["error"], reason_code("load", r["error"])))
            elif not r.get("agrees_with_writer", True):
                d = "; ".join(r["disagreements"])
                rows.append((r, LOADER, "loads, disagrees with writer", d, reason_code("disagree", d)))

    def cell(s, limit=300):
        s = (s or "").replace("|", "\\|").replace("\n", " ")
        return s if len(s) <= limit else s[:limit] + "…"

    n_files = len(results)
    by_writer = collections.Counter(r["writer"] for r in results)
    fails_1_4_6 = [r for r in results if not r["loads"]]
    lines = [
        "# Known failures of the ScheduleBlock fixtures",
        "",
        "Generated by `Tests/FixtureGenerator/crossload_schedules.py` (do not edit by hand; rerun",
        "`Tests/FixtureGenerator/generate_schedules.sh`).",
        "",
        f"Every one of the {n_files} `.qpy` files under `Tests/Fixtures/schedules/` was loaded in the venv that",
        "wrote it (result in its `.expect.json`; qiskit 1.4.6 with `trust_payload=True`) and in",
        f"{LOADER} with `qpy.load(f, trust_payload=True)`. A 1.4.6 load of a terra file counts as a",
        "disagreement when the number of programs or, per program, name, metadata, element/instruction",
        "counts or own reference keys differ from what the writer itself loaded.",
        "",
        "Files per writer: " + ", ".join(f"{k} {v}" for k, v in sorted(by_writer.items())) + ".",
        f"Files that {LOADER} cannot load: {len(fails_1_4_6)}. Files that load in 1.4.6 but disagree: "
        f"{sum(1 for r in results if r['loads'] and not r.get('agrees_with_writer', True))}.",
        "",
        "The interop checker (`Tests/Interop/check_schedules.py`) reports a pair as `skip` when its",
        f"original has a row below with loader `{LOADER}` and result `fails to load`.",
        "",
        "| file | writer | loader | result | exception / detail | reason |",
        "|---|---|---|---|---|---|",
    ]
    for r, loader, result, detail, reason in rows:
        lines.append(
            f"| `{r['file']}` | {r['writer']} (QPY {r['qpy_version']}"
            f"{', ' + ('symengine' if r['encoding'] == 'e' else 'sympy') if r['encoding'] else ''}) | {loader} | "
            f"{result} | {cell(detail)} | {reason}: {REASONS[reason][0]} |"
        )
    if not rows:
        lines.append("| (none) | | | | | |")
    lines += ["", "## Reasons", ""]
    used = sorted({row[4] for row in rows})
    for code in used:
        title, text = REASONS[code]
        n = sum(1 for row in rows if row[4] == code)
        lines += [f"**{code} — {title}** ({n} rows). {text}", ""]
    untrusted = [r for r in results if not r["loads_without_trust_payload"] and r["loads"]]
    lines += [
        "## Files that need `trust_payload=True` in 1.4.6",
        "",
        f"{len(untrusted)} of the {n_files} files load in {LOADER} only with `trust_payload=True` (they contain",
        "sympy-srepr pulse expressions: every terra file with a SymbolicPulse, every 1.4.6 `*-sympy` file with",
        "one, and every 1.4.6 `*-symengine` file whose assigned references hold a SymbolicPulse — references",
        "are always written with sympy, notes §3.1). Without it the error is `QpyError: This payload can not",
        "be loaded unless you set ``trust_payload`` to True, ...`. This is expected behaviour, not a failure.",
        "",
    ]
    with open(os.path.join(root, "KNOWN-FAILURES.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    with open(os.path.join(root, f"crossload-{LOADER}.json"), "w", encoding="utf-8") as f:
        # A warning raised by every load is listed once instead of per file.
        common = set.intersection(*(set(r["warnings"]) for r in results)) if results else set()
        slim = []
        for r in results:
            s = {k: r[k] for k in ("file", "writer", "qpy_version", "encoding", "loads", "error",
                                   "loads_without_trust_payload")}
            s["warnings"] = [w for w in r["warnings"] if w not in common]
            s["agrees_with_writer"] = r.get("agrees_with_writer")
            if r.get("disagreements"):
                s["disagreements"] = r["disagreements"]
            slim.append(s)
        json.dump({"loader": LOADER, "trust_payload": True, "warnings_of_every_load": sorted(common),
                   "results": slim}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(
        f"{n_files} files cross-loaded in {LOADER} in {time.time() - t0:.1f} s: "
        f"{len(fails_1_4_6)} fail to load, "
        f"{sum(1 for r in results if r['loads'] and not r.get('agrees_with_writer', True))} disagree, "
        f"{len(rows)} rows in KNOWN-FAILURES.md",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
