#!/usr/bin/env python3
"""Load every circuit fixture in *this* venv and record the result in its expect.json.

Run it with the interpreter of a loader venv after gen_circuits.py (and
build_legacy_circuits.py) have written the fixtures:

    .venv/qiskit-2.6/bin/python   Tests/FixtureGenerator/crossload_circuits.py Tests/Fixtures/circuits
    .venv/qiskit-1.4.6/bin/python Tests/FixtureGenerator/crossload_circuits.py Tests/Fixtures/circuits

For every ``X.qpy`` below the given directories that has an ``X.expect.json`` it adds (or
replaces) ``expect["crossload"]["<package>-<version>"]``:

* ``loads`` / ``error`` / ``warnings`` - ``qpy.load`` here (``trust_payload=True`` where that
  argument exists; annotation factories from qpyconv_annotations where supported);
* ``summary_matches_writer`` + ``summary_differences`` - the structure seen here (number of
  circuits, names, bits, registers, instruction counts per name, parameters with UUIDs,
  metadata, numeric global phase, layout present, calibrations) against what the writer
  itself loaded (``expect["circuits"]``, or ``expect["original_circuits"]`` if the writer
  could not load the file). Objects of different releases cannot be compared with ``==``;
* ``rebuilt_equal`` / ``rebuilt_equivalent`` / ``rebuilt_differences`` - ``==`` (and the
  checks of Tests/Interop/circuit_compare.py) between the loaded circuits and the same case
  *rebuilt with this release's API* (gen_circuits.py cases, or the reference circuits of
  build_legacy_circuits.py), made only when the rebuilt circuits have the same structure as
  the writer's originals (else ``rebuilt_equal`` is null with a reason).

Files that already load in the writing venv are not reloaded if the loader *is* the writer
(its result is ``expect["load"]``). ``--qpy-compat`` mode instead handles the output of
Qiskit's own test/qpy_compat generator (no expect.json there yet): it writes
``<file>.expect.json`` with the loads and summaries only.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import re
import sys
import time
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
warnings.simplefilter("ignore", PendingDeprecationWarning)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_circuits as gen  # noqa: E402
from gen_circuits import circuit_summary, qiskit, qpy, try_load, write_json  # noqa: E402
import circuit_compare  # noqa: E402  (gen_circuits put Tests/Interop on sys.path)

LOADER = f"{gen.WRITER_PACKAGE}-{qiskit.__version__}"
LOADER_KEY = f"qiskit-{qiskit.__version__}" if gen.WRITER_PACKAGE == "qiskit" else f"terra-{qiskit.__version__}"

STRUCT_FIELDS = ("name", "num_qubits", "num_clbits", "num_instructions", "ops", "qregs", "cregs",
                 "parameters", "metadata")


def _norm_regs(regs):
    # [name, size, class] for qregs in new summaries; compare name + size only
    return [list(r[:2]) for r in regs or []]


# A rebuild in this release is compared with == only if it has the shape of the writer's
# original (op names and parameters may legitimately differ between releases, e.g. "ccx_o1"
# in 1.x vs "ccx" in 2.x for an open-controlled CCX: == is the judge of those).
REBUILD_FIELDS = ("name", "num_qubits", "num_clbits", "num_instructions", "qregs", "cregs", "metadata")


def summary_differences(seen, ref, fields=STRUCT_FIELDS):
    """Structural differences between summaries (this loader vs the writer)."""
    out = []
    if ref is None:
        return ["writer summary unavailable"]
    if len(seen) != len(ref):
        return [f"{len(seen)} circuits vs {len(ref)} from the writer"]
    for i, (a, b) in enumerate(zip(seen, ref)):
        if not isinstance(a, dict) or not isinstance(b, dict):
            out.append(f"circuit {i}: no summary ({short(a)})")
            continue
        for field in fields:
            va, vb = a.get(field), b.get(field)
            if field in ("qregs", "cregs"):
                va, vb = _norm_regs(va), _norm_regs(vb)
            elif field == "parameters" and isinstance(va, list) and isinstance(vb, list):
                va, vb = sorted(va), sorted(vb)
            elif field == "metadata":
                va, vb = va or {}, vb or {}  # terra's default metadata is None, later releases {}
            if va != vb:
                out.append(f"circuit {i}: {field} {short(va)} vs writer {short(vb)}")
        if fields is not STRUCT_FIELDS:
            continue
        pa, pb = a.get("global_phase"), b.get("global_phase")
        if isinstance(pa, float) and isinstance(pb, float):
            if not math.isclose(pa, pb, rel_tol=1e-12, abs_tol=1e-12):
                out.append(f"circuit {i}: global_phase {pa} vs writer {pb}")
        elif isinstance(pa, float) != isinstance(pb, float):
            out.append(f"circuit {i}: global_phase {short(pa)} vs writer {short(pb)}")
        la, lb = a.get("layout"), b.get("layout")
        if (la is None) != (lb is None):
            out.append(f"circuit {i}: layout {'present' if la else 'absent'} vs writer "
                       f"{'present' if lb else 'absent'}")
        ca, cb = a.get("calibrations"), b.get("calibrations")
        if ca is not None and cb is not None and ca != cb:
            out.append(f"circuit {i}: {ca} calibrations vs writer {cb}")
        if a.get("materialize_error") and not b.get("materialize_error"):
            out.append(f"circuit {i}: cannot materialise: {a['materialize_error']}")
    return out


def short(obj, limit=200):
    text = json.dumps(obj, ensure_ascii=False) if not isinstance(obj, str) else obj
    return text if len(text) <= limit else text[:limit] + "..."


_LEGACY = None


def rebuild(expect):
    """Circuits of the same case built with this release's API, or (None, reason)."""
    global _LEGACY
    case_name = expect.get("case")
    if expect.get("legacy_builder"):
        if _LEGACY is None:
            import build_legacy_circuits as legacy

            _LEGACY = legacy
        try:
            return _LEGACY.reference_circuits(case_name), None
        except Exception as exc:  # noqa: BLE001
            return None, f"reference circuit not buildable here: {type(exc).__name__}: {exc}"
    found = [c for c in gen.CASES if c[0] == case_name]
    if not found:
        return None, "unknown case"
    try:
        return gen.build_case(found[0][2], case_name), None
    except gen.Skip as exc:
        return None, f"case not buildable in {LOADER}: {exc}"
    except Exception as exc:  # noqa: BLE001
        return None, f"case not buildable in {LOADER}: {type(exc).__name__}: {exc}"


def crossload_one(qpy_path, expect, qpy_compat=False):
    with open(qpy_path, "rb") as f:
        data = f.read()
    t0 = time.time()
    loaded, err, warns = try_load(data, trust=True)
    res = {"loader": LOADER, "loads": err is None, "error": err, "warnings": warns}
    if gen.HAS_TRUST_PAYLOAD and err is None:
        _, err2, _ = try_load(data, trust=False)
        res["loads_without_trust_payload"] = err2 is None
    if loaded is None:
        return res
    if gen.header_info(data).get("program_type") == "s":
        res["num_programs_loaded"] = len(loaded)
        res["program_type"] = "ScheduleBlock"
        return res
    seen = [gen.safe(lambda c=c: circuit_summary(c)) for c in loaded]
    res["num_circuits_loaded"] = len(loaded)
    broken = [v.get("materialize_error") if isinstance(v, dict) else v for v in seen]
    broken = [b for b in broken if b]
    if broken:
        res["broken"] = broken[0]  # loads, but some instruction cannot be turned into an object
    if qpy_compat:
        res["circuits"] = seen
        return res
    legacy = bool(expect.get("legacy_builder"))
    rebuilt, why = rebuild(expect)
    rebuilt_view = None if rebuilt is None else [circuit_summary(c) for c in rebuilt]
    # Legacy (hand-built) files: the reference circuit built here is the judge of the structure
    # too (e.g. qiskit 2.x turns legacy conditions into IfElseOp, so the loaded structure differs
    # from the v1-v4 description but must equal what 2.x itself builds for that circuit).
    ref = rebuilt_view if legacy and rebuilt_view is not None else (
        expect.get("circuits") or expect.get("original_circuits"))
    diffs = summary_differences(seen, ref)
    res["summary_matches_writer" if not legacy else "summary_matches_reference"] = not diffs
    if diffs:
        res["summary_differences"] = diffs[:12]
        res["circuits"] = seen
    if rebuilt is None:
        res["rebuilt_equal"] = None
        res["rebuilt_reason"] = why
    else:
        orig = expect.get("original_circuits") or expect.get("circuits") or []
        struct_diffs = [] if legacy else summary_differences(rebuilt_view, orig, fields=REBUILD_FIELDS)
        options = next((c[3] for c in gen.CASES if c[0] == expect.get("case")), {})
        if not legacy and options.get("portable") is False:
            res["rebuilt_equal"] = None
            res["rebuilt_reason"] = options.get("why", "the case is not rebuilt identically by other releases")
        elif struct_diffs:
            res["rebuilt_equal"] = None
            res["rebuilt_reason"] = "the case builds differently in this release: " + "; ".join(struct_diffs[:3])
        elif len(rebuilt) != len(loaded):
            res["rebuilt_equal"] = False
            res["rebuilt_differences"] = [f"{len(loaded)} circuits loaded, {len(rebuilt)} rebuilt"]
        else:
            version = data[6]
            checks = [circuit_compare.compare_circuits(r, l, check_layout=version >= 8,
                                                      check_calibrations=gen.pulse is not None)
                      for r, l in zip(rebuilt, loaded)]
            res["rebuilt_equal"] = all(c["equal"] for c in checks)
            res["rebuilt_equivalent"] = all(c["equivalent"] and not c["differences"] for c in checks)
            d = [f"circuit {i}: {x}" for i, c in enumerate(checks) for x in c["differences"]]
            if d:
                res["rebuilt_differences"] = d[:12]
            notes = sorted({c["note"] for c in checks if "note" in c})
            if notes:
                res["rebuilt_note"] = notes[0]
    res["seconds"] = round(time.time() - t0, 3)
    res.pop("seconds")
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", help="directories (searched recursively) or .qpy files")
    ap.add_argument("--qpy-compat", action="store_true",
                    help="files from Qiskit's test/qpy_compat generator: create minimal expect.json files")
    ap.add_argument("--writer", help="(--qpy-compat) name of the venv that wrote the files")
    args = ap.parse_args(argv)

    files = []
    for p in args.paths:
        if p.endswith(".qpy"):
            files.append(p)
            continue
        for dirpath, dirnames, names in os.walk(p):
            dirnames.sort()
            if not args.qpy_compat and os.path.basename(dirpath) == "qpy_compat":
                dirnames[:] = []  # handled by --qpy-compat runs
                continue
            files.extend(os.path.join(dirpath, n) for n in sorted(names) if n.endswith(".qpy"))
    t0 = time.time()
    n_load = n_fail = n_match = n_eq = n_skip = 0
    for path in files:
        expect_path = path[:-4] + ".expect.json"
        if args.qpy_compat:
            expect = {}
            if os.path.exists(expect_path):
                with open(expect_path, encoding="utf-8") as f:
                    expect = json.load(f)
            with open(path, "rb") as f:
                head = f.read(32)
            expect.setdefault("file", os.path.basename(path))
            expect.setdefault("generator", "Qiskit test/qpy_compat/test_qpy.py generate")
            if args.writer:
                expect.setdefault("writer", args.writer)
            expect["header"] = gen.header_info(head)
            expect.setdefault("crossload", {})[LOADER_KEY] = crossload_one(path, expect, qpy_compat=True)
            expect["crossload"] = dict(sorted(expect["crossload"].items()))
            write_json(expect_path, expect)
            r = expect["crossload"][LOADER_KEY]
            n_load += r["loads"]
            n_fail += not r["loads"]
            continue
        if not os.path.exists(expect_path):
            n_skip += 1
            continue
        with open(expect_path, encoding="utf-8") as f:
            expect = json.load(f)
        res = crossload_one(path, expect)
        expect.setdefault("crossload", {})[LOADER_KEY] = res
        expect["crossload"] = dict(sorted(expect["crossload"].items()))
        write_json(expect_path, expect)
        n_load += res["loads"]
        n_fail += not res["loads"]
        n_match += bool(res.get("summary_matches_writer") or res.get("summary_matches_reference"))
        n_eq += bool(res.get("rebuilt_equal"))
    if args.qpy_compat:
        print(f"{LOADER_KEY}: {len(files)} qpy_compat files, {n_load} load, {n_fail} fail to load; "
              f"{time.time() - t0:.1f} s", file=sys.stderr)
    else:
        print(f"{LOADER_KEY}: {len(files)} files, {n_load} load, {n_fail} fail to load, "
              f"{n_match} match the writer's structure, {n_eq} == a rebuild here; "
              f"{n_skip} without expect.json; {time.time() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
