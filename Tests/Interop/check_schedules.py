#!/usr/bin/env python3
"""Qiskit-1.4.6 oracle: does a rewritten ScheduleBlock QPY file mean the same as the original?

Run inside the qiskit-1.4.6 venv:

    .venv/qiskit-1.4.6/bin/python Tests/Interop/check_schedules.py --pairs PAIRS.json [--byte-identical]

PAIRS.json = {"pairs": [{"original": "path.qpy", "rewritten": "path.qpy"}, ...]}; relative
paths are taken from the repository root (absolute paths work too).

For each pair both files are loaded with ``qpy.load(f, trust_payload=True)`` (warnings are
caught and only reported as INFO) and checked:
  * the original loads (else FAIL) and the rewritten file loads;
  * same number of programs;
  * per program: ``a == b``, ``a.name == b.name``, ``a.metadata == b.metadata``, and the
    references are equal (same keys at every level; assigned subroutines compared with the
    same rules, recursively; unassigned stay unassigned);
  * with --byte-identical: the two files are identical byte for byte.
A pair whose original is listed in KNOWN-FAILURES.md (default
Tests/Fixtures/schedules/KNOWN-FAILURES.md) as failing to load in qiskit-1.4.6 is reported as
``SKIP original: reason`` instead.

Output: ``FAIL original: reason`` per failed check, ``SKIP ...`` per skipped pair, ``INFO``
lines for warnings (one per distinct warning, with the number of loads that raised it; every
warning of every load with -v), and the last line ``N passed, N failed`` (plus
``, N skipped`` if any). Exit status 1 if any pair failed.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import os
import re
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_KNOWN = os.path.join(ROOT, "Tests", "Fixtures", "schedules", "KNOWN-FAILURES.md")

import qiskit  # noqa: E402
from qiskit import qpy  # noqa: E402
from qiskit.pulse import ScheduleBlock  # noqa: E402

LOADER = f"qiskit-{qiskit.__version__}"
HAS_TRUST = "trust_payload" in __import__("inspect").signature(qpy.load).parameters


def resolve(path):
    return path if os.path.isabs(path) else os.path.join(ROOT, path)


def norm(path):
    return os.path.normpath(os.path.relpath(resolve(path), ROOT))


def read_known_failures(path):
    """{repo-relative file: reason} for rows 'loader = qiskit-1.4.6, result = fails to load'."""
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
            if loader == LOADER and result.startswith("fails to load"):
                key = os.path.normpath(file_.strip("`"))
                out[key] = (reason or detail).replace("\\|", "|")
    return out


def load(path):
    kwargs = {"trust_payload": True} if HAS_TRUST else {}
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        try:
            with open(resolve(path), "rb") as f:
                progs = qpy.load(f, **kwargs)
            err = None
        except Exception as exc:  # noqa: BLE001
            progs, err = None, f"{type(exc).__name__}: {exc}"
    msgs = [f"{w.category.__name__}: {str(w.message).strip().splitlines()[0][:200]}" for w in rec]
    return progs, err, msgs


def block_diffs(a, b, where):
    """List of differences between two loaded ScheduleBlocks (empty = equal)."""
    out = []
    if not isinstance(a, ScheduleBlock) or not isinstance(b, ScheduleBlock):
        if type(a) is not type(b):
            return [f"{where}: program type {type(a).__name__} vs {type(b).__name__}"]
        if a != b:
            out.append(f"{where}: programs differ (==)")
        return out
    try:
        eq = a == b
    except Exception as exc:  # noqa: BLE001
        eq = False
        out.append(f"{where}: == raised {type(exc).__name__}: {exc}")
    if not eq and not out:
        out.append(f"{where}: programs differ (==): {first_difference(a, b)}")
    if a.name != b.name:
        out.append(f"{where}: name {a.name!r} vs {b.name!r}")
    if a.metadata != b.metadata:
        out.append(f"{where}: metadata {a.metadata!r} vs {b.metadata!r}")
    ra, rb = a._reference_manager, b._reference_manager
    ka, kb = set(ra.keys()), set(rb.keys())
    if ka != kb:
        out.append(f"{where}: reference keys {sorted(ka)} vs {sorted(kb)}")
    for key in sorted(ka & kb):
        sa, sb = ra[key], rb[key]
        label = f"{where} ref {','.join(key)}"
        if (sa is None) != (sb is None):
            out.append(f"{label}: {'unassigned' if sa is None else 'assigned'} vs "
                       f"{'unassigned' if sb is None else 'assigned'}")
        elif sa is not None:
            out.extend(block_diffs(sa, sb, label))
    return out


def walk(block):
    """Depth-first (element path, alignment or instruction) over block._blocks."""
    yield (), block.alignment_context
    for i, elm in enumerate(block._blocks):
        if isinstance(elm, ScheduleBlock):
            for path, item in walk(elm):
                yield (i,) + path, item
        else:
            yield (i,), elm


def short(obj, limit=160):
    try:
        text = repr(obj)
    except Exception:  # noqa: BLE001 - e.g. AlignEquispaced.__repr__ fails on non-str params
        params = getattr(obj, "_context_params", None)
        text = f"{type(obj).__name__}{tuple(params) if params is not None else ''}"
    return text if len(text) <= limit else text[:limit] + "..."


def first_difference(a, b):
    """Human-readable location of the first difference (best effort; == is the judge)."""
    try:
        for (pa, ea), (pb, eb) in zip(walk(a), walk(b)):
            if pa != pb:
                return f"structure differs at element {list(pa)} vs {list(pb)}"
            if ea != eb:
                return f"element {list(pa)}: {short(ea)} vs {short(eb)}"
        na, nb = sum(1 for _ in walk(a)), sum(1 for _ in walk(b))
        if na != nb:
            return f"{na} vs {nb} elements in total"
        return "no element-wise difference found (instruction timing / DAG differs)"
    except Exception as exc:  # noqa: BLE001
        return f"<cannot locate: {type(exc).__name__}: {exc}>"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", required=True, help="PAIRS.json")
    ap.add_argument("--byte-identical", action="store_true", help="also require identical bytes")
    ap.add_argument("--known-failures", default=DEFAULT_KNOWN, help="KNOWN-FAILURES.md (default: %(default)s)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every warning of every load")
    args = ap.parse_args(argv)

    with open(args.pairs, encoding="utf-8") as f:
        pairs = json.load(f)["pairs"]
    known = read_known_failures(args.known_failures)

    passed = failed = skipped = 0
    warning_counts = collections.Counter()
    for pair in pairs:
        orig, rew = pair["original"], pair["rewritten"]
        key = norm(orig)
        if key in known:
            print(f"SKIP {orig}: original does not load in {LOADER} (KNOWN-FAILURES): {known[key]}")
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
                problems.append(f"{len(a)} programs in the original, {len(b)} in the rewritten file")
            for i, (pa, pb) in enumerate(zip(a, b)):
                problems.extend(block_diffs(pa, pb, f"program {i}"))
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
            for p in problems:
                print(f"FAIL {orig}: {p}")
        else:
            passed += 1
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
