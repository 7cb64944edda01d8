#!/usr/bin/env python3
"""Validates qpyconv's JSON output against Schemas/qpyconv.schema.json.

Run with a Python that has `jsonschema` (the qiskit-1.4.6 venv does):
    .venv/qiskit-1.4.6/bin/python Tests/Interop/validate_json.py .build/debug/qpyconv [PATHS...]

Checks, each counted once:
  * the schema itself: valid draft 2020-12, and a `description` on every property and `$defs` entry;
  * every `.qpy` under Tests/Fixtures/schedules and Tests/Fixtures/circuits (or under / among PATHS: `.qpy` files, directories
    searched for `.qpy` files, and `.json` documents validated as they are) is converted to JSON
    with qpyconv into a temporary directory, and the JSON is validated (Draft202012Validator with
    format checking; duplicate object members are refused too). A circuit fixture qpyconv refuses
    to read (e.g. the terra `controlled_custom.qpy` files) is reported as `SKIP` and not counted;
  * every Examples/**/*.json is validated, and each one with a `.qpy` next to it must be exactly
    what qpyconv writes for that `.qpy` today (else it is stale: regenerate it);
  * positive documents (below) that the fixtures do not cover, e.g. the storage details and the
    typed-value and `operands` fallback forms: the schema must accept them, and qpyconv must turn
    each into QPY and read that QPY back;
  * positive and negative documents exist for both pulse programs (`schedules`) and circuits;
  * negative documents (deliberately broken): the schema must REJECT each one (counted as passed
    when rejected). A "NOTE" line is printed when qpyconv itself accepts one.
Prints `FAIL path: message (at json-pointer)` per failure and ends with `N passed, N failed` on the
last line; exits 1 on any failure, 2 on a usage error.
"""
import concurrent.futures
import copy
import errno
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCHEMA_PATH = os.path.join(ROOT, "Schemas", "qpyconv.schema.json")
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "schedules")
CIRCUIT_FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "circuits")
EXAMPLES = os.path.join(ROOT, "Examples")

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match
except ImportError:  # pragma: no cover
    sys.exit("validate_json.py needs the `jsonschema` package (e.g. .venv/qiskit-1.4.6/bin/python)")


# MARK: - Helpers

class DuplicateMember(ValueError):
    pass


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateMember("duplicate member %r" % key)
        result[key] = value
    return result


def parse_json(text):
    """Parses JSON the way qpyconv writes it (metadata may hold Infinity/-Infinity/NaN tokens)."""
    return json.loads(text, object_pairs_hook=_no_duplicates)


def pointer(path):
    """A JSON Pointer from a jsonschema error path."""
    if not path:
        return '""'
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in path)


def rel(path):
    try:
        relative = os.path.relpath(path, ROOT)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def run_tool(tool, *args):
    """Runs qpyconv; retries briefly when the binary is being rebuilt (ETXTBSY)."""
    for attempt in range(20):
        try:
            return subprocess.run([tool, *args], capture_output=True, text=True)
        except OSError as error:
            if error.errno != errno.ETXTBSY or attempt == 19:
                raise
            time.sleep(0.5)


def first_line(text):
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "(no message)"


class Checker:
    def __init__(self, tool):
        self.tool = tool
        with open(SCHEMA_PATH, encoding="utf-8") as handle:
            self.schema = json.load(handle)
        self.validator = Draft202012Validator(self.schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        self.passed = 0
        self.failed = 0
        self.skipped = []

    def fail(self, path, message, at=None):
        self.failed += 1
        print("FAIL %s: %s%s" % (path, message, "" if at is None else " (at %s)" % at), flush=True)

    def ok(self):
        self.passed += 1

    def schema_error(self, document):
        """The most relevant schema error, or None."""
        return best_match(self.validator.iter_errors(document))

    # MARK: - Checks

    def check_schema(self):
        label = rel(SCHEMA_PATH)
        try:
            Draft202012Validator.check_schema(self.schema)
        except Exception as error:  # jsonschema.SchemaError
            self.fail(label, "not a valid draft 2020-12 schema: %s" % error.message, pointer(error.path))
            return
        missing = []

        def walk(node, path):
            if isinstance(node, dict):
                for name, sub in (node.get("properties") or {}).items():
                    if not isinstance(sub, dict) or "description" not in sub:
                        missing.append(path + "/properties/" + name)
                for key, sub in node.items():
                    walk(sub, path + "/" + key)
            elif isinstance(node, list):
                for index, sub in enumerate(node):
                    walk(sub, path + "/" + str(index))

        walk(self.schema, "")
        missing += ["/$defs/" + name for name, sub in self.schema.get("$defs", {}).items() if "description" not in sub]
        for key in ("$id", "title", "description"):
            if key not in self.schema:
                missing.append("/" + key)
        if missing:
            self.fail(label, "%d descriptions missing, first" % len(missing), missing[0])
        else:
            self.ok()

    def validate_text(self, label, text):
        """Validates one JSON document's text; returns True when valid."""
        try:
            document = parse_json(text)
        except (ValueError, DuplicateMember) as error:
            self.fail(label, "not JSON: %s" % error)
            return False
        error = self.schema_error(document)
        if error is not None:
            self.fail(label, error.message[:300], pointer(error.absolute_path))
            return False
        self.ok()
        return True

    def convert_and_validate(self, qpy_paths, workdir):
        def convert(index_path):
            index, path = index_path
            out = os.path.join(workdir, "%05d.json" % index)
            result = run_tool(self.tool, path, out)
            if result.returncode != 0:
                return path, None, "qpyconv failed (exit %d): %s" % (result.returncode, first_line(result.stderr))
            with open(out, encoding="utf-8") as handle:
                text = handle.read()
            os.remove(out)
            return path, text, None

        workers = max(1, min(2, os.cpu_count() or 1))
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            for path, text, problem in pool.map(convert, enumerate(qpy_paths)):
                if problem is not None and is_circuit_fixture(path):
                    self.skipped.append(path)
                    print("SKIP %s: %s" % (rel(path), problem), flush=True)
                elif problem is not None:
                    self.fail(rel(path), problem)
                else:
                    self.validate_text(rel(path), text)

    def check_examples(self, workdir):
        paths = sorted(glob.glob(os.path.join(EXAMPLES, "**", "*.json"), recursive=True))
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                committed = handle.read()
            self.validate_text(rel(path), committed)
            qpy = path[:-len(".json")] + ".qpy"
            if not os.path.exists(qpy):
                continue
            out = os.path.join(workdir, "example-" + os.path.basename(path))
            result = run_tool(self.tool, qpy, out)
            if result.returncode != 0:
                self.fail(rel(path), "qpyconv cannot convert %s: %s" % (rel(qpy), first_line(result.stderr)))
                continue
            with open(out, encoding="utf-8") as handle:
                fresh = handle.read()
            if fresh == committed:
                self.ok()
            else:
                self.fail(rel(path), "stale: differs from what qpyconv writes for %s today (regenerate: qpyconv %s %s)"
                          % (rel(qpy), rel(qpy), rel(path)))

    def check_positive(self, workdir):
        for index, (name, document) in enumerate(positive_documents()):
            label = "positive:" + name
            error = self.schema_error(document)
            if error is not None:
                self.fail(label, "schema rejects a valid document: " + error.message[:300], pointer(error.absolute_path))
                continue
            source = os.path.join(workdir, "positive-%02d.json" % index)
            with open(source, "w", encoding="utf-8") as handle:
                json.dump(document, handle, ensure_ascii=False, indent=1)
            result = run_tool(self.tool, source, source[:-5] + ".qpy")
            if result.returncode != 0:
                self.fail(label, "qpyconv rejects this positive document: " + first_line(result.stderr))
                continue
            result = run_tool(self.tool, source[:-5] + ".qpy", source[:-5] + ".back.json")
            if result.returncode != 0:
                self.fail(label, "qpyconv cannot read back the QPY it wrote for this document: " + first_line(result.stderr))
                continue
            self.ok()

    def check_negative(self, workdir):
        for index, (name, document) in enumerate(negative_documents()):
            label = "negative:" + name
            if self.schema_error(document) is None:
                self.fail(label, "the schema accepts a broken document")
                continue
            self.ok()
            source = os.path.join(workdir, "negative-%02d.json" % index)
            with open(source, "w", encoding="utf-8") as handle:
                json.dump(document, handle, ensure_ascii=False, indent=1)
            if run_tool(self.tool, source, source[:-5] + ".qpy").returncode == 0:
                print("NOTE %s: rejected by the schema but accepted by qpyconv" % label, flush=True)


# MARK: - Documents

UUID_AMP = "00000000-0000-0000-0000-00000000a001"
UUID_A1 = "00000000-0000-0000-0000-000000001001"
UUID_A2 = "00000000-0000-0000-0000-000000001002"


def base_document():
    """A small valid document (QPY 13, every usual instruction shape)."""
    return {
        "schema_version": 1,
        "qpy": {"version": 13, "qiskit_version": "1.4.6", "symbolic_encoding": "sympy"},
        "parameters": [
            {"name": "amp", "uuid": UUID_AMP},
            {"name": "w[1]", "uuid": "00000000-0000-0000-0000-00000000b001", "vector": {"name": "w", "length": 2, "index": 1}},
        ],
        "schedules": [{
            "name": "base",
            "metadata": {"qubits": [0]},
            "alignment": "left",
            "instructions": [
                {"op": "play", "pulse": {
                    "pulse_type": "Gaussian", "class": "ScalableSymbolicPulse", "duration": 64,
                    "parameters": {"sigma": 16, "amp": "amp", "angle": 0.0},
                    "envelope": "exp(I*angle)*amp*exp(-1/2*(t - duration/2)**2/sigma**2)",
                    "constraints": "0 < sigma", "valid_amp_conditions": "Abs(amp) <= 1.0",
                    "limit_amplitude": True, "name": None}, "channel": "d0"},
                {"op": "play", "pulse": {"waveform": [[0.1, 0.0], [0.0, -0.2]], "epsilon": 1.0000000116860974e-07,
                                         "limit_amplitude": True, "name": "w"}, "channel": "u1", "name": "w"},
                {"op": "delay", "duration": 16, "channel": "d0"},
                {"op": "shift_phase", "phase": "2*w[1] + 1", "channel": "d0"},
                {"op": "acquire", "duration": 100, "channel": "a0", "mem_slot": "mem0", "reg_slot": None,
                 "kernel": None, "discriminator": None},
                {"op": "relative_barrier", "channels": ["d0", "a0"]},
                {"op": "block", "name": "block1", "metadata": {}, "alignment": "sequential",
                 "instructions": [{"op": "set_frequency", "frequency": 5e9, "channel": "d0"}], "references": []},
                {"op": "reference", "keys": ["x", "q0"], "name": "x"},
            ],
            "references": [
                {"key": ["x", "q0"], "block": {"name": "x", "metadata": {}, "alignment": "left",
                                               "instructions": [{"op": "time_blockade", "duration": 8, "channel": "d0"}],
                                               "references": []}},
            ],
        }],
    }


def edited(edit):
    document = base_document()
    edit(document)
    return document


def instructions(document):
    return document["schedules"][0]["instructions"]


def positive_documents():
    """Valid documents showing forms the real fixtures do not contain."""
    yield "base", base_document()
    yield "minimal", {"schema_version": 1, "qpy": {"version": 13, "qiskit_version": "1.4.6"},
                      "schedules": [{"name": "empty", "instructions": []}]}
    yield "$schema member, null references (QPY 5 style)", {
        "$schema": "https://qpyconv.org/schemas/qpyconv-1.schema.json", "schema_version": 1,
        "qpy": {"version": 5, "qiskit_version": "0.22.4", "symbolic_encoding": None}, "parameters": [],
        "schedules": [{"name": "s", "metadata": {}, "alignment": {"equispaced": 100},
                       "instructions": [{"op": "delay", "duration": 10, "channel": "d0"}], "references": None}]}
    # Written by real Qiskit 1.4.6 (QPY 13): two parameters named "a", a substituted expression whose
    # symbol map and replay program are kept, NaN and a 2**60 integer.
    yield "uuids, symbol_map, replay, float, int (Qiskit-written)", {
        "schema_version": 1, "qpy": {"version": 13, "qiskit_version": "1.4.6", "symbolic_encoding": "symengine"},
        "parameters": [{"name": "a", "uuid": UUID_A1}, {"name": "a", "uuid": UUID_A2},
                       {"name": "y", "uuid": "00000000-0000-0000-0000-000000001004"},
                       {"name": "x", "uuid": "00000000-0000-0000-0000-000000001003"}],
        "schedules": [{"name": "ambiguous", "metadata": {}, "alignment": "left", "instructions": [
            {"op": "shift_phase", "phase": {"expr": "a", "uuids": {"a": UUID_A1}}, "channel": "d0"},
            {"op": "shift_phase", "phase": {"expr": "a + 1", "uuids": {"a": UUID_A2}}, "channel": "d0"},
            {"op": "shift_phase", "phase": {"expr": "y*2", "symbol_map": [
                {"symbol": "y", "uuid": "00000000-0000-0000-0000-000000001004", "value_type": "p", "value": ""},
                {"symbol": "x", "uuid": "00000000-0000-0000-0000-000000001003", "value_type": "p",
                 "value": "00010000000000000000000000000000100378"},
                {"symbol": "y", "uuid": "00000000-0000-0000-0000-000000001004", "value_type": "p",
                 "value": "00010000000000000000000000000000100479"}],
                "replay": "02700000000000000000000000000000100369000000000000000000000000000000020f7500000000000000210000"
                          "0000000000006e00000000000000000000000000000000000000000000000100017000137800010000000000000000"
                          "000000000000100479"}, "channel": "d0"},
            {"op": "set_frequency", "frequency": {"float": "NaN"}, "channel": "d0"},
            {"op": "set_phase", "phase": {"int": "1152921504606846976"}, "channel": "d0"}],
            "references": []}]}
    yield "storage details (metadata_text, npy_header, pulse expression encoding/zlib, symengine_version)", edited(lambda d: (
        d["qpy"].update(version=11, symbolic_encoding="symengine", symengine_version="0.11"),
        d["schedules"][0].update(qpy={"metadata_text": "{\n \"qubits\": [\n  0\n ]\n}"}),
        instructions(d)[0]["pulse"].update(
            envelope={"expr": "exp(I*angle)*amp*exp(-1/2*(t - duration/2)**2/sigma**2)", "encoding": "srepr"},
            valid_amp_conditions={"expr": "Abs(amp) <= 1.0", "zlib": "78da636460e06560646068c86060606002d2be409a1948f3"
                                  "3240186090985bc00214636380810ff60082950551"}),
        instructions(d)[1]["pulse"].update(qpy={"npy_header": "2|{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }"
                                                              + " " * 57 + "\n"}),
        instructions(d).__setitem__(3, {"op": "shift_phase", "phase": "amp*2", "channel": "d0"}),
        d["parameters"].pop()))
    yield "typed values in the numeric spelling", edited(lambda d: instructions(d)[0]["pulse"]["parameters"].update(
        sigma={"int": "-9223372036854775808"}, amp={"complex": [0.5, {"float": "-Infinity"}]},
        angle={"float": "0x7ff8000000000001"}, label={"string": "a literal string"}, beta=None,
        gamma={"expr": "amp*2", "symbols": ["amp"], "encoding": "replay"}))
    yield "operands fallback with every operand kind", edited(lambda d: instructions(d).extend([
        {"op": "play", "operands": [{"value": {"int": "9007199254740993"}}, {"channel": "d0"}], "name": "odd"},
        {"op": "acquire", "operands": [{"value": 10}, {"channel": "a0"}, {"value": {"expr": "amp"}}, {"value": None},
                                       {"kernel": {"name": "k", "parameters": {}}},
                                       {"discriminator": {"name": None, "parameters": {"t": 0.5}}}]},
        {"op": "reference", "operands": [{"string": "x"}, {"pulse": {"waveform": [[1.0, 0.0]]}}]},
        {"op": "delay", "operands": []}]))
    yield "kernel parameters: dict, list, complex, expression, string", edited(lambda d: instructions(d)[4].update(
        kernel={"name": "boxcar", "parameters": {"weights": [0.1, [1, None]], "center": {"dict": {"re": 1.0, "deep": {"dict": {}}}},
                                                 "c": {"complex": [1.0, 2.0]}, "e": {"expr": "amp"}, "s": "text"}},
        discriminator={"name": "linear", "parameters": {}}, reg_slot="reg3"))
    yield "channel objects, alignment key form, nested references", edited(lambda d: (
        instructions(d)[2].update(channel={"kind": "control", "index": "amp + 1"}),
        instructions(d)[4].update(mem_slot={"kind": "memorySlot", "index": -1}),
        d["schedules"][0].update(alignment={"key": "x", "parameters": [1, "amp", None]}),
        d["schedules"][0]["references"].append({"key": ["unassigned"], "block": None}),
        d["schedules"].append({"op": "block", "name": "second", "instructions": [], "metadata": [1, {"k": None}]})))
    yield from circuit_positive_documents()


UUID_THETA = "00000000-0000-0000-0000-00000000c001"


def base_circuit_document():
    """A small valid circuit document (QPY 13): registers, a custom gate and a controlled gate with its
    base gate, parameters, a label, both condition forms, control flow and a calibration."""
    def body(name, clbits):
        return {"name": name, "num_qubits": 1, "num_clbits": clbits, "global_phase": 0.0, "metadata": {},
                "registers": [{"name": "q", "kind": "quantum", "bits": [-1, 0], "in_circuit": False}],
                "instructions": [{"op": "XGate", "qubits": [0]}]}
    return {
        "schema_version": 1,
        "qpy": {"version": 13, "qiskit_version": "1.4.6", "symbolic_encoding": "sympy"},
        "parameters": [{"name": "theta", "uuid": UUID_THETA}],
        "circuits": [{
            "name": "base",
            "num_qubits": 2,
            "num_clbits": 2,
            "global_phase": "theta/2",
            "metadata": {"purpose": "schema check"},
            "registers": [{"name": "q", "kind": "quantum", "bits": [0, 1]},
                          {"name": "c", "kind": "classical", "bits": [0, 1]}],
            "definitions": [
                {"name": "my_gate", "kind": "gate", "num_qubits": 1, "num_clbits": 0,
                 "definition": {"name": "my_gate", "num_qubits": 1, "num_clbits": 0, "global_phase": 0.0, "metadata": {},
                                "registers": [{"name": "q", "kind": "quantum", "bits": [0]}],
                                "instructions": [{"op": "HGate", "qubits": [0]}]}},
                {"name": "cmy", "kind": "controlled_gate", "num_qubits": 2, "num_clbits": 0, "ctrl": [1, 1],
                 "definition": None, "base_gate": {"op": "my_gate", "num_qubits": 1, "num_clbits": 0}},
            ],
            "instructions": [
                {"op": "my_gate", "qubits": [0]},
                {"op": "cmy", "qubits": [0, 1], "ctrl": [1, 1]},
                {"op": "RZGate", "qubits": [1], "params": ["theta"], "label": "rz"},
                {"op": "Measure", "qubits": [0], "clbits": [0]},
                {"op": "XGate", "qubits": [1], "condition": {"target": {"register": "c"}, "value": 1}},
                {"op": "IfElseOp", "qubits": [1], "clbits": [0], "params": [{"circuit": body("true_body", 0)}, None],
                 "condition": {"expr": {"binary": "equal", "lhs": {"var": {"clbit": 0}, "type": "bool"},
                                        "rhs": {"value": True, "type": "bool"}, "type": "bool"}}},
                {"op": "ForLoopOp", "qubits": [1], "params": [{"range": [0, 4, 1]}, None, {"circuit": body("loop", 0)}]},
            ],
            "calibrations": [{"gate": "my_gate", "qubits": [0], "params": [],
                              "schedule": {"name": "cal", "metadata": {}, "alignment": "left",
                                           "instructions": [{"op": "delay", "duration": 16, "channel": "d0"}]}}],
        }],
    }


def edited_circuit(edit):
    document = base_circuit_document()
    edit(document)
    return document


def circuit_instructions(document):
    return document["circuits"][0]["instructions"]


def circuit_positive_documents():
    """Valid circuit documents (hand-written forms: defaults left out, a calibration)."""
    yield "circuit base", base_circuit_document()
    yield "circuit minimal", {"schema_version": 1, "qpy": {"version": 13, "qiskit_version": "1.4.6"},
                              "circuits": [{"name": "empty", "num_qubits": 1, "num_clbits": 0, "instructions": []}]}


def negative_documents():
    """Broken documents the schema must reject."""
    yield "unknown op", edited(lambda d: instructions(d)[2].update(op="wait"))
    yield "bad channel string (leading zero)", edited(lambda d: instructions(d)[2].update(channel="d01"))
    yield "bad channel string (unknown prefix)", edited(lambda d: instructions(d)[2].update(channel="q0"))
    yield "missing schema_version", edited(lambda d: d.pop("schema_version"))
    yield "schema_version 2", edited(lambda d: d.update(schema_version=2))
    yield "extra member in the document", edited(lambda d: d.update(comment="hi"))
    yield "extra member in an instruction", edited(lambda d: instructions(d)[2].update(units="dt"))
    yield "extra member in a block", edited(lambda d: d["schedules"][0].update(duration=64))
    yield "extra member in a waveform", edited(lambda d: instructions(d)[1]["pulse"].update(pulse_type="X"))
    yield "missing channel of play", edited(lambda d: instructions(d)[0].pop("channel"))
    yield "boolean as a value", edited(lambda d: instructions(d)[2].update(duration=True))
    yield "equispaced alignment without duration", edited(lambda d: d["schedules"][0].update(alignment="equispaced"))
    yield "typed operand with two members", edited(lambda d: instructions(d).append(
        {"op": "delay", "operands": [{"value": 1, "channel": "d0"}]}))
    yield "bad UUID in the parameter table", edited(lambda d: d["parameters"][0].update(uuid="not-a-uuid"))
    yield "non-finite float spelled inf", edited(lambda d: instructions(d)[2].update(duration={"float": "inf"}))
    yield "integer object beyond 64 bits", edited(lambda d: instructions(d)[2].update(duration={"int": "9223372036854775808"}))
    yield "missing qpy version", edited(lambda d: d["qpy"].pop("version"))
    # QPY cannot store these as instruction operands: value type keys `s` and `c` mean a
    # SymbolicPulse and a channel in the operand namespace.
    yield "string value as an instruction operand", edited(lambda d: instructions(d)[2].update(duration={"string": "16"}))
    yield "complex value as an instruction operand", edited(lambda d: instructions(d).append(
        {"op": "delay", "operands": [{"value": {"complex": [1.0, 0.0]}}, {"channel": "d0"}]}))
    yield "nested block without a name", edited(lambda d: instructions(d)[6].pop("name"))
    # Circuit documents.
    yield "circuit: both schedules and circuits", edited_circuit(lambda d: d.update(schedules=[]))
    yield "circuit: neither schedules nor circuits", edited_circuit(lambda d: d.pop("circuits"))
    yield "circuit: missing num_qubits", edited_circuit(lambda d: d["circuits"][0].pop("num_qubits"))
    yield "circuit: extra member in a circuit", edited_circuit(lambda d: d["circuits"][0].update(depth=3))
    yield "circuit: extra member in an instruction", edited_circuit(lambda d: circuit_instructions(d)[0].update(qargs=[0]))
    yield "circuit: instruction without qubits", edited_circuit(lambda d: circuit_instructions(d)[0].pop("qubits"))
    yield "circuit: negative qubit index", edited_circuit(lambda d: circuit_instructions(d)[0].update(qubits=[-1]))
    yield "circuit: unknown register kind", edited_circuit(lambda d: d["circuits"][0]["registers"][0].update(kind="qubit"))
    yield "circuit: condition without value", edited_circuit(lambda d: circuit_instructions(d)[4]["condition"].pop("value"))
    yield "circuit: classical node without type", edited_circuit(
        lambda d: circuit_instructions(d)[5]["condition"]["expr"]["lhs"].pop("type"))
    yield "circuit: unknown binary operator", edited_circuit(
        lambda d: circuit_instructions(d)[5]["condition"]["expr"].update(binary="pow"))
    yield "circuit: unknown definition kind", edited_circuit(lambda d: d["circuits"][0]["definitions"][0].update(kind="macro"))
    yield "circuit: detached base gate without num_clbits", edited_circuit(
        lambda d: d["circuits"][0]["definitions"][1]["base_gate"].pop("num_clbits"))
    yield "circuit: range with two items", edited_circuit(lambda d: circuit_instructions(d)[6]["params"].__setitem__(0, {"range": [0, 4]}))
    yield "circuit: ctrl with one item", edited_circuit(lambda d: circuit_instructions(d)[1].update(ctrl=[1]))
    yield "circuit: bad op in a calibration schedule", edited_circuit(
        lambda d: d["circuits"][0]["calibrations"][0]["schedule"]["instructions"][0].update(op="wait"))
    yield "circuit: calibration without schedule", edited_circuit(lambda d: d["circuits"][0]["calibrations"][0].pop("schedule"))


# MARK: - Main

def collect_paths(arguments):
    qpy, json_docs = [], []
    for argument in arguments:
        if os.path.isdir(argument):
            qpy += sorted(glob.glob(os.path.join(argument, "**", "*.qpy"), recursive=True))
        elif argument.endswith(".json"):
            json_docs.append(argument)
        else:
            qpy.append(argument)
    return qpy, json_docs


def is_circuit_fixture(path):
    """Whether `path` is one of the real-Qiskit circuit fixtures (some of which qpyconv refuses)."""
    return os.path.abspath(path).startswith(CIRCUIT_FIXTURES + os.sep)


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 2 if len(argv) < 2 else 0
    tool = os.path.abspath(argv[1])
    if not os.access(tool, os.X_OK):
        print("validate_json.py: %s is not an executable qpyconv" % argv[1], file=sys.stderr)
        return 2
    checker = Checker(tool)
    started = time.monotonic()
    qpy_paths, json_paths = collect_paths(argv[2:] or [FIXTURES, CIRCUIT_FIXTURES])
    checker.check_schema()
    with tempfile.TemporaryDirectory(prefix="qpyconv-validate-") as workdir:
        checker.convert_and_validate(qpy_paths, workdir)
        for path in json_paths:
            try:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
            except OSError as error:
                checker.fail(rel(path), "cannot read: %s" % error.strerror)
                continue
            checker.validate_text(rel(path), text)
        checker.check_examples(workdir)
        checker.check_positive(workdir)
        checker.check_negative(workdir)
    print("%d .qpy files converted, %d circuit fixtures skipped (qpyconv refuses them), %.0f s"
          % (len(qpy_paths) - len(checker.skipped), len(checker.skipped), time.monotonic() - started))
    print("%d passed, %d failed" % (checker.passed, checker.failed))
    return 1 if checker.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
