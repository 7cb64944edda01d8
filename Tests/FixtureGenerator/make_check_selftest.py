#!/usr/bin/env python3
"""Build the self-test inputs of check_expressions.py from the committed fixtures.

    python3 Tests/FixtureGenerator/make_check_selftest.py

writes
  Tests/FixtureGenerator/check_selftest_good.json  - every case must pass;
  Tests/FixtureGenerator/check_selftest_bad.json   - every case must fail
                                                      (one defect each, named in the case).
Only the standard library is needed (no Qiskit).
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Fixtures", "expressions")


def load(name):
    with open(os.path.join(FIXTURES, name + ".json"), encoding="utf-8") as fh:
        return json.load(fh)


def pulse_form(doc, case, key):
    pulse = next(p for p in doc["pulses"] if p["case"] == case)
    return pulse[key]


def expr_form(doc, case):
    return next(e for e in doc["parameter_expressions"] if e["case"] == case)


def case(name, form, expected=True):
    out = {"case": name, "srepr": form["srepr"], "symengine": form["symengine"]}
    if expected:
        out["expected_srepr"] = form["srepr"]
    return out


def main():
    q = load("qiskit-1.4.6")
    terra = load("terra-0.25.3")
    good = [
        case("Gaussian.envelope", pulse_form(q, "Gaussian", "envelope")),
        case("GaussianSquare.constraints", pulse_form(q, "GaussianSquare", "constraints")),
        case("GaussianDeriv.valid_amp_conditions", pulse_form(q, "GaussianDeriv", "valid_amp_conditions")),
        case("custom_symengine_piecewise_and_or.envelope", pulse_form(q, "custom_symengine_piecewise_and_or", "envelope")),
        case("expr.functions_composed", expr_form(q, "functions_composed")),
        case("expr.complex_general", expr_form(q, "complex_general")),
        case("expr.vector_unicode", expr_form(q, "vector_unicode")),
        {"case": "srepr_only.sign", "srepr": expr_form(q, "sign")["srepr"]},
    ]
    sin_form = expr_form(q, "sin")
    cos_form = expr_form(q, "cos")
    gauss = pulse_form(q, "Gaussian", "envelope")
    bad = [
        # srepr and symengine describe different expressions
        {"case": "bad.mismatch_sin_vs_cos", "srepr": sin_form["srepr"], "symengine": cos_form["symengine"]},
        # expected_srepr differs by one character
        {
            "case": "bad.expected_srepr_differs",
            "srepr": sin_form["srepr"],
            "symengine": sin_form["symengine"],
            "expected_srepr": sin_form["srepr"].replace("'x'", "'y'"),
        },
        # truncated symengine payload
        {"case": "bad.truncated_symengine", "srepr": gauss["srepr"], "symengine": gauss["symengine"][:-8]},
        # srepr that is not Python
        {"case": "bad.unparseable_srepr", "srepr": "Mul(Symbol('x'),", "symengine": sin_form["symengine"]},
        # symengine 0.9 payload (header minor 9): symengine 0.13 refuses it
        {
            "case": "bad.symengine_0_9_header",
            "srepr": expr_form(terra, "sin")["srepr"],
            "symengine": expr_form(terra, "sin")["symengine"],
        },
        # free symbols differ
        {"case": "bad.free_symbols_differ", "srepr": "sin(Symbol('y'))", "symengine": sin_form["symengine"]},
    ]
    for name, cases in (("check_selftest_good.json", good), ("check_selftest_bad.json", bad)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as fh:
            json.dump({"cases": cases}, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
        print(f"wrote {name}: {len(cases)} cases")


if __name__ == "__main__":
    main()
