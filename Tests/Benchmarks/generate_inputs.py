#!/usr/bin/env python3
"""Generate the benchmark inputs with real Qiskit.

Run it with the interpreter of a venv made by Tests/FixtureGenerator/make_venvs.sh; it writes the
files that the installed Qiskit is responsible for into --out (default: Inputs/ next to this file):

qiskit 1.4.6 (QPY 13, pulse):
  circuit_100k_v13.qpy      100,000 gates on 50 qubits, ~10% rotations by distinct Parameters
  schedule_large.qpy        one ScheduleBlock: 10,000 symbolic-pulse plays (Gaussian, Drag,
                            GaussianSquare, Constant) + 1,000 Waveform plays of 1,000 samples
  calibrations_200.qpy      a circuit with 200 single-play pulse calibrations
  calibrations_500.qpy      the same with 500
  schedule_profile.qpy      schedule_large at 1/20 (500 plays + 50 waveforms), for callgrind

qiskit 2.6 (QPY 18):
  circuit_100k_v18.qpy      the same 100,000-gate circuit as circuit_100k_v13.qpy
  scale_1e3.qpy ... scale_1e6.qpy   the same generator with 10^3 .. 10^6 gates

    .venv/qiskit-1.4.6/bin/python Tests/Benchmarks/generate_inputs.py
    .venv/qiskit-2.6/bin/python   Tests/Benchmarks/generate_inputs.py [--max-scale 5]

Files that already exist are kept (--force rewrites them). Everything is deterministic: fixed
seeds, Parameter UUIDs drawn from the seeded generator, pulse names fixed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sys
import time
import uuid
import warnings

warnings.simplefilter("ignore")  # 1.4.6 deprecates pulse and calibrations; 2.x its own things

import qiskit  # noqa: E402
from qiskit import QuantumCircuit, qpy  # noqa: E402
from qiskit.circuit import Parameter  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MAJOR = int(qiskit.__version__.split(".")[0])

CIRCUIT_SEED = 20240613
NUM_QUBITS = 50


def log(msg: str) -> None:
    print(f"[generate_inputs qiskit-{qiskit.__version__}] {msg}", file=sys.stderr, flush=True)


def random_circuit(num_ops: int, seed: int = CIRCUIT_SEED, num_qubits: int = NUM_QUBITS) -> QuantumCircuit:
    """`num_ops` gates on `num_qubits` qubits; the same (seed, num_ops) gives the same circuit in
    every Qiskit version. Mix: ~10% rx/ry/rz of a fresh Parameter, ~15% rz/ry of a float, ~45%
    fixed one-qubit gates (h, x, sx, s, t, sdg), ~30% two-qubit gates (cx, cz, ecr)."""
    rng = random.Random(seed)
    qc = QuantumCircuit(num_qubits, name=f"random_{num_ops}")
    fixed1 = [qc.h, qc.x, qc.sx, qc.s, qc.t, qc.sdg]
    two = [qc.cx, qc.cx, qc.cz, qc.ecr]
    rot_param = [qc.rx, qc.ry, qc.rz]
    rot_float = [qc.rz, qc.rz, qc.ry]
    nparams = 0
    for _ in range(num_ops):
        r = rng.random()
        if r < 0.10:
            q = rng.randrange(num_qubits)
            p = Parameter(f"theta_{nparams}", uuid=uuid.UUID(int=rng.getrandbits(128), version=4))
            nparams += 1
            rng.choice(rot_param)(p, q)
        elif r < 0.25:
            q = rng.randrange(num_qubits)
            rng.choice(rot_float)(rng.uniform(-3.14159, 3.14159), q)
        elif r < 0.70:
            rng.choice(fixed1)(rng.randrange(num_qubits))
        else:
            a, b = rng.sample(range(num_qubits), 2)
            rng.choice(two)(a, b)
    return qc


def dump(programs, path: str, **kwargs) -> None:
    buf = io.BytesIO()
    t0 = time.perf_counter()
    qpy.dump(programs, buf, **kwargs)
    dt = time.perf_counter() - t0
    data = buf.getvalue()
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    log(f"wrote {os.path.basename(path)}: {len(data):,} bytes, QPY {data[6]} (dump {dt:.2f} s)")


# --------------------------------------------------------------------------- qiskit 1.4.6 (pulse)

def large_schedule(num_symbolic: int = 10_000, num_waveforms: int = 1_000, samples: int = 1_000):
    """One ScheduleBlock: `num_symbolic` plays of standard symbolic pulses with varied parameters,
    interleaved with `num_waveforms` plays of distinct `samples`-sample Waveforms, on 20 drive and
    10 control channels."""
    import numpy as np
    from qiskit import pulse
    from qiskit.pulse import ScheduleBlock
    from qiskit.pulse.instructions import Play

    rng = random.Random(7)
    nprng = np.random.default_rng(7)
    block = ScheduleBlock(name="schedule_large" if num_symbolic == 10_000 else f"schedule_{num_symbolic}")
    every = max(1, num_symbolic // num_waveforms)
    w = 0
    for i in range(num_symbolic):
        chan = pulse.DriveChannel(i % 20) if i % 4 else pulse.ControlChannel(i % 10)
        kind = i % 4
        amp = round(rng.uniform(0.05, 0.9), 6)
        angle = round(rng.uniform(-3.1, 3.1), 6)
        dur = 16 * rng.randrange(4, 40)
        if kind == 0:
            p = pulse.Gaussian(duration=dur, amp=amp, sigma=dur / 4, angle=angle, name=f"g{i}")
        elif kind == 1:
            p = pulse.Drag(duration=dur, amp=amp, sigma=dur / 4, beta=round(rng.uniform(-2, 2), 6), angle=angle, name=f"d{i}")
        elif kind == 2:
            p = pulse.GaussianSquare(duration=dur * 4, amp=amp, sigma=dur / 4, width=dur * 2, angle=angle, name=f"gs{i}")
        else:
            p = pulse.Constant(duration=dur, amp=amp, angle=angle, name=f"c{i}")
        block.append(Play(p, chan), inplace=True)
        if (i + 1) % every == 0 and w < num_waveforms:
            re = nprng.uniform(-0.6, 0.6, samples)
            im = nprng.uniform(-0.6, 0.6, samples)
            wf = pulse.Waveform(re + 1j * im, name=f"wf{w}")
            block.append(Play(wf, pulse.DriveChannel(w % 20)), inplace=True)
            w += 1
    return block


def calibrated_circuit(num_calibrations: int) -> QuantumCircuit:
    """A circuit on 20 qubits with `num_calibrations` rx gates of distinct angles, each with its
    own single-play (Drag) calibration; every fifth one is instead a two-qubit custom gate `cr_<i>`
    calibrated by one GaussianSquare play on a control channel."""
    from qiskit import pulse
    from qiskit.circuit import Gate

    rng = random.Random(1000 + num_calibrations)
    nq = 20
    qc = QuantumCircuit(nq, name=f"calibrations_{num_calibrations}")
    for i in range(num_calibrations):
        if i % 5 == 4:
            a, b = i % nq, (i + 1) % nq
            gate = f"cr_{i}"  # a two-qubit custom gate with its own calibration
            qc.append(Gate(gate, 2, []), [a, b])
            with pulse.build(name=f"cr_cal_{i}") as sched:
                pulse.play(pulse.GaussianSquare(duration=16 * rng.randrange(20, 60), amp=round(rng.uniform(0.1, 0.5), 6),
                                                sigma=64, width=256, angle=round(rng.uniform(-3, 3), 6)),
                           pulse.ControlChannel(i % nq))
            qc.add_calibration(gate, [a, b], sched)
        else:
            q = i % nq
            theta = round(0.001 * (i + 1), 6)
            qc.rx(theta, q)
            with pulse.build(name=f"rx_cal_{i}") as sched:
                pulse.play(pulse.Drag(duration=160, amp=round(min(0.95, 0.02 + theta), 6), sigma=40,
                                      beta=round(rng.uniform(-1, 1), 6), angle=round(rng.uniform(-3, 3), 6)),
                           pulse.DriveChannel(q))
            qc.add_calibration("rx", [q], sched, [theta])
    return qc


def generate_qiskit1(out: str, force: bool) -> list[str]:
    jobs = [
        ("circuit_100k_v13.qpy", lambda: random_circuit(100_000)),
        ("schedule_large.qpy", large_schedule),
        ("calibrations_200.qpy", lambda: calibrated_circuit(200)),
        ("calibrations_500.qpy", lambda: calibrated_circuit(500)),
        # 1/20 of schedule_large, for the callgrind profile (the full one takes >30 min there)
        ("schedule_profile.qpy", lambda: large_schedule(500, 50, 1_000)),
    ]
    for name, build in jobs:
        path = os.path.join(out, name)
        if os.path.exists(path) and not force:
            log(f"kept {name}")
            continue
        t0 = time.perf_counter()
        program = build()
        log(f"built {name} in {time.perf_counter() - t0:.2f} s")
        dump(program, path, version=13)
    return [name for name, _ in jobs]


# --------------------------------------------------------------------------- qiskit 2.6 (QPY 18)

def generate_qiskit2(out: str, force: bool, max_scale: int) -> list[str]:
    jobs = [("circuit_100k_v18.qpy", 100_000)]
    jobs += [(f"scale_1e{k}.qpy", 10 ** k) for k in range(3, max_scale + 1)]
    for name, n in jobs:
        path = os.path.join(out, name)
        if os.path.exists(path) and not force:
            log(f"kept {name}")
            continue
        if n == 100_000 and name != jobs[0][0]:  # scale_1e5 is circuit_100k_v18
            shutil.copyfile(os.path.join(out, jobs[0][0]), path)
            log(f"wrote {name} (a copy of {jobs[0][0]})")
            continue
        t0 = time.perf_counter()
        qc = random_circuit(n)
        log(f"built {name} ({n:,} gates) in {time.perf_counter() - t0:.2f} s")
        dump(qc, path)  # default: QPY 18
    return [name for name, _ in jobs]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(HERE, "Inputs"))
    ap.add_argument("--force", action="store_true", help="rewrite files that exist")
    ap.add_argument("--max-scale", type=int, default=6, help="largest scaling input, 10^N gates (qiskit 2.x)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if MAJOR == 1:
        files = generate_qiskit1(args.out, args.force)
    elif MAJOR >= 2:
        files = generate_qiskit2(args.out, args.force, args.max_scale)
    else:
        log("needs qiskit 1.x or 2.x")
        return 2
    manifest = os.path.join(args.out, f"MANIFEST-qiskit-{MAJOR}.json")
    with open(manifest, "w") as f:
        json.dump({"qiskit": qiskit.__version__, "python": sys.version.split()[0],
                   "files": {n: os.path.getsize(os.path.join(args.out, n)) for n in files}}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
