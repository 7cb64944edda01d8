#!/usr/bin/env python3
"""Build QPY v1-v4 circuit files byte by byte (no Qiskit needed).

No Qiskit that installs here writes QPY 1-4 (qiskit-terra < 0.21 has no wheel for this
Python: ``pip download --only-binary :all: --no-deps qiskit-terra==0.20.2`` finds nothing;
without ``--only-binary`` pip falls back to the sdist). This script writes such files from
the layouts in /work/shared/reference/qpy-format-notes.md (§1 table rows 1-4, §2.3, §2.5,
§2.8-2.12), checked against the QPY *reader* of qiskit 1.4.6 / 2.6
(``qiskit/qpy/binary_io/circuits.py``: ``_read_header``, ``_read_header_v2``,
``_read_registers``, ``_read_registers_v4``, ``_read_custom_operations``,
``_read_instruction``; ``value.py``: ``_read_parameter_expression`` (v1-v2 map entries
``"!cQ"``), ``_read_parameter_expression_v3`` (``"!ccQ"``), ``_read_parameter_vec``).

    python3 Tests/FixtureGenerator/build_legacy_circuits.py --out Tests/Fixtures/circuits/legacy-v1-v4

writes ``<case>.qpy`` + ``<case>.expect.json`` (what the circuit is meant to be: structure
summary in the same format as gen_circuits.py, ``legacy_builder: true``). The check with
real Qiskit is done by crossload_circuits.py (run in qiskit-2.6 and qiskit-1.4.6): it loads
every file and compares it with ``reference_circuits(case)`` - the same circuit built with
the Qiskit API in that venv (same names, same Parameter UUIDs) - using ``==``.

Conventions used by every file here (as terra 0.18-0.20 wrote them):
* file header ``"!6sBBBBQ"`` = ``QISKIT``, version, terra version (0.18.0 for v1, 0.19.0 for
  v2, 0.19.1 for v3, 0.20.0 for v4), number of circuits; no program-type key (v < 5);
* instruction parameters ``i``/``f`` little-endian, everything else big-endian;
* ParameterExpressions as sympy ``srepr`` text (what terra wrote via ``sympy.srepr``);
* Parameter UUIDs ``UUID(int=0x1000 + k)``; vector element UUIDs ``root + index`` (the
  0.25+ convention - older terra used independent random UUIDs, which readers accept too,
  but root+index makes the 2.x reader, which derives the vector identity from it, agree
  with 1.x).
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))

TERRA_VERSION = {1: (0, 18, 0), 2: (0, 19, 0), 3: (0, 19, 1), 4: (0, 20, 0)}


# --------------------------------------------------------------------------
# Low-level encoders
# --------------------------------------------------------------------------


def u(n):
    """Deterministic UUID used for Parameters."""
    return uuid.UUID(int=n)


class P:
    """A Parameter: name + UUID (no Qiskit)."""

    def __init__(self, name, uid):
        self.name, self.uuid = name, uid

    def srepr(self):
        return f"Symbol({self.name!r})"


class VE:
    """A ParameterVectorElement: vector name, vector size, root UUID, index."""

    def __init__(self, vector, size, root, index):
        self.vector, self.size, self.root, self.index = vector, size, root, index
        self.uuid = uuid.UUID(int=root.int + index)
        self.name = f"{vector}[{index}]"

    def srepr(self):
        return f"Symbol({self.name!r})"


class Expr:
    """A ParameterExpression given as sympy srepr text + its symbols."""

    def __init__(self, srepr, symbols):
        self.srepr, self.symbols = srepr, symbols


def tv(key, payload):
    """INSTRUCTION_PARAM framing ``"!1cQ"`` + payload."""
    return struct.pack("!1cQ", key, len(payload)) + payload


def parameter(p):
    name = p.name.encode("utf-8")
    return struct.pack("!H16s", len(name), p.uuid.bytes) + name


def vector_element(v):
    name = v.vector.encode("utf-8")
    return struct.pack("!HQ16sQ", len(name), v.size, v.uuid.bytes, v.index) + name


def param_expr(e, version):
    payload = e.srepr.encode("utf-8")
    out = struct.pack("!QQ", len(e.symbols), len(payload)) + payload
    for s in e.symbols:
        if version < 3:
            # PARAM_EXPR_MAP_ELEM "!cQ": value type, value size; key = PARAMETER; 'p' + 0 = the symbol itself
            if isinstance(s, VE):
                raise ValueError("vector elements need QPY >= 3")
            out += struct.pack("!cQ", b"p", 0) + parameter(s)
        else:
            # PARAM_EXPR_MAP_ELEM_V3 "!ccQ": symbol type, value type, value size
            key = b"v" if isinstance(s, VE) else b"p"
            out += struct.pack("!ccQ", key, key, 0) + (vector_element(s) if isinstance(s, VE) else parameter(s))
    return out


def value(obj, version, instruction_context):
    """Typed value (TV) for a Python-ish object in the given context."""
    if obj is None:
        assert version >= 4
        return tv(b"z", b"")
    if isinstance(obj, bool):
        obj = int(obj)
    if isinstance(obj, int):
        return tv(b"i", struct.pack("<q" if instruction_context else "!q", obj))
    if isinstance(obj, float):
        return tv(b"f", struct.pack("<d" if instruction_context else "!d", obj))
    if isinstance(obj, complex):
        return tv(b"c", struct.pack("!dd", obj.real, obj.imag))
    if isinstance(obj, str):
        return tv(b"s", obj.encode("utf-8"))
    if isinstance(obj, VE):
        assert version >= 3
        return tv(b"v", vector_element(obj))
    if isinstance(obj, P):
        return tv(b"p", parameter(obj))
    if isinstance(obj, Expr):
        return tv(b"e", param_expr(obj, version))
    if isinstance(obj, range):
        assert version >= 4
        return tv(b"r", struct.pack("!qqq", obj.start, obj.stop, obj.step))
    if isinstance(obj, tuple):
        assert version >= 4
        body = struct.pack("!Q", len(obj)) + b"".join(value(x, version, instruction_context) for x in obj)
        return tv(b"t", body)
    if isinstance(obj, Circuit):
        assert version >= 4
        return tv(b"q", obj.payload(version))
    raise TypeError(f"cannot encode {obj!r}")


# --------------------------------------------------------------------------
# Circuit model (just enough for these fixtures)
# --------------------------------------------------------------------------


class Reg:
    def __init__(self, kind, name, indices, standalone=True, in_circuit=True):
        self.kind, self.name, self.indices = kind, name, indices
        self.standalone, self.in_circuit = standalone, in_circuit


class Inst:
    def __init__(self, name, qargs=(), cargs=(), params=(), label=None, condition=None):
        self.name, self.qargs, self.cargs, self.params = name, list(qargs), list(cargs), list(params)
        self.label, self.condition = label, condition  # condition = (register name | ("bit", index), value)


class Custom:
    """CUSTOM_INSTRUCTION entry (v1-v4 layout ``"!H1cII?Q"``)."""

    def __init__(self, name, kind, num_qubits, num_clbits, definition=None):
        self.name, self.kind, self.num_qubits, self.num_clbits = name, kind, num_qubits, num_clbits
        self.definition = definition


class Circuit:
    def __init__(self, name, num_qubits, num_clbits, registers=(), instructions=(), customs=(),
                 global_phase=0.0, metadata=None):
        self.name, self.num_qubits, self.num_clbits = name, num_qubits, num_clbits
        self.registers, self.instructions, self.customs = list(registers), list(instructions), list(customs)
        self.global_phase = global_phase
        self.metadata = {} if metadata is None else metadata

    def payload(self, version):
        name = self.name.encode("utf-8")
        meta = json.dumps(self.metadata, separators=(",", ":")).encode("utf-8")
        if version < 2:
            assert isinstance(self.global_phase, float)
            out = struct.pack("!HdIIQIQ", len(name), self.global_phase, self.num_qubits, self.num_clbits,
                              len(meta), len(self.registers), len(self.instructions))
            out += name + meta
        else:
            phase = value(self.global_phase, version, instruction_context=False)
            key, size = phase[:1], struct.unpack("!Q", phase[1:9])[0]
            out = struct.pack("!H1cHIIQIQ", len(name), key, size, self.num_qubits, self.num_clbits,
                              len(meta), len(self.registers), len(self.instructions))
            out += name + phase[9:] + meta
        for reg in self.registers:
            rname = reg.name.encode("utf-8")
            if version < 4:
                assert reg.in_circuit and all(i >= 0 for i in reg.indices)
                out += struct.pack("!1c?IH", reg.kind, reg.standalone, len(reg.indices), len(rname)) + rname
                out += struct.pack(f"!{len(reg.indices)}I", *reg.indices)
            else:
                out += struct.pack("!1c?IH?", reg.kind, reg.standalone, len(reg.indices), len(rname),
                                   reg.in_circuit) + rname
                out += struct.pack(f"!{len(reg.indices)}q", *reg.indices)
        out += struct.pack("!Q", len(self.customs))
        for c in self.customs:
            cname = c.name.encode("utf-8")
            body = c.definition.payload(version) if c.definition is not None else b""
            out += struct.pack("!H1cII?Q", len(cname), c.kind, c.num_qubits, c.num_clbits,
                               c.definition is not None, len(body)) + cname + body
        for inst in self.instructions:
            iname = inst.name.encode("utf-8")
            label = (inst.label or "").encode("utf-8")
            cond_reg, cond_val = b"", 0
            if inst.condition is not None:
                target, cond_val = inst.condition
                if isinstance(target, tuple):  # ("bit", index): "\x00" + decimal index
                    cond_reg = b"\x00" + str(target[1]).encode("ascii")
                else:
                    cond_reg = target.encode("utf-8")
            out += struct.pack("!HHHII?Hq", len(iname), len(label), len(inst.params), len(inst.qargs),
                               len(inst.cargs), inst.condition is not None, len(cond_reg), cond_val)
            out += iname + label + cond_reg
            out += b"".join(struct.pack("!1cI", b"q", q) for q in inst.qargs)
            out += b"".join(struct.pack("!1cI", b"c", c) for c in inst.cargs)
            out += b"".join(value(p, version, instruction_context=True) for p in inst.params)
        return out


def qpy_file(circuits, version):
    major, minor, patch = TERRA_VERSION[version]
    out = struct.pack("!6sBBBBQ", b"QISKIT", version, major, minor, patch, len(circuits))
    return out + b"".join(c.payload(version) for c in circuits)


# --------------------------------------------------------------------------
# Cases: each returns (list of Circuit, description, summary) for a version
# --------------------------------------------------------------------------

THETA = P("θ", u(0x1000))
PHI = P("phi", u(0x1001))
LAM = P("λ", u(0x1002))
V_ROOT = u(0x5000 << 32)
V = [VE("v", 3, V_ROOT, i) for i in range(3)]


def bell(version):
    return [Circuit(
        "bell", 2, 2,
        registers=[Reg(b"q", "q", [0, 1]), Reg(b"c", "c", [0, 1])],
        instructions=[
            Inst("HGate", [0]),
            Inst("CXGate", [0, 1]),
            Inst("Measure", [0], [0]),
            Inst("Measure", [1], [1]),
        ],
        metadata={"case": "bell", "qpy": version},
    )]


def params(version):
    # rx(θ), rz(2*θ + phi), u(θ, phi, λ), ry(0.5) with a float, rzz... (no: rzz not in 0.18)
    expr = Expr("Add(Mul(Integer(2), Symbol('θ')), Symbol('phi'))", [THETA, PHI])
    return [Circuit(
        "params", 1, 0,
        registers=[Reg(b"q", "q", [0])],
        instructions=[
            Inst("RXGate", [0], params=[THETA]),
            Inst("RZGate", [0], params=[expr]),
            Inst("UGate", [0], params=[THETA, PHI, LAM]),
            Inst("RYGate", [0], params=[0.5]),
            Inst("PhaseGate", [0], params=[3]),
        ],
        global_phase=0.25,
    )]


def global_phase_param(version):
    return [Circuit("global_phase_param", 1, 0, registers=[Reg(b"q", "q", [0])],
                    instructions=[Inst("RZGate", [0], params=[THETA])], global_phase=THETA)]


def global_phase_expr(version):
    expr = Expr("Add(Mul(Rational(1, 2), Symbol('θ')), Float('0.25', precision=53))", [THETA])
    return [Circuit("global_phase_expr", 1, 0, registers=[Reg(b"q", "q", [0])],
                    instructions=[Inst("RXGate", [0], params=[THETA])], global_phase=expr)]


def custom_gate(version):
    definition = Circuit("my_gate", 2, 0, registers=[Reg(b"q", "q", [0, 1])],
                         instructions=[Inst("HGate", [0]), Inst("CXGate", [0, 1])])
    inst_def = Circuit("my_inst", 1, 1, registers=[Reg(b"q", "q", [0]), Reg(b"c", "c", [0])],
                       instructions=[Inst("XGate", [0]), Inst("Measure", [0], [0])])
    return [Circuit(
        "custom_gate", 3, 1,
        registers=[Reg(b"q", "q", [0, 1, 2]), Reg(b"c", "c", [0])],
        customs=[Custom("my_gate", b"g", 2, 0, definition), Custom("my_inst", b"i", 1, 1, inst_def),
                 Custom("opaque", b"g", 1, 0, None)],
        instructions=[
            Inst("my_gate", [0, 1]),
            Inst("my_gate", [1, 2], label="second"),
            Inst("my_inst", [2], [0]),
            Inst("opaque", [0], params=[0.75]),
        ],
    )]


def condition_register(version):
    return [Circuit(
        "condition_register", 2, 2,
        registers=[Reg(b"q", "q", [0, 1]), Reg(b"c", "c", [0, 1])],
        instructions=[
            Inst("HGate", [0]),
            Inst("Measure", [0], [0]),
            Inst("XGate", [1], condition=("c", 1)),
            Inst("RZGate", [1], params=[0.5], condition=("c", 3)),
        ],
    )]


def condition_clbit(version):
    return [Circuit(
        "condition_clbit", 2, 2,
        registers=[Reg(b"q", "q", [0, 1]), Reg(b"c", "c", [0, 1])],
        instructions=[
            Inst("HGate", [0]),
            Inst("Measure", [0], [1]),
            Inst("XGate", [1], condition=(("bit", 1), 1)),
        ],
    )]


def param_vector(version):
    expr = Expr("Add(Mul(Symbol('v[0]'), Symbol('v[2]')), Symbol('θ'))", [V[0], V[2], THETA])
    return [Circuit(
        "param_vector", 2, 0,
        registers=[Reg(b"q", "q", [0, 1])],
        instructions=[
            Inst("RXGate", [0], params=[V[0]]),
            Inst("RYGate", [1], params=[V[2]]),  # v[1] unused: vector_size still 3
            Inst("RZZGate", [0, 1], params=[expr]),
        ],
    )]


def register_in_circuit(version):
    # "owner" owns the circuit's qubits 0 and 1 (its bit 1 is not in the circuit) but is not
    # itself in the circuit; "other" is an ordinary register; "view" aliases owner bits.
    return [Circuit(
        "register_in_circuit", 3, 1,
        registers=[
            Reg(b"q", "other", [2]),
            Reg(b"q", "owner", [0, -1, 1], standalone=True, in_circuit=False),
            Reg(b"c", "c", [0]),
        ],
        instructions=[Inst("HGate", [0]), Inst("CXGate", [0, 1]), Inst("CXGate", [1, 2]),
                      Inst("Measure", [2], [0])],
    )]


def control_flow(version):
    loop_i = P("i", u(0x1003))
    body = Circuit("for_body", 1, 0, registers=[Reg(b"q", "q", [0])],
                   instructions=[Inst("RXGate", [0], params=[loop_i])])
    body2 = Circuit("for_body2", 1, 0, registers=[Reg(b"q", "q", [0])], instructions=[Inst("XGate", [0])])
    true_body = Circuit("true_body", 1, 1, registers=[Reg(b"q", "q", [0]), Reg(b"c", "c", [0])],
                        instructions=[Inst("XGate", [0])])
    return [Circuit(
        "control_flow", 1, 1,
        registers=[Reg(b"q", "q", [0]), Reg(b"c", "c", [0])],
        instructions=[
            Inst("ForLoopOp", [0], params=[range(0, 5, 2), loop_i, body]),
            Inst("ForLoopOp", [0], params=[(0, 3, -1), None, body2]),
            Inst("Measure", [0], [0]),
            Inst("IfElseOp", [0], [0], params=[true_body, None], condition=("c", 1)),
        ],
    )]


def tuple_none_params(version):
    return [Circuit(
        "tuple_none_params", 1, 0,
        registers=[Reg(b"q", "q", [0])],
        customs=[Custom("tup_inst", b"i", 1, 0, None)],
        instructions=[Inst("tup_inst", [0], params=[(1, 2.5, "s", (3, -4)), None, "text"])],
    )]


def multi(version):
    return bell(version) + params(version)


CASES = {
    # case: (min version, builder, features)
    "bell": (1, bell, ["h", "cx", "measure", "registers", "metadata"]),
    "params": (1, params, ["parameter", "parameter_expression_srepr", "float_param_le", "int_param_le",
                           "global_phase_float"]),
    "custom_gate": (1, custom_gate, ["custom_gate", "custom_instruction", "opaque_gate", "label"]),
    "condition_register": (1, condition_register, ["c_if", "condition_register"]),
    # "\x00"+index clbit conditions: terra 0.18.1+, i.e. files from v2 on
    "condition_clbit": (2, condition_clbit, ["c_if", "condition_clbit"]),
    "global_phase_param": (2, global_phase_param, ["global_phase_parameter"]),
    "global_phase_expr": (2, global_phase_expr, ["global_phase_expression"]),
    "param_vector": (3, param_vector, ["parameter_vector_element", "expression_map_v3"]),
    "register_in_circuit": (4, register_in_circuit, ["register_v4", "in_circuit_flag", "bit_index_minus_1"]),
    "control_flow": (4, control_flow, ["ForLoopOp", "IfElseOp", "range_param", "tuple_param", "none_param",
                                       "circuit_param"]),
    "tuple_none_params": (4, tuple_none_params, ["tuple_param", "none_param", "string_param"]),
    "multi_circuit": (1, multi, ["multi_circuit"]),
}


# --------------------------------------------------------------------------
# Reference circuits built with the Qiskit API (used by crossload_circuits.py)
# --------------------------------------------------------------------------


def reference_circuits(case_name):
    """The circuits a file of ``case_name`` is meant to contain, built with the installed Qiskit.

    ``case_name`` is ``v<N>_<case>`` (as in the expect.json ``case`` field).
    """
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
    from qiskit.circuit import Gate, Instruction, Parameter, ParameterVector
    from qiskit.circuit.library import RZGate, XGate

    version = int(case_name.split("_", 1)[0][1:])
    case = case_name.split("_", 1)[1]

    def prm(p):
        try:
            return Parameter(p.name, uuid=p.uuid)
        except TypeError:  # qiskit-terra: only __new__ takes uuid=
            obj = Parameter.__new__(Parameter, p.name, uuid=p.uuid)
            obj.__init__(p.name)
            return obj

    theta, phi, lam = prm(THETA), prm(PHI), prm(LAM)

    def vector():
        try:
            vec = ParameterVector("v", 3, uuid=V_ROOT)  # qiskit 2.x
        except TypeError:
            from qiskit.circuit.parametervector import ParameterVectorElement

            vec = ParameterVector("v", 3)
            for i in range(3):
                elem_uuid = uuid.UUID(int=V_ROOT.int + i)
                try:
                    vec._params[i] = ParameterVectorElement(vec, i, uuid=elem_uuid)
                except TypeError:  # qiskit-terra: only __new__ takes uuid=
                    elem = ParameterVectorElement.__new__(ParameterVectorElement, vec, i, uuid=elem_uuid)
                    elem.__init__(vec, i)
                    vec._params[i] = elem
        return vec

    def r_bell():
        qc = QuantumCircuit(QuantumRegister(2, "q"), ClassicalRegister(2, "c"), name="bell",
                            metadata={"case": "bell", "qpy": version})
        qc.h(0)
        qc.cx(0, 1)
        qc.measure(0, 0)
        qc.measure(1, 1)
        return qc

    def r_params():
        qc = QuantumCircuit(QuantumRegister(1, "q"), name="params", global_phase=0.25)
        qc.rx(theta, 0)
        qc.rz(2 * theta + phi, 0)
        qc.u(theta, phi, lam, 0)
        qc.ry(0.5, 0)
        qc.p(3, 0)
        return qc

    if case == "bell":
        return [r_bell()]
    if case == "params":
        return [r_params()]
    if case == "multi_circuit":
        return [r_bell(), r_params()]
    if case == "global_phase_param":
        qc = QuantumCircuit(QuantumRegister(1, "q"), name="global_phase_param", global_phase=theta)
        qc.rz(theta, 0)
        return [qc]
    if case == "global_phase_expr":
        qc = QuantumCircuit(QuantumRegister(1, "q"), name="global_phase_expr", global_phase=theta / 2 + 0.25)
        qc.rx(theta, 0)
        return [qc]
    if case == "custom_gate":
        d = QuantumCircuit(QuantumRegister(2, "q"), name="my_gate")
        d.h(0)
        d.cx(0, 1)
        g = Gate("my_gate", 2, [])
        g.definition = d
        di = QuantumCircuit(QuantumRegister(1, "q"), ClassicalRegister(1, "c"), name="my_inst")
        di.x(0)
        di.measure(0, 0)
        inst = Instruction("my_inst", 1, 1, [])
        inst.definition = di
        qc = QuantumCircuit(QuantumRegister(3, "q"), ClassicalRegister(1, "c"), name="custom_gate")
        qc.append(g, [0, 1])
        g2 = Gate("my_gate", 2, [], label="second")
        g2.definition = d
        qc.append(g2, [1, 2])
        qc.append(inst, [2], [0])
        qc.append(Gate("opaque", 1, [0.75]), [0])
        return [qc]
    if case in ("condition_register", "condition_clbit"):
        q, c = QuantumRegister(2, "q"), ClassicalRegister(2, "c")
        qc = QuantumCircuit(q, c, name=case)
        qc.h(0)
        if case == "condition_register":
            qc.measure(0, 0)
            targets = [((c, 1), "x"), ((c, 3), "rz")]
        else:
            qc.measure(0, 1)
            targets = [((c[1], 1), "x")]
        for cond, gate in targets:
            op = XGate() if gate == "x" else RZGate(0.5)
            if not hasattr(op, "c_if"):
                # qiskit 2.x loads a legacy condition as IfElseOp(condition, body) where body holds
                # only the gate's own bits, appended on the gate's qubits/clbits - the condition's
                # clbits are *not* among the IfElseOp's clbits (binary_io/circuits.py
                # _read_instruction in 2.6); mirror that exactly.
                from qiskit.circuit import CircuitInstruction, IfElseOp

                body = QuantumCircuit([qc.qubits[1]])
                body.append(op, [qc.qubits[1]])
                qc._append(CircuitInstruction(IfElseOp(cond, body), [qc.qubits[1]], []))
            else:
                qc.append(op, [1]).c_if(*cond)
        return [qc]
    if case == "param_vector":
        v = vector()
        qc = QuantumCircuit(QuantumRegister(2, "q"), name="param_vector")
        qc.rx(v[0], 0)
        qc.ry(v[2], 1)
        qc.rzz(v[0] * v[2] + theta, 0, 1)
        return [qc]
    if case == "register_in_circuit":
        owner = QuantumRegister(3, "owner")
        qc = QuantumCircuit(name="register_in_circuit")
        qc.add_bits([owner[0], owner[2]])
        qc.add_register(QuantumRegister(1, "other"))
        qc.add_register(ClassicalRegister(1, "c"))
        # bit order in the circuit: owner[0], owner[2], other[0]
        qc.h(0)
        qc.cx(0, 1)
        qc.cx(1, 2)
        qc.measure(2, 0)
        return [qc]
    if case == "control_flow":
        from qiskit.circuit import ForLoopOp, IfElseOp

        i = prm(P("i", u(0x1003)))
        q, c = QuantumRegister(1, "q"), ClassicalRegister(1, "c")
        body = QuantumCircuit(QuantumRegister(1, "q"), name="for_body")
        body.rx(i, 0)
        body2 = QuantumCircuit(QuantumRegister(1, "q"), name="for_body2")
        body2.x(0)
        true_body = QuantumCircuit(QuantumRegister(1, "q"), ClassicalRegister(1, "c"), name="true_body")
        true_body.x(0)
        qc = QuantumCircuit(q, c, name="control_flow")
        qc.append(ForLoopOp(range(0, 5, 2), i, body), [0])
        qc.append(ForLoopOp((0, 3, -1), None, body2), [0])
        qc.measure(0, 0)
        qc.append(IfElseOp((c, 1), true_body, None), [0], [0])
        return [qc]
    if case == "tuple_none_params":
        qc = QuantumCircuit(QuantumRegister(1, "q"), name="tuple_none_params")
        qc.append(Instruction("tup_inst", 1, 0, [(1, 2.5, "s", (3, -4)), None, "text"]), [0])
        return [qc]
    raise KeyError(case_name)


# --------------------------------------------------------------------------
# Summaries (same format as gen_circuits.circuit_summary, structural fields only)
# --------------------------------------------------------------------------

CLASS_TO_OP = {"HGate": "h", "CXGate": "cx", "Measure": "measure", "RXGate": "rx", "RZGate": "rz",
               "UGate": "u", "RYGate": "ry", "PhaseGate": "p", "XGate": "x", "RZZGate": "rzz",
               "ForLoopOp": "for_loop", "IfElseOp": "if_else"}


def _symbols(obj, acc):
    if isinstance(obj, (P, VE)):
        acc[obj.name] = obj
    elif isinstance(obj, Expr):
        for s in obj.symbols:
            acc[s.name] = s
    elif isinstance(obj, (tuple, list)):
        for x in obj:
            _symbols(x, acc)
    elif isinstance(obj, Circuit):
        for inst in obj.instructions:
            _symbols(inst.params, acc)


def summary(c):
    ops = {}
    for inst in c.instructions:
        op = CLASS_TO_OP.get(inst.name, inst.name)
        ops[op] = ops.get(op, 0) + 1
    syms = {}
    _symbols(c, syms)
    _symbols([c.global_phase], syms)
    # loop parameters are bound inside the body: not circuit parameters
    for inst in c.instructions:
        if inst.name == "ForLoopOp" and isinstance(inst.params[1], P):
            syms.pop(inst.params[1].name, None)
    return {
        "name": c.name,
        "num_qubits": c.num_qubits,
        "num_clbits": c.num_clbits,
        "num_instructions": len(c.instructions),
        "ops": dict(sorted(ops.items())),
        "qregs": [[r.name, len(r.indices), "QuantumRegister"] for r in c.registers if r.kind == b"q" and r.in_circuit],
        "cregs": [[r.name, len(r.indices)] for r in c.registers if r.kind == b"c" and r.in_circuit],
        "global_phase": c.global_phase if isinstance(c.global_phase, float) else "<parameterized>",
        "metadata": c.metadata,
        "parameters": [[s.name, str(s.uuid)] for s in sorted(syms.values(), key=lambda s: s.name)],
        "layout": None,
    }


def header_info(data):
    return {"magic": data[:6].decode("latin1"), "qpy_version": data[6], "qiskit_version": list(data[7:10]),
            "num_programs": int.from_bytes(data[10:18], "big"), "symbolic_encoding": None, "program_type": None}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--manifest", help="MANIFEST.json to update (default: <out>/../MANIFEST.json)")
    args = ap.parse_args(argv)
    sys.path.insert(0, HERE)
    from fixture_json import compact_json  # noqa: E402  (stdlib only)

    os.makedirs(args.out, exist_ok=True)
    n = 0
    manifest_cases = {}
    for version in (1, 2, 3, 4):
        for case, (min_version, builder, features) in CASES.items():
            if version < min_version:
                continue
            circuits = builder(version)
            data = qpy_file(circuits, version)
            name = f"v{version}_{case}"
            with open(os.path.join(args.out, name + ".qpy"), "wb") as f:
                f.write(data)
            expect = {
                "case": name,
                "file": name + ".qpy",
                "legacy_builder": True,
                "writer": {"package": "build_legacy_circuits.py", "qpy_version": version,
                           "imitates": "qiskit-terra " + ".".join(map(str, TERRA_VERSION[version]))},
                "size": len(data),
                "header": header_info(data),
                "num_circuits": len(circuits),
                "original_circuits": [summary(c) for c in circuits],
            }
            path = os.path.join(args.out, name + ".expect.json")
            old = {}
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    old = json.load(f)
            if "crossload" in old and old.get("size") == len(data):
                expect["crossload"] = old["crossload"]  # keep results until crossload reruns
            with open(path, "w", encoding="utf-8") as f:
                f.write(compact_json(expect) + "\n")
            n += 1
            entry = manifest_cases.setdefault(case, {"features": features, "num_circuits": len(circuits),
                                                     "files": []})
            entry["files"].append({"file": name + ".qpy", "qpy_version": version})
    manifest_path = args.manifest or os.path.join(os.path.dirname(os.path.abspath(args.out).rstrip("/")),
                                                  "MANIFEST.json")
    manifest = {}
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    manifest.setdefault("venvs", {})["legacy-v1-v4"] = {
        "writer": {"package": "build_legacy_circuits.py (no Qiskit)", "imitates": {
            f"v{v}": "qiskit-terra " + ".".join(map(str, t)) for v, t in TERRA_VERSION.items()}},
        "directory": os.path.relpath(os.path.abspath(args.out), os.path.dirname(manifest_path)),
        "layout": "v<N>_<case>.qpy",
        "num_files": n,
        "cases": manifest_cases,
        "skipped": {c: {"reason": f"needs QPY >= {mv}", "versions": [f"v{v}" for v in range(1, mv)]}
                    for c, (mv, _b, _f) in CASES.items() if mv > 1},
    }
    manifest["venvs"] = dict(sorted(manifest["venvs"].items()))
    with open(manifest_path, "w", encoding="utf-8") as f:
        f.write(compact_json(manifest) + "\n")
    print(f"legacy-v1-v4: {n} files written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
