#!/usr/bin/env python3
"""Build self-test PAIRS files for check_schedules.py (standard library only).

    python3 Tests/Interop/make_schedule_pairs.py --out /tmp/schedule-pairs

writes into OUT:
  self.json      every fixture under Tests/Fixtures/schedules paired with itself
                 (check_schedules.py must report 0 failed, also with --byte-identical);
  wrong.json     every fixture paired with the next fixture (by name) of the same writer
                 directory - a different program, so every loadable pair must FAIL;
  tampered.json  a few fixtures paired with a copy in OUT/tampered/ that has one targeted
                 defect (metadata value, a pulse amplitude, a channel index, a truncated
                 file, a dropped program) - every pair must FAIL.
Paths in the JSON files are relative to the repository root where possible.
"""

import argparse
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "schedules")


def rel(path):
    return os.path.relpath(path, ROOT)


def fixtures():
    out = {}
    for dirpath, _, files in sorted(os.walk(FIXTURES)):
        qpys = sorted(f for f in files if f.endswith(".qpy"))
        if qpys:
            out[dirpath] = [os.path.join(dirpath, f) for f in qpys]
    return out


def replace_once(data, old, new):
    assert len(old) == len(new), (old, new)
    i = data.find(old)
    if i < 0:
        raise SystemExit(f"pattern {old!r} not found")
    return data[:i] + new + data[i + len(old):]


def tamper(out_dir):
    """(original, tampered copy, what was changed)."""
    made = []
    tdir = os.path.join(out_dir, "tampered")
    os.makedirs(tdir, exist_ok=True)
    base = os.path.join(FIXTURES, "qiskit-1.4.6", "v13-symengine")

    def write(name, data, what, original):
        path = os.path.join(tdir, name)
        with open(path, "wb") as f:
            f.write(data)
        made.append((original, path, what))

    src = os.path.join(base, "metadata_nested.qpy")
    data = open(src, "rb").read()
    write("metadata_value.qpy", replace_once(data, b'"T1"', b'"T2"'), "metadata value T1 -> T2", src)

    src = os.path.join(base, "pulse_Gaussian.qpy")
    data = open(src, "rb").read()
    # MAP_ITEM key "amp" (u16 key size 3, type 'f', u16 size 8) followed by the f64 value 0.1.
    old = b"amp" + struct.pack("!d", 0.1)
    write("pulse_amp.qpy", replace_once(data, old, b"amp" + struct.pack("!d", 0.2)), "Gaussian amp 0.1 -> 0.2", src)

    src = os.path.join(base, "channels_all.qpy")
    data = open(src, "rb").read()
    old = b"i" + struct.pack("!Q", 8) + struct.pack("!q", 12345)
    new = b"i" + struct.pack("!Q", 8) + struct.pack("!q", 12346)
    write("channel_index.qpy", replace_once(data, old, new), "DriveChannel(12345) -> DriveChannel(12346)", src)

    src = os.path.join(base, "calibration_x.qpy")
    data = open(src, "rb").read()
    write("truncated.qpy", data[: len(data) - 5], "last 5 bytes removed", src)

    src = os.path.join(base, "calibration_set.qpy")
    data = open(src, "rb").read()
    # num_programs 3 -> 2 (u64 at offset 10); the third program is then ignored by the loader.
    write("one_program_less.qpy", data[:10] + struct.pack("!Q", 2) + data[18:], "num_programs 3 -> 2", src)

    src = os.path.join(base, "reference_assigned.qpy")
    data = open(src, "rb").read()
    write("reference_name.qpy", replace_once(data, b"x_q0", b"x_q9"), "assigned subroutine renamed x_q0 -> x_q9", src)
    return made


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)

    groups = fixtures()
    self_pairs, wrong_pairs = [], []
    for _, files in groups.items():
        for i, f in enumerate(files):
            self_pairs.append({"original": rel(f), "rewritten": rel(f)})
            wrong_pairs.append({"original": rel(f), "rewritten": rel(files[(i + 1) % len(files)])})
    tampered = [
        {"original": rel(o), "rewritten": os.path.abspath(t), "defect": what} for o, t, what in tamper(args.out)
    ]
    for name, pairs in (("self", self_pairs), ("wrong", wrong_pairs), ("tampered", tampered)):
        with open(os.path.join(args.out, f"{name}.json"), "w", encoding="utf-8") as f:
            json.dump({"pairs": pairs}, f, indent=1)
            f.write("\n")
    print(f"{len(self_pairs)} self pairs, {len(wrong_pairs)} wrong pairs, {len(tampered)} tampered pairs in {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
