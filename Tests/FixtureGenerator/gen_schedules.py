#!/usr/bin/env python3
"""Generate real-Qiskit ScheduleBlock (pulse program) QPY fixtures.

Run it with the interpreter of one of the venvs made by make_venvs.sh:

    .venv/qiskit-1.4.6/bin/python Tests/FixtureGenerator/gen_schedules.py \
        --out Tests/Fixtures/schedules/qiskit-1.4.6/

For every case in ``CASES`` it builds one ScheduleBlock (or a list of them for
the multi-program cases) with the installed release's pulse builder / classes
and writes

* ``<case>.qpy``          - ``qpy.dump`` of the program(s);
* ``<case>.expect.json``  - what the same release sees when it loads the file
  back (loads?, ``loaded == original``, header, names, metadata, element
  counts, ``str()``, references, warnings).

qiskit 1.x (``qpy.dump`` has ``version=`` / ``use_symengine=``) writes every
case for every supported version (10..13) and both encodings into
``v<N>-symengine/`` and ``v<N>-sympy/``. qiskit-terra releases have neither
argument: they write their own QPY version straight into ``--out``.

Cases a release cannot build or dump are skipped; the reason goes into the
manifest (``--manifest``, default ``<out>/../MANIFEST.json``; this run only
replaces its own venv's entry) and onto stderr.

The output is deterministic: Parameter / ParameterVector UUIDs are derived
from the case name (``Parameter(name, uuid=...)`` where the constructor has
it, otherwise ``uuid4`` in Qiskit's parameter modules is replaced by a queue),
``uuid.uuid4`` (used by the pulse builder's ``call``) is replaced by a
generator seeded with the case name, and the ScheduleBlock / Schedule name
counters are reset before every case.
"""

from __future__ import annotations

import argparse
import cmath
import contextlib
import copy
import importlib.metadata
import io
import itertools
import json
import math
import os
import random
import sys
import time
import uuid as uuid_module
import warnings
import zlib

warnings.simplefilter("ignore", DeprecationWarning)
warnings.simplefilter("ignore", PendingDeprecationWarning)

import numpy as np  # noqa: E402
import qiskit  # noqa: E402
from qiskit import pulse, qpy  # noqa: E402
from qiskit.circuit import Parameter, ParameterVector  # noqa: E402

try:
    import symengine as se
except ImportError:  # pragma: no cover - every venv with qiskit.pulse has it
    se = None


def dist_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


WRITER_PACKAGE = "qiskit-terra" if qiskit.__version__.startswith("0.") else "qiskit"
QPY_VERSION = qpy.common.QPY_VERSION
DUMP_PARAMS = __import__("inspect").signature(qpy.dump).parameters
LOAD_PARAMS = __import__("inspect").signature(qpy.load).parameters
HAS_VERSION_ARG = "version" in DUMP_PARAMS
HAS_TRUST_PAYLOAD = "trust_payload" in LOAD_PARAMS
MAX_STR = 4000

# --------------------------------------------------------------------------
# Determinism
# --------------------------------------------------------------------------

_uuid_queue: list = []  # consumed by the patched uuid4 of Qiskit's parameter modules
UUID_SOURCES: set = set()
NOTES: set = set()  # per-release remarks for the manifest
_case_rng = random.Random(0)


def _queued_uuid4():
    if _uuid_queue:
        return _uuid_queue.pop(0)
    # Every Parameter of a case is created through CaseContext; the other
    # callers are Qiskit itself, e.g. qpy.load building a fresh
    # ParameterVector(name, size) before it overwrites the element UUIDs with
    # the ones in the file. Stay deterministic anyway.
    return _seeded_uuid4()


def _seeded_uuid4():
    return uuid_module.UUID(int=_case_rng.getrandbits(128), version=4)


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
    # pulse.builder.call(...) without a name uses ``uuid.uuid4().hex`` as a
    # reference key; make it reproducible too.
    uuid_module.uuid4 = _seeded_uuid4


_patch_uuid4()


class CaseContext:
    """Per-case state: deterministic UUIDs derived from the case name."""

    def __init__(self, case):
        self.case = case
        self.base = zlib.crc32(case.encode("utf-8")) << 64
        self.n_params = 0
        self.n_vectors = 0
        _case_rng.seed(zlib.crc32(case.encode("utf-8")))
        _uuid_queue.clear()
        # Block / schedule default names ("block12") come from class counters.
        for cls in (pulse.ScheduleBlock, pulse.Schedule):
            if hasattr(cls, "instances_counter"):
                cls.instances_counter = itertools.count()

    def param(self, name):
        u = uuid_module.UUID(int=self.base + 0x1000 + self.n_params)
        self.n_params += 1
        try:
            p = Parameter(name, uuid=u)
            UUID_SOURCES.add("Parameter(name, uuid=...)")
        except TypeError:
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
        _uuid_queue.extend(uuid_module.UUID(int=root + i) for i in range(length))
        v = ParameterVector(name, length)
        UUID_SOURCES.add(
            "ParameterVector: patched uuid4, "
            + ("one call per element" if not _uuid_queue else "one call for the root")
        )
        _uuid_queue.clear()
        return v


# --------------------------------------------------------------------------
# Helpers to build things across releases
# --------------------------------------------------------------------------

lib = pulse.library
D, U, M, A = pulse.DriveChannel, pulse.ControlChannel, pulse.MeasureChannel, pulse.AcquireChannel
MEM, REG = pulse.MemorySlot, pulse.RegisterSlot


class Skip(Exception):
    """The release lacks something the case needs."""


def need(obj, attr):
    if not hasattr(obj, attr):
        raise Skip(f"{getattr(obj, '__name__', obj)}.{attr} does not exist in this release")
    return getattr(obj, attr)


def make_pulse(factory_name, **kwargs):
    """Library pulse; ``angle`` is folded into a complex amp where it does not exist (terra 0.22)."""
    factory = getattr(lib, factory_name, None)
    if factory is None or factory_name[0].islower() and not callable(factory):
        raise Skip(f"pulse.library.{factory_name} does not exist in this release")
    if factory_name in ("gaussian_square_echo",) and not hasattr(lib, "gaussian_square_echo"):
        raise Skip("gaussian_square_echo does not exist")
    try:
        return factory(**kwargs)
    except TypeError as exc:
        if "angle" not in kwargs or "angle" not in str(exc):
            raise
    kwargs = dict(kwargs)
    angle = kwargs.pop("angle")
    NOTES.add(
        "library pulses have no `angle` in this release: the generator passes amp*exp(1j*angle) as a "
        "complex `amp` (ParameterExpression `amp*exp(1j*angle)` when the angle is parameterised)"
    )
    if hasattr(angle, "parameters"):  # a ParameterExpression angle
        kwargs["amp"] = kwargs["amp"] * (1j * angle).exp()
    else:
        kwargs["amp"] = kwargs["amp"] * cmath.exp(1j * angle)
    return factory(**kwargs)


def instr(name):
    return need(pulse.instructions, name)


def barrier(*channels, name=None):
    """Append ``RelativeBarrier(*channels, name=name)``, keeping the channel order.

    This is what the builder function ``pulse.barrier`` appends, except that
    ``pulse.barrier`` collects the channels in a *set* first: a Channel's hash
    includes ``hash(type(channel))``, which is id()-based, so the operand order
    of a multi-channel builder barrier changes from process to process (even
    with a fixed PYTHONHASHSEED); and with a single channel ``pulse.barrier``
    appends nothing at all.
    """
    pulse.builder.append_instruction(pulse.instructions.RelativeBarrier(*channels, name=name))


def build(name, alignment="left"):
    return pulse.build(name=name, default_alignment=alignment)


# --------------------------------------------------------------------------
# Cases. Each returns a ScheduleBlock or a list of them.
# --------------------------------------------------------------------------

CASES = []  # (case, features, function)


def case(name, *features):
    def deco(fn):
        CASES.append((name, list(features), fn))
        return fn

    return deco


STANDARD_PULSES = [
    ("pulse_Gaussian", "Gaussian", dict(duration=160, amp=0.1, sigma=40, angle=0.3)),
    ("pulse_GaussianSquare_width", "GaussianSquare", dict(duration=320, amp=0.1, sigma=40, width=200, angle=0.3)),
    (
        "pulse_GaussianSquare_risefall_sigma_ratio",
        "GaussianSquare",
        dict(duration=320, amp=0.2, sigma=32, risefall_sigma_ratio=1.5, angle=-0.4),
    ),
    (
        "pulse_GaussianSquareDrag",
        "GaussianSquareDrag",
        dict(duration=320, amp=0.1, sigma=40, beta=0.5, width=200, angle=0.3),
    ),
    (
        "pulse_GaussianSquareDrag_risefall_sigma_ratio",
        "GaussianSquareDrag",
        dict(duration=320, amp=0.15, sigma=30, beta=-0.8, risefall_sigma_ratio=2.0, angle=1.1),
    ),
    (
        "pulse_gaussian_square_echo",
        "gaussian_square_echo",
        dict(duration=320, amp=0.1, sigma=40, width=200, angle=0.3, active_amp=0.05, active_angle=0.2),
    ),
    ("pulse_GaussianDeriv", "GaussianDeriv", dict(duration=160, amp=0.1, sigma=40, angle=0.3)),
    ("pulse_Drag", "Drag", dict(duration=160, amp=0.1, sigma=40, beta=0.5, angle=0.3)),
    ("pulse_Constant", "Constant", dict(duration=100, amp=0.1, angle=0.3)),
    ("pulse_Sin", "Sin", dict(duration=160, amp=0.1, phase=0.2, freq=0.01, angle=0.3)),
    ("pulse_Cos", "Cos", dict(duration=160, amp=0.1, phase=0.2, freq=0.01, angle=0.3)),
    ("pulse_Sawtooth", "Sawtooth", dict(duration=160, amp=0.1, phase=0.2, freq=0.01, angle=0.3)),
    ("pulse_Triangle", "Triangle", dict(duration=160, amp=0.1, phase=0.2, freq=0.01, angle=0.3)),
    ("pulse_Square", "Square", dict(duration=160, amp=0.1, phase=0.2, freq=0.01, angle=0.3)),
    ("pulse_Sech", "Sech", dict(duration=160, amp=0.1, sigma=40, angle=0.3)),
    ("pulse_Sech_zero_ends_False", "Sech", dict(duration=160, amp=0.1, sigma=40, angle=0.3, zero_ends=False)),
    ("pulse_SechDeriv", "SechDeriv", dict(duration=160, amp=0.1, sigma=40, angle=0.3)),
]


def _standard_pulse_case(case_name, factory_name, kwargs):
    def fn(ctx):
        p = make_pulse(factory_name, **kwargs)
        with build(case_name) as sched:
            pulse.play(p, D(0))
        return sched

    CASES.append((case_name, ["play", "DriveChannel", f"pulse:{factory_name}", "nonzero_angle"], fn))


for _c, _f, _k in STANDARD_PULSES:
    _standard_pulse_case(_c, _f, _k)


@case("pulse_named_unlimited", "play", "pulse:Gaussian", "pulse_name", "limit_amplitude_false")
def _(ctx):
    p = make_pulse("Gaussian", duration=64, amp=0.5, sigma=16, angle=-1.2, name="my gaussian", limit_amplitude=False)
    with build("pulse_named_unlimited") as sched:
        pulse.play(p, D(3), name="play named")
    return sched


@case("custom_symbolic_pulse", "play", "SymbolicPulse", "custom_pulse_type", "constraints",
      "valid_amp_conditions", "limit_amplitude_false", "symengine_envelope")
def _(ctx):
    if se is None:
        raise Skip("symengine is not installed")
    t, duration, amp, sigma, chirp = se.symbols("t duration amp sigma chirp")
    envelope = (
        amp
        * se.exp(-((t - duration / 2) ** 2) / (2 * sigma**2))
        * se.exp(se.I * 2 * se.pi * chirp * (t - duration / 2) ** 2)
    )
    p = lib.SymbolicPulse(
        pulse_type="ChirpedGaussian",
        duration=200,
        parameters={"amp": 1.3, "sigma": 40, "chirp": 0.0002},
        name="chirp",
        limit_amplitude=False,
        envelope=envelope,
        constraints=se.And(sigma > 0, chirp < 0.01),
        valid_amp_conditions=se.Abs(amp) <= 1.5,
    )
    with build("custom_symbolic_pulse") as sched:
        pulse.play(p, D(0))
    return sched


@case("custom_symbolic_pulse_no_conditions", "play", "SymbolicPulse", "custom_pulse_type",
      "no_constraints", "parameterized_pulse_param")
def _(ctx):
    if se is None:
        raise Skip("symengine is not installed")
    t, duration, amp, freq = se.symbols("t duration amp freq")
    envelope = amp * se.sin(2 * se.pi * freq * t) * (1 - t / duration)
    a = ctx.param("a")
    p = lib.SymbolicPulse(
        pulse_type="DecayingSine",
        duration=128,
        parameters={"amp": a, "freq": 0.05},
        envelope=envelope,
    )
    with build("custom_symbolic_pulse_no_conditions") as sched:
        pulse.play(p, D(1))
    return sched


# --- Waveforms -------------------------------------------------------------


@case("waveform_short", "play", "Waveform")
def _(ctx):
    w = lib.Waveform([0.0, 0.1 + 0.2j, -0.3j, 0.5])
    with build("waveform_short") as sched:
        pulse.play(w, D(0))
    return sched


@case("waveform_1000", "play", "Waveform", "long_waveform")
def _(ctx):
    k = np.arange(1000)
    samples = 0.4 * np.exp(-(((k - 500) / 150.0) ** 2) / 2) * np.exp(1j * 2 * np.pi * k / 250.0)
    w = lib.Waveform(samples, name="long gaussian chirp")
    with build("waveform_1000") as sched:
        pulse.play(w, D(0))
    return sched


@case("waveform_named_unlimited", "play", "Waveform", "pulse_name", "limit_amplitude_false")
def _(ctx):
    w = lib.Waveform([1.5, -2.0 + 0.5j, 0.25j, 1.0], name="wave ψ", limit_amplitude=False)
    with build("waveform_named_unlimited") as sched:
        pulse.play(w, D(2), name="play wave")
    return sched


@case("waveform_epsilon", "play", "Waveform", "epsilon")
def _(ctx):
    # epsilon is stored as binary32: 0.1 comes back as 0.10000000149011612.
    w1 = lib.Waveform([0.5, 1.0, 0.5], name="eps_0.1", epsilon=0.1)
    # a sample slightly above 1 but within epsilon is clipped on construction.
    w2 = lib.Waveform([0.2, 1.00005, 0.2j], name="eps_1e-3", epsilon=1e-3)
    with build("waveform_epsilon", "sequential") as sched:
        pulse.play(w1, D(0))
        pulse.play(w2, D(0))
    return sched


# --- Instructions ----------------------------------------------------------


@case("instr_play_delay", "play", "delay")
def _(ctx):
    with build("instr_play_delay", "sequential") as sched:
        pulse.play(make_pulse("Constant", duration=32, amp=0.2, angle=0.0), D(0))
        pulse.delay(100, D(0))
        pulse.delay(7, D(1), name="named delay") if _delay_takes_name() else pulse.delay(7, D(1))
    return sched


def _delay_takes_name():
    import inspect

    return "name" in inspect.signature(pulse.builder.delay).parameters


@case("instr_frequency_phase", "set_frequency", "shift_frequency", "set_phase", "shift_phase")
def _(ctx):
    with build("instr_frequency_phase", "sequential") as sched:
        pulse.set_frequency(5.1e9, D(0))
        pulse.shift_frequency(-1.25e6, D(0))
        pulse.set_phase(1.5707963267948966, D(0))
        pulse.shift_phase(-0.3, D(0))
        pulse.shift_phase(0, D(1))  # an int operand
        pulse.play(make_pulse("Gaussian", duration=64, amp=0.1, sigma=16, angle=0.0), D(0))
    return sched


@case("instr_named_instructions", "set_frequency", "shift_phase", "play", "instruction_name")
def _(ctx):
    sched = pulse.ScheduleBlock(name="instr_named_instructions")
    sched.append(pulse.SetFrequency(4.9e9, D(0), name="set f"))
    sched.append(pulse.ShiftPhase(0.25, D(0), name="vz"))
    sched.append(pulse.Play(make_pulse("Drag", duration=64, amp=0.2, sigma=16, beta=1.0, angle=0.0), D(0), name="x90"))
    sched.append(pulse.Delay(10, D(0), name="wait"))
    return sched


@case("instr_acquire_mem_slot", "acquire", "AcquireChannel", "MemorySlot")
def _(ctx):
    with build("instr_acquire_mem_slot") as sched:
        pulse.acquire(1200, A(0), MEM(0))
    return sched


@case("instr_acquire_mem_reg_slot", "acquire", "AcquireChannel", "MemorySlot", "RegisterSlot")
def _(ctx):
    sched = pulse.ScheduleBlock(name="instr_acquire_mem_reg_slot")
    sched.append(pulse.Acquire(1200, A(1), mem_slot=MEM(1), reg_slot=REG(1)))
    sched.append(pulse.Acquire(800, A(2), reg_slot=REG(2)))
    return sched


@case("instr_acquire_kernel_discriminator", "acquire", "Kernel", "Discriminator", "nested_dict_list_params")
def _(ctx):
    from qiskit.pulse.configuration import Discriminator, Kernel

    kernel = Kernel(
        name="boxcar_ψ",
        weights=[0.1, 0.2, -0.3],
        center={"re": 1.0, "im": -0.5},
        nested={"list": [1, [2, 3.5], {"deep": "x"}], "count": 5, "none": None},
        complex_value=1 + 2j,
    )
    disc = Discriminator(
        name="linear_discriminator",
        neighbours=[[0.0, 1.0], [1.0, 0.0]],
        params={"threshold": 0.5, "labels": ["0", "1"]},
    )
    sched = pulse.ScheduleBlock(name="instr_acquire_kernel_discriminator")
    sched.append(pulse.Acquire(1000, A(0), mem_slot=MEM(0), reg_slot=REG(0), kernel=kernel, discriminator=disc))
    sched.append(pulse.Acquire(1000, A(1), mem_slot=MEM(1), kernel=Kernel(name="empty_kernel")))
    return sched


@case("instr_barrier", "barrier", "RelativeBarrier", "play")
def _(ctx):
    with build("instr_barrier") as sched:
        pulse.play(make_pulse("Constant", duration=10, amp=0.5, angle=0.0), D(0))
        barrier(D(0), D(1), U(0))
        pulse.play(make_pulse("Constant", duration=20, amp=0.5, angle=0.0), D(1))
        barrier(D(0), D(1), name="named barrier")
        barrier(D(1))  # a single channel (pulse.barrier would drop it)
        barrier(M(0), name="single")
    return sched


@case("instr_time_blockade", "TimeBlockade", "play")
def _(ctx):
    tb = instr("TimeBlockade")
    sched = pulse.ScheduleBlock(name="instr_time_blockade", alignment_context=pulse.transforms.AlignSequential())
    sched.append(tb(100, D(0)))
    sched.append(pulse.Play(make_pulse("Constant", duration=20, amp=0.1, angle=0.0), D(0)))
    sched.append(tb(40, D(1), name="blockade"))
    return sched


@case("instr_every_instruction", "play", "delay", "set_frequency", "shift_frequency", "set_phase",
      "shift_phase", "acquire", "barrier", "TimeBlockade", "Reference")
def _(ctx):
    ref = instr("Reference")
    tb = instr("TimeBlockade")
    with build("instr_every_instruction") as sched:
        pulse.play(make_pulse("Gaussian", duration=64, amp=0.1, sigma=16, angle=0.1), D(0))
        pulse.delay(16, D(0))
        pulse.set_frequency(5.0e9, D(0))
        pulse.shift_frequency(1.0e6, D(0))
        pulse.set_phase(0.5, D(0))
        pulse.shift_phase(-0.5, D(0))
        pulse.acquire(400, A(0), MEM(0))
        barrier(D(0), A(0))
        pulse.builder.append_instruction(tb(12, D(1)))
        pulse.reference("sub", "q0")
    del ref
    return sched


# --- References ------------------------------------------------------------


def _need_reference_writer():
    # qpy can write Reference instructions only from QPY 7 (terra 0.24).
    from qiskit.qpy import type_keys

    if not hasattr(type_keys.ScheduleInstruction, "REFERENCE"):
        raise Skip("QPY writer of this release has no Reference instruction (needs QPY >= 7)")


@case("reference_unassigned", "Reference", "unassigned_reference")
def _(ctx):
    _need_reference_writer()
    with build("reference_unassigned") as sched:
        pulse.reference("x", "q0")
        pulse.reference("measure")
    return sched


@case("reference_assigned", "Reference", "assigned_reference")
def _(ctx):
    _need_reference_writer()
    with build("x_q0") as x:
        pulse.play(make_pulse("Drag", duration=160, amp=0.2, sigma=40, beta=0.4, angle=0.0), D(0))
    with build("reference_assigned", "sequential") as sched:
        pulse.reference("x", "q0")
        pulse.reference("x", "q0")
        pulse.reference("y", "q1")
    sched.assign_references({("x", "q0"): x})
    return sched


@case("reference_nested_scopes", "Reference", "assigned_reference", "unassigned_reference",
      "nested_reference_scopes", "nested_blocks")
def _(ctx):
    _need_reference_writer()
    with build("inner_drag") as inner:
        pulse.play(make_pulse("Drag", duration=64, amp=0.3, sigma=16, beta=-0.2, angle=0.5), D(0))
    with build("sub") as sub:
        with pulse.align_right():
            pulse.reference("inner", "q0")
            pulse.delay(100, D(1))
        pulse.reference("unassigned_in_sub")
    sub.assign_references({("inner", "q0"): inner})
    with build("reference_nested_scopes", "sequential") as sched:
        pulse.reference("sub")
        with pulse.align_left():
            pulse.reference("other", "q1")
            pulse.shift_phase(0.1, D(0))
    sched.assign_references({("sub",): sub})
    return sched


@case("reference_call", "Reference", "builder_call", "assigned_reference", "parameter_assignment")
def _(ctx):
    _need_reference_writer()
    amp = ctx.param("amp")
    with build("called") as called:
        pulse.play(make_pulse("Gaussian", duration=80, amp=amp, sigma=20, angle=0.0), D(0))
    with build("plain") as plain:
        pulse.delay(40, D(0))
    with build("reference_call", "sequential") as sched:
        pulse.call(plain)  # key (name, uuid4 hex)
        pulse.call(plain, name="named_call")
        pulse.call(called, amp=0.25)  # bound copy
        pulse.call(called, name="still_parameterized")
    return sched


# --- Channels --------------------------------------------------------------


@case("channels_all", "DriveChannel", "ControlChannel", "MeasureChannel", "AcquireChannel",
      "MemorySlot", "RegisterSlot", "play", "acquire", "barrier")
def _(ctx):
    with build("channels_all") as sched:
        pulse.play(make_pulse("Constant", duration=20, amp=0.1, angle=0.0), D(0))
        pulse.play(make_pulse("Constant", duration=20, amp=0.1, angle=0.0), U(3))
        pulse.play(make_pulse("Constant", duration=20, amp=0.1, angle=0.0), M(1))
        pulse.delay(5, D(12345))
        pulse.builder.append_instruction(pulse.Acquire(100, A(1), mem_slot=MEM(2), reg_slot=REG(3)))
        barrier(D(0), U(3), M(1), A(1))
    return sched


@case("channel_param_index", "DriveChannel", "ControlChannel", "parameterized_channel_index", "play")
def _(ctx):
    q = ctx.param("q")
    with build("channel_param_index") as sched:
        pulse.play(make_pulse("Gaussian", duration=64, amp=0.1, sigma=16, angle=0.0), D(q))
        pulse.shift_phase(0.3, U(q + 1))
    return sched


# --- Alignments ------------------------------------------------------------


def _alignment_case(case_name, alignment):
    def fn(ctx):
        with build(case_name, alignment) as sched:
            pulse.play(make_pulse("Constant", duration=40, amp=0.1, angle=0.0), D(0))
            pulse.play(make_pulse("Constant", duration=20, amp=0.1, angle=0.0), D(1))
            pulse.delay(10, D(0))
        return sched

    CASES.append((case_name, [f"align:{alignment}", "play", "delay"], fn))


for _a in ("left", "right", "sequential"):
    _alignment_case(f"align_{_a}", _a)


@case("align_equispaced", "align:equispaced", "play", "nested_blocks")
def _(ctx):
    with build("align_equispaced") as sched:
        with pulse.align_equispaced(duration=1000):
            for i in range(3):
                pulse.play(make_pulse("Constant", duration=50, amp=0.1 * (i + 1), angle=0.0), D(0))
    return sched


@case("align_equispaced_param", "align:equispaced", "parameterized_alignment_duration", "nested_blocks")
def _(ctx):
    dur = ctx.param("T")
    with build("align_equispaced_param") as sched:
        with pulse.align_equispaced(duration=dur):
            pulse.play(make_pulse("Constant", duration=50, amp=0.1, angle=0.0), D(0))
            pulse.play(make_pulse("Constant", duration=50, amp=0.2, angle=0.0), D(0))
    return sched


@case("align_nested_deep", "align:left", "align:right", "align:sequential", "align:equispaced",
      "nested_blocks", "deep_nesting")
def _(ctx):
    with build("align_nested_deep", "left") as sched:
        pulse.play(make_pulse("Constant", duration=30, amp=0.1, angle=0.0), D(0))
        with pulse.align_right():
            pulse.delay(20, D(1))
            with pulse.align_sequential():
                pulse.play(make_pulse("Constant", duration=10, amp=0.2, angle=0.0), D(1))
                with pulse.align_equispaced(duration=200):
                    pulse.shift_phase(0.1, D(1))
                    with pulse.align_left():
                        pulse.play(make_pulse("Constant", duration=10, amp=0.3, angle=0.0), D(2))
                        with pulse.align_right():
                            pulse.delay(5, D(2))
                            pulse.play(make_pulse("Constant", duration=10, amp=0.4, angle=0.0), D(3))
                    pulse.shift_phase(-0.1, D(1))
        pulse.delay(3, D(0))
    return sched


# --- Parameters ------------------------------------------------------------


@case("param_amp", "parameterized_amp", "play")
def _(ctx):
    amp = ctx.param("amp")
    with build("param_amp") as sched:
        pulse.play(make_pulse("Gaussian", duration=160, amp=amp, sigma=40, angle=0.0), D(0))
    return sched


@case("param_duration", "parameterized_duration", "play", "delay")
def _(ctx):
    dur = ctx.param("dur")
    with build("param_duration", "sequential") as sched:
        pulse.play(make_pulse("GaussianSquare", duration=dur, amp=0.1, sigma=16, width=dur - 64, angle=0.0), D(0))
        pulse.delay(dur, D(0))
    return sched


@case("param_phase_expression", "parameter_expression", "shift_phase", "set_phase", "parameterized_angle")
def _(ctx):
    theta = ctx.param("θ")
    with build("param_phase_expression") as sched:
        pulse.shift_phase(theta * 2 + 1, D(0))
        pulse.set_phase(-theta, D(1))
        pulse.play(make_pulse("Drag", duration=64, amp=0.2, sigma=16, beta=0.1, angle=theta / 2), D(0))
    return sched


@case("param_frequency", "parameterized_frequency", "set_frequency", "shift_frequency")
def _(ctx):
    f = ctx.param("f")
    df = ctx.param("df")
    with build("param_frequency") as sched:
        pulse.set_frequency(f, D(0))
        pulse.shift_frequency(df * 1e6 - 2.5e5, D(0))
    return sched


@case("param_vector", "ParameterVector", "parameterized_amp", "parameterized_angle", "shift_phase")
def _(ctx):
    v = ctx.vector("v", 4)
    with build("param_vector", "sequential") as sched:
        pulse.play(make_pulse("Gaussian", duration=64, amp=v[0], sigma=16, angle=v[1]), D(0))
        pulse.shift_phase(v[2] + v[3], D(0))
        pulse.delay(16, D(v[3]))
    return sched


@case("param_everything", "parameterized_amp", "parameterized_duration", "parameter_expression",
      "parameterized_frequency", "parameterized_channel_index", "ParameterVector", "acquire")
def _(ctx):
    amp, dur, theta, f, q = (ctx.param(n) for n in ("amp", "dur", "θ", "f", "q"))
    w = ctx.vector("w", 2)
    with build("param_everything", "sequential") as sched:
        pulse.set_frequency(f, D(q))
        pulse.shift_phase(theta * 2 + 1, D(q))
        pulse.play(make_pulse("Drag", duration=dur, amp=amp, sigma=w[0], beta=w[1], angle=0.0), D(q))
        pulse.builder.append_instruction(pulse.Acquire(dur, A(q), mem_slot=MEM(q)))
    return sched


# --- Metadata / names / trivial schedules ----------------------------------


@case("metadata_nested", "metadata", "unicode")
def _(ctx):
    with build("metadata_nested") as sched:
        pulse.delay(10, D(0))
    sched.metadata = {
        "experiment": "T1",
        "qubits": [0, 1, 2],
        "nested": {"a": {"b": {"c": [1, 2.5, None, True, False, "x"]}}},
        "numbers": {"int": -7, "float": 0.1, "tiny": 1e-300, "big": 1e300, "huge_int": 12345678901234567890123},
        "unicode": "θ φ ψ – ü ✓ 量子",
        "empty": {},
        "empty_list": [],
    }
    return sched


@case("metadata_nonfinite", "metadata", "nonfinite_json")
def _(ctx):
    with build("metadata_nonfinite") as sched:
        pulse.delay(10, D(0))
    sched.metadata = {"inf": math.inf, "ninf": -math.inf, "note": "json.dumps writes Infinity"}
    return sched


@case("unicode_name", "unicode", "metadata", "pulse_name", "parameterized_amp")
def _(ctx):
    amp = ctx.param("α")
    with build("Rabi θ-scan") as sched:
        pulse.play(make_pulse("Gaussian", duration=160, amp=amp, sigma=40, angle=0.0, name="π/2 ψ"), D(0))
    sched.metadata = {"名前": "ラビ", "θ": [0.0, 3.14159]}
    return sched


@case("empty_schedule", "empty")
def _(ctx):
    return pulse.ScheduleBlock(name="empty")


@case("empty_default_name", "empty", "default_name")
def _(ctx):
    return pulse.ScheduleBlock()


@case("delay_only", "delay")
def _(ctx):
    with build("delay_only") as sched:
        pulse.delay(160, D(0))
    return sched


# --- Realistic programs ----------------------------------------------------


def _x(amp=0.2, name="x"):
    with build(name) as s:
        pulse.play(make_pulse("Drag", duration=160, amp=amp, sigma=40, beta=-0.35, angle=0.0, name="Xp_d0"), D(0))
    return s


def _sx():
    with build("sx") as s:
        pulse.play(make_pulse("Drag", duration=160, amp=0.1, sigma=40, beta=-0.35, angle=0.0, name="X90p_d0"), D(0))
    return s


def _measure():
    with build("measure") as s:
        pulse.play(make_pulse("GaussianSquare", duration=1600, amp=0.15, sigma=64, width=1344, angle=0.0, name="M_m0"), M(0))
        pulse.acquire(1600, A(0), MEM(0))
        pulse.delay(200, M(0))
    return s


@case("calibration_x", "realistic", "play", "pulse:Drag")
def _(ctx):
    return _x()


@case("calibration_sx", "realistic", "play", "pulse:Drag")
def _(ctx):
    return _sx()


@case("calibration_measure", "realistic", "play", "acquire", "delay", "pulse:GaussianSquare", "MeasureChannel")
def _(ctx):
    return _measure()


@case("calibration_set", "realistic", "multi_program", "play", "acquire")
def _(ctx):
    return [_x(), _sx(), _measure()]


@case("ecr_references", "realistic", "Reference", "assigned_reference", "ControlChannel", "pulse:GaussianSquare",
      "align:sequential", "nested_blocks")
def _(ctx):
    _need_reference_writer()

    def cr(name, angle):
        with build(name) as s:
            pulse.play(make_pulse("GaussianSquare", duration=560, amp=0.3, sigma=64, width=304, angle=angle, name=f"{name}_u0"), U(0))
            pulse.play(make_pulse("GaussianSquare", duration=560, amp=0.05, sigma=64, width=304, angle=angle, name=f"{name}_d1"), D(1))
        return s

    with build("ecr_q0_q1", "sequential") as sched:
        pulse.reference("cr45p", "q0", "q1")
        pulse.reference("x", "q0")
        pulse.reference("cr45m", "q0", "q1")
        with pulse.align_left():
            pulse.shift_phase(1.5707963267948966, D(0))
    sched.assign_references(
        {
            ("cr45p", "q0", "q1"): cr("cr45p", 0.0),
            ("x", "q0"): _x(),
            ("cr45m", "q0", "q1"): cr("cr45m", math.pi),
        }
    )
    sched.metadata = {"gate": "ecr", "qubits": [0, 1]}
    return sched


@case("rabi_sweep", "realistic", "multi_program", "parameterized_amp", "parameter_assignment", "unicode")
def _(ctx):
    amp = ctx.param("amp")
    with build("Rabi θ-scan") as template:
        pulse.play(make_pulse("Gaussian", duration=160, amp=amp, sigma=40, angle=0.0), D(0))
        pulse.acquire(1600, A(0), MEM(0))
    programs = [template]
    for i, value in enumerate(np.linspace(0.0, 0.8, 5)):
        bound = template.assign_parameters({amp: float(value)}, inplace=False)
        bound.metadata = {"amp": float(value), "index": i}
        programs.append(bound)
    return programs


@case("multi_mixed", "multi_program", "Waveform", "Reference", "metadata")
def _(ctx):
    _need_reference_writer()
    first = _x(name="first")
    with build("second", "right") as second:
        pulse.play(lib.Waveform([0.1, 0.2, 0.3]), D(1))
        pulse.reference("r")
    third = pulse.ScheduleBlock(name="third", metadata={"k": "v"})
    return [first, second, third]


# --------------------------------------------------------------------------
# Summaries
# --------------------------------------------------------------------------


def jsonable(obj):
    """Metadata etc. as JSON (non-finite floats as strings, bytes as hex)."""
    if isinstance(obj, bool) or obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, int):
        return obj
    if isinstance(obj, float):
        if math.isfinite(obj):
            return obj
        return repr(obj)
    if isinstance(obj, complex):
        return [jsonable(obj.real), jsonable(obj.imag)]
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if hasattr(obj, "item"):
        return jsonable(obj.item())
    return repr(obj)


def count_tree(block):
    """(instructions, nested blocks, max depth) over block._blocks (not following references)."""
    n_instr = n_blocks = 0
    depth = 0
    for elm in block._blocks:
        if isinstance(elm, pulse.ScheduleBlock):
            i, b, d = count_tree(elm)
            n_instr += i
            n_blocks += 1 + b
            depth = max(depth, d + 1)
        else:
            n_instr += 1
    return n_instr, n_blocks, depth


def own_references(block):
    mgr = getattr(block, "_reference_manager", None)
    if mgr is None:
        return None
    return [{"key": list(k), "assigned": v is not None} for k, v in mgr.items()]


def references_equal(a, b):
    ma, mb = getattr(a, "_reference_manager", None), getattr(b, "_reference_manager", None)
    if ma is None and mb is None:
        return True
    if ma is None or mb is None:
        return False
    if set(ma.keys()) != set(mb.keys()):
        return False
    for k in ma.keys():
        sa, sb = ma[k], mb[k]
        if (sa is None) != (sb is None):
            return False
        if sa is not None and not (sa == sb and sa.name == sb.name and references_equal(sa, sb)):
            return False
    return True


def safe(fn):
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001
        return f"<{type(exc).__name__}: {exc}>"


def summary(block, with_str=True):
    n_instr, n_blocks, depth = count_tree(block)
    out = {
        "name": block.name,
        "metadata": jsonable(block.metadata),
        "alignment": type(block.alignment_context).__name__,
        "alignment_params": jsonable([str(p) for p in block.alignment_context._context_params]),
        "num_elements": len(block._blocks),
        "num_instructions": n_instr,
        "num_nested_blocks": n_blocks,
        "nesting_depth": depth,
        "parameters": sorted(str(p) for p in block.parameters),
        "references": own_references(block),
    }
    if with_str:
        s = safe(lambda: str(block))
        out["str"] = s if len(s) <= MAX_STR else s[:MAX_STR] + f"... <{len(s) - MAX_STR} more chars>"
    return out


def walk_instructions(block):
    for elm in block._blocks:
        if isinstance(elm, pulse.ScheduleBlock):
            yield from walk_instructions(elm)
        else:
            yield elm


def diagnose(original, loaded):
    """Why ``loaded != original``: per differing instruction, which pulse attributes differ."""
    out = []
    a_list, b_list = list(walk_instructions(original)), list(walk_instructions(loaded))
    if len(a_list) != len(b_list):
        return [f"instruction count differs: {len(a_list)} vs {len(b_list)}"]
    for i, (a, b) in enumerate(zip(a_list, b_list)):
        if safe(lambda: a == b) is True:
            continue
        item = {"index": i, "instruction": type(a).__name__}
        pa, pb = getattr(a, "pulse", None), getattr(b, "pulse", None)
        if pa is not None and pb is not None:
            item["pulse_type"] = getattr(pa, "pulse_type", type(pa).__name__)
            diff = []
            for attr in ("envelope", "constraints", "valid_amp_conditions", "_params", "duration", "name",
                         "_limit_amplitude", "epsilon"):
                va, vb = getattr(pa, attr, None), getattr(pb, attr, None)
                if safe(lambda: va == vb) is not True:
                    diff.append(attr)
            item["differing_attributes"] = diff
            try:
                sa, sb = pa.get_waveform().samples, pb.get_waveform().samples
                item["samples_max_abs_diff"] = float(np.max(np.abs(sa - sb))) if len(sa) == len(sb) else None
            except Exception as exc:  # noqa: BLE001 - parameterized pulses cannot be sampled
                item["samples_max_abs_diff"] = f"<{type(exc).__name__}>"
        else:
            item["operands"] = [safe(lambda: repr(a.operands)), safe(lambda: repr(b.operands))]
        out.append(item)
    return out


def compare(original, loaded):
    out = {
        "equal_to_original": bool(safe(lambda: loaded == original) is True),
        "name_equal": loaded.name == original.name,
        "metadata_equal": loaded.metadata == original.metadata,
        "references_equal": references_equal(original, loaded),
    }
    if not out["equal_to_original"]:
        out["inequality_diagnosis"] = diagnose(original, loaded)
    return out


def warning_list(records):
    seen = []
    for w in records:
        item = f"{w.category.__name__}: {str(w.message).strip()}"
        if len(item) > 400:
            item = item[:400] + "..."
        if item not in seen:
            seen.append(item)
    return seen


def header_info(data):
    info = {"hex19": data[:19].hex(), "magic": data[:6].decode("latin1")}
    if len(data) >= 18:
        info["qpy_version"] = data[6]
        info["qiskit_version"] = [data[7], data[8], data[9]]
        info["num_programs"] = int.from_bytes(data[10:18], "big")
        if data[6] >= 10:
            info["symbolic_encoding"] = chr(data[18])
            info["program_type"] = chr(data[19]) if len(data) > 19 else None
        else:
            info["symbolic_encoding"] = None
            info["program_type"] = chr(data[18]) if len(data) > 18 else None
    return info


def try_load(data, trust):
    kwargs = {"trust_payload": True} if (trust and HAS_TRUST_PAYLOAD) else {}
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        try:
            loaded = qpy.load(io.BytesIO(data), **kwargs)
            err = None
        except Exception as exc:  # noqa: BLE001
            loaded, err = None, f"{type(exc).__name__}: {exc}"
    return loaded, err, warning_list(rec)


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------


def combos():
    if not HAS_VERSION_ARG:
        return [(None, None, "")]
    lo = getattr(qpy.common, "QPY_COMPATIBILITY_VERSION", QPY_VERSION)
    out = []
    for v in range(lo, QPY_VERSION + 1):
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


def dump_bytes(programs, version, use_symengine):
    kwargs = {}
    if version is not None:
        kwargs = {"version": version, "use_symengine": use_symengine}
    buf = io.BytesIO()
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        qpy.dump(programs if len(programs) > 1 else programs[0], buf, **kwargs)
    return buf.getvalue(), warning_list(rec)


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False, allow_nan=False)
        f.write("\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="output directory (e.g. Tests/Fixtures/schedules/qiskit-1.4.6/)")
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
    cases_out = {}
    skipped = {}
    counts = {}
    n_files = 0
    for case_name, features, fn in CASES:
        if args.only and case_name not in args.only:
            continue
        ctx = CaseContext(case_name)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                built = fn(ctx)
        except Skip as exc:
            skipped[case_name] = {"stage": "build", "reason": str(exc), "features": features}
            continue
        except Exception as exc:  # noqa: BLE001
            skipped[case_name] = {"stage": "build", "reason": f"{type(exc).__name__}: {exc}", "features": features}
            continue
        programs = built if isinstance(built, list) else [built]
        originals = [copy.deepcopy(p) for p in programs]
        entry = {"features": features, "num_programs": len(programs), "files": []}
        combo_skips = []
        for version, use_se, sub in combo_list:
            rel = f"{sub}{case_name}.qpy"
            try:
                data, dump_warnings = dump_bytes(programs, version, use_se)
            except Exception as exc:  # noqa: BLE001
                combo_skips.append({"combo": sub.rstrip("/") or None, "reason": f"{type(exc).__name__}: {exc}"})
                continue
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
                "dump_warnings": dump_warnings,
                "load": {
                    "loader": f"{WRITER_PACKAGE} {qiskit.__version__}",
                    "trust_payload": True if HAS_TRUST_PAYLOAD else None,
                    "loads": err is None,
                    "error": err,
                    "warnings": load_warnings,
                },
            }
            if HAS_TRUST_PAYLOAD:
                _, err2, _ = try_load(data, trust=False)
                expect["load"]["loads_without_trust_payload"] = err2 is None
                expect["load"]["error_without_trust_payload"] = err2
            if loaded is not None:
                cmp = [compare(o, l) for o, l in zip(originals, loaded)]
                expect["num_programs_loaded"] = len(loaded)
                expect["equal_to_original"] = len(loaded) == len(originals) and all(
                    c["equal_to_original"] for c in cmp
                )
                expect["programs"] = [dict(summary(l), **c) for l, c in zip(loaded, cmp)]
            else:
                expect["num_programs_loaded"] = None
                expect["equal_to_original"] = None
                expect["programs"] = None
            expect["original_programs"] = [summary(o, with_str=loaded is None) for o in originals]
            write_json(os.path.join(out_dir, rel[:-4] + ".expect.json"), expect)
            entry["files"].append(
                {
                    "file": rel,
                    "qpy_version": data[6],
                    "encoding": (None if data[6] < 10 else ("symengine" if data[18:19] == b"e" else "sympy")),
                    "loads": err is None,
                    "equal_to_original": expect["equal_to_original"],
                }
            )
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
        f"{elapsed:.1f} s; per version/encoding: {json.dumps(counts, sort_keys=True)}",
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
        "layout": "v<N>-<encoding>/<case>.qpy" if HAS_VERSION_ARG else "<case>.qpy",
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
