#!/usr/bin/env python3
"""Qiskit and whole-process qpyconv timings for the benchmarks (standard library only).

    python3 bench_qiskit.py qiskit [--venvs DIR] [--inputs DIR] [--runs N] [--budget S] --out FILE.json
        For every (venv, file) of PLAN: a fresh `<venv>/bin/python bench_qiskit.py _load FILE`
        process that times `qpy.load` in-process (median of up to N runs within S seconds; the
        loaded programs are dropped and garbage-collected between runs, outside the timing) and
        reports the times; the parent records the child's peak RSS (GNU time). One extra child
        per venv that only imports qiskit gives the import baseline RSS.

    python3 bench_qiskit.py whole --qpyconv BIN [--inputs DIR] [--work DIR] [--runs N] [--budget S] --out FILE.json
        Whole-process `qpyconv IN OUT` (the command a user runs, including process start-up,
        reading and writing files): wall time (median of up to N runs within S seconds) and the
        peak RSS of each run (GNU time), for QPY -> JSON, JSON -> QPY, QPY -> .qpyasm and
        .qpyasm -> QPY on the benchmark inputs, and QPY -> JSON on the scaling series. A
        conversion that qpyconv refuses (exit status != 0 on the first run) is recorded with its
        message and skipped; a run still going after --timeout seconds (default 60) is killed and
        recorded as such.

    <venv>/bin/python bench_qiskit.py _load FILE [--runs N] [--budget S]      (internal)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# (venv, file, note): what each Qiskit loads. 1.4.6 is the last Qiskit with pulse (QPY 13);
# 2.6 loads QPY 18 (and QPY 13 circuits, but drops their calibrations).
QISKIT_PLAN = [
    ("qiskit-1.4.6", "schedule_large.qpy", ""),
    ("qiskit-1.4.6", "calibrations_200.qpy", ""),
    ("qiskit-1.4.6", "calibrations_500.qpy", ""),
    ("qiskit-1.4.6", "circuit_100k_v13.qpy", ""),
    ("qiskit-2.6", "circuit_100k_v18.qpy", ""),
    ("qiskit-2.6", "circuit_100k_v13.qpy", ""),
    ("qiskit-2.6", "calibrations_200.qpy", "Qiskit 2.x drops the calibrations"),
    ("qiskit-2.6", "calibrations_500.qpy", "Qiskit 2.x drops the calibrations"),
    ("qiskit-2.6", "scale_1e3.qpy", ""),
    ("qiskit-2.6", "scale_1e4.qpy", ""),
    ("qiskit-2.6", "scale_1e5.qpy", ""),
    ("qiskit-2.6", "scale_1e6.qpy", ""),
]

FULL_INPUTS = ["schedule_large.qpy", "calibrations_200.qpy", "calibrations_500.qpy",
               "circuit_100k_v13.qpy", "circuit_100k_v18.qpy"]
SCALING_INPUTS = ["scale_1e3.qpy", "scale_1e4.qpy", "scale_1e5.qpy", "scale_1e6.qpy"]


def log(msg: str) -> None:
    print(f"[bench_qiskit] {msg}", file=sys.stderr, flush=True)


def summary(times: list[float], cpu: list[float]) -> dict:
    return {"medianSeconds": statistics.median(times), "minSeconds": min(times), "maxSeconds": max(times),
            "medianCPUSeconds": statistics.median(cpu), "runs": len(times), "allSeconds": times}


def keep_going(times: list[float], started: float, runs: int, budget: float, min_runs: int = 3) -> bool:
    if len(times) >= runs:
        return False
    if len(times) == 1 and times[0] > budget / 2:
        return False
    return not (len(times) >= min_runs and time.perf_counter() - started >= budget)


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_child(argv: list[str], capture: bool = True, timeout: float | None = None):
    """Runs argv; returns (exit status, wall seconds, peak RSS in bytes, stdout, stderr, CPU
    seconds). The output goes to temporary files (no pipe can fill up). Peak RSS and CPU time
    come from GNU time (`/usr/bin/time -f`), which runs the command from a tiny process: the
    rusage that os.wait4 reports for a child of this Python process would include this
    process's own peak RSS (Linux keeps the high-water mark across fork and exec). Without GNU
    time, os.wait4's figures are used. With `timeout`, a child still running after that many
    seconds is killed (with its process group) and the status is None."""
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f, \
            tempfile.NamedTemporaryFile("r", suffix=".time") as time_f:
        command = [TIME, "-f", "%M %U %S", "-o", time_f.name, *argv] if TIME else argv
        t0 = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out_f if capture else subprocess.DEVNULL, stderr=err_f,
                                start_new_session=True)
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, 0 if timeout is None else os.WNOHANG)
            if pid == proc.pid:
                break
            if time.perf_counter() - t0 > timeout:
                os.killpg(proc.pid, 9)
                killed = True
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        rss, cpu = usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime
        if TIME and not killed:
            fields = time_f.read().split()
            # GNU time writes "Command exited with non-zero status N" first when the command fails.
            if len(fields) >= 3:
                rss, cpu = int(fields[-3]) * 1024, float(fields[-2]) + float(fields[-1])
        out_f.seek(0)
        err_f.seek(0)
        return (None if killed else proc.returncode, wall, rss, out_f.read(), err_f.read(), cpu)


# ------------------------------------------------------------------------------------ _load (child)

def child_load(args) -> int:
    import gc
    import io
    import inspect
    import warnings
    warnings.simplefilter("ignore")
    import qiskit
    from qiskit import qpy

    if args.file is None:  # import baseline
        print(json.dumps({"qiskit": qiskit.__version__}))
        return 0
    with open(args.file, "rb") as f:
        data = f.read()
    kwargs = {}
    if "trust_payload" in inspect.signature(qpy.load).parameters:
        # Qiskit 1.4.6 writes circuit calibrations with sympy even when use_symengine=True, and
        # refuses to read those without trust_payload.
        kwargs["trust_payload"] = True
    times: list[float] = []
    cpu: list[float] = []
    started = time.perf_counter()
    programs = None
    while True:
        stream = io.BytesIO(data)
        c0 = time.process_time()
        t0 = time.perf_counter()
        programs = qpy.load(stream, **kwargs)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        if not keep_going(times, started, args.runs, args.budget):
            break
        del programs
        gc.collect()
    print(json.dumps({"qiskit": qiskit.__version__, "programs": len(programs), **summary(times, cpu)}))
    return 0


# ------------------------------------------------------------------------------------ qiskit (parent)

def bench_qiskit(args) -> int:
    results = []
    baselines = {}
    for venv in sorted({v for v, _, _ in QISKIT_PLAN}):
        python = os.path.join(args.venvs, venv, "bin", "python")
        if not os.path.exists(python):
            log(f"{venv}: no venv at {python}; skipped")
            continue
        status, _, rss, out, err, _ = run_child([python, __file__, "_load"])
        if status == 0:
            baselines[venv] = {"qiskit": json.loads(out)["qiskit"], "importPeakRSSBytes": rss}
    for venv, name, note in QISKIT_PLAN:
        path = os.path.join(args.inputs, name)
        python = os.path.join(args.venvs, venv, "bin", "python")
        if venv not in baselines or not os.path.exists(path):
            continue
        status, wall, rss, out, err, _ = run_child([python, __file__, "_load", path, "--runs", str(args.runs),
                                                 "--budget", str(args.budget)])
        entry = {"venv": venv, "file": name, "note": note, "peakRSSBytes": rss, "processSeconds": wall}
        if status != 0:
            entry["error"] = err.decode(errors="replace").strip().splitlines()[-1:]
            log(f"{venv} {name}: FAILED {entry['error']}")
        else:
            entry.update(json.loads(out.decode().strip().splitlines()[-1]))
            log(f"{venv} {name}: load {entry['medianSeconds'] * 1e3:.1f} ms (n={entry['runs']}), peak RSS {rss / 2**20:.0f} MiB")
        results.append(entry)
    with open(args.out, "w") as f:
        json.dump({"baselines": baselines, "results": results}, f, indent=1)
    return 0


# ------------------------------------------------------------------------------------ whole-process qpyconv

def io_floor(src: str, dst: str, runs: int, budget: float) -> dict:
    """The machine's floor for a conversion of src into dst: a process that only reads the input
    and writes the output's bytes to a new file beside it, synced to disk as qpyconv does
    (`cat` and `dd conv=fsync`). No converter can finish faster on this disk."""
    floor = dst + ".io-floor"
    script = 'cat "$1" >/dev/null && dd if="$2" of="$3" bs=4M conv=fsync status=none'
    times, cpu = [], []
    started = time.perf_counter()
    while True:
        status, wall, _, _, _, cpu_seconds = run_child(["sh", "-c", script, "sh", src, dst, floor], capture=False)
        if status != 0:
            break
        times.append(wall)
        cpu.append(cpu_seconds)
        if not keep_going(times, started, runs, budget / 2):
            break
    if os.path.exists(floor):
        os.remove(floor)
    return summary(times, cpu) if times else {}


def bench_whole(args) -> int:
    os.makedirs(args.work, exist_ok=True)
    q = args.qpyconv
    # Median of five: one sample can be a hiccup of the machine (1.5 s once, against 10 ms).
    helps = [run_child([q, "--help"]) for _ in range(5)]
    baseline = {"helpPeakRSSBytes": max(h[2] for h in helps), "helpSeconds": statistics.median(h[1] for h in helps)}
    conversions = []
    for name in FULL_INPUTS + SCALING_INPUTS:
        src = os.path.join(args.inputs, name)
        if not os.path.exists(src):
            continue
        stem = name[:-len(".qpy")]
        json_path = os.path.join(args.work, stem + ".json")
        conversions.append((name, "qpyToJSON", src, json_path))
        if name in FULL_INPUTS:
            text_path = os.path.join(args.work, stem + ".qpyasm")
            conversions.append((name, "jsonToQPY", json_path, os.path.join(args.work, stem + ".from-json.qpy")))
            conversions.append((name, "qpyToText", src, text_path))
            conversions.append((name, "textToQPY", text_path, os.path.join(args.work, stem + ".from-text.qpy")))
    results = []
    for name, kind, src, dst in conversions:
        entry = {"file": name, "conversion": kind, "input": os.path.relpath(src, HERE), "output": os.path.relpath(dst, HERE)}
        if not os.path.exists(src):
            entry["skipped"] = "no input (the conversion that makes it was skipped)"
            results.append(entry)
            continue
        times, rsses, cpu = [], [], []
        started = time.perf_counter()
        while True:
            status, wall, rss, _, err, cpu_seconds = run_child([q, src, dst], capture=False, timeout=args.timeout)
            if status is None:
                entry["skipped"] = f"killed after {args.timeout:.0f} s (--timeout)"
                entry["killedAfterSeconds"] = wall
                break
            if status != 0:
                entry["skipped"] = err.decode(errors="replace").strip()
                entry["exitStatus"] = status
                break
            times.append(wall)
            cpu.append(cpu_seconds)
            rsses.append(rss)
            if not keep_going(times, started, args.runs, args.budget):
                break
        if times:
            entry.update(summary(times, cpu))
            entry["peakRSSBytes"] = max(rsses)
            entry["inputBytes"] = os.path.getsize(src)
            entry["outputBytes"] = os.path.getsize(dst)
            if kind in ("jsonToQPY", "textToQPY"):
                with open(dst, "rb") as a, open(os.path.join(args.inputs, name), "rb") as b:
                    entry["identicalToOriginal"] = a.read() == b.read()
            entry["ioFloor"] = io_floor(src, dst, args.runs, args.budget)
            log(f"{name} {kind}: {entry['medianSeconds'] * 1e3:.1f} ms (n={len(times)}), peak RSS {max(rsses) / 2**20:.0f} MiB, "
                f"file I/O alone {entry['ioFloor']['medianSeconds'] * 1e3:.1f} ms")
        else:
            log(f"{name} {kind}: skipped: {entry['skipped']}")
        results.append(entry)
    with open(args.out, "w") as f:
        json.dump({"qpyconv": q, "baseline": baseline, "results": results}, f, indent=1)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    a = sub.add_parser("qiskit")
    a.add_argument("--venvs", default=os.path.join(ROOT, ".venv"))
    a.add_argument("--inputs", default=os.path.join(HERE, "Inputs"))
    a.add_argument("--runs", type=int, default=5)
    a.add_argument("--budget", type=float, default=12.0)
    a.add_argument("--out", required=True)
    b = sub.add_parser("whole")
    b.add_argument("--qpyconv", required=True)
    b.add_argument("--inputs", default=os.path.join(HERE, "Inputs"))
    b.add_argument("--work", default=os.path.join(HERE, "Work"))
    b.add_argument("--runs", type=int, default=5)
    b.add_argument("--budget", type=float, default=8.0)
    b.add_argument("--timeout", type=float, default=60.0, help="kill a qpyconv run after this many seconds")
    b.add_argument("--out", required=True)
    c = sub.add_parser("_load")
    c.add_argument("file", nargs="?")
    c.add_argument("--runs", type=int, default=5)
    c.add_argument("--budget", type=float, default=12.0)
    args = ap.parse_args()
    if args.mode == "qiskit":
        return bench_qiskit(args)
    if args.mode == "whole":
        args.qpyconv = os.path.abspath(args.qpyconv)
        return bench_whole(args)
    return child_load(args)


if __name__ == "__main__":
    sys.exit(main())
