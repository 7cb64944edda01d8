#!/usr/bin/env python3
"""Generate real-Qiskit QuantumCircuit QPY fixtures.

Run it with the interpreter of one of the venvs made by make_venvs.sh:

    .venv/qiskit-2.6/bin/python Tests/FixtureGenerator/gen_circuits.py \
        --out Tests/Fixtures/circuits/qiskit-2.6/

For every case in ``CASES`` it builds one QuantumCircuit (or a list of them for the
multi-circuit cases) with the installed release's API and writes

* ``<case>.qpy``          - ``qpy.dump`` of the circuit(s);
* ``<case>.expect.json``  - what the same release sees when it loads the file back
  (loads?, ``loaded == original`` and the individual checks, header, per-circuit
  summary: name, bits, registers, instruction counts, parameters, layout, ...).
  ``crossload_circuits.py`` later adds a ``crossload`` section (qiskit-2.6 and
  qiskit-1.4.6 loads).

Which versions:

* qiskit 2.x: every ``version=`` from ``QPY_COMPATIBILITY_VERSION`` to ``QPY_VERSION``
  into ``v<N>/`` (``use_symengine`` only changes one header byte in 2.x: left default);
* qiskit 1.x: every version from 10 to 13 x ``use_symengine=True/False`` into
  ``v<N>-symengine/`` and ``v<N>-sympy/``;
* qiskit-terra: its own QPY version straight into ``--out``.

Cases a release cannot build are skipped; combinations a release cannot dump
(``version=`` too old for a feature) are recorded as ``skipped_combos``. Both go into
the manifest (``--manifest``, default ``<out>/../MANIFEST.json``; this run only
replaces its own venv's entry) and onto stderr.

The output is deterministic (``PYTHONHASHSEED=0`` recommended, not required):

* Parameter / ParameterVector UUIDs derive from the case name (``uuid=`` where the
  constructor has it, otherwise ``uuid4`` in Qiskit's parameter modules is replaced by
  a queue); ``expr.Var`` / ``expr.Stretch`` are built with explicit UUIDs;
* ``uuid.uuid4`` (custom-instruction name suffixes, ``###PauliEvolutionGate_`` names,
  builder loop parameters) is replaced by a generator re-seeded from case + version
  before every dump;
* random circuits / unitaries / transpilation use fixed seeds;
* qiskit 2.x writes the symbol map of a multi-symbol ParameterExpression in Rust
  hash-map order, which changes from process to process. The generator re-orders every
  run of adjacent symbol-map entries by their bytes after dumping (same entries, same
  length; the file is verified to load equal afterwards). See ``canonicalize_symbol_maps``.
"""

from __future__ import annotations

import argparse
import cmath
import copy
import importlib
import importlib.metadata
import inspect
import io
import itertools
import json
import math
import os
import random
import re
import struct
import sys
import time
import uuid as uuid_module
import warnings
import zlib

warnings.simplefilter("ignore", DeprecationWarning)
warnings.simplefilter("ignore", PendingDeprecationWarning)
os.environ["RUST_BACKTRACE"] = "0"  # qiskit 2.x panics on some loaded files: keep stderr short

import numpy as np  # noqa: E402
import qiskit  # noqa: E402
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister, qpy  # noqa: E402
from qiskit.circuit import Clbit, Gate, Instruction, Parameter, ParameterVector, Qubit  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from fixture_json import compact_json, write_json  # noqa: E402,F401
from qpyconv_annotations import ANNOTATION_FACTORIES  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "Interop"))
import circuit_compare  # noqa: E402
import qpyconv_annotations as ann  # noqa: E402

try:
    from qiskit import pulse
except ImportError:  # qiskit >= 2.0
    pulse = None


def dist_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


QISKIT_VERSION = tuple(int(x) for x in re.match(r"(\d+)\.(\d+)\.(\d+)", qiskit.__version__).groups())
WRITER_PACKAGE = "qiskit-terra" if QISKIT_VERSION[0] == 0 else "qiskit"
QPY_VERSION = qpy.common.QPY_VERSION
DUMP_PARAMS = inspect.signature(qpy.dump).parameters
LOAD_PARAMS = inspect.signature(qpy.load).parameters
HAS_VERSION_ARG = "version" in DUMP_PARAMS
HAS_TRUST_PAYLOAD = "trust_payload" in LOAD_PARAMS
HAS_ANNOTATION_ARG = "annotation_factories" in DUMP_PARAMS
IS_2X = QISKIT_VERSION[0] >= 2

# --------------------------------------------------------------------------
# Determinism
# --------------------------------------------------------------------------

_uuid_queue: list = []
UUID_SOURCES: set = set()
NOTES: set = set()
_dump_rng = random.Random(0)


def _seeded_uuid4():
    return uuid_module.UUID(int=_dump_rng.getrandbits(128), version=4)


def _queued_uuid4():
    if _uuid_queue:
        return _uuid_queue.pop(0)
    return _seeded_uuid4()


def _patch_uuid4():
    import qiskit.circuit.parameter as pmod

    mods = [pmod]
    try:
        import qiskit.circuit.parametervector as vmod

        mods.append(vmod)
    except ImportError:  # pragma: no cover
        pass
    for mod in mods:
        if hasattr(mod, "uuid4"):
            mod.uuid4 = _queued_uuid4
    uuid_module.uuid4 = _seeded_uuid4


_patch_uuid4()


def seed_for(*parts):
    return zlib.crc32("\x00".join(str(p) for p in parts).encode("utf-8"))


class CaseContext:
    """Per-case state: deterministic UUIDs derived from the case name."""

    def __init__(self, case):
        self.case = case
        self.base = seed_for(case) << 64
        self.n_params = 0
        self.n_vectors = 0
        self.n_vars = 0
        _dump_rng.seed(seed_for(case, "build"))
        _uuid_queue.clear()

    def uuid(self, kind):
        """Fresh deterministic UUID; kind 1 = Parameter, 2 = Var/Stretch, 3.. = vectors."""
        if kind == "param":
            u = uuid_module.UUID(int=self.base + 0x1000 + self.n_params)
            self.n_params += 1
        else:
            u = uuid_module.UUID(int=self.base + 0x2000 + self.n_vars)
            self.n_vars += 1
        return u

    def param(self, name):
        u = self.uuid("param")
        try:
            p = Parameter(name, uuid=u)
            UUID_SOURCES.add("Parameter(name, uuid=...)")
        except TypeError:
            _uuid_queue.clear()
            _uuid_queue.append(u)
            p = Parameter(name)
            UUID_SOURCES.add("Parameter: patched uuid4")
        _uuid_queue.clear()
        got = getattr(p, "uuid", None) or p._uuid
        assert got == u, (got, u)
        return p

    def vector(self, name, length):
        self.n_vectors += 1
        root = self.base + (self.n_vectors << 32)
        _uuid_queue.clear()
        try:
            v = ParameterVector(name, length, uuid=uuid_module.UUID(int=root))
            UUID_SOURCES.add("ParameterVector(name, length, uuid=...)")
        except TypeError:
            _uuid_queue.extend(uuid_module.UUID(int=root + i) for i in range(length))
            v = ParameterVector(name, length)
            UUID_SOURCES.add(
                "ParameterVector: patched uuid4, "
                + ("one call per element" if not _uuid_queue else "one call for the root")
            )
        _uuid_queue.clear()
        return v

    def var(self, name, type_):
        from qiskit.circuit.classical import expr

        return expr.Var(self.uuid("var"), type_, name=name)

    def stretch(self, name):
        from qiskit.circuit.classical import expr

        return expr.Stretch(self.uuid("var"), name)


# --------------------------------------------------------------------------
# Release-independent helpers
# --------------------------------------------------------------------------


class Skip(Exception):
    """The release lacks something the case needs."""


_CLASS_MODULES = (
    "qiskit.circuit.library",
    "qiskit.circuit",
    "qiskit.circuit.controlflow",
    "qiskit.extensions",
    "qiskit.extensions.quantum_initializer",
    "qiskit.quantum_info",
    "qiskit.synthesis",
)


def cls(*names):
    """First class found under any of ``names`` in Qiskit's public modules."""
    for name in names:
        for modname in _CLASS_MODULES:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    mod = importlib.import_module(modname)
            except ImportError:
                continue
            obj = getattr(mod, name, None)
            if obj is not None:
                return obj
    raise Skip(f"{' / '.join(names)} does not exist in this release")


def need_method(obj, name):
    if not hasattr(obj, name):
        owner = obj.__name__ if isinstance(obj, type) else type(obj).__name__
        raise Skip(f"{owner}.{name} does not exist in this release")
    return getattr(obj, name)


def need_version(minimum, what):
    if QISKIT_VERSION < minimum:
        raise Skip(f"{what} needs Qiskit >= {'.'.join(map(str, minimum))}")


def expr_mod():
    try:
        from qiskit.circuit.classical import expr, types
    except ImportError:
        raise Skip("qiskit.circuit.classical.expr does not exist in this release") from None
    return expr, types


def append_gates(qc, table, used, missing):
    """Append (class names, args, qubits) rows; missing classes are recorded, not fatal."""
    for names, args, qargs in table:
        names = names if isinstance(names, tuple) else (names,)
        try:
            klass = cls(*names)
            gate = klass(*args)
        except Skip:
            missing.append(names[0])
            continue
        except Exception as exc:  # noqa: BLE001
            missing.append(f"{names[0]} ({type(exc).__name__}: {exc})")
            continue
        qc.append(gate, qargs)
        used.append(names[0])


# --------------------------------------------------------------------------
# Cases. Each returns a QuantumCircuit or a list of them.
# --------------------------------------------------------------------------

CASES = []  # (case, features, function, options)


def case(name, *features, **options):
    def deco(fn):
        CASES.append((name, list(features), fn, options))
        return fn

    return deco


FEATURE_NOTES: dict = {}  # case -> extra per-release feature info (e.g. which gates were missing)


# --- plain circuits ---------------------------------------------------------


@case("bell", "h", "cx", "measure", "metadata")
def _(ctx):
    qc = QuantumCircuit(2, 2, name="bell", metadata={"case": "bell"})
    qc.h(0)
    qc.cx(0, 1)
    qc.measure([0, 1], [0, 1])
    return qc


@case("empty", "no_qubits", "no_instructions")
def _(ctx):
    return QuantumCircuit(name="empty")


@case("idle_wires", "registers", "no_instructions")
def _(ctx):
    return QuantumCircuit(QuantumRegister(3, "q"), ClassicalRegister(2, "c"), name="idle_wires")


GATES_1Q = [
    ("IGate", (), [0]),
    ("XGate", (), [0]),
    ("YGate", (), [0]),
    ("ZGate", (), [0]),
    ("HGate", (), [0]),
    ("SGate", (), [0]),
    ("SdgGate", (), [0]),
    ("TGate", (), [0]),
    ("TdgGate", (), [0]),
    ("SXGate", (), [0]),
    ("SXdgGate", (), [0]),
    ("RXGate", (0.5,), [0]),
    ("RYGate", (2,), [0]),  # int parameter
    ("RZGate", (-1.25,), [0]),
    ("PhaseGate", (0.125,), [0]),
    ("RGate", (0.1, -0.2), [0]),
    ("UGate", (0.1, 0.2, 0.3), [0]),
    ("U1Gate", (0.4,), [0]),
    ("U2Gate", (0.1, 0.2), [0]),
    ("U3Gate", (0.1, 0.2, 0.3), [0]),
    ("RVGate", (0.1, 0.2, 0.3), [0]),
    ("RZGate", (1e-300,), [0]),
    ("RZGate", (math.pi,), [0]),
    ("RXGate", (-7,), [0]),  # negative int
    ("GlobalPhaseGate", (0.25,), []),
]


@case("standard_gates_1q", "standard_gates", "float_params", "int_params")
def _(ctx):
    qc = QuantumCircuit(1, name="standard_gates_1q")
    used, missing = [], []
    append_gates(qc, GATES_1Q, used, missing)
    FEATURE_NOTES["standard_gates_1q"] = {"gates": used, "missing_gates": missing}
    return qc


GATES_MQ = [
    ("CXGate", (), [0, 1]),
    ("CYGate", (), [1, 0]),
    ("CZGate", (), [0, 2]),
    ("CHGate", (), [0, 1]),
    ("CSGate", (), [0, 1]),
    ("CSdgGate", (), [0, 1]),
    ("CSXGate", (), [0, 1]),
    ("CPhaseGate", (0.3,), [0, 1]),
    ("CRXGate", (0.1,), [0, 1]),
    ("CRYGate", (0.2,), [0, 1]),
    ("CRZGate", (0.3,), [0, 1]),
    ("CUGate", (0.1, 0.2, 0.3, 0.4), [0, 1]),
    ("CU1Gate", (0.5,), [0, 1]),
    ("CU3Gate", (0.1, 0.2, 0.3), [0, 1]),
    ("SwapGate", (), [0, 1]),
    ("iSwapGate", (), [1, 2]),
    ("DCXGate", (), [0, 1]),
    ("ECRGate", (), [0, 1]),
    ("RXXGate", (0.1,), [0, 1]),
    ("RYYGate", (0.2,), [0, 1]),
    ("RZZGate", (0.3,), [0, 1]),
    ("RZXGate", (0.4,), [0, 1]),
    ("XXMinusYYGate", (0.1, 0.2), [0, 1]),
    ("XXPlusYYGate", (0.3, 0.4), [0, 1]),
    ("CCXGate", (), [0, 1, 2]),
    ("CCZGate", (), [0, 1, 2]),
    ("CSwapGate", (), [0, 1, 2]),
    ("RCCXGate", (), [0, 1, 2]),
    ("RC3XGate", (), [0, 1, 2, 3]),
    ("C3XGate", (), [0, 1, 2, 3]),
    ("C3SXGate", (), [0, 1, 2, 3]),
]

GATES_MC = [
    ("MCXGate", (4,), [0, 1, 2, 3, 4]),
    ("MCPhaseGate", (0.7, 3), [0, 1, 2, 3]),
    ("MCU1Gate", (0.2, 2), [0, 1, 2]),
]


@case("standard_gates_multi", "standard_gates", "controlled_gates", "float_params")
def _(ctx):
    qc = QuantumCircuit(5, name="standard_gates_multi")
    used, missing = [], []
    append_gates(qc, GATES_MQ, used, missing)
    FEATURE_NOTES["standard_gates_multi"] = {"gates": used, "missing_gates": missing}
    return qc


@case("mc_gates", "standard_gates", "multi_controlled_gates", "mcx")
def _(ctx):
    qc = QuantumCircuit(5, name="mc_gates")
    used, missing = [], []
    append_gates(qc, GATES_MC, used, missing)
    FEATURE_NOTES["mc_gates"] = {"gates": used, "missing_gates": missing}
    return qc


@case("measure_reset_barrier", "measure", "reset", "barrier", "barrier_label", "measure_all")
def _(ctx):
    qc = QuantumCircuit(3, 3, name="measure_reset_barrier")
    qc.h(0)
    qc.barrier()
    qc.measure(0, 2)
    qc.reset(0)
    qc.barrier(0, 2)
    try:
        qc.barrier(1, label="barrier ✓")
    except TypeError:
        NOTES.add("QuantumCircuit.barrier(label=...) does not exist in this release")
        qc.barrier(1)
    qc.reset([1, 2])
    qc.measure_all(add_bits=True)
    return qc


@case("delay_units", "delay", "delay_dt", "delay_ns", "delay_ms", "delay_unit_lost")
def _(ctx):
    # QPY does not store the Delay unit: every delay loads as 'dt' (notes §3.2 item 14).
    qc = QuantumCircuit(2, name="delay_units")
    qc.delay(100, 0)  # dt
    qc.delay(250, 1, unit="ns")
    qc.delay(3, 0, unit="ms")
    qc.delay(9223372036854775806, 1)  # largest even i64, as Qiskit's compat test
    return qc


@case("delay_float_units", "delay", "delay_s", "delay_us", "delay_unit_lost")
def _(ctx):
    # Float durations come back as float *dt* delays, which Qiskit refuses to rebuild.
    qc = QuantumCircuit(1, name="delay_float_units")
    qc.delay(1.5e-6, 0, unit="s")
    qc.delay(2.5, 0, unit="us")
    return qc


@case("delay_parameter", "delay", "parameter")
def _(ctx):
    qc = QuantumCircuit(1, name="delay_parameter")
    t = ctx.param("t")
    qc.delay(t, 0)
    qc.delay(2 * t + 8, 0)
    return qc


@case("labels", "labels", "unicode")
def _(ctx):
    qc = QuantumCircuit(2, name="labels")
    qc.append(cls("HGate")(label="Hadamard ✓"), [0])
    qc.append(cls("CXGate")(label="entangle"), [0, 1])
    qc.append(cls("RZGate")(0.5, label=""), [1])  # empty label is not representable
    qc.append(cls("XGate")(label="x label with spaces"), [1])
    return qc


# --- registers and bits -------------------------------------------------------


@case("registers_multi", "registers", "multiple_qregs", "multiple_cregs")
def _(ctx):
    qa, qb = QuantumRegister(2, "qa"), QuantumRegister(3, "qb")
    ca, cb = ClassicalRegister(2, "ca"), ClassicalRegister(1, "cb")
    qc = QuantumCircuit(qa, ca, qb, cb, name="registers_multi")
    qc.h(qa)
    qc.cx(qa[1], qb[0])
    qc.ccx(qa[0], qa[1], qb[2])
    qc.measure(qa, ca)
    qc.measure(qb[2], cb[0])
    return qc


@case("bits_loose", "loose_bits", "registers")
def _(ctx):
    loose_q = [Qubit(), Qubit()]
    loose_c = [Clbit()]
    qr = QuantumRegister(2, "q")
    cr = ClassicalRegister(2, "c")
    qc = QuantumCircuit(loose_q, qr, loose_c, cr, name="bits_loose")
    qc.h(loose_q[0])
    qc.cx(loose_q[0], qr[1])
    qc.measure(loose_q[1], loose_c[0])
    qc.measure(qr, cr)
    return qc


@case("bits_only_loose", "loose_bits", "no_registers")
def _(ctx):
    qc = QuantumCircuit([Qubit(), Qubit(), Clbit()], name="bits_only_loose")
    qc.h(0)
    qc.cx(0, 1)
    qc.measure(1, 0)
    return qc


@case("registers_shared_bits", "registers", "shared_bits", "overlapping_registers", "non_standalone_register")
def _(ctx):
    qubits = [Qubit() for _ in range(4)]
    qc = QuantumCircuit(name="registers_shared_bits")
    qc.add_bits(qubits)
    qc.add_register(QuantumRegister(name="all", bits=qubits))
    qc.add_register(QuantumRegister(name="front", bits=qubits[:2]))
    qc.add_register(QuantumRegister(name="back", bits=qubits[2:]))
    owner = ClassicalRegister(3, "owner")
    qc.add_register(owner)
    qc.add_register(ClassicalRegister(name="view", bits=[owner[2], owner[0]]))
    qc.h(0)
    qc.cx(0, 3)
    qc.measure([0, 3], [0, 2])
    return qc


@case("registers_hybrid", "registers", "partially_owned_register", "shared_bits")
def _(ctx):
    # Like Qiskit's compat test: a register built from another register's bits plus loose bits.
    foo_q = QuantumRegister(5, "foo")
    bar_q = QuantumRegister(name="bar", bits=foo_q[:3] + [Qubit(), Qubit()])
    foo_c = ClassicalRegister(5, "foo_c")
    bar_c = ClassicalRegister(name="bar_c", bits=foo_c[:3] + [Clbit(), Clbit()])
    qc = QuantumCircuit(bar_q, bar_c, name="registers_hybrid")
    qc.h(0)
    qc.cx(0, 4)
    qc.measure(bar_q, bar_c)
    return qc


@case("register_not_in_circuit", "registers", "register_not_in_circuit", "in_circuit_flag")
def _(ctx):
    owner = QuantumRegister(3, "owner")
    qc = QuantumCircuit(name="register_not_in_circuit")
    qc.add_bits([owner[0], owner[2]])  # the register owns them but is not added
    qc.add_register(QuantumRegister(1, "other"))
    qc.h(0)
    qc.cx(0, 1)
    qc.cx(1, 2)
    return qc


@case("registers_empty", "registers", "empty_register")
def _(ctx):
    # Qiskit 2.x stores an empty register in QPY 18 as the range of no bits from 0xFFFFFFFF.
    qc = QuantumCircuit(QuantumRegister(2, "q"), QuantumRegister(0, "e"), ClassicalRegister(0, "c"),
                        ClassicalRegister(1, "m"), name="registers_empty")
    qc.h(0)
    qc.measure(1, 0)
    return qc


@case("ancilla_register", "registers", "AncillaRegister")
def _(ctx):
    anc = cls("AncillaRegister")(2, "anc")
    qc = QuantumCircuit(QuantumRegister(2, "q"), anc, name="ancilla_register")
    qc.ccx(0, 1, 2)
    qc.cx(2, 3)
    return qc


# --- names, metadata, global phase ------------------------------------------------


@case("metadata_unicode", "metadata", "nested_metadata", "unicode", "unicode_name", "global_phase_float")
def _(ctx):
    meta = {
        "str": "ünïcødé ✓",
        "emoji": "🐍⚛",
        "nested": {"list": [1, 2.5, None, True, "x", [], {}], "dict": {"a": {"b": [1, {"c": None}]}}},
        "int": -3,
        "big_int": 12345678901234567890,
        "float": 1e-300,
        "bool": False,
        "quote\"key": "back\\slash",
        "": "empty key",
    }
    qc = QuantumCircuit(1, name="回路 ψ-ℏ 🐍", metadata=meta, global_phase=0.75)
    qc.x(0)
    return qc


@case("global_phase_parameter", "global_phase_parameter", "parameter")
def _(ctx):
    theta = ctx.param("θ")
    qc = QuantumCircuit(1, name="global_phase_parameter", global_phase=theta)
    qc.rz(theta, 0)
    return qc


@case("global_phase_expression", "global_phase_expression", "parameter_expression")
def _(ctx):
    a, b = ctx.param("a"), ctx.param("b")
    qc = QuantumCircuit(1, name="global_phase_expression", global_phase=2 * a - b / 3 + 1)
    qc.rx(a, 0)
    qc.ry(b, 0)
    return qc


@case("global_phase_int", "global_phase_int")
def _(ctx):
    qc = QuantumCircuit(1, name="global_phase_int", global_phase=2)
    qc.h(0)
    return qc


# --- parameters -----------------------------------------------------------------


@case("params_parameter", "parameter", "unicode_parameter_name", "u_gate")
def _(ctx):
    theta, phi, lam, alpha = ctx.param("θ"), ctx.param("phi"), ctx.param("λ"), ctx.param("α_β[0]")
    qc = QuantumCircuit(2, name="params_parameter")
    qc.rx(theta, 0)
    qc.ry(phi, 1)
    qc.u(theta, phi, lam, 0)
    qc.rz(theta, 1)
    qc.append(cls("RZZGate")(alpha), [0, 1])
    return qc


@case("params_vector", "parameter_vector", "parameter_vector_expression")
def _(ctx):
    v = ctx.vector("v", 4)
    w = ctx.vector("ω", 2)
    x = ctx.param("x")
    qc = QuantumCircuit(2, name="params_vector")
    qc.rx(v[0], 0)
    qc.ry(v[3], 1)  # v[1], v[2] unused: vector_size still says 4
    qc.rz(w[1] * 2, 0)
    qc.rzz(v[0] * v[3] + x, 0, 1) if hasattr(qc, "rzz") else qc.append(cls("RZZGate")(v[0] * v[3] + x), [0, 1])
    return qc


def _expression_table(ctx):
    x, y, z = ctx.param("x"), ctx.param("y"), ctx.param("z")
    rows = [
        ("add", lambda: x + y),
        ("sub", lambda: x - y),
        ("mul", lambda: x * y),
        ("div", lambda: x / y),
        ("pow", lambda: x**2),
        ("pow_param", lambda: x**y),
        ("radd", lambda: 2 + x),
        ("rsub", lambda: 2 - x),
        ("rmul", lambda: 3 * x),
        ("rdiv", lambda: 2 / x),
        ("rpow", lambda: 2**x),
        ("rsub_float", lambda: 1.5 - x),
        ("neg", lambda: -x),
        ("pos", lambda: +x),
        ("sin", lambda: x.sin()),
        ("cos", lambda: x.cos()),
        ("tan", lambda: x.tan()),
        ("arcsin", lambda: x.arcsin()),
        ("arccos", lambda: x.arccos()),
        ("arctan", lambda: x.arctan()),
        ("exp", lambda: x.exp()),
        ("log", lambda: x.log()),
        ("abs", lambda: abs(x)),
        ("conjugate", lambda: x.conjugate()),
        ("nested", lambda: (x + y) * (z - 1) / 2),
        ("deep", lambda: ((x * 2 + y).sin() - z.cos() ** 2).exp()),
        ("float_coeffs", lambda: 0.1 * x + 1e-12 * y - 2.5e10),
        ("subs", lambda: (x + y).subs({y: 2 * z})),
        ("subs_param", lambda: (x * y).subs({y: z})),
        ("gradient", lambda: (x**2 * y).gradient(x)),
        ("int_big", lambda: x * 123456789),
    ]
    return rows


@case("param_expressions", "parameter_expression", "all_ops", "reflected_ops", "functions", "subs", "gradient")
def _(ctx):
    qc = QuantumCircuit(1, name="param_expressions")
    used, missing = [], []
    for name, fn in _expression_table(ctx):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = fn()
        except Exception as exc:  # noqa: BLE001 - operation missing in this release
            missing.append(f"{name} ({type(exc).__name__})")
            continue
        qc.rz(value, 0)
        used.append(name)
    FEATURE_NOTES["param_expressions"] = {"expressions": used, "missing": missing}
    return qc


@case("param_expr_sign", "parameter_expression", "sign")
def _(ctx):
    # sympy-encoded (QPY <= 12, sympy header) files with sign() cannot be loaded by Qiskit >= 1.4.2
    # (restricted srepr parser, notes §3.2 item 23), so sign() has its own file.
    x = ctx.param("x")
    if not hasattr(x, "sign"):
        raise Skip("ParameterExpression.sign does not exist in this release")
    qc = QuantumCircuit(1, name="param_expr_sign")
    qc.rz(x.sign(), 0)
    qc.rz((x - 1).sign() * 2, 0)
    return qc


@case("param_expression_complex", "parameter_expression", "complex_coefficient", "custom_gate_params")
def _(ctx):
    x, y = ctx.param("x"), ctx.param("y")
    qc = QuantumCircuit(1, name="param_expression_complex")
    # Standard gates reject complex expressions at bind time only; a custom gate accepts anything.
    qc.append(Gate("cplx", 1, [x * (1 + 2j), (0.5 - 0.25j) + y, 1j * x * y]), [0])
    return qc


@case("params_bound", "bound_parameters")
def _(ctx):
    theta, phi = ctx.param("θ"), ctx.param("φ")
    qc = QuantumCircuit(1, name="params_bound", global_phase=theta)
    qc.rx(theta, 0)
    qc.ry(theta + phi, 0)
    qc.rz(2 * phi, 0)
    return qc.assign_parameters({theta: 0.5, phi: 0.25})


@case("params_partially_bound", "partially_bound_parameter_expression")
def _(ctx):
    theta, phi = ctx.param("θ"), ctx.param("φ")
    qc = QuantumCircuit(1, name="params_partially_bound")
    qc.rx(theta * phi + 1, 0)
    qc.rz(theta + phi, 0)
    return qc.assign_parameters({theta: 2.0})


# --- custom gates and instructions --------------------------------------------------


@case("custom_gate", "custom_gate", "custom_definition", "parameterized_definition", "custom_gate_label")
def _(ctx):
    theta = ctx.param("θ")
    sub = QuantumCircuit(2, name="my_gate")
    sub.h(0)
    sub.cx(0, 1)
    sub.rz(theta, 1)
    gate = sub.to_gate(label="my label")
    qc = QuantumCircuit(3, name="custom_gate")
    qc.append(gate, [0, 1])
    qc.append(gate, [1, 2])
    return qc


@case("custom_instruction", "custom_instruction", "custom_definition", "clbits_in_definition")
def _(ctx):
    sub = QuantumCircuit(2, 1, name="my_inst")
    sub.h(0)
    sub.cx(0, 1)
    sub.measure(1, 0)
    sub.reset(0)
    inst = sub.to_instruction()
    qc = QuantumCircuit(2, 2, name="custom_instruction")
    qc.append(inst, [0, 1], [1])
    qc.append(inst, [1, 0], [0])
    return qc


@case("custom_opaque", "custom_gate", "opaque_gate", "opaque_instruction", "no_definition")
def _(ctx):
    qc = QuantumCircuit(2, 1, name="custom_opaque")
    qc.append(Gate("opaque_g", 2, [0.5, 3]), [0, 1])
    qc.append(Instruction("opaque_i", 1, 1, [1.25]), [1], [0])
    qc.append(Gate("opaque_noparam", 1, []), [0])
    return qc


@case("custom_nested", "custom_gate", "nested_custom_gates")
def _(ctx):
    inner = QuantumCircuit(1, name="inner_gate")
    inner.x(0)
    inner.s(0)
    inner_gate = inner.to_gate()
    middle = QuantumCircuit(2, name="middle_gate")
    middle.append(inner_gate, [0])
    middle.cx(0, 1)
    middle.append(inner_gate, [1])
    middle_gate = middle.to_gate()
    outer = QuantumCircuit(3, name="outer_gate")
    outer.append(middle_gate, [0, 1])
    outer.append(middle_gate, [1, 2])
    outer.append(inner_gate, [2])
    qc = QuantumCircuit(3, name="custom_nested")
    qc.append(outer.to_gate(), [0, 1, 2])
    qc.append(inner_gate, [0])
    return qc


@case("custom_same_name", "custom_gate", "duplicate_custom_names")
def _(ctx):
    a = QuantumCircuit(1, name="dup")
    a.x(0)
    b = QuantumCircuit(1, name="dup")
    b.h(0)
    qc = QuantumCircuit(1, name="custom_same_name")
    qc.append(a.to_gate(), [0])
    qc.append(b.to_gate(), [0])
    return qc


@case("custom_instruction_params", "custom_instruction", "string_params", "tuple_params", "numpy_params",
      "complex_params")
def _(ctx):
    qc = QuantumCircuit(1, 1, name="custom_instruction_params")
    qc.append(Instruction("str_param", 1, 0, ["hello ✓"]), [0])
    qc.append(Instruction("tuple_param", 1, 0, [(1, 2.5, "s", (3, -4))]), [0])
    qc.append(Instruction("numpy_param", 1, 0, [np.array([[1.0, 2.0], [3.0, 4.0]]), np.arange(3)]), [0])
    qc.append(Instruction("complex_param", 1, 0, [1 + 2j, -0.5j]), [0])
    qc.append(Instruction("mixed_param", 1, 1, [7, 0.125, "x"]), [0], [0])
    return qc


@case("pauli_gate_string_param", "PauliGate", "string_params")
def _(ctx):
    qc = QuantumCircuit(3, name="X^Y^Z")
    qc.append(cls("PauliGate")("XYZ"), [0, 1, 2])
    return qc


# --- controlled gates -------------------------------------------------------------


def _custom_base():
    base = QuantumCircuit(1, name="base_g")
    base.h(0)
    base.t(0)
    return base.to_gate()


@case("controlled_custom", "ControlledGate", "custom_controlled_gate", "ctrl_state")
def _(ctx):
    base = _custom_base()
    qc = QuantumCircuit(4, name="controlled_custom")
    qc.append(base.control(2), [0, 1, 2])
    qc.append(base.control(2, ctrl_state="01"), [1, 2, 3])
    qc.append(base.control(1, ctrl_state=0, label="open one"), [3, 0])
    return qc


@case("controlled_custom_and_base", "ControlledGate", "custom_controlled_gate", "custom_gate",
      "base_gate_used_directly")
def _(ctx):
    # The base gate is used directly *and* as base of a ControlledGate: QPY v10 written by
    # qiskit 1.x writes its definition twice (notes §3.2 item 19).
    base = _custom_base()
    qc = QuantumCircuit(3, name="controlled_custom_and_base")
    qc.append(base, [0])
    qc.append(base.control(2), [0, 1, 2])
    qc.append(base.control(1, ctrl_state=0), [2, 1])
    return qc


@case("controlled_standard_open", "ControlledGate", "open_controls", "ctrl_state", "mcx")
def _(ctx):
    qc = QuantumCircuit(5, name="controlled_standard_open")
    qc.append(cls("CXGate")(ctrl_state=0), [0, 1])
    qc.append(cls("CCXGate")(ctrl_state="01"), [0, 1, 2])
    qc.append(cls("CZGate")(ctrl_state=0), [1, 2])
    qc.append(cls("CRZGate")(0.3, ctrl_state=0), [2, 3])
    qc.append(cls("XGate")().control(3, ctrl_state=5), [0, 1, 2, 3])
    qc.append(cls("HGate")().control(2), [0, 1, 4])
    qc.append(cls("SwapGate")().control(1, ctrl_state=0), [0, 3, 4])
    qc.append(cls("RYGate")(0.2).control(2, ctrl_state="10"), [1, 2, 3])
    qc.append(cls("MCXGate")(4, ctrl_state=3), [0, 1, 2, 3, 4])
    return qc


@case("controlled_nested", "ControlledGate", "nested_controlled_gate")
def _(ctx):
    base = _custom_base()
    cc = base.control(1).control(1, ctrl_state=0)
    qc = QuantumCircuit(3, name="controlled_nested")
    qc.append(cc, [0, 1, 2])
    return qc


@case("annotated_operation", "AnnotatedOperation", "modifiers", "InverseModifier", "ControlModifier",
      "PowerModifier")
def _(ctx):
    Annotated = cls("AnnotatedOperation")
    Inv, Ctrl, Pow = cls("InverseModifier"), cls("ControlModifier"), cls("PowerModifier")
    qc = QuantumCircuit(4, name="annotated_operation")
    qc.append(Annotated(cls("SGate")(), [Inv(), Ctrl(2, ctrl_state=1), Pow(3)]), [0, 1, 2])
    qc.append(Annotated(cls("CXGate")(), [Pow(0.5)]), [2, 3])
    qc.append(Annotated(_custom_base(), Inv()), [3])
    qc.append(Annotated(cls("RZGate")(0.25), [Ctrl(1, ctrl_state=0), Inv()]), [0, 1])
    return qc


# --- library gates ------------------------------------------------------------------


@case("pauli_evolution", "PauliEvolutionGate", "SparsePauliOp", "evolution_time_parameter", "operator_list",
      "synthesis_settings")
def _(ctx):
    PEG = cls("PauliEvolutionGate")
    SparsePauliOp = cls("SparsePauliOp")
    t = ctx.param("t")
    qc = QuantumCircuit(3, name="pauli_evolution")
    qc.append(PEG(SparsePauliOp(["XXI", "ZIZ"], coeffs=[0.5, -1.25]), time=0.3), [0, 1, 2])
    qc.append(PEG(SparsePauliOp(["XY", "YX"]), time=t), [0, 1])
    try:
        synth = cls("SuzukiTrotter")(order=2, reps=3)
    except Skip:
        synth = None
    kwargs = {"synthesis": synth} if synth is not None else {}
    qc.append(PEG([SparsePauliOp("ZZ"), SparsePauliOp(["XI", "IX"], coeffs=[1.0, 2.0])], time=2 * t, **kwargs),
              [1, 2])
    return qc


@case("pauli_evolution_sparse_observable", "PauliEvolutionGate", "SparseObservable")
def _(ctx):
    need_version((2, 3, 0), "PauliEvolutionGate with SparseObservable")
    SparseObservable = cls("SparseObservable")
    PEG = cls("PauliEvolutionGate")
    obs = SparseObservable.from_list([("XZ+-", 1.0), ("01rl", 0.5), ("IIII", -0.25)])
    qc = QuantumCircuit(4, name="pauli_evolution_sparse_observable")
    qc.append(PEG(obs, time=0.5), [0, 1, 2, 3])
    return qc


@case("unitary_gate", "UnitaryGate", "numpy_matrix")
def _(ctx):
    random_unitary = cls("random_unitary")
    UG = cls("UnitaryGate")
    qc = QuantumCircuit(3, name="unitary_gate")
    qc.append(UG(random_unitary(4, seed=7)), [0, 2])
    qc.append(UG(np.array([[0, 1], [1, 0]], dtype=complex), label="my unitary"), [1])
    return qc


@case("initialize_stateprep", "Initialize", "StatePreparation", "complex_params")
def _(ctx):
    Init = cls("Initialize")
    qc = QuantumCircuit(2, name="initialize_stateprep")
    amp = 1 / math.sqrt(2)
    qc.append(Init([amp, 0, 0, 1j * amp]), [0, 1])
    qc.append(cls("StatePreparation")([0.6, 0.8]), [0])
    return qc


@case("initialize_int", "Initialize", "StatePreparation", "int_state")
def _(ctx):
    qc = QuantumCircuit(4, name="initialize_int")
    qc.append(cls("Initialize")(2, 2), [2, 3])
    qc.append(cls("StatePreparation")(1, 2), [1, 2])
    return qc


@case("initialize_label", "Initialize", "StatePreparation", "string_params", "label_state")
def _(ctx):
    Init = cls("Initialize")
    SP = cls("StatePreparation")
    qc = QuantumCircuit(4, name="initialize_label")
    qc.append(Init("01+-"), [0, 1, 2, 3])
    qc.append(SP("1r"), [1, 2])
    return qc


@case("isometry", "Isometry")
def _(ctx):
    Iso = cls("Isometry")
    u = cls("random_unitary")(4, seed=11).data
    qc = QuantumCircuit(2, name="isometry")
    qc.append(Iso(u[:, :2], 0, 0), [0, 1])
    return qc


@case("library_gates", "QFTGate", "PermutationGate", "MCMTGate", "library")
def _(ctx):
    qc = QuantumCircuit(4, name="library_gates")
    used, missing = [], []
    table = [
        ("QFTGate", (3,), [0, 1, 2]),
        ("PermutationGate", ([2, 0, 3, 1],), [0, 1, 2, 3]),
    ]
    append_gates(qc, table, used, missing)
    try:
        mcmt = cls("MCMTGate")(cls("XGate")(), 2, 2)
        qc.append(mcmt, [0, 1, 2, 3])
        used.append("MCMTGate")
    except Skip:
        missing.append("MCMTGate")
    if not used:
        raise Skip("none of QFTGate / PermutationGate / MCMTGate exists")
    FEATURE_NOTES["library_gates"] = {"gates": used, "missing_gates": missing}
    return qc


@case("diagonal_gate", "DiagonalGate", "irreflexive_equality")
def _(ctx):
    # DiagonalGate / UCR*Gate are not == even to a fresh copy of themselves (Qiskit quirk, see
    # Tests/Interop/circuit_compare.py); the checks fall back to class + params.
    qc = QuantumCircuit(2, name="diagonal_gate")
    qc.append(cls("DiagonalGate", "Diagonal")([1, -1, 1j, -1j]), [0, 1])
    return qc


@case("uc_gates", "UCRZGate", "UCRYGate", "UCRXGate", "irreflexive_equality")
def _(ctx):
    qc = QuantumCircuit(4, name="uc_gates")
    used, missing = [], []
    table = [
        ("UCRZGate", ([0.1, 0.2],), [0, 1]),
        ("UCRYGate", ([0.3, 0.4],), [1, 2]),
        ("UCRXGate", ([0.5, 0.6],), [2, 3]),
    ]
    append_gates(qc, table, used, missing)
    if not used:
        raise Skip("none of the uniformly controlled rotation gates exists")
    FEATURE_NOTES["uc_gates"] = {"gates": used, "missing_gates": missing}
    return qc


@case("linear_function", "LinearFunction")
def _(ctx):
    LF = cls("LinearFunction")
    qc = QuantumCircuit(3, name="linear_function")
    qc.append(LF([[1, 1, 0], [0, 1, 0], [0, 1, 1]]), [0, 1, 2])
    return qc


@case("hamiltonian_gate", "HamiltonianGate")
def _(ctx):
    HG = cls("HamiltonianGate")
    qc = QuantumCircuit(1, name="hamiltonian_gate")
    qc.append(HG(np.array([[1, 0.5], [0.5, -1]]), 0.25), [0])
    return qc


@case("clifford", "Clifford")
def _(ctx):
    Clifford = cls("Clifford")
    cliff = Clifford.from_dict({"stabilizer": ["-IZX", "+ZYZ", "+ZII"], "destabilizer": ["+ZIZ", "+ZXZ", "-XIX"]})
    qc = QuantumCircuit(3, name="clifford")
    qc.append(cliff, [0, 1, 2])
    return qc


@case("pauli_product_measurement", "PauliProductMeasurement")
def _(ctx):
    need_version((2, 3, 0), "PauliProductMeasurement")
    PPM = cls("PauliProductMeasurement")
    ppm = PPM(cls("Pauli")("-ZXY"))
    qc = QuantumCircuit(ppm.num_qubits, ppm.num_clbits, name="pauli_product_measurement")
    qc.append(ppm, range(ppm.num_qubits), range(ppm.num_clbits))
    return qc


@case("pauli_product_rotation", "PauliProductRotationGate")
def _(ctx):
    need_version((2, 4, 0), "PauliProductRotationGate")
    PPR = cls("PauliProductRotationGate")
    theta = ctx.param("θ")
    qc = QuantumCircuit(3, name="pauli_product_rotation")
    qc.append(PPR(cls("Pauli")("ZXY"), angle=1.2), [0, 1, 2])
    qc.append(PPR(cls("Pauli")("XX"), angle=theta), [0, 2])
    return qc


# --- classical control ------------------------------------------------------------------


def _need_c_if():
    probe = cls("XGate")()
    if not hasattr(probe, "c_if"):
        raise Skip("Instruction.c_if does not exist in this release (removed in Qiskit 2.0)")


@case("c_if_register", "c_if", "condition_register")
def _(ctx):
    _need_c_if()
    qr, cr = QuantumRegister(2, "q"), ClassicalRegister(2, "c")
    qc = QuantumCircuit(qr, cr, name="c_if_register")
    qc.h(0)
    qc.measure(0, 0)
    qc.x(1).c_if(cr, 1)
    qc.rz(0.5, 1).c_if(cr, 3)
    qc.measure(1, 1)
    return qc


@case("c_if_bit", "c_if", "condition_clbit")
def _(ctx):
    _need_c_if()
    qr, cr = QuantumRegister(3, "q"), ClassicalRegister(3, "c")
    qc = QuantumCircuit(qr, cr, name="c_if_bit")
    qc.h(0)
    qc.measure(0, 0)
    qc.x(1).c_if(cr[0], 1)
    qc.measure(1, 2)
    qc.z(2).c_if(cr[2], False)
    qc.append(_custom_base(), [2]).c_if(cr[2], True)
    return qc


@case("if_else", "IfElseOp", "condition_register", "condition_clbit", "else_branch")
def _(ctx):
    qr, cr = QuantumRegister(2, "q"), ClassicalRegister(2, "c")
    qc = QuantumCircuit(qr, cr, name="if_else")
    qc.h(0)
    qc.measure(0, 0)
    true_body = QuantumCircuit([qr[1]], name="true_body")
    true_body.x(qr[1])
    false_body = QuantumCircuit([qr[1]], name="false_body")
    false_body.h(qr[1])
    qc.if_else((cr, 1), true_body, false_body, [qr[1]], [])
    with qc.if_test((cr[0], True)) as else_:
        qc.x(0)
    with else_:
        qc.y(0)
        qc.measure(0, 1)
    with qc.if_test((cr[1], 0)):
        qc.z(1)
    return qc


@case("while_loop", "WhileLoopOp", "BreakLoopOp", "ContinueLoopOp")
def _(ctx):
    qc = QuantumCircuit(2, 2, name="while_loop")
    qc.h(0)
    qc.measure(0, 0)
    with qc.while_loop((qc.clbits[0], True)):
        qc.h(0)
        qc.measure(0, 0)
        with qc.if_test((qc.clbits[1], True)):
            qc.break_loop()
        qc.x(1)
        with qc.if_test((qc.cregs[0], 2)):
            qc.continue_loop()
        qc.measure(1, 1)
    return qc


@case("for_loop_range", "ForLoopOp", "loop_parameter", "range_indexset")
def _(ctx):
    i = ctx.param("i")
    qc = QuantumCircuit(2, name="for_loop_range")
    with qc.for_loop(range(3), loop_parameter=i):
        qc.rx(i, 0)
        qc.rz(i * 0.5, 1)
    with qc.for_loop(range(1, 10, 3)):
        qc.cx(0, 1)
    return qc


@case("for_loop_negative", "ForLoopOp", "negative_range", "tuple_indexset")
def _(ctx):
    qc = QuantumCircuit(1, name="for_loop_negative")
    with qc.for_loop(range(5, -3, -2)):
        qc.x(0)
    with qc.for_loop((0, 2, 7, -1)):
        qc.h(0)
    with qc.for_loop(range(-4, 0)):
        qc.s(0)
    return qc


@case("switch_register", "SwitchCaseOp", "switch_register", "case_default", "multi_value_case")
def _(ctx):
    cr = ClassicalRegister(2, "c")
    qc = QuantumCircuit(QuantumRegister(2, "q"), cr, name="switch_register")
    need_method(qc, "switch")
    qc.h([0, 1])
    qc.measure([0, 1], [0, 1])
    with qc.switch(cr) as case_:
        with case_(0):
            qc.x(0)
        with case_(1, 2):
            qc.y(0)
            qc.z(1)
        with case_(case_.DEFAULT):
            qc.h(1)
    return qc


@case("switch_clbit", "SwitchCaseOp", "switch_clbit")
def _(ctx):
    qc = QuantumCircuit(1, 2, name="switch_clbit")
    need_method(qc, "switch")
    qc.measure(0, 1)
    with qc.switch(qc.clbits[1]) as case_:
        with case_(True):
            qc.x(0)
        with case_(False):
            qc.h(0)
    return qc


@case("switch_expr", "SwitchCaseOp", "switch_expr", "expr", "case_default")
def _(ctx):
    expr, types = expr_mod()
    cr = ClassicalRegister(3, "c")
    qc = QuantumCircuit(QuantumRegister(1, "q"), cr, name="switch_expr")
    with qc.switch(expr.bit_and(cr, 3)) as case_:
        with case_(0, 1):
            qc.x(0)
        with case_(case_.DEFAULT):
            qc.h(0)
    return qc


@case("control_flow_nested", "IfElseOp", "ForLoopOp", "WhileLoopOp", "nested_control_flow", "custom_gate")
def _(ctx):
    qr, cr = QuantumRegister(3, "q"), ClassicalRegister(3, "c")
    qc = QuantumCircuit(qr, cr, name="control_flow_nested")
    gate = _custom_base()
    k = ctx.param("k")
    qc.h(0)
    qc.measure(0, 0)
    with qc.for_loop(range(2), loop_parameter=k):
        with qc.if_test((cr[0], True)) as else_:
            with qc.while_loop((cr, 0)):
                qc.append(gate, [1])
                qc.rx(k, 2)
                qc.measure(1, 1)
        with else_:
            qc.cx(0, 2)
    return qc


# --- classical expressions, vars, stretches, boxes --------------------------------------------


@case("expr_ops", "expr", "expr_binary_ops", "expr_unary_ops", "expr_cast", "expr_value", "expr_clbit",
      "expr_register")
def _(ctx):
    expr, types = expr_mod()
    c1, c2 = ClassicalRegister(3, "c1"), ClassicalRegister(3, "c2")
    loose = Clbit()
    qc = QuantumCircuit(QuantumRegister(1, "q"), c1, c2, [loose], name="expr_ops")
    conditions = [
        expr.equal(expr.bit_and(c1, c2), 3),
        expr.equal(expr.bit_or(c1, 5), c2),
        expr.not_equal(expr.bit_xor(c1, c2), 0),
        expr.logic_and(c1[0], loose),
        expr.logic_or(c2[1], expr.logic_not(loose)),
        expr.less(c1, c2),
        expr.less_equal(c1, 7),
        expr.greater(c2, 2),
        expr.greater_equal(c1, c2),
        expr.equal(expr.bit_not(c1), 4),
        expr.cast(c1, types.Bool()),
        expr.lift(True),
        expr.equal(expr.lift(255, types.Uint(8)), expr.cast(c2, types.Uint(8))),
        expr.logic_not(expr.equal(expr.Value(0, types.Uint(3)), c1)),
    ]
    for cond in conditions:
        with qc.if_test(cond):
            qc.x(0)
    with qc.while_loop(expr.logic_not(c1[2])):
        qc.measure(0, c1[2])
    return qc


@case("expr_large_register", "expr", "wide_uint")
def _(ctx):
    expr, types = expr_mod()
    big = ClassicalRegister(70, "big")
    small = ClassicalRegister(4, "small")
    qc = QuantumCircuit(QuantumRegister(1, "q"), big, small, name="expr_large_register")
    with qc.if_test(expr.equal(expr.bit_and(big, (1 << 69) + 255), 0x0F)):
        qc.x(0)
    with qc.if_test(expr.logic_or(expr.less(small, 3), expr.cast(big, types.Bool()))):
        qc.h(0)
    return qc


@case("expr_index_shift", "expr", "expr_index", "expr_shift", "vars_input")
def _(ctx):
    expr, types = expr_mod()
    if not hasattr(expr, "index") or not hasattr(expr, "shift_left"):
        raise Skip("expr.index / expr.shift_left do not exist in this release")
    a = ctx.var("a", types.Uint(8))
    cr = ClassicalRegister(4, "cr")
    qc = QuantumCircuit(cr, inputs=[a], name="expr_index_shift")
    qc.store(expr.index(cr, 0), expr.index(a, a))
    with qc.if_test(expr.equal(expr.shift_right(expr.shift_left(a, 1), 1), a)):
        pass
    qc.store(cr[1], expr.index(expr.shift_left(cr, 2), 3))
    return qc


@case("expr_float_duration", "expr", "expr_float", "expr_duration", "expr_arith", "Duration")
def _(ctx):
    expr, types = expr_mod()
    if not hasattr(expr, "add"):
        raise Skip("expr.add / Float / Duration do not exist in this release")
    Duration = cls("Duration")
    qc = QuantumCircuit(1, name="expr_float_duration")
    with qc.if_test(expr.less(1.0, 2.5)):
        qc.x(0)
    with qc.if_test(expr.logic_and(expr.equal(Duration.dt(1), Duration.ns(2)),
                                   expr.equal(Duration.us(3), Duration.ms(4)))):
        qc.x(0)
    with qc.if_test(expr.equal(Duration.s(5), Duration.dt(6))):
        qc.x(0)
    with qc.if_test(expr.equal(expr.mul(Duration.dt(1), 2.0), expr.div(Duration.ns(2), 2.0))):
        qc.x(0)
    with qc.if_test(expr.equal(expr.add(3.0, 4.0), expr.sub(10.5, 4.3))):
        qc.x(0)
    with qc.if_test(expr.greater(expr.div(Duration.us(1), Duration.ns(1)), 999.5)):
        qc.x(0)
    return qc


@case("expr_negate", "expr", "expr_negate")
def _(ctx):
    expr, types = expr_mod()
    if not hasattr(expr, "negate"):
        raise Skip("expr.negate does not exist in this release")
    need_version((2, 4, 0), "expr.negate (Unary NEGATE)")
    qc = QuantumCircuit(1, name="expr_negate")
    with qc.if_test(expr.less(expr.negate(1.5), 0.0)):
        qc.x(0)
    return qc


@case("vars_input", "vars", "add_input", "store")
def _(ctx):
    expr, types = expr_mod()
    a = ctx.var("a", types.Bool())
    b = ctx.var("θψφ", types.Uint(8))
    try:
        qc = QuantumCircuit(1, 1, inputs=[a, b], name="vars_input")
    except TypeError:
        raise Skip("QuantumCircuit(inputs=...) does not exist in this release") from None
    with qc.if_test(a):
        qc.x(0)
    qc.store(qc.clbits[0], expr.logic_not(a))
    with qc.if_test(expr.equal(b, 3)):
        qc.h(0)
    return qc


@case("vars_local", "vars", "add_var", "add_uninitialized_var", "store", "var_shadowing")
def _(ctx):
    expr, types = expr_mod()
    need_method(QuantumCircuit, "add_var")
    c = ctx.var("🐍🐍🐍", types.Uint(8))
    d = ctx.var("d", types.Bool())
    e = ctx.var("e", types.Uint(16))
    d_other = ctx.var("d", types.Bool())
    qc = QuantumCircuit(1, 1, name="vars_local")
    qc.add_var(c, expr.lift(7, c.type))
    qc.add_var(d, True)
    qc.add_uninitialized_var(e)
    qc.store(e, expr.cast(c, types.Uint(16)))
    qc.measure(0, 0)
    with qc.if_test(d) as else_:
        qc.store(c, expr.lift(3, c.type))
        qc.add_var(d_other, False)  # shadowing in an inner scope
    with else_:
        qc.x(0)
    with qc.switch(c) as case_:
        with case_(0):
            qc.store(d, False)
        with case_(case_.DEFAULT):
            qc.store(qc.clbits[0], d)
    return qc


@case("vars_capture", "vars", "captured_vars", "add_var")
def _(ctx):
    expr, types = expr_mod()
    need_method(QuantumCircuit, "add_var")
    a = ctx.var("a", types.Bool())
    b = ctx.var("b", types.Uint(4))
    qc = QuantumCircuit(1, name="vars_capture")
    qc.add_var(a, False)
    qc.add_var(b, 5)
    body = QuantumCircuit(1, captures=[a, b])
    body.store(a, expr.logic_not(a))
    body.x(0)
    qc.while_loop(a, body, [0], [])
    return qc


@case("stretch_delay", "stretch", "delay_stretch", "expr_duration", "add_stretch")
def _(ctx):
    expr, types = expr_mod()
    need_method(QuantumCircuit, "add_stretch")
    Duration = cls("Duration")
    s = ctx.stretch("a")
    t = ctx.stretch("b")
    qc = QuantumCircuit(2, name="stretch_delay")
    qc.add_stretch(s)
    qc.add_stretch(t)
    qc.delay(s, 0)
    qc.delay(expr.add(Duration.dt(200), s), 1)
    qc.delay(expr.sub(Duration.ns(3.14159), t), 0)
    qc.delay(expr.mul(2.0, t), 1)
    with qc.if_test(expr.equal(s, Duration.dt(100))):
        qc.x(0)
    return qc


@case("duration_ps", "expr_duration", "duration_ps")
def _(ctx):
    expr, types = expr_mod()
    Duration = cls("Duration")
    if not hasattr(Duration, "ps"):
        raise Skip("Duration.ps does not exist in this release")
    qc = QuantumCircuit(1, name="duration_ps")
    with qc.if_test(expr.equal(Duration.ps(1500.0), Duration.ns(1.5))):
        qc.x(0)
    qc.delay(expr.lift(Duration.ps(250.0)), 0)
    return qc


@case("box", "BoxOp", "box_duration", "box_label", "nested_box")
def _(ctx):
    need_method(QuantumCircuit, "box")
    qc = QuantumCircuit(2, name="box")
    with qc.box():
        qc.h(0)
        qc.cx(0, 1)
    with qc.box(duration=2, unit="dt"):
        with qc.box(duration=200.0, unit="ns", label="inner"):
            qc.x(0)
            qc.noop(1)
    with qc.box(duration=2.5, unit="s", label="outer box"):
        qc.cx(0, 1)
    return qc


@case("box_stretch", "BoxOp", "stretch", "box_duration_expr")
def _(ctx):
    need_method(QuantumCircuit, "box")
    expr, types = expr_mod()
    need_method(QuantumCircuit, "add_stretch")
    s = ctx.stretch("s")
    qc = QuantumCircuit(1, name="box_stretch")
    qc.add_stretch(s)
    with qc.box(duration=s):
        qc.x(0)
    with qc.box(duration=expr.mul(2.0, s)):
        qc.delay(s, 0)
    return qc


@case("annotations", "BoxOp", "annotations", "annotation_serializer", "stateful_serializer")
def _(ctx):
    need_method(QuantumCircuit, "box")
    if ANNOTATION_FACTORIES is None:
        raise Skip("qiskit.circuit.annotation does not exist in this release")
    qc = QuantumCircuit(2, name="annotations")
    with qc.box([ann.Tag("first"), ann.Counter(3, "three")]):
        qc.h(0)
    with qc.box([ann.Plain("plain text ✓"), ann.Tag("first"), ann.Tag("second")], duration=10, unit="dt"):
        with qc.box([ann.Counter(-1, "")]):
            qc.cx(0, 1)
    with qc.box([]):
        qc.x(1)
    return qc


# --- layouts ----------------------------------------------------------------------


def _transpile(qc, coupling, seed, **kwargs):
    from qiskit import transpile
    from qiskit.transpiler import CouplingMap

    return transpile(
        qc,
        coupling_map=CouplingMap(coupling),
        basis_gates=["rz", "sx", "x", "cx"],
        optimization_level=1,
        seed_transpiler=seed,
        **kwargs,
    )


def _line(n):
    return [[i, i + 1] for i in range(n - 1)] + [[i + 1, i] for i in range(n - 1)]


@case("layout_transpiled", "layout", "initial_layout", "final_layout", "routing", "transpile",
      portable=False, why="the transpiler output differs between releases")
def _(ctx):
    qr = QuantumRegister(5, "q")
    qc = QuantumCircuit(qr, ClassicalRegister(5, "c"), name="layout_transpiled")
    qc.h(0)
    qc.cx(0, 4)
    qc.cx(1, 3)
    qc.cx(4, 2)
    qc.cx(0, 3)
    qc.measure(qr, qc.cregs[0])
    out = _transpile(qc, _line(5), 1234, initial_layout=[0, 1, 2, 3, 4])
    out.name = "layout_transpiled"
    return out


@case("layout_ancilla", "layout", "initial_layout", "ancilla_qubits", "transpile",
      portable=False, why="the transpiler output differs between releases")
def _(ctx):
    qc = QuantumCircuit(QuantumRegister(3, "data"), name="layout_ancilla")
    qc.h(0)
    qc.cx(0, 1)
    qc.cx(0, 2)
    coupling = [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6], [1, 0], [2, 1], [3, 2], [4, 3], [5, 4], [6, 5]]
    out = _transpile(qc, coupling, 42, initial_layout=[4, 2, 6])
    out.name = "layout_ancilla"
    return out


@case("layout_manual", "layout", "TranspileLayout", "extra_layout_registers", "final_layout")
def _(ctx):
    from qiskit.transpiler.layout import Layout, TranspileLayout

    if "final_layout" not in inspect.signature(TranspileLayout).parameters:
        raise Skip("TranspileLayout has no final_layout in this release (and QPY < 8 stores no layout)")
    virtual = QuantumRegister(2, "virt")
    anc = QuantumRegister(1, "extra")  # not an AncillaRegister: see the ancilla_register case
    phys = QuantumRegister(3, "q")
    qc = QuantumCircuit(phys, name="layout_manual")
    qc.h(0)
    qc.cx(0, 1)
    qc.swap(1, 2)
    initial = Layout({virtual[0]: 2, virtual[1]: 0, anc[0]: 1})
    input_mapping = {virtual[0]: 0, virtual[1]: 1, anc[0]: 2}
    final = Layout({phys[0]: 0, phys[1]: 2, phys[2]: 1})
    kwargs = {}
    if "_input_qubit_count" in inspect.signature(TranspileLayout).parameters:
        kwargs = {"_input_qubit_count": 2, "_output_qubit_list": list(qc.qubits)}
    qc._layout = TranspileLayout(initial, input_mapping, final_layout=final, **kwargs)
    return qc


@case("layout_generic_backend", "layout", "GenericBackendV2", "transpile",
      portable=False, why="the transpiler output differs between releases")
def _(ctx):
    try:
        from qiskit.providers.fake_provider import GenericBackendV2
    except ImportError:
        raise Skip("GenericBackendV2 does not exist in this release") from None
    from qiskit import transpile

    backend = GenericBackendV2(num_qubits=5, seed=7)
    qc = QuantumCircuit(3, 3, name="layout_generic_backend")
    qc.h(0)
    qc.cx(0, 1)
    qc.cx(0, 2)
    qc.measure(range(3), range(3))
    out = transpile(qc, backend, optimization_level=2, seed_transpiler=99)
    out.name = "layout_generic_backend"
    return out


# --- calibrations -------------------------------------------------------------------


def _need_calibrations():
    if pulse is None or not hasattr(QuantumCircuit, "add_calibration"):
        raise Skip("pulse calibrations do not exist in this release (removed in Qiskit 2.0)")


def _gaussian(duration, amp, sigma, angle=0.0, name=None):
    try:
        return pulse.Gaussian(duration=duration, amp=amp, sigma=sigma, angle=angle, name=name)
    except TypeError:
        return pulse.Gaussian(duration=duration, amp=amp * cmath.exp(1j * angle), sigma=sigma, name=name)


@case("calibrations_custom_gate", "calibrations", "ScheduleBlock", "Gaussian", "Waveform", "delay", "shift_phase",
      "acquire", "custom_gate")
def _(ctx):
    _need_calibrations()
    with pulse.build(name="my_gate_cal") as sched:
        pulse.play(_gaussian(160, 0.1, 40, name="g"), pulse.DriveChannel(0))
        pulse.delay(20, pulse.DriveChannel(0))
        pulse.shift_phase(0.5, pulse.DriveChannel(0))
        pulse.play(pulse.Waveform([0.0, 0.1 + 0.1j, 0.2, 0.1], name="wf"), pulse.DriveChannel(0))
        pulse.acquire(100, pulse.AcquireChannel(0), pulse.MemorySlot(0))
    qc = QuantumCircuit(1, 1, name="calibrations_custom_gate")
    qc.append(Gate("my_gate", 1, []), [0])
    qc.measure(0, 0)
    qc.add_calibration("my_gate", [0], sched)
    return qc


@case("calibrations_standard_gate", "calibrations", "ScheduleBlock", "parameterized_calibration", "Gaussian")
def _(ctx):
    _need_calibrations()
    theta = ctx.param("θ")
    amp = ctx.param("amp")
    with pulse.build(name="rx_cal_param") as sched_p:
        pulse.play(_gaussian(160, amp, 40), pulse.DriveChannel(0))
    with pulse.build(name="rx_cal_float") as sched_f:
        pulse.play(_gaussian(160, 0.25, 40, angle=0.1), pulse.DriveChannel(1))
    with pulse.build(name="cx_cal") as sched_cx:
        pulse.play(_gaussian(320, 0.2, 64), pulse.ControlChannel(0))
        pulse.shift_phase(-1.5707963267948966, pulse.DriveChannel(0))
    qc = QuantumCircuit(2, name="calibrations_standard_gate")
    qc.rx(theta, 0)
    qc.rx(0.5, 1)
    qc.cx(0, 1)
    qc.add_calibration("rx", [0], sched_p, params=[theta])
    qc.add_calibration("rx", [1], sched_f, params=[0.5])
    qc.add_calibration(cls("CXGate")(), [0, 1], sched_cx)
    return qc


@case("calibrations_play_only", "calibrations", "ScheduleBlock", "Gaussian")
def _(ctx):
    # Only a Play(Gaussian): the one calibration shape qiskit 2.4+ can still parse (notes §3.3 item 3).
    _need_calibrations()
    with pulse.build(name="x_cal") as sched:
        pulse.play(_gaussian(160, 0.2, 40), pulse.DriveChannel(0))
    qc = QuantumCircuit(1, name="calibrations_play_only")
    qc.x(0)
    qc.add_calibration("x", [0], sched)
    return qc


# --- larger / multi-circuit -------------------------------------------------------------


@case("random_circuit_10x50", "random_circuit", "large",
      portable=False, why="random_circuit draws different gates in every release")
def _(ctx):
    from qiskit.circuit.random import random_circuit

    qc = random_circuit(10, 50, measure=True, seed=2024)
    qc.name = "random_circuit_10x50"
    return qc


@case("multi_circuit", "multi_circuit", "parameter", "IfElseOp")
def _(ctx):
    theta = ctx.param("θ")
    a = QuantumCircuit(2, 2, name="first")
    a.h(0)
    a.cx(0, 1)
    a.measure([0, 1], [0, 1])
    b = QuantumCircuit(1, name="second", global_phase=theta, metadata={"index": 1})
    b.rx(theta, 0)
    c = QuantumCircuit(2, 1, name="third ✓")
    c.h(0)
    c.measure(0, 0)
    with c.if_test((c.clbits[0], True)):
        c.x(1)
    return [a, b, c]


@case("multi_circuit_shared_custom", "multi_circuit", "custom_gate")
def _(ctx):
    gate = _custom_base()
    out = []
    for i in range(3):
        qc = QuantumCircuit(1, name=f"shared_{i}")
        for _ in range(i + 1):
            qc.append(gate, [0])
        out.append(qc)
    return out


# --------------------------------------------------------------------------
# Summaries and comparisons
# --------------------------------------------------------------------------


def jsonable(obj):
    if isinstance(obj, bool) or obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, int):
        return obj
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else repr(obj)
    if isinstance(obj, complex):
        return [jsonable(obj.real), jsonable(obj.imag)]
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if hasattr(obj, "item"):
        return jsonable(obj.item())
    return repr(obj)


def safe(fn):
    try:
        return fn()
    except BaseException as exc:  # noqa: BLE001 - Rust panics (pyo3 PanicException) are BaseExceptions
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return f"<{type(exc).__name__}: {exc}>"


def _blocks(op):
    blocks = getattr(op, "blocks", None)
    if blocks:
        return [b for b in blocks if b is not None]
    return []


def count_ops_recursive(qc, counts=None):
    counts = {} if counts is None else counts
    for inst in qc.data:
        op = inst.operation
        counts[op.name] = counts.get(op.name, 0) + 1
        for block in _blocks(op):
            count_ops_recursive(block, counts)
    return counts


def materialize_problem(qc):
    """None if every instruction (recursively) can be turned into a Python object, else the error."""
    try:
        for inst in qc.data:
            for block in _blocks(inst.operation):
                p = materialize_problem(block)
                if p is not None:
                    return p
    except BaseException as exc:  # noqa: BLE001 - includes pyo3 PanicException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return f"{type(exc).__name__}: {exc}"
    return None


def phase_repr(value):
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value)
    except Exception:  # noqa: BLE001 - unbound expression
        return str(value)


def _loop_parameters(qc, acc):
    for inst in qc.data:
        op = inst.operation
        if op.name == "for_loop" and len(op.params) > 1 and op.params[1] is not None:
            acc.add(op.params[1])
        for block in _blocks(op):
            _loop_parameters(block, acc)
    return acc


def param_list(qc):
    """[name, uuid] of the circuit's parameters, without for-loop parameters.

    qiskit 1.x lists a loop parameter (bound inside its body) in ``qc.parameters``, 2.x does
    not; dropping them keeps summaries comparable across releases.
    """
    out = []
    loops = safe(lambda: _loop_parameters(qc, set()))
    loops = loops if isinstance(loops, set) else set()
    for p in qc.parameters:
        if p in loops:
            continue
        u = getattr(p, "uuid", None) or getattr(p, "_uuid", None)
        out.append([p.name, str(u) if u is not None else None])
    return out


def layout_summary(qc):
    layout = getattr(qc, "_layout", None)
    if layout is None:
        return None
    if not hasattr(layout, "initial_layout"):
        return {"type": type(layout).__name__}

    def bit_name(bit):
        reg = None
        try:
            loc = qc.find_bit(bit)
            if loc.registers:
                reg = loc.registers[0]
        except Exception:  # noqa: BLE001 - the bit is not in the circuit
            pass
        if reg is not None:
            return [reg[0].name, reg[1]]
        r = getattr(bit, "_register", None)
        if r is not None:
            return [r.name, getattr(bit, "_index", None)]
        return None

    out = {}
    init = layout.initial_layout
    if init is not None:
        phys = init.get_physical_bits()
        out["initial_layout"] = [[p, safe(lambda b=phys[p]: _virtual_name(b))] for p in sorted(phys)]
    else:
        out["initial_layout"] = None
    inp = getattr(layout, "input_qubit_mapping", None)
    out["input_qubit_mapping_size"] = None if inp is None else len(inp)
    fin = getattr(layout, "final_layout", None)
    if fin is not None:
        out["final_layout"] = [[p, safe(lambda b=fin.get_physical_bits()[p]: qc.find_bit(b).index)]
                               for p in sorted(fin.get_physical_bits())]
    else:
        out["final_layout"] = None
    out["input_qubit_count"] = getattr(layout, "_input_qubit_count", None)
    return out


def _virtual_name(bit):
    reg = getattr(bit, "_register", None)
    if reg is not None:
        return [reg.name, bit._index]
    # qiskit 2.x: register-owned bits know their register through repr only
    text = repr(bit)
    m = re.search(r"Quantum(?:Register|Ancilla)?\w*\((\d+), '([^']*)'\), (\d+)\)", text)
    if m:
        return [m.group(2), int(m.group(3))]
    return None


def calibrations_summary(qc):
    cals = getattr(qc, "_calibrations_prop", None)
    if cals is None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cals = getattr(qc, "calibrations", None)
        except Exception:  # noqa: BLE001
            cals = None
    if not cals:
        return 0 if cals is not None else None
    return sum(len(v) for v in cals.values())


def circuit_summary(qc):
    out = {
        "name": qc.name,
        "num_qubits": qc.num_qubits,
        "num_clbits": qc.num_clbits,
        "num_instructions": len(qc.data),
        "ops": safe(lambda: dict(sorted(qc.count_ops().items()))),
        "qregs": [[r.name, r.size, type(r).__name__] for r in qc.qregs],
        "cregs": [[r.name, r.size] for r in qc.cregs],
        "global_phase": phase_repr(qc.global_phase),
        "metadata": jsonable(qc.metadata),
        "parameters": param_list(qc),
        "layout": layout_summary(qc),
        "calibrations": calibrations_summary(qc),
    }
    rec = safe(lambda: dict(sorted(count_ops_recursive(qc).items())))
    if rec != out["ops"]:
        out["ops_recursive"] = rec  # only when control-flow bodies add something
    problem = materialize_problem(qc)
    if problem is not None:
        out["materialize_error"] = problem
    for attr in ("num_input_vars", "num_captured_vars", "num_declared_vars", "num_stretches",
                 "num_captured_stretches", "num_declared_stretches"):
        if hasattr(qc, attr):
            out[attr] = getattr(qc, attr)
    return out


def compare(original, loaded, qpy_version):
    """Checks made on a loaded circuit against the object that was dumped.

    Layouts exist in QPY >= 8 only: for older files ``layout_equal`` is null and not a difference.
    """
    r = circuit_compare.compare_circuits(original, loaded, check_layout=qpy_version >= 8)
    out = {
        "equal_to_original": r["equal"],
        "equivalent_to_original": r["equivalent"],
        "name_equal": r["name"],
        "metadata_equal": r["metadata"],
        "global_phase_equal": r["global_phase"],
        "parameters_equal": r["parameters"],
        "layout_equal": r.get("layout"),
    }
    if "calibrations" in r:
        out["calibrations_equal"] = r["calibrations"]
    if r["differences"]:
        out["differences"] = r["differences"]
    if "note" in r:
        out["note"] = r["note"]
    return out


def warning_list(records):
    seen = []
    for w in records:
        item = f"{w.category.__name__}: {str(w.message).strip()}"
        item = re.sub(r" at 0x[0-9a-f]+", "", item)
        if len(item) > 400:
            item = item[:400] + "..."
        if item not in seen:
            seen.append(item)
    return seen


def header_info(data):
    info = {"magic": data[:6].decode("latin1")}
    if len(data) >= 18:
        v = data[6]
        info["qpy_version"] = v
        info["qiskit_version"] = [data[7], data[8], data[9]]
        info["num_programs"] = int.from_bytes(data[10:18], "big")
        pos = 18
        if v >= 10:
            info["symbolic_encoding"] = chr(data[18])
            pos = 19
        else:
            info["symbolic_encoding"] = None
        if v >= 5:
            info["program_type"] = chr(data[pos]) if len(data) > pos else None
        else:
            info["program_type"] = None
    return info


def load_kwargs(trust=True):
    kwargs = {}
    if trust and HAS_TRUST_PAYLOAD:
        kwargs["trust_payload"] = True
    if "annotation_factories" in LOAD_PARAMS and ANNOTATION_FACTORIES is not None:
        kwargs["annotation_factories"] = ANNOTATION_FACTORIES
    return kwargs


def try_load(data, trust=True):
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        try:
            loaded = qpy.load(io.BytesIO(data), **load_kwargs(trust))
            err = None
        except BaseException as exc:  # noqa: BLE001 - Rust panics surface as BaseException
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            loaded, err = None, f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    return loaded, err, warning_list(rec)


# --------------------------------------------------------------------------
# qiskit 2.x symbol-map canonicalisation
# --------------------------------------------------------------------------


def _all_symbols(circuits):
    seen = {}

    def visit(qc, depth=0):
        if depth > 20:
            return
        for p in qc.parameters:
            seen[(p.name, str(getattr(p, "uuid", "")))] = p
        phase = qc.global_phase
        for p in getattr(phase, "parameters", ()):
            seen[(p.name, str(getattr(p, "uuid", "")))] = p
        for inst in qc.data:
            op = inst.operation
            for prm in getattr(op, "params", []):
                if isinstance(prm, QuantumCircuit):
                    visit(prm, depth + 1)
                for p in getattr(prm, "parameters", ()) if hasattr(prm, "parameters") and not isinstance(
                        prm, QuantumCircuit) else ():
                    seen[(p.name, str(getattr(p, "uuid", "")))] = p
            if type(op).__name__ in ("Gate", "Instruction", "ControlledGate", "AnnotatedOperation"):
                d = safe(lambda: op.definition)
                if isinstance(d, QuantumCircuit):
                    visit(d, depth + 1)

    for qc in circuits:
        visit(qc)
    return list(seen.values())


def _entry_pattern(symbol, version):
    vec = getattr(symbol, "vector", None)
    if vec is not None and hasattr(symbol, "index"):
        if version >= 18:
            return re.escape(b"vv" + b"\0" * 8) + b"[\\s\\S]{2}" + re.escape(struct.pack("!Q", symbol.index))
        name = vec.name.encode("utf-8")
        u = symbol.uuid
        return re.escape(b"vv" + b"\0" * 8 + struct.pack("!HQ16sQ", len(name), len(vec), u.bytes, symbol.index) + name)
    name = symbol.name.encode("utf-8")
    return re.escape(b"pp" + b"\0" * 8 + struct.pack("!H16s", len(name), symbol.uuid.bytes) + name)


def canonicalize_symbol_maps(data, circuits, version):
    """Sort every run of >= 2 adjacent PARAMETER_EXPR symbol-map entries by their bytes.

    qiskit 2.x writes the map in hash order (Rust ``HashMap`` / Python ``set`` of Rust-hashed
    Parameters), which differs from process to process. Entries are self-delimiting byte
    strings of known content (type keys ``pp``/``vv``, empty value, the PARAMETER or
    PARAMETER_VECTOR_ELEMENT struct and name), so a run of them can be permuted in place
    without changing any length or offset. Returns (new bytes, number of runs reordered).
    """
    symbols = _all_symbols(circuits)
    if len(symbols) < 2:
        return data, 0
    pats = sorted({_entry_pattern(s, version) for s in symbols}, key=len, reverse=True)
    regex = re.compile(b"|".join(pats))
    matches = list(regex.finditer(data))
    runs, current = [], []
    for m in matches:
        if current and m.start() == current[-1].end():
            current.append(m)
        else:
            if len(current) > 1:
                runs.append(current)
            current = [m]
    if len(current) > 1:
        runs.append(current)
    out = bytearray(data)
    changed = 0
    for run in runs:
        pieces = [m.group(0) for m in run]
        ordered = sorted(pieces)
        if ordered != pieces:
            changed += 1
            out[run[0].start():run[-1].end()] = b"".join(ordered)
    return bytes(out), changed


_CUSTOM_HEADER = struct.Struct("!H1cII?QIIQ")
_COUNTER_NAME = re.compile(r".*_[0-9]+")


def _custom_section_at(data, pos):
    """Entries (start, end) of a CUSTOM_DEFINITIONS section starting at ``pos`` (count u64), or None.

    Only sections with >= 2 entries written by the 2.x Rust writer (names end in ``_<counter>``)
    are recognised; every entry must chain exactly into the next one.
    """
    if pos + 8 > len(data):
        return None
    count = int.from_bytes(data[pos:pos + 8], "big")
    if not 2 <= count <= 4096:
        return None
    p = pos + 8
    entries = []
    for _ in range(count):
        if p + _CUSTOM_HEADER.size > len(data):
            return None
        name_size, type_, _nq, _nc, _has, size, _nctrl, _state, base_size = _CUSTOM_HEADER.unpack_from(data, p)
        has_def = data[p + 11]
        if type_ not in (b"g", b"i", b"c", b"a", b"p") or has_def not in (0, 1) or name_size == 0:
            return None
        name_end = p + _CUSTOM_HEADER.size + name_size
        try:
            name = data[p + _CUSTOM_HEADER.size:name_end].decode("utf-8")
        except UnicodeDecodeError:
            return None
        if not _COUNTER_NAME.fullmatch(name):
            return None
        end = name_end + (size if has_def else 0) + base_size
        if end > len(data):
            return None
        entries.append((p, end))
        p = end
    return entries


def _register_at(data, p, version):
    """End offset of one REGISTER record at p (v4..v17 or v18 layout), or None."""
    if version >= 18:
        if p + 10 > len(data):
            return None
        type_, standalone, size, name_size, in_circ, attach = struct.unpack_from("!c?IH?B", data, p)
        if data[p + 1] > 1 or data[p + 8] > 1 or attach > 1:
            return None
        end = p + 10 + name_size + (4 if attach == 1 else 4 * size)
    else:
        if p + 9 > len(data):
            return None
        type_, standalone, size, name_size, in_circ = struct.unpack_from("!c?IH?", data, p)
        if data[p + 1] > 1 or data[p + 8] > 1:
            return None
        end = p + 9 + name_size + 8 * size
    if type_ not in (b"q", b"c", b"a") or end > len(data):
        return None
    return end


def _layout_registers_at(data, pos, version):
    """Extra-register records (start, end) of a LAYOUT_V2 header at ``pos``, or None (needs >= 2)."""
    if pos + 21 > len(data) or data[pos] != 1:
        return None
    init, inp, fin, n_extra, in_count = struct.unpack_from("!iiiIi", data, pos + 1)
    if not (2 <= n_extra <= 64 and -1 <= init <= 1 << 20 and -1 <= inp <= 1 << 20 and -1 <= fin <= 1 << 20):
        return None
    p = pos + 21
    out = []
    for _ in range(n_extra):
        end = _register_at(data, p, version)
        if end is None:
            return None
        out.append((p, end))
        p = end
    return out


# Cheap pre-filters for the positions where a group can start (the finders validate fully).
_CUSTOM_CANDIDATE = re.compile(b"(?=\\x00{6}[\\x00-\\x10][\\s\\S][\\s\\S]{2}[gicap])")
_LAYOUT_CANDIDATE = re.compile(b"(?=\\x01[\\s\\S]{12}\\x00\\x00\\x00[\\x02-\\x40])")


def _sort_innermost(data, finder, candidates):
    """Repeatedly sort (by bytes) the innermost unsorted group of adjacent records found by finder."""
    data = bytearray(data)
    changed = 0
    for _ in range(10000):
        groups = []
        for m in candidates.finditer(data):
            entries = finder(data, m.start())
            if entries:
                groups.append(entries)
        unsorted = [g for g in groups if [bytes(data[a:b]) for a, b in g] != sorted(bytes(data[a:b]) for a, b in g)]
        if not unsorted:
            return bytes(data), changed
        # innermost: contains no other unsorted group
        def contains(outer, inner):
            return outer[0][0] < inner[0][0] and inner[-1][1] <= outer[-1][1]
        target = next(g for g in unsorted if not any(contains(g, h) for h in unsorted if h is not g))
        pieces = sorted(bytes(data[a:b]) for a, b in target)
        data[target[0][0]:target[-1][1]] = b"".join(pieces)
        changed += 1
    raise RuntimeError("canonicalisation did not converge")


def canonicalize_rust_orders(data, version):
    """qiskit 2.x Rust writer (QPY >= 17): custom-definition and layout extra-register order.

    Both lists are written from ``hashbrown`` maps/sets whose iteration order changes from
    process to process. Every group of adjacent records is sorted by its bytes (innermost
    groups first, so nested definitions are canonical before their parents are sorted).
    Returns (bytes, number of groups reordered).
    """
    data, n1 = _sort_innermost(data, _custom_section_at, _CUSTOM_CANDIDATE)
    data, n2 = _sort_innermost(data, lambda d, p: _layout_registers_at(d, p, version), _LAYOUT_CANDIDATE)
    return data, n1 + n2


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------


def combos():
    """(version, use_symengine, subdirectory) for every dump this release makes."""
    if not HAS_VERSION_ARG:
        return [(None, None, "")]
    lo = getattr(qpy.common, "QPY_COMPATIBILITY_VERSION", QPY_VERSION)
    out = []
    for v in range(lo, QPY_VERSION + 1):
        if IS_2X:
            out.append((v, None, f"v{v}/"))
        else:
            for se_flag in (True, False):
                out.append((v, se_flag, f"v{v}-{'symengine' if se_flag else 'sympy'}/"))
    return out


def writer_info():
    return {
        "package": WRITER_PACKAGE,
        "version": qiskit.__version__,
        "symengine": dist_version("symengine"),
        "sympy": dist_version("sympy"),
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "default_qpy_version": QPY_VERSION,
    }


def dump_bytes(circuits, version, use_symengine, case_name, sub):
    kwargs = {}
    if version is not None:
        kwargs["version"] = version
        if use_symengine is not None:
            kwargs["use_symengine"] = use_symengine
    if HAS_ANNOTATION_ARG and ANNOTATION_FACTORIES is not None:
        kwargs["annotation_factories"] = ANNOTATION_FACTORIES
    _dump_rng.seed(seed_for(case_name, sub, "dump"))
    buf = io.BytesIO()
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        qpy.dump(circuits if len(circuits) > 1 else circuits[0], buf, **kwargs)
    return buf.getvalue(), warning_list(rec)


RUST_WRITE_MIN = getattr(qpy.common, "QPY_RUST_WRITE_MIN_VERSION", 99)
SAMPLED_DUMPS = 300


_UNUSED_SYMBOL_PAIR = re.compile(
    re.escape(b"\x02p") + b"[\\s\\S]{16}" + re.escape(b"i" + b"\0" * 16 + b"\x00n" + b"\0" * 16 + b"n" + b"\0" * 16))


def canonicalize_unused_symbols(data):
    """qiskit 2.4+ replay of a cancelled expression (e.g. ``0*(a + v[0])``): the symbols that no
    longer occur are appended as ``MUL(p:sym, i:0); ADD(n, n)`` pairs in hash-set order.
    Adjacent pairs (70 bytes each) are sorted by their bytes."""
    out = bytearray(data)
    n = 0
    matches = list(_UNUSED_SYMBOL_PAIR.finditer(data))
    runs, cur = [], []
    for m in matches:
        if cur and m.start() == cur[-1].end():
            cur.append(m)
        else:
            if len(cur) > 1:
                runs.append(cur)
            cur = [m]
    if len(cur) > 1:
        runs.append(cur)
    for run in runs:
        pieces = [m.group(0) for m in run]
        if sorted(pieces) != pieces:
            out[run[0].start():run[-1].end()] = b"".join(sorted(pieces))
            n += 1
    return bytes(out), n


def _canonical(data, circuits):
    data, n = canonicalize_symbol_maps(data, circuits, data[6])
    data, k = canonicalize_unused_symbols(data)
    n += k
    if data[6] >= RUST_WRITE_MIN:
        data, m = canonicalize_rust_orders(data, data[6])
        n += m
    return data, n


def canonical_dump(data, circuits, version, use_se, case_name, sub):
    """qiskit 2.x: canonicalise hash orders; for the Rust writer also pick the smallest of many dumps.

    The Rust writer numbers custom definitions (``name_<counter>``) while walking a hash map, so
    when several custom definitions share a base gate, *which* base gets which counter changes
    from dump to dump, not only the order (measured: 6 variants for ``controlled_custom``).
    Sorting cannot undo a renaming, so every file with a CUSTOM_DEFINITIONS section of >= 2
    entries is dumped SAMPLED_DUMPS (300) times and the smallest canonical byte string is kept
    (measured: at most 6 variants, each with probability >= 0.11, so the chance of missing the
    smallest one is < 1e-15).
    """
    data, n = _canonical(data, circuits)
    if data[6] < RUST_WRITE_MIN:
        return data, n
    # Only files with a CUSTOM_DEFINITIONS section of >= 2 entries can be renumbered.
    if not any(_custom_section_at(data, m.start()) for m in _CUSTOM_CANDIDATE.finditer(data)):
        return data, n
    variants = {data}
    for _ in range(SAMPLED_DUMPS - 1):
        again, _ = dump_bytes(circuits, version, use_se, case_name, sub)
        again, _ = _canonical(again, circuits)
        variants.add(again)
    if len(variants) > 1:
        NOTES.add(f"Rust writer (QPY >= 17): some cases give different custom-definition numbering from dump "
                  f"to dump; the generator keeps the smallest of {SAMPLED_DUMPS} canonicalised dumps")
    return min(variants), n


def _rebuild_block(block, qperm, cperm):
    """``block`` with its qubits / clbits permuted and its registers sorted by name."""
    from qiskit.circuit import CircuitInstruction

    qubits = [block.qubits[j] for j in qperm]
    clbits = [block.clbits[j] for j in cperm]
    qregs = sorted(block.qregs, key=lambda r: r.name)
    cregs = sorted(block.cregs, key=lambda r: r.name)
    new = QuantumCircuit(qubits, clbits, *qregs, *cregs, name=block.name, global_phase=block.global_phase,
                         metadata=block.metadata)
    for getter in ("iter_captured_vars", "iter_captured_stretches"):
        for item in getattr(block, getter, lambda: ())():
            new.add_capture(item)
    for var in getattr(block, "iter_declared_vars", lambda: ())():
        new.add_uninitialized_var(var)
    for stretch in getattr(block, "iter_declared_stretches", lambda: ())():
        new.add_stretch(stretch)
    for inst in block.data:
        new._append(CircuitInstruction(inst.operation, inst.qubits, inst.clbits))
    return canonical_bit_order(new)


def canonical_bit_order(qc):
    """Sort the bits of every control-flow instruction (and of its blocks) by circuit index.

    The builder interface (``with qc.if_test(...)``) collects the bits and registers a block uses
    in Python sets; the hashes of Qiskit's bits/registers depend on object addresses, so the
    qubit / clbit order of builder-made control-flow instructions and their blocks (and the
    register order of the blocks) changes from process to process. Any order is a valid Qiskit
    result; this picks the sorted one: qargs / cargs in increasing circuit index, the blocks'
    bits permuted the same way, block registers by name. Modifies ``qc`` in place (recursively).
    """
    from qiskit.circuit import CircuitInstruction

    for i in range(len(qc.data)):
        inst = qc.data[i]
        op = inst.operation
        blocks = getattr(op, "blocks", None)
        if not blocks:
            if op.name in ("break_loop", "continue_loop"):
                # these take every bit of the enclosing loop, collected in a set by the builder
                qc.data[i] = CircuitInstruction(op, tuple(sorted(inst.qubits, key=lambda b: qc.find_bit(b).index)),
                                                tuple(sorted(inst.clbits, key=lambda b: qc.find_bit(b).index)))
            continue
        qidx = [qc.find_bit(q).index for q in inst.qubits]
        cidx = [qc.find_bit(c).index for c in inst.clbits]
        qperm = sorted(range(len(qidx)), key=qidx.__getitem__)
        cperm = sorted(range(len(cidx)), key=cidx.__getitem__)
        new_blocks = [None if b is None else _rebuild_block(b, qperm, cperm) for b in blocks]
        new_op = op.replace_blocks(new_blocks)
        if getattr(op, "label", None) is not None and getattr(new_op, "label", None) != op.label:
            new_op.label = op.label
        qc.data[i] = CircuitInstruction(new_op, tuple(inst.qubits[j] for j in qperm),
                                        tuple(inst.clbits[j] for j in cperm))
    return qc


def _renumber_block_names(qc, counter):
    """qiskit-terra only: give auto-named control-flow bodies ("circuit-<n>") the names
    circuit-1, circuit-2, ... in depth-first instruction order.

    terra's builder creates a varying number of temporary circuits (depending on set order), so
    the global name counter - and with it the stored block names - drifted between runs even
    after the per-case reset. qiskit >= 1.0 needs no renaming (measured stable)."""
    for inst in qc.data:
        for block in getattr(inst.operation, "blocks", None) or ():
            if block is None:
                continue
            if re.fullmatch(r"circuit-\d+", block.name):
                counter[0] += 1
                block.name = f"circuit-{counter[0]}"
            _renumber_block_names(block, counter)


def build_case(fn, case_name):
    """Build a case in this release (used by crossload_circuits.py too). Raises Skip.

    Control-flow instructions get a canonical bit order (``canonical_bit_order``); the result
    is checked to be equivalent to what the case function built.
    """
    ctx = CaseContext(case_name)
    FEATURE_NOTES.pop(case_name, None)
    # Auto-generated circuit names ("circuit-2311", e.g. control-flow bodies built by the builder
    # interface, library definitions) come from a process-wide counter: restart it per case so a
    # name does not depend on what was built before.
    if hasattr(QuantumCircuit, "instances"):
        QuantumCircuit.instances = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        built = fn(ctx)
        built = built if isinstance(built, list) else [built]
        out = []
        for qc in built:
            if any(getattr(inst.operation, "blocks", None) for inst in qc.data):
                before = copy.deepcopy(qc)
                canonical_bit_order(qc)
                # qiskit >= 1.0 compares control-flow blocks independently of their bit order, so
                # the permuted circuit must still be ==; terra's == is order-sensitive (not checked).
                if QISKIT_VERSION >= (1, 0, 0):
                    check = circuit_compare.compare_circuits(before, qc)
                    if check["differences"]:
                        raise RuntimeError(f"canonical_bit_order changed the circuit: {check['differences'][:3]}")
                else:
                    _renumber_block_names(qc, [0])
            out.append(qc)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="output directory (e.g. Tests/Fixtures/circuits/qiskit-2.6/)")
    ap.add_argument("--manifest", help="MANIFEST.json to update (default: <out>/../MANIFEST.json)")
    ap.add_argument("--venv-name", help="key in the manifest (default: basename of --out)")
    ap.add_argument("--only", nargs="*", help="only these cases (for debugging; manifest not written)")
    args = ap.parse_args(argv)

    t0 = time.time()
    out_dir = os.path.abspath(args.out)
    venv_name = args.venv_name or os.path.basename(out_dir.rstrip("/"))
    manifest_path = args.manifest or os.path.join(os.path.dirname(out_dir.rstrip("/")), "MANIFEST.json")
    os.makedirs(out_dir, exist_ok=True)

    combo_list = combos()
    cases_out, skipped, counts = {}, {}, {}
    n_files = 0
    canon_total = 0
    for case_name, features, fn, _opts in CASES:
        if args.only and case_name not in args.only:
            continue
        try:
            circuits = build_case(fn, case_name)
        except Skip as exc:
            skipped[case_name] = {"stage": "build", "reason": str(exc), "features": features}
            continue
        except Exception as exc:  # noqa: BLE001
            skipped[case_name] = {"stage": "build", "reason": f"{type(exc).__name__}: {exc}", "features": features}
            continue
        originals = [copy.deepcopy(c) for c in circuits]
        entry = {"features": features, "num_circuits": len(circuits), "files": []}
        if case_name in FEATURE_NOTES:
            entry["details"] = FEATURE_NOTES[case_name]
        combo_skips = []
        for version, use_se, sub in combo_list:
            rel = f"{sub}{case_name}.qpy"
            try:
                data, dump_warnings = dump_bytes(circuits, version, use_se, case_name, sub)
            except BaseException as exc:  # noqa: BLE001
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                combo_skips.append({"combo": sub.rstrip("/") or None, "reason": f"{type(exc).__name__}: {msg}"})
                continue
            if IS_2X:
                data, canon_runs = canonical_dump(data, circuits, version, use_se, case_name, sub)
                canon_total += canon_runs
            os.makedirs(os.path.join(out_dir, sub), exist_ok=True)
            with open(os.path.join(out_dir, rel), "wb") as f:
                f.write(data)
            n_files += 1
            key = sub.rstrip("/") or f"v{data[6]}"
            counts[key] = counts.get(key, 0) + 1

            loaded, err, load_warnings = try_load(data, trust=True)
            expect = {
                "case": case_name,
                "file": os.path.basename(rel),
                "features": features,
                "writer": dict(writer_info(), qpy_version=version if version is not None else QPY_VERSION,
                               use_symengine=use_se),
                "size": len(data),
                "header": header_info(data),
                "num_circuits": len(circuits),
                "dump_warnings": dump_warnings,
            }
            expect["load"] = {
                "loader": f"{WRITER_PACKAGE}-{qiskit.__version__}",
                "trust_payload": True if HAS_TRUST_PAYLOAD else None,
                "loads": err is None,
                "error": err,
                "warnings": load_warnings,
            }
            if HAS_TRUST_PAYLOAD:
                _, err2, _ = try_load(data, trust=False)
                expect["load"]["loads_without_trust_payload"] = err2 is None
                if err2 is not None:
                    expect["load"]["error_without_trust_payload"] = err2
            if loaded is not None:
                cmp = [compare(o, l, data[6]) for o, l in zip(originals, loaded)]
                expect["load"]["num_circuits_loaded"] = len(loaded)
                same_n = len(loaded) == len(originals)
                expect["load"]["equal_to_original"] = same_n and all(c["equal_to_original"] for c in cmp)
                expect["load"]["equivalent_to_original"] = same_n and all(
                    c["equivalent_to_original"] and not c.get("differences") for c in cmp
                )
                expect["load"]["checks"] = cmp
                expect["circuits"] = [circuit_summary(c) for c in loaded]
            else:
                expect["load"]["num_circuits_loaded"] = None
                expect["load"]["equal_to_original"] = None
                expect["load"]["equivalent_to_original"] = None
                expect["circuits"] = None
            orig_view = [circuit_summary(o) for o in originals]
            if orig_view != expect["circuits"]:
                expect["original_circuits"] = orig_view  # else: identical to "circuits"
            write_json(os.path.join(out_dir, rel[:-4] + ".expect.json"), expect)
            entry["files"].append({
                "file": rel,
                "qpy_version": data[6],
                "encoding": (None if data[6] < 10 else ("symengine" if data[18:19] == b"e" else "sympy")),
                "loads": err is None,
                "equal_to_original": expect["load"]["equal_to_original"],
                "equivalent_to_original": expect["load"]["equivalent_to_original"],
            })
        if combo_skips:
            entry["skipped_combos"] = combo_skips
        if entry["files"]:
            cases_out[case_name] = entry
        else:
            skipped[case_name] = {"stage": "dump", "reason": combo_skips[0]["reason"], "features": features}

    elapsed = time.time() - t0
    for c, s in skipped.items():
        print(f"{venv_name}: skipped {c} ({s['stage']}): {s['reason']}", file=sys.stderr)
    print(
        f"{venv_name}: {n_files} .qpy files, {len(cases_out)} cases, {len(skipped)} skipped, "
        f"{elapsed:.1f} s; hash-order groups reordered: {canon_total}; "
        f"per version/encoding: {json.dumps(counts, sort_keys=True)}",
        file=sys.stderr,
    )
    if args.only:
        return 0
    manifest = {}
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    manifest.setdefault("venvs", {})
    manifest["venvs"][venv_name] = {
        "writer": writer_info(),
        "directory": os.path.relpath(out_dir, os.path.dirname(manifest_path)),
        "layout": ("v<N>/<case>.qpy" if IS_2X else "v<N>-<encoding>/<case>.qpy") if HAS_VERSION_ARG else "<case>.qpy",
        "uuid_sources": sorted(UUID_SOURCES),
        "notes": sorted(NOTES),
        "counts": dict(sorted(counts.items())),
        "num_files": n_files,
        "cases": cases_out,
        "skipped": skipped,
    }
    manifest["venvs"] = dict(sorted(manifest["venvs"].items()))
    write_json(manifest_path, manifest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
