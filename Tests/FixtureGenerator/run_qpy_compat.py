#!/usr/bin/env python3
"""Run Qiskit's own ``test/qpy_compat/test_qpy.py generate`` deterministically.

    .venv/NAME/bin/python Tests/FixtureGenerator/run_qpy_compat.py \
        --test-qpy /path/to/sdist/test/qpy_compat/test_qpy.py --version 1.4.6 --out DIR [--qpy-version N]

``test_qpy.py`` ships only in the source distribution of qiskit / qiskit-terra (not in the
wheels); gen_qpy_compat.sh downloads the sdist of the installed release with
``pip download --no-binary :all: --no-deps`` and passes the extracted file here.

Before the script (and Qiskit) is imported, ``uuid.uuid4`` is replaced by a seeded
generator and ``random`` / ``numpy.random`` are seeded, so that Parameter UUIDs and
custom-gate name suffixes are reproducible (qiskit <= 1.4: the script's own ``main`` runs
unchanged, except that ``pulse.builder.barrier`` keeps its channel order, see
``_ordered_pulse_barrier``). qiskit 2.x draws Parameter UUIDs in Rust and its Rust writer emits hash orders:
there the script's Parameter / ParameterVector get seeded ``uuid=`` arguments and its
``generate_qpy`` is replaced by one that makes the same ``qpy.dump`` call and then applies
gen_circuits.py's hash-order canonicalisation. The files are written into ``--out`` (the
script writes into the current directory). Extra dependency: ``packaging`` (qiskit 2.x's test_qpy.py); if it is
not installed, pip's vendored copy is used.
"""

import argparse
import os
import random
import runpy
import sys
import uuid


def _ordered_pulse_barrier():
    """``pulse.builder.barrier(ch0, ch1)`` collects its channels in a set; a Channel's hash includes
    ``hash(type(channel))`` (address-based), so the operand order of the RelativeBarrier changes
    from process to process. Replace it by appending ``RelativeBarrier(*channels)`` in call
    order (what the builder does, minus the set) when all arguments are channels."""
    try:
        from qiskit import pulse
        from qiskit.pulse import builder
    except ImportError:
        return
    original = builder.barrier

    def barrier(*channels_or_qubits, name=None):
        if len(channels_or_qubits) > 1 and all(isinstance(c, pulse.channels.Channel) for c in channels_or_qubits):
            builder.append_instruction(pulse.instructions.RelativeBarrier(*channels_or_qubits, name=name))
        else:
            original(*channels_or_qubits, name=name)

    builder.barrier = barrier
    pulse.barrier = barrier


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--test-qpy", required=True)
    ap.add_argument("--version", required=True, help="the installed release, passed as --version")
    ap.add_argument("--qpy-version", type=int, help="passed as --qpy-version (qiskit 2.x script only)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--load", action="store_true",
                    help="run the script's own `load --version=VERSION` in --out instead of generating")
    args = ap.parse_args()

    rng = random.Random(20240601)
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)
    random.seed(0)
    try:
        import numpy

        numpy.random.seed(0)
    except ImportError:
        pass
    try:
        import packaging.version  # noqa: F401
    except ImportError:
        import pip._vendor.packaging as vendored

        sys.modules["packaging"] = vendored
        import pip._vendor.packaging.version as vendored_version

        sys.modules["packaging.version"] = vendored_version
    script = os.path.abspath(args.test_qpy)
    out = os.path.abspath(args.out)
    if args.load:
        import warnings

        warnings.simplefilter("ignore")
        os.chdir(out)
        sys.argv = [script, "load", f"--version={args.version}"]
        if args.qpy_version is not None:
            sys.argv.append(f"--qpy-version={args.qpy_version}")
        runpy.run_path(script, run_name="__main__")
        return
    os.makedirs(out, exist_ok=True)
    sys.argv = [script, "generate", f"--version={args.version}"]
    if args.qpy_version is not None:
        sys.argv.append(f"--qpy-version={args.qpy_version}")
    import warnings

    warnings.simplefilter("ignore")
    import qiskit

    if int(qiskit.__version__.split(".")[0]) < 2:
        _ordered_pulse_barrier()
        os.chdir(out)
        runpy.run_path(script, run_name="__main__")
        return
    # qiskit 2.x: Parameter UUIDs are drawn in Rust and the Rust writer (QPY >= 17) emits
    # hash-map orders, so run the script's own main() with two substitutions:
    # * Parameter / ParameterVector (as imported by the script) get seeded UUIDs;
    # * generate_qpy() dumps through gen_circuits.canonical_dump (same qpy.dump call, then the
    #   hash-order canonicalisation described in gen_circuits.py).
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import gen_circuits as gen
    import qiskit.circuit.parameter as pmod
    import qiskit.circuit.parametervector as vmod

    real_parameter, real_vector = pmod.Parameter, vmod.ParameterVector

    def parameter(name, uuid=None):
        return real_parameter(name, uuid=uuid if uuid is not None else uuid_mod_uuid4())

    def parameter_vector(name, length=0, uuid=None):
        return real_vector(name, length, uuid=uuid if uuid is not None else uuid_mod_uuid4())

    uuid_mod_uuid4 = uuid.uuid4
    pmod.Parameter, vmod.ParameterVector = parameter, parameter_vector
    namespace = runpy.run_path(script, run_name="qpy_compat_test_qpy")
    pmod.Parameter, vmod.ParameterVector = real_parameter, real_vector

    def generate_qpy(qpy_files, qpy_version=None):
        for path, circuits in qpy_files.items():
            circuits = circuits if isinstance(circuits, list) else [circuits]
            version = qpy_version if qpy_version is not None else gen.QPY_VERSION
            data, _ = gen.dump_bytes(circuits, version, None, path, "qpy_compat/")
            data, _ = gen.canonical_dump(data, circuits, version, None, path, "qpy_compat/")
            with open(path, "wb") as fd:
                fd.write(data)

    main_fn = namespace["_main"]
    main_fn.__globals__["generate_qpy"] = generate_qpy  # run_path returns a copy of the globals
    os.chdir(out)
    main_fn()


if __name__ == "__main__":
    main()
