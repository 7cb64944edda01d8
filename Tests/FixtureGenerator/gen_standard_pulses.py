#!/usr/bin/env python3
"""Generate Sources/QPYText/StandardPulses.swift: the standard pulse shapes `.qpyasm` writes by name.

    python3 Tests/FixtureGenerator/gen_standard_pulses.py .build/debug/qpyconv [--check]

Standard library only. Reads every fixture under Tests/Fixtures/schedules with the qpyconv CLI
(QPY -> JSON) and collects, for every pulse of a standard Qiskit shape (Gaussian, Drag, ...), the
exact expression trees Qiskit stored: envelope, constraints and valid_amp_conditions in the infix
syntax, per (pulse_type, class, symbolic encoding, parameter order, shape options). The trees
differ between the sympy (srepr) and symengine encodings, between qiskit-terra releases and
qiskit 1.4.6, and sometimes between two pulses written by the same release (symengine orders the
terms of a sum by hash); every distinct tree becomes one entry, with the writers that produced it.

`.qpyasm` prints a symbolic pulse as `Gaussian(duration=…, …)` only when its trees are exactly one
of these entries; anything else is written with its expressions spelled out (`envelope=…`).

Shape options: a few Qiskit constructor arguments change the envelope without being stored as a
pulse parameter (`Sech(zero_ends=False)`). They are not in the QPY file; this script knows them
from the fixture case names (CASE_OPTIONS) and writes them with their defaults (OPTION_DEFAULTS).

--check: exit 1 if the generated file would differ from the committed one.
"""
import json
import os
import subprocess
import sys
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "schedules")
OUTPUT = os.path.join(ROOT, "Sources", "QPYText", "StandardPulses.swift")

# The shapes of qiskit.pulse.library (terra 0.22 to qiskit 1.4).
STANDARD = {
    "Constant", "Gaussian", "GaussianSquare", "GaussianSquareDrag", "gaussian_square_echo", "GaussianDeriv", "Drag",
    "Sin", "Cos", "Sawtooth", "Triangle", "Square", "Sech", "SechDeriv",
}
# Constructor arguments that select another envelope, with their defaults, per pulse type.
OPTION_DEFAULTS = {"Sech": OrderedDict([("zero_ends", "true")])}
# Fixture cases whose pulses were built with non-default options.
CASE_OPTIONS = {"pulse_Sech_zero_ends_False": {"zero_ends": "false"}}


def version_key(text):
    return tuple(int(part) for part in text.split("."))


def expression(member, default):
    """(infix text, encoding name) of a pulse expression member, or (None, None)."""
    if member is None:
        return None, None
    if isinstance(member, str):
        return member, default
    if "zlib" in member:
        return member["expr"], "zlib"
    return member["expr"], member.get("encoding", default)


def walk(block, top_level, header, case, found):
    default = ("symengine" if header["version"] >= 10 and top_level and header.get("symbolic_encoding") == "symengine" else "srepr")
    for item in block["instructions"]:
        if item["op"] == "block":
            walk(item, top_level, header, case, found)
            continue
        pulse = item.get("pulse")
        if not isinstance(pulse, dict) or pulse.get("pulse_type") not in STANDARD:
            continue
        trees, encodings = [], set()
        for key in ("envelope", "constraints", "valid_amp_conditions"):
            text, encoding = expression(pulse.get(key), default)
            trees.append(text)
            if encoding is not None:
                encodings.add(encoding)
        if len(encodings) != 1:
            continue
        encoding = encodings.pop()
        if encoding == "zlib":
            continue
        kind = "symengine" if encoding.startswith("symengine") else encoding
        if kind not in ("srepr", "symengine"):
            continue
        options = OrderedDict(OPTION_DEFAULTS.get(pulse["pulse_type"], {}))
        options.update(CASE_OPTIONS.get(case, {}))
        key = (pulse["pulse_type"], pulse["class"], kind, tuple(pulse["parameters"].keys()), tuple(options.items()), tuple(trees))
        entry = found.setdefault(key, {"writers": set(), "count": 0})
        entry["writers"].add(header["qiskit_version"])
        entry["count"] += 1
    for reference in block.get("references") or []:
        if reference["block"]:
            walk(reference["block"], False, header, case, found)


def swift_string(text):
    if text is None:
        return "nil"
    if '"#' in text:
        raise SystemExit("cannot quote %r" % text)
    return '#"' + text + '"#'


def generate(binary):
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(FIXTURES) for f in fs if f.endswith(".qpy"))
    found = {}
    for path in files:
        run = subprocess.run([binary, path, "-", "--to", "json"], capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit("qpyconv failed on %s: %s" % (path, run.stderr))
        document = json.loads(run.stdout)
        case = os.path.splitext(os.path.basename(path))[0]
        for block in document["schedules"]:
            walk(block, True, document["qpy"], case, found)
    entries = sorted(found.items(), key=lambda item: (
        item[0][0], item[0][2], -item[1]["count"], tuple(sorted((version_key(w) for w in item[1]["writers"]), reverse=True)), repr(item[0])))
    entries.sort(key=lambda item: (item[0][0], item[0][2]))  # stable: keeps count order inside a type and encoding
    lines = [
        "// Generated by Tests/FixtureGenerator/gen_standard_pulses.py from the %d fixtures in" % len(files),
        "// Tests/Fixtures/schedules. Do not edit: run",
        "//     python3 Tests/FixtureGenerator/gen_standard_pulses.py .build/debug/qpyconv",
        "",
        "extension StandardPulses {",
        "    /// Constructor arguments that select another envelope (not stored in QPY), with their defaults.",
        "    static let optionDefaults: [String: [StandardShape.Option]] = [",
    ]
    for pulse_type in sorted(OPTION_DEFAULTS):
        options = ", ".join('StandardShape.Option(name: "%s", value: "%s")' % item for item in OPTION_DEFAULTS[pulse_type].items())
        lines.append('        "%s": [%s],' % (pulse_type, options))
    lines += [
        "    ]",
        "",
        "    /// Every distinct (shape, class, encoding, parameter order, options, trees) Qiskit wrote, most",
        "    /// frequent first within a shape and encoding.",
        "    static let rawShapes: [RawShape] = [",
    ]
    for (pulse_type, class_name, kind, parameters, options, trees), info in entries:
        writers = ", ".join('"%s"' % w for w in sorted(info["writers"], key=version_key))
        lines += [
            "        RawShape(",
            '            pulseType: "%s", className: %s, encoding: .%s,' % (pulse_type, '"%s"' % class_name if class_name else "nil", kind),
            "            writers: [%s], occurrences: %d," % (writers, info["count"]),
            "            parameters: [%s]," % ", ".join('"%s"' % p for p in parameters),
            "            options: [%s]," % ", ".join('StandardShape.Option(name: "%s", value: "%s")' % o for o in options),
            "            envelope: %s," % swift_string(trees[0]),
            "            constraints: %s," % swift_string(trees[1]),
            "            conditions: %s)," % swift_string(trees[2]),
        ]
    lines += ["    ]", "}", ""]
    return "\n".join(lines)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        raise SystemExit(__doc__)
    text = generate(os.path.abspath(args[0]))
    if "--check" in sys.argv:
        with open(OUTPUT, encoding="utf-8") as handle:
            same = handle.read() == text
        print("StandardPulses.swift is %s" % ("up to date" if same else "out of date"))
        return 0 if same else 1
    with open(OUTPUT, "w", encoding="utf-8") as handle:
        handle.write(text)
    print("wrote %s (%d shapes)" % (os.path.relpath(OUTPUT, ROOT), text.count("RawShape(") - 0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
