#!/usr/bin/env python3
"""Oracle check of symbolic expressions produced by the Swift tool.

Run inside the qiskit-1.4.6 venv (symengine 0.13, sympy):

    .venv/qiskit-1.4.6/bin/python Tests/FixtureGenerator/check_expressions.py CASES.json

CASES.json: {"cases": [{"case": "...", "srepr": "...", "symengine": "<hex>",
                        "expected_srepr": "..."}]}
("symengine" and "expected_srepr" may be absent or null; "srepr" too, if
"symengine" is given.)

For every case:
  1. ``sympy.parse_expr(srepr)`` must parse;
  2. ``symengine.lib.symengine_wrapper.load_basic(bytes.fromhex(symengine))``
     must load (symengine 0.13 accepts only payloads whose header says 0.13);
  3. if both are given, the two must be the same expression: same free symbol
     names, and equal values at 3 random points (every symbol drawn from
     [0.1, 3.0); relative tolerance 1e-9; relations / boolean expressions are
     compared by truth value; points where both sides are not finite are
     redrawn);
  4. if ``expected_srepr`` is given, ``srepr`` must equal it character for
     character.
Failures are listed as "FAIL <case>: <reason>"; the last line is
"N passed, N failed"; the exit status is 1 if anything failed.
"""

from __future__ import annotations

import argparse
import cmath
import json
import math
import random
import sys

import sympy
from sympy.parsing.sympy_parser import parse_expr

try:
    import symengine
    import symengine.lib.symengine_wrapper as symengine_wrapper
except ImportError:  # pragma: no cover
    symengine = None
    symengine_wrapper = None

REL_TOL = 1e-9
POINTS = 3
MAX_DRAWS = 30


class CheckError(Exception):
    pass


def parse_srepr(text):
    try:
        return parse_expr(text)
    except Exception as exc:  # noqa: BLE001
        raise CheckError(f"srepr does not parse: {type(exc).__name__}: {exc}") from None


def load_symengine(hex_text):
    if symengine_wrapper is None:
        raise CheckError("symengine is not installed in this interpreter")
    try:
        data = bytes.fromhex(hex_text)
    except ValueError as exc:
        raise CheckError(f"symengine field is not hex: {exc}") from None
    try:
        return symengine_wrapper.load_basic(data)
    except Exception as exc:  # noqa: BLE001
        raise CheckError(f"symengine bytes do not load: {type(exc).__name__}: {exc}") from None


def to_sympy(obj):
    try:
        return sympy.sympify(obj)
    except Exception as exc:  # noqa: BLE001
        raise CheckError(f"cannot convert the symengine object to sympy: {type(exc).__name__}: {exc}") from None


def is_boolean(expr):
    # Not sympy.logic.boolalg.Boolean: a plain Symbol is also a Boolean there.
    return isinstance(
        expr,
        (
            sympy.core.relational.Relational,
            sympy.logic.boolalg.BooleanFunction,
            sympy.logic.boolalg.BooleanAtom,
        ),
    )


def evaluate(expr, point):
    """Value of expr at point: bool for boolean expressions, complex otherwise, None if not finite."""
    value = expr.xreplace(point)
    if is_boolean(expr):
        value = sympy.simplify(value) if not isinstance(value, sympy.logic.boolalg.BooleanAtom) else value
        if value in (sympy.true, sympy.false):
            return bool(value)
        raise CheckError(f"boolean expression did not evaluate to true/false: {value}")
    value = value.evalf(30)
    try:
        c = complex(value)
    except (TypeError, ValueError):
        return None  # zoo, nan, ...
    if not (math.isfinite(c.real) and math.isfinite(c.imag)):
        return None
    return c


def close(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    return cmath.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-300)


def compare(a, b, rng):
    names_a = {s.name for s in a.free_symbols}
    names_b = {s.name for s in b.free_symbols}
    if names_a != names_b:
        raise CheckError(f"free symbols differ: symengine {sorted(names_a)} vs srepr {sorted(names_b)}")
    if is_boolean(a) != is_boolean(b):
        raise CheckError("one side is a boolean/relational expression, the other is not")
    symbols_a = {s.name: s for s in a.free_symbols}
    symbols_b = {s.name: s for s in b.free_symbols}
    checked = 0
    for _ in range(MAX_DRAWS):
        values = {name: rng.uniform(0.1, 3.0) for name in sorted(names_a)}
        va = evaluate(a, {symbols_a[n]: sympy.Float(v) for n, v in values.items()})
        vb = evaluate(b, {symbols_b[n]: sympy.Float(v) for n, v in values.items()})
        if va is None and vb is None:
            continue
        if va is None or vb is None or not close(va, vb):
            raise CheckError(f"values differ at {values}: symengine {va} vs srepr {vb}")
        checked += 1
        if checked == POINTS or not names_a:
            return
    raise CheckError(f"could not find {POINTS} points where the expression is finite")


def check_case(case, rng):
    srepr_text = case.get("srepr")
    hex_text = case.get("symengine")
    expected = case.get("expected_srepr")
    if srepr_text is None and hex_text is None:
        raise CheckError("neither srepr nor symengine given")
    parsed = parse_srepr(srepr_text) if srepr_text is not None else None
    loaded = load_symengine(hex_text) if hex_text is not None else None
    if parsed is not None and loaded is not None:
        compare(to_sympy(loaded), parsed, rng)
    if expected is not None:
        if srepr_text is None:
            raise CheckError("expected_srepr given but srepr is missing")
        if srepr_text != expected:
            i = next((k for k, (p, q) in enumerate(zip(srepr_text, expected)) if p != q), min(len(srepr_text), len(expected)))
            raise CheckError(
                f"srepr differs from expected_srepr at offset {i}: "
                f"got {srepr_text[max(0, i - 20):i + 30]!r}, expected {expected[max(0, i - 20):i + 30]!r}"
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description="Oracle check of srepr/symengine pairs (see module docstring).")
    parser.add_argument("cases", help="JSON file {\"cases\": [...]}")
    parser.add_argument("--seed", type=int, default=12345, help="random seed for evaluation points")
    args = parser.parse_args(argv)

    with open(args.cases, encoding="utf-8") as fh:
        doc = json.load(fh)
    cases = doc["cases"]
    rng = random.Random(args.seed)
    passed = failed = 0
    for index, case in enumerate(cases):
        name = case.get("case", f"#{index}")
        try:
            check_case(case, rng)
        except CheckError as exc:
            failed += 1
            print(f"FAIL {name}: {exc}")
        except Exception as exc:  # noqa: BLE001 - a checker bug must not hide the case
            failed += 1
            print(f"FAIL {name}: checker error {type(exc).__name__}: {exc}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
