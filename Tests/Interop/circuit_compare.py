"""Circuit comparison shared by the circuit fixture generator and the interop checker.

Works inside any of the venvs (qiskit-terra 0.22 ... qiskit 2.6). The judge is
``a == b``; when that is False, ``circuit_differences`` walks both circuits to say *where*
they differ, and recognises one Qiskit quirk: some operations are not even equal to a
freshly built copy of themselves (measured: ``DiagonalGate``, ``UCRZGate``, ``UCRYGate``,
``UCRXGate`` in qiskit 1.4.6 and 2.6 - their ``__eq__`` compares generated definitions
containing sub-instructions named after a global counter, ``circuit-1030``). Qiskit
*library* operations (class from a ``qiskit.*`` module other than Gate / Instruction /
ControlledGate / AnnotatedOperation / PauliEvolutionGate, i.e. the ones QPY stores by class
name + params) whose class, name, params, label, ctrl state and bits agree are therefore
accepted; if they are the only difference the circuits count as equivalent
(``equivalent`` = True while ``equal`` = False, with a ``note``).
"""

from __future__ import annotations

import copy
import math
import re
import warnings

import numpy as np

_IRREFLEXIVE: dict = {}


def _safe(fn, default=None):
    try:
        return fn()
    except BaseException as exc:  # noqa: BLE001 - includes pyo3 PanicException (qiskit 2.x)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return default


def is_irreflexive(op):
    """True if ``op == deepcopy(op)`` is False (cached per class name + params repr)."""
    key = (type(op).__name__, getattr(op, "name", None))
    if key not in _IRREFLEXIVE:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _IRREFLEXIVE[key] = _safe(lambda: bool(op == copy.deepcopy(op)), True) is False
    return _IRREFLEXIVE[key]


_STORED_DEFINITION_CLASSES = {"Gate", "Instruction", "ControlledGate", "AnnotatedOperation", "PauliEvolutionGate"}


def definition_is_derived(op):
    """True for Qiskit library classes (QPY stores class name + params, not the definition)."""
    klass = type(op)
    module = getattr(klass, "__module__", None) or ""
    return module.startswith("qiskit") and klass.__name__ not in _STORED_DEFINITION_CLASSES


def _blocks(op):
    blocks = getattr(op, "blocks", None)
    return [b for b in blocks if b is not None] if blocks else []


def param_equal(x, y):
    from qiskit import QuantumCircuit

    if isinstance(x, QuantumCircuit) or isinstance(y, QuantumCircuit):
        return isinstance(x, QuantumCircuit) and isinstance(y, QuantumCircuit) and not circuit_differences(x, y)[0]
    if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
        return _safe(lambda: np.array_equal(np.asarray(x), np.asarray(y)), False)
    if isinstance(x, (list, tuple)) and isinstance(y, (list, tuple)):
        return len(x) == len(y) and all(param_equal(p, q) for p, q in zip(x, y))
    if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
        return True
    return _safe(lambda: bool(x == y), False)


def _bit_indices(circ, bits):
    return [_safe(lambda b=b: circ.find_bit(b).index) for b in bits]


def _op_text(op):
    return f"{type(op).__name__}({getattr(op, 'name', '?')})"


def _short(obj, limit=160):
    text = _safe(lambda: str(obj), "<unprintable>")
    text = re.sub(r" at 0x[0-9a-f]+", "", text)
    return text if len(text) <= limit else text[:limit] + "..."


def instruction_differences(a, b, i, x, y, where):
    """Differences between instruction i of a and of b (x, y = CircuitInstructions)."""
    ox, oy = x.operation, y.operation
    if type(ox) is not type(oy) or ox.name != oy.name:
        return [f"{where}[{i}] {_op_text(ox)} vs {_op_text(oy)}"], False
    if _bit_indices(a, x.qubits) != _bit_indices(b, y.qubits):
        return [f"{where}[{i}] {ox.name}: qubits {_bit_indices(a, x.qubits)} vs {_bit_indices(b, y.qubits)}"], False
    if _bit_indices(a, x.clbits) != _bit_indices(b, y.clbits):
        return [f"{where}[{i}] {ox.name}: clbits differ"], False
    bx, by = _blocks(ox), _blocks(oy)
    if bx or by:
        out, quirk = [], False
        if len(bx) != len(by):
            return [f"{where}[{i}] {ox.name}: {len(bx)} vs {len(by)} blocks"], False
        for j, (p, q) in enumerate(zip(bx, by)):
            diffs, q_ = circuit_differences(p, q, f"{where}[{i}].block{j}")
            out.extend(diffs)
            quirk = quirk or q_
        if not out:
            # blocks equal; other params (loop range, loop parameter, switch target, ...) and condition
            other_x = [p for p in ox.params if not hasattr(p, "data")]
            other_y = [p for p in oy.params if not hasattr(p, "data")]
            if not param_equal(other_x, other_y):
                out.append(f"{where}[{i}] {ox.name}: params {_short(other_x)} vs {_short(other_y)}")
            cx, cy = getattr(ox, "condition", None), getattr(oy, "condition", None)
            if _safe(lambda: bool(cx == cy), False) is False and _short(cx) != _short(cy):
                out.append(f"{where}[{i}] {ox.name}: condition {_short(cx)} vs {_short(cy)}")
            if not out and _safe(lambda: bool(x == y), False) is False:
                out.append(f"{where}[{i}] {ox.name}: differs (==), blocks equal")
        return out, quirk
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if _safe(lambda: bool(x == y), False):
            return [], False
    detail = []
    if not param_equal(list(ox.params), list(oy.params)):
        detail.append(f"params {_short([_short(p, 60) for p in ox.params])} vs {_short([_short(p, 60) for p in oy.params])}")
    if getattr(ox, "label", None) != getattr(oy, "label", None):
        detail.append(f"label {getattr(ox, 'label', None)!r} vs {getattr(oy, 'label', None)!r}")
    for attr in ("num_ctrl_qubits", "ctrl_state", "unit", "duration"):
        vx, vy = getattr(ox, attr, None), getattr(oy, attr, None)
        if not param_equal(vx, vy):
            detail.append(f"{attr} {_short(vx)} vs {_short(vy)}")
    cx, cy = getattr(ox, "condition", None), getattr(oy, "condition", None)
    if (cx is not None or cy is not None) and _short(cx) != _short(cy):
        detail.append(f"condition {_short(cx)} vs {_short(cy)}")
    if not detail and (is_irreflexive(ox) or definition_is_derived(ox)):
        # Same library class, name, params, label and bits. QPY stores only the class name and
        # the params of such an operation (the loader rebuilds it), so what remains is Qiskit's
        # own == comparing generated definitions (e.g. UCRZGate's definition contains
        # sub-instructions named after a global counter, "circuit-1030" vs "circuit-1114").
        return [], True
    if not detail:
        dx, dy = _safe(lambda: ox.definition), _safe(lambda: oy.definition)
        if dx is not None and dy is not None and _safe(lambda: bool(dx == dy), False) is False:
            diffs, quirk = circuit_differences(dx, dy, f"{where}[{i}].definition")
            if not diffs:
                return [], quirk
            detail.append("definition: " + "; ".join(diffs[:2]))
        else:
            detail.append("differs (==)")
    return [f"{where}[{i}] {ox.name}: " + "; ".join(detail)], False


def circuit_differences(a, b, where="", limit=8):
    """(list of differences, used_irreflexive_fallback). Empty list = equivalent."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if _safe(lambda: bool(a == b), False):
            return [], False
    out = []
    quirk = False
    if a.num_qubits != b.num_qubits or a.num_clbits != b.num_clbits:
        out.append(f"{where}bits {a.num_qubits}q/{a.num_clbits}c vs {b.num_qubits}q/{b.num_clbits}c")
    regs_a = [(r.name, r.size) for r in a.qregs] + [("c:" + r.name, r.size) for r in a.cregs]
    regs_b = [(r.name, r.size) for r in b.qregs] + [("c:" + r.name, r.size) for r in b.cregs]
    if regs_a != regs_b:
        out.append(f"{where}registers {regs_a} vs {regs_b}")
    if len(a.data) != len(b.data):
        out.append(f"{where}{len(a.data)} vs {len(b.data)} instructions")
    if _safe(lambda: bool(a.global_phase == b.global_phase), False) is False:
        out.append(f"{where}global_phase {_short(a.global_phase)} vs {_short(b.global_phase)}")
    for attr in ("iter_input_vars", "iter_captured_vars", "iter_declared_vars", "iter_stretches"):
        if hasattr(a, attr) and hasattr(b, attr):
            va, vb = _safe(lambda: list(getattr(a, attr)())), _safe(lambda: list(getattr(b, attr)()))
            if va != vb:
                out.append(f"{where}{attr[5:]} {_short(va)} vs {_short(vb)}")
    for i in range(min(len(a.data), len(b.data))):
        if len(out) >= limit:
            break
        try:
            x, y = a.data[i], b.data[i]
            _ = (x.operation, y.operation)
        except BaseException as exc:  # noqa: BLE001 - e.g. a loaded Delay that cannot be rebuilt
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            out.append(f"{where}[{i}] cannot materialise instruction: {type(exc).__name__}: {exc}")
            continue
        diffs, q = instruction_differences(a, b, i, x, y, where)
        out.extend(diffs)
        quirk = quirk or q
    if not out and where == "":
        # Everything we look at is equal but == said no: report instead of guessing.
        if not quirk:
            out.append("circuits differ (==) but no instruction/register/phase/var difference was found")
    return out[:limit], quirk and not out


def label_differences(a, b, where=""):
    """Instruction labels (Qiskit's == ignores them), recursively into control-flow blocks."""
    out = []
    for i in range(min(len(a.data), len(b.data))):
        try:
            ox, oy = a.data[i].operation, b.data[i].operation
        except BaseException as exc:  # noqa: BLE001
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            continue  # reported by circuit_differences
        lx, ly = getattr(ox, "label", None), getattr(oy, "label", None)
        if lx != ly:
            out.append(f"{where}[{i}] {getattr(ox, 'name', '?')}: label {lx!r} vs {ly!r}")
        for j, (p, q) in enumerate(zip(_blocks(ox), _blocks(oy))):
            out.extend(label_differences(p, q, f"{where}[{i}].block{j}"))
    return out


def compare_circuits(a, b, check_layout=True, check_calibrations=True):
    """Full comparison of two circuits: dict of named checks + ``differences``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        equal = _safe(lambda: bool(a == b), False)
    diffs, quirk = ([], False) if equal else circuit_differences(a, b)
    out = {
        "equal": equal,
        "equivalent": equal or (not diffs),  # before the label / name / metadata / ... checks
        "name": a.name == b.name,
        "metadata": _safe(lambda: a.metadata == b.metadata, False),
        "global_phase": _safe(lambda: bool(a.global_phase == b.global_phase), False),
        "parameters": parameter_identity(a) == parameter_identity(b),
    }
    if check_layout:
        out["layout"] = layouts_equal(a, b)
    if check_calibrations:
        ca, cb = calibrations(a), calibrations(b)
        if ca is not None or cb is not None:
            out["calibrations"] = _safe(lambda: bool(ca == cb), False)
    problems = [f"{k} differs" for k, v in out.items() if k not in ("equal", "equivalent") and v is False]
    labels = label_differences(a, b)
    out["labels"] = not labels
    out["differences"] = diffs + labels[:4] + problems
    if quirk and not diffs:
        out["note"] = "== is False only because of operations whose == is not reflexive (compared by class/params)"
    return out


def parameter_identity(qc):
    out = []
    for p in _safe(lambda: list(qc.parameters), []):
        u = getattr(p, "uuid", None) or getattr(p, "_uuid", None)
        out.append((p.name, str(u) if u is not None else None))
    return out


def calibrations(qc):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cals = _safe(lambda: getattr(qc, "calibrations", None))
    if cals is None:
        return None
    return dict(cals)


def layouts_equal(a, b):
    la, lb = getattr(a, "_layout", None), getattr(b, "_layout", None)
    if la is None or lb is None:
        return la is None and lb is None
    eq = _safe(lambda: bool(la == lb))
    if eq is not None:
        return eq
    return _layout_view(a) == _layout_view(b)


def _layout_view(qc):
    lay = qc._layout
    view = {}
    for attr in ("initial_layout", "final_layout"):
        lo = getattr(lay, attr, None)
        view[attr] = None if lo is None else sorted(
            (p, _short(v)) for p, v in lo.get_physical_bits().items()
        )
    inp = getattr(lay, "input_qubit_mapping", None)
    view["input_qubit_mapping"] = None if inp is None else len(inp)
    return view
