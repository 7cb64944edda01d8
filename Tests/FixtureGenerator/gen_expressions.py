#!/usr/bin/env python3
"""Generate symbolic-expression fixtures from a real Qiskit / qiskit-terra release.

Run it with the interpreter of one of the venvs made by make_venvs.sh:

    .venv/qiskit-1.4.6/bin/python Tests/FixtureGenerator/gen_expressions.py \
        --out Tests/Fixtures/expressions/qiskit-1.4.6.json

It writes one JSON document (see README.md in this directory for the schema)
holding, for the installed writer:

* ``pulses``: every standard SymbolicPulse shape the release has plus a few
  custom SymbolicPulses, each with its envelope / constraints /
  valid_amp_conditions in the three forms Qiskit can produce (sympy ``srepr``
  exactly as the QPY writer makes it, symengine's native serialization as hex,
  symengine ``str()``) and the samples Qiskit computes for it;
* ``parameter_expressions``: ParameterExpressions built from the Python source
  in ``CASES``, with srepr, symengine bytes, symbols (with their deterministic
  UUIDs), an evaluation and - for writers of QPY >= 13 - the QPY 13 replay
  payload and the complete PARAMETER_EXPR element.

Operations a release does not support are skipped (reported on stderr, not
recorded). The output is deterministic: parameter UUIDs are fixed (see
``make_parameter`` / ``deterministic_uuid4``).
"""

from __future__ import annotations

import argparse
import cmath
import importlib.metadata
import io
import json
import math
import struct
import sys
import uuid as uuid_module
import warnings
from functools import reduce

warnings.simplefilter("ignore", DeprecationWarning)
warnings.simplefilter("ignore", PendingDeprecationWarning)

import qiskit  # noqa: E402
from qiskit.circuit import Parameter, ParameterExpression, ParameterVector, QuantumCircuit

try:
    from qiskit.circuit import ParameterVectorElement
except ImportError:  # pragma: no cover - very old terra
    from qiskit.circuit.parametervector import ParameterVectorElement

try:
    import symengine
    import symengine.lib.symengine_wrapper  # noqa: F401  (load_basic lives here)
except ImportError:  # qiskit 2.x does not depend on symengine
    symengine = None

try:
    import sympy
except ImportError:  # qiskit 2.x does not depend on sympy
    sympy = None


def dist_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


# The distribution that provides the ``qiskit`` module: qiskit-terra for the
# 0.x releases, qiskit from 1.0 on.
WRITER_PACKAGE = "qiskit" if dist_version("qiskit") == qiskit.__version__ else "qiskit-terra"
QISKIT_VERSION = tuple(int(p) for p in qiskit.__version__.split(".")[:2])

# --------------------------------------------------------------------------
# Deterministic UUIDs
# --------------------------------------------------------------------------
# Plain Parameters get UUID(int=0x1000 + k) (k = creation order), vectors get a
# root UUID(int=(k + 1) << 32) so that element i is root + i (terra >= 0.25 and
# qiskit derive element UUIDs that way). Releases whose Parameter /
# ParameterVector constructor has no ``uuid=`` keyword get the same numbers by
# replacing ``uuid4`` in Qiskit's parameter modules with a counter.

_param_counter = 0
_vector_counter = 0
_uuid_queue: list = []  # UUIDs handed out by the patched uuid4, in order
UUID_SOURCES: set = set()


def deterministic_uuid4():
    if _uuid_queue:
        return _uuid_queue.pop(0)
    raise RuntimeError("unexpected uuid4() call while generating fixtures")


def _patch_uuid4():
    import qiskit.circuit.parameter as pmod

    mods = [pmod]
    try:
        import qiskit.circuit.parametervector as vmod

        mods.append(vmod)
    except ImportError:
        pass
    for mod in mods:
        if hasattr(mod, "uuid4"):
            mod.uuid4 = deterministic_uuid4


_patch_uuid4()


def uuid_of(symbol):
    """Parameter.uuid (terra <= 0.24 only has the private ``_uuid``)."""
    u = getattr(symbol, "uuid", None)
    return u if u is not None else symbol._uuid


def make_parameter(name):
    global _param_counter
    u = uuid_module.UUID(int=0x1000 + _param_counter)
    _param_counter += 1
    try:
        p = Parameter(name, uuid=u)
        UUID_SOURCES.add("Parameter(name, uuid=...)")
    except TypeError:
        # terra 0.22-0.24: Parameter.__new__ accepts uuid= but __init__ does not.
        _uuid_queue.append(u)
        p = Parameter(name)
        UUID_SOURCES.add("Parameter: patched uuid4")
    assert uuid_of(p) == u, (uuid_of(p), u)
    return p


def make_vector(name, length):
    global _vector_counter
    _vector_counter += 1
    root = (_vector_counter) << 32
    try:
        v = ParameterVector(name, length, uuid=uuid_module.UUID(int=root))
        UUID_SOURCES.add("ParameterVector(name, length, uuid=...)")
    except TypeError:
        # qiskit < 2.x: uuid4() gives either the vector's root uuid (terra >=
        # 0.25: element i is root + i) or each element's uuid (terra <= 0.24).
        # Queue root + i for i = 0..length-1: both schemes then yield the same
        # element uuids.
        _uuid_queue.clear()
        _uuid_queue.extend(uuid_module.UUID(int=root + i) for i in range(length))
        v = ParameterVector(name, length)
        if len(_uuid_queue) == 0:
            UUID_SOURCES.add("ParameterVector: patched uuid4, one call per element")
        else:
            UUID_SOURCES.add("ParameterVector: patched uuid4, one call for the root")
        _uuid_queue.clear()
    assert [uuid_of(e).int for e in v] == [root + i for i in range(length)], [uuid_of(e) for e in v]
    return v


# --------------------------------------------------------------------------
# Symbolic forms
# --------------------------------------------------------------------------


def srepr_of(expr):
    """sympy srepr exactly as the QPY writer makes it: srepr(sympify(expr))."""
    if sympy is None or expr is None:
        return None
    return sympy.srepr(sympy.sympify(expr))


def symengine_hex(expr):
    """symengine native serialization, e.__reduce__()[1][0], as lowercase hex."""
    if symengine is None or not isinstance(expr, symengine.Basic):
        return None
    data = expr.__reduce__()[1][0]
    if not isinstance(data, bytes):
        return None
    return data.hex()


def symengine_str(expr):
    if expr is None:
        return None
    return str(expr)


def forms(expr):
    if expr is None:
        return None
    return {"srepr": srepr_of(expr), "symengine": symengine_hex(expr), "str": symengine_str(expr)}


def json_number(value):
    """int/float stay themselves, complex becomes [re, im]; NaN/inf -> error."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, complex):
        return [value.real, value.imag]
    # numpy scalars
    if hasattr(value, "item"):
        return json_number(value.item())
    raise TypeError(f"unsupported parameter value {value!r} ({type(value).__name__})")


def finite(values):
    return all(math.isfinite(v) for v in values)


# --------------------------------------------------------------------------
# Pulses
# --------------------------------------------------------------------------


def pulse_library():
    try:
        from qiskit.pulse import library
    except ImportError:
        return None
    return library


# (case, factory name, kwargs). ``angle`` is dropped (and folded into a complex
# ``amp``) for releases whose pulses have no ``angle`` (terra 0.22).
STANDARD_PULSES = [
    ("Gaussian", "Gaussian", dict(duration=160, amp=0.1, sigma=40, angle=0.3)),
    ("GaussianSquare", "GaussianSquare", dict(duration=320, amp=0.1, sigma=40, width=200, angle=0.3)),
    (
        "GaussianSquare_risefall_sigma_ratio",
        "GaussianSquare",
        dict(duration=320, amp=0.2, sigma=32, risefall_sigma_ratio=1.5, angle=-0.4),
    ),
    ("GaussianSquareDrag", "GaussianSquareDrag", dict(duration=320, amp=0.1, sigma=40, beta=0.5, width=200, angle=0.3)),
    (
        "GaussianSquareDrag_risefall_sigma_ratio",
        "GaussianSquareDrag",
        dict(duration=320, amp=0.15, sigma=30, beta=-0.8, risefall_sigma_ratio=2.0, angle=1.1),
    ),
    (
        "gaussian_square_echo",
        "gaussian_square_echo",
        dict(duration=320, amp=0.1, sigma=40, width=200, angle=0.3, active_amp=0.05, active_angle=0.2),
    ),
    ("GaussianDeriv", "GaussianDeriv", dict(duration=160, amp=0.1, sigma=40, angle=0.3)),
    ("Drag", "Drag", dict(duration=160, amp=0.1, sigma=40, beta=0.5, angle=0.3)),
    ("Constant", "Constant", dict(duration=100, amp=0.1, angle=0.3)),
    ("Sin", "Sin", dict(duration=160, amp=0.1, phase=0.2, freq=0.01, angle=0.3)),
    ("Cos", "Cos", dict(duration=160, amp=0.1, phase=0.2, freq=0.01, angle=0.3)),
    ("Sawtooth", "Sawtooth", dict(duration=160, amp=0.1, phase=0.2, freq=0.01, angle=0.3)),
    ("Triangle", "Triangle", dict(duration=160, amp=0.1, phase=0.2, freq=0.01, angle=0.3)),
    ("Square", "Square", dict(duration=160, amp=0.1, phase=0.2, freq=0.01, angle=0.3)),
    ("Sech", "Sech", dict(duration=160, amp=0.1, sigma=40, angle=0.3)),
    ("Sech_zero_ends_False", "Sech", dict(duration=160, amp=0.1, sigma=40, angle=0.3, zero_ends=False)),
    ("SechDeriv", "SechDeriv", dict(duration=160, amp=0.1, sigma=40, angle=0.3)),
]


def build_standard_pulse(library, factory_name, kwargs):
    factory = getattr(library, factory_name, None)
    if factory is None:
        raise LookupError(f"{factory_name} does not exist in this release")
    try:
        return factory(**kwargs)
    except TypeError as exc:
        if "angle" not in kwargs or "angle" not in str(exc):
            raise
    # No ``angle`` parameter (terra 0.22): use the equivalent complex amp.
    kwargs = dict(kwargs)
    angle = kwargs.pop("angle")
    kwargs["amp"] = kwargs["amp"] * cmath.exp(1j * angle)
    return factory(**kwargs)


def custom_pulse_specs(library):
    """User SymbolicPulses (envelopes built from symengine, one from sympy)."""
    specs = []
    if symengine is not None:
        se = symengine
        t, duration, amp, sigma, freq, beta = se.symbols("t duration amp sigma freq beta")

        def trig_exp():
            # sin, cos, exp, a float 1e-9 and 123456.789, a rational, a complex constant
            env = (
                amp
                * (se.sin(2 * se.pi * freq * t) + (1 + 2j) * se.cos(freq * t / 3) / 4)
                * se.exp(-t / duration)
                * (1 + 1e-9 * t)
                + se.Rational(1, 7) * amp * t / (123456.789 + t)
            )
            return dict(
                pulse_type="CustomTrigExp",
                duration=120,
                parameters={"amp": 0.2, "freq": 0.05},
                envelope=env,
                constraints=se.And(freq > 0, freq < 0.5),
                valid_amp_conditions=se.Abs(amp) <= 0.5,
            )

        def log_sqrt_abs_floor():
            # log, sqrt (Pow with Rational 1/2), Abs, floor, exact complex I
            env = (
                amp
                * se.log(1 + t / sigma)
                * se.sqrt(t / duration)
                * (se.floor(t / 10) - 2 * se.Abs(se.cos(t / sigma)))
                / 40
                * se.exp(se.I * beta)
            )
            return dict(
                pulse_type="CustomLogSqrt",
                duration=100,
                parameters={"amp": 0.3, "sigma": 25.0, "beta": -0.7},
                envelope=env,
                constraints=se.Or(sigma > 10, se.Eq(beta, 0)),
                valid_amp_conditions=se.And(se.Abs(amp) <= 1.0, se.Abs(beta) < 3),
            )

        def piecewise_and_or():
            # Piecewise with And / Or conditions, tanh, sech
            half = duration / 2
            env = amp * se.Piecewise(
                (se.tanh((t - 10) / sigma), se.And(t >= 0, t < half)),
                (se.sech((t - half) / sigma), se.Or(se.Eq(t, half), se.And(t > half, t <= duration - 20))),
                (se.Rational(-1, 3), True),
            )
            return dict(
                pulse_type="CustomPiecewise",
                duration=140,
                parameters={"amp": 0.25, "sigma": 12},
                envelope=env,
                constraints=se.And(sigma > 0, sigma < duration),
                valid_amp_conditions=se.Abs(amp) <= 1,
            )

        def no_conditions():
            # no constraints / valid_amp_conditions; ComplexDouble and RealDouble constants
            env = (0.5 - 0.25j) * amp * se.cos(t * freq) ** 2 + amp * se.Integer(3) / 1000
            return dict(
                pulse_type="CustomNoConditions",
                duration=64,
                parameters={"amp": 0.4, "freq": 0.1},
                envelope=env,
                constraints=None,
                valid_amp_conditions=None,
            )

        specs += [
            ("custom_symengine_trig_exp", trig_exp),
            ("custom_symengine_log_sqrt_abs_floor", log_sqrt_abs_floor),
            ("custom_symengine_piecewise_and_or", piecewise_and_or),
            ("custom_symengine_no_conditions", no_conditions),
        ]

    if sympy is not None:
        sp = sympy

        def sympy_env():
            t, duration, amp, sigma = sp.symbols("t duration amp sigma")
            env = amp * sp.exp(-((t - duration / 2) ** 2) / (2 * sigma**2)) * (1 + sp.I * t / duration)
            return dict(
                pulse_type="CustomSympy",
                duration=80,
                parameters={"amp": 0.3, "sigma": 15},
                envelope=env,
                constraints=sigma > 0,
                valid_amp_conditions=sp.Abs(amp) <= 0.5,
            )

        specs.append(("custom_sympy_gaussian", sympy_env))
    return specs


def pulse_record(case, pulse):
    params = {}
    for key, val in pulse._params.items():
        params[key] = json_number(val)
    wf = pulse.get_waveform().samples
    samples = []
    for s in wf:
        c = complex(s)
        if not finite((c.real, c.imag)):
            raise ValueError(f"non-finite sample {c!r}")
        samples.append([c.real, c.imag])
    return {
        "case": case,
        "pulse_type": pulse.pulse_type,
        "class_name": pulse.__class__.__name__,
        "duration": pulse.duration,
        "parameters": params,
        "envelope": forms(pulse.envelope),
        "constraints": forms(pulse.constraints),
        "valid_amp_conditions": forms(pulse.valid_amp_conditions),
        "samples": samples,
    }


def generate_pulses(skipped):
    library = pulse_library()
    if library is None:
        skipped.append(("pulses", "qiskit.pulse does not exist in this release"))
        return []
    out = []
    for case, factory_name, kwargs in STANDARD_PULSES:
        try:
            pulse = build_standard_pulse(library, factory_name, dict(kwargs))
            out.append(pulse_record(case, pulse))
        except Exception as exc:  # noqa: BLE001 - record and skip
            skipped.append((case, f"{type(exc).__name__}: {exc}"))
    for case, spec_fn in custom_pulse_specs(library):
        try:
            spec = spec_fn()
            pulse = library.SymbolicPulse(
                pulse_type=spec["pulse_type"],
                duration=spec["duration"],
                parameters=spec["parameters"],
                name=case,
                envelope=spec["envelope"],
                constraints=spec["constraints"],
                valid_amp_conditions=spec["valid_amp_conditions"],
            )
            pulse.validate_parameters()
            out.append(pulse_record(case, pulse))
        except Exception as exc:  # noqa: BLE001
            skipped.append((case, f"{type(exc).__name__}: {exc}"))
    return out


# --------------------------------------------------------------------------
# ParameterExpressions
# --------------------------------------------------------------------------

# Each case is (name, python source). The source is evaluated in the namespace
# built by ``expression_namespace`` (x, y, z, a, θ, v (3), φ (2), w (12), quote,
# backslash, mixed, reduce, math).
CASES = [
    # + - * / ** with parameters and constants on either side
    ("add_param_param", "x + y"),
    ("add_int", "x + 2"),
    ("add_int_reflected", "2 + x"),
    ("add_float", "x + 0.5"),
    ("add_float_reflected", "0.25 + x"),
    ("add_complex", "x + (1+2j)"),
    ("add_complex_reflected", "(1+2j) + x"),
    ("sub_param_param", "x - y"),
    ("sub_int", "x - 2"),
    ("sub_reflected", "2 - x"),
    ("sub_float_reflected", "1.5 - x"),
    ("sub_complex_reflected", "0.5j - x"),
    ("mul_param_param", "x * y"),
    ("mul_int", "x * 3"),
    ("mul_int_reflected", "3 * x"),
    ("mul_float", "x * 0.5"),
    ("mul_float_reflected", "0.1 * x"),
    ("mul_complex", "x * (1+2j)"),
    ("mul_imag_reflected", "0.5j * x"),
    ("div_param_param", "x / y"),
    ("div_int", "x / 2"),
    ("div_int_reflected", "2 / x"),
    ("div_float", "x / 0.3"),
    ("div_complex_reflected", "(1+2j) / x"),
    ("pow_int", "x ** 2"),
    ("pow_int_reflected", "2 ** x"),
    ("pow_param_param", "x ** y"),
    ("pow_float", "x ** 0.5"),
    ("pow_float_reflected", "1.5 ** x"),
    ("pow_negative_int", "x ** -3"),
    ("neg", "-x"),
    ("neg_expr", "-(x + y)"),
    ("pos", "+x"),
    # nested sub-expressions on either side
    ("nested_mul_add_sub", "(x + y) * (z - 1)"),
    ("nested_div", "(x + y) / (z * 2)"),
    ("nested_pow", "(x * 2) ** (y + 1)"),
    ("nested_pow_reflected", "2 ** (x + y)"),
    ("nested_sub", "(x + 1) - (y + 2)"),
    ("nested_quadratic", "x ** 2 + (x + y) / 2"),
    ("nested_rsub_expr", "3 - (x * y)"),
    # functions
    ("sin", "x.sin()"),
    ("cos", "x.cos()"),
    ("tan", "x.tan()"),
    ("asin", "x.arcsin()"),
    ("acos", "x.arccos()"),
    ("atan", "x.arctan()"),
    ("exp", "x.exp()"),
    ("log", "x.log()"),
    ("sign", "x.sign()"),
    ("abs_builtin", "abs(x)"),
    ("abs_method", "(x - y).abs()"),
    ("conjugate", "x.conjugate()"),
    ("conjugate_complex", "(x * (1+2j)).conjugate()"),
    ("sin_of_expr", "(x * 2 + y).sin()"),
    ("log_of_expr", "(x + 1).log()"),
    ("functions_composed", "(x.sin() * y.cos() + (x - y).exp()).log()"),
    ("atan_of_tan", "(x.tan() / 2).arctan() + z.arccos() * z.arcsin()"),
    # gradient
    ("gradient_poly", "(x ** 2 * y).gradient(x)"),
    ("gradient_sin", "(x * y).sin().gradient(y)"),
    ("gradient_exp_log", "((x * z).exp() + (x + 2).log()).gradient(x)"),
    # subs / bind / assign
    ("subs_param", "(x + 2 * z).subs({x: y})"),
    ("subs_expr", "(x * z + 1).subs({x: y + 2 * z})"),
    ("subs_then_ops", "(x.sin() + z).subs({x: y * 3}) * 2"),
    ("subs_two", "(x + y + z).subs({x: a, y: 2 * a})"),
    ("subs_inside_operand", "z * (x + 1).subs({x: y})"),
    ("bind_partial", "(x * y + z).bind({y: 2.0})"),
    ("bind_partial_int", "(x * y + z.cos()).bind({z: 0})"),
    ("assign_partial", "(x + y).assign(y, 0.5)"),
    # ParameterVector elements, unicode and awkward names
    ("vector_elements", "v[0] + v[1] * v[2]"),
    ("vector_unicode", "φ[1] * θ + φ[0]"),
    ("unicode_theta", "θ.sin() / 2"),
    ("name_with_quote", "quote * 2 + 1"),
    ("name_with_backslash", "backslash - x"),
    ("name_with_quotes_and_backslash", "mixed * backslash + quote"),
    # awkward floats and integers
    ("float_0_1", "x * 0.1"),
    ("float_1e_300", "x + 1e-300"),
    ("float_1e300", "x * 1e300"),
    ("float_denormal_min", "x * 5e-324"),
    ("float_neg_zero_add", "x + (-0.0)"),
    ("float_neg_zero_mul", "x * -0.0"),
    ("float_one_third", "x * (1/3)"),
    ("rational_one_third", "x / 3"),
    ("float_1e_9", "x * 1e-9"),
    ("float_123456_789", "x + 123456.789"),
    ("int_2_53_plus_1", "x + (2**53 + 1)"),
    ("int_2_63_minus_1", "x * (2**63 - 1)"),
    ("big_int_add", "x + 10**30"),
    ("big_int_mul", "x * 10**30"),
    ("big_int_via_product", "x * 10**15 * 10**15"),
    ("big_int_via_bind", "(x * y).bind({y: 10**30})"),
    # complex numbers
    ("complex_add_imag", "x + 0.5j"),
    ("complex_product", "(x + 1j) * (y - 2j)"),
    ("complex_general", "x * (-1.5+0.25j) + y * (3-4j)"),
    # degenerate
    ("cancel_to_zero", "x - x"),
    ("zero_times_plus_const", "0 * x + 2"),
    # deep nesting / long sums
    ("deep_sin_chain_30", "reduce(lambda e, i: (e * x + i).sin(), range(30), x)"),
    ("deep_add_mul_chain_30", "reduce(lambda e, i: (e + i) * y, range(1, 31), x)"),
    ("long_sum_vector_12", "sum((i + 1) * w[i] for i in range(12))"),
    ("long_sum_params_chain", "reduce(lambda e, p: e + p, w)"),
    ("long_product_params", "reduce(lambda e, p: e * p, w)"),
    ("long_poly_40", "sum((k + 1) * x ** k for k in range(40))"),
    ("long_horner_40", "reduce(lambda e, k: e * x + k, range(2, 41), x + 1)"),
    ("mixed_everything", "(x + y) * (x - y) / (z + 1) - θ ** 2 + (v[0] * 0.5j).exp() - 10 / (1 + w[3] ** 2)"),
    ("mixed_everything_no_pow", "(x + y) * (x - y) / (z + 1) - θ * θ + (v[0] * 0.5j).exp() - 10 / (1 + w[3] * w[3])"),
]

# Real values used for evaluation, by symbol name (vector elements by their
# element name); anything not listed gets 0.1 * (index + 1) + 0.05.
BINDING_VALUES = {
    "x": 0.7,
    "y": -1.3,
    "z": 0.45,
    "a": 2.5,
    "θ": 0.3,
    "φ[0]": -0.6,
    "φ[1]": 1.9,
    "v[0]": 0.11,
    "v[1]": -0.22,
    "v[2]": 0.33,
    "it's": 1.25,
    "back\\slash": -0.75,
    "q'\"\\": 0.5,
}


def expression_namespace():
    ns = {"reduce": reduce, "math": math}
    for name in ("x", "y", "z", "a"):
        ns[name] = make_parameter(name)
    ns["θ"] = make_parameter("θ")
    ns["quote"] = make_parameter("it's")
    ns["backslash"] = make_parameter("back\\slash")
    ns["mixed"] = make_parameter("q'\"\\")
    ns["v"] = make_vector("v", 3)
    ns["φ"] = make_vector("φ", 2)
    ns["w"] = make_vector("w", 12)
    return ns


def binding_value(symbol):
    name = symbol.name
    if name in BINDING_VALUES:
        return BINDING_VALUES[name]
    if isinstance(symbol, ParameterVectorElement):
        return round(0.1 * (symbol.index + 1) + 0.05, 10)
    return 0.5


def symbol_record(symbol):
    rec = {"name": symbol.name, "uuid": str(uuid_of(symbol)), "vector": None}
    if isinstance(symbol, ParameterVectorElement):
        vec = symbol.vector
        rec["vector"] = {"name": vec.name, "length": len(vec), "index": symbol.index}
    return rec


def symbol_sort_key(symbol):
    if isinstance(symbol, ParameterVectorElement):
        return (symbol.vector.name, symbol.index, symbol.name)
    return (symbol.name, -1, symbol.name)


def evaluate(expr, symbols):
    bound = expr.bind({s: binding_value(s) for s in symbols}) if symbols else expr
    try:
        value = complex(bound)
    except Exception:  # noqa: BLE001
        value = complex(bound.numeric())
    if not finite((value.real, value.imag)):
        return None
    return [value.real, value.imag]


# ---- QPY v13 replay --------------------------------------------------------


def qpy_version():
    from qiskit.qpy import common

    return common.QPY_VERSION


def write_element_v13(expr):
    """The complete PARAMETER_EXPR element as Qiskit writes it in QPY 13."""
    from qiskit.qpy.binary_io import value

    buf = io.BytesIO()
    value._write_parameter_expression(buf, expr, False, version=13)
    return buf.getvalue()


def split_element(element):
    _map_elements, expr_size = struct.unpack("!QQ", element[:16])
    return element[16 : 16 + expr_size]


def split_symbol_map(element):
    """(header+payload bytes, [entry bytes]) of a v13 PARAMETER_EXPR element."""
    map_elements, expr_size = struct.unpack("!QQ", element[:16])
    pos = 16 + expr_size
    head = element[:pos]
    entries = []
    for _ in range(map_elements):
        start = pos
        symbol_type, _value_type, value_size = struct.unpack("!ccQ", element[pos : pos + 10])
        pos += 10
        if symbol_type == b"p":
            name_size, _uuid = struct.unpack("!H16s", element[pos : pos + 18])
            pos += 18 + name_size
        elif symbol_type == b"v":
            name_size, _length, _uuid, _index = struct.unpack("!HQ16sQ", element[pos : pos + 34])
            pos += 34 + name_size
        else:
            raise ValueError(f"unexpected symbol type {symbol_type!r} in the symbol map")
        pos += value_size
        entries.append(element[start:pos])
    if pos != len(element):
        raise ValueError("trailing bytes after the symbol map")
    return head, entries


def entry_uuid(entry):
    if entry[:1] == b"p":
        return entry[12:28]
    return entry[20:36]


def canonical_symbol_map_order(element):
    """Re-order the symbol-map entries by parameter UUID.

    qiskit 2.x writes them in the iteration order of ``expr.parameters``, a
    Python set whose order depends on a per-process random hash (it differs
    between runs even with a fixed PYTHONHASHSEED). Sorting makes the fixture
    reproducible; the bytes of the header, the payload and each entry are
    unchanged.
    """
    head, entries = split_symbol_map(element)
    return head + b"".join(sorted(entries, key=entry_uuid))


def circuit_dump_v13(expr):
    """qpy.dump of a one-gate circuit rx(expr) with version=13 (for cross-checks)."""
    from qiskit import qpy

    qc = QuantumCircuit(1)
    qc.rx(expr, 0)
    buf = io.BytesIO()
    qpy.dump(qc, buf, version=13)
    return buf.getvalue()


def replay_forms(expr, stats):
    """(replay hex, element hex, error) for writers that can write QPY 13."""
    if isinstance(expr, Parameter):
        return None, None, "a bare Parameter is written as a 'p'/'v' value, not as PARAMETER_EXPR"
    try:
        element = write_element_v13(expr)
    except Exception as exc:  # noqa: BLE001
        return None, None, f"{type(exc).__name__}: {exc}"
    try:
        dumped = circuit_dump_v13(expr)
        if element in dumped:
            stats["replay_matches_qpy_dump"] += 1
        else:
            stats["replay_differs_from_qpy_dump"].append(stats["current_case"])
    except Exception as exc:  # noqa: BLE001
        stats["qpy_dump_failed"].append(f"{stats['current_case']}: {type(exc).__name__}: {exc}")
    if QISKIT_VERSION >= (2, 0):
        element = canonical_symbol_map_order(element)
    return split_element(element).hex(), element.hex(), None


def generate_parameter_expressions(skipped, stats):
    ns = expression_namespace()
    writes_v13 = qpy_version() >= 13
    out = []
    for case, src in CASES:
        stats["current_case"] = case
        try:
            expr = eval(src, dict(ns))  # noqa: S307 - our own fixture sources
        except Exception as exc:  # noqa: BLE001
            skipped.append((case, f"{type(exc).__name__}: {exc}"))
            continue
        if not isinstance(expr, ParameterExpression):
            skipped.append((case, f"result is {type(expr).__name__}, not a ParameterExpression"))
            continue
        symbols = sorted(expr.parameters, key=symbol_sort_key)
        sym_expr = getattr(expr, "_symbol_expr", None)
        try:
            value = evaluate(expr, symbols)
        except Exception as exc:  # noqa: BLE001
            value = None
            stats["value_failed"].append(f"{case}: {type(exc).__name__}: {exc}")
        rec = {
            "case": case,
            "python": src,
            "str": str(expr),
            "srepr": srepr_of(sym_expr),
            "symengine": symengine_hex(sym_expr),
            "symbols": [symbol_record(s) for s in symbols],
            "bindings": {s.name: binding_value(s) for s in symbols},
            "value": value,
            "replay": None,
        }
        if writes_v13:
            replay, element, error = replay_forms(expr, stats)
            rec["replay"] = replay
            rec["element"] = element
            if error is not None:
                rec["replay_error"] = error
        out.append(rec)
    return out


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def dump_json(obj, indent=0):
    """JSON with 2-space indent, but lists of scalars kept on one line."""
    pad = "  " * indent
    inner = "  " * (indent + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dump_json(v, indent + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if not obj:
            return "[]"
        if all(not isinstance(e, (dict, list)) for e in obj):
            return "[" + ", ".join(dump_json(e) for e in obj) + "]"
        items = [inner + dump_json(e, indent + 1) for e in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="output JSON path")
    args = parser.parse_args(argv)

    skipped = []
    stats = {
        "replay_matches_qpy_dump": 0,
        "replay_differs_from_qpy_dump": [],
        "qpy_dump_failed": [],
        "value_failed": [],
        "current_case": None,
    }
    pulses = generate_pulses(skipped)
    exprs = generate_parameter_expressions(skipped, stats)

    doc = {
        "writer": {
            "package": WRITER_PACKAGE,
            "version": qiskit.__version__,
            "symengine": getattr(symengine, "__version__", None),
            "sympy": getattr(sympy, "__version__", None),
            "qpy_version": qpy_version(),
            "uuid_source": sorted(UUID_SOURCES),
        },
        "pulses": pulses,
        "parameter_expressions": exprs,
    }
    names = [p["case"] for p in pulses] + [e["case"] for e in exprs]
    assert len(set(names)) == len(names), "duplicate case names"
    text = dump_json(doc) + "\n"
    json.loads(text)  # sanity
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(text)

    n_replay = sum(1 for e in exprs if e.get("replay"))
    print(
        f"{args.out}: {len(pulses)} pulses, {len(exprs)} parameter_expressions, "
        f"{n_replay} with replay, {len(text.encode())} bytes",
        file=sys.stderr,
    )
    for case, reason in skipped:
        print(f"  skipped {case}: {reason}", file=sys.stderr)
    if qpy_version() >= 13:
        print(f"  replay element found verbatim in qpy.dump(version=13): {stats['replay_matches_qpy_dump']}", file=sys.stderr)
        for case in stats["replay_differs_from_qpy_dump"]:
            print(f"  replay element NOT found in qpy.dump output: {case}", file=sys.stderr)
        for msg in stats["qpy_dump_failed"]:
            print(f"  qpy.dump failed: {msg}", file=sys.stderr)
    for msg in stats["value_failed"]:
        print(f"  value not computable: {msg}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
