#!/usr/bin/env python3
"""Build self-test PAIRS files for check_circuits.py (standard library only).

    python3 Tests/Interop/make_circuit_pairs.py --out /tmp/circuit-pairs

writes into OUT:
  self.json      every fixture under Tests/Fixtures/circuits (all writers, legacy-v1-v4 and
                 qpy_compat) paired with itself: check_circuits.py must report 0 failed, also
                 with --byte-identical (originals that do not load are skipped);
  wrong.json     every fixture paired with the next fixture (by name) of the same directory -
                 a different circuit, so every pair whose original loads must FAIL;
  tampered.json  a few fixtures paired with a copy in OUT/tampered/ that has one targeted
                 defect (metadata, a float parameter, a parameter UUID, a register name, the
                 global phase, a layout entry, a truncated file, a dropped circuit, a label) -
                 every pair must FAIL.
Paths in the JSON files are relative to the repository root.
"""

import argparse
import json
import os
import struct
import sys
import uuid
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "circuits")


def rel(path):
    return os.path.relpath(path, ROOT)


def fixtures():
    out = {}
    for dirpath, dirnames, files in sorted(os.walk(FIXTURES)):
        dirnames.sort()
        qpys = sorted(f for f in files if f.endswith(".qpy"))
        if qpys:
            out[dirpath] = [os.path.join(dirpath, f) for f in qpys]
    return out


def replace_once(data, old, new, first=False):
    """Replace the only (or, with first=True, the first) occurrence of old by new (same length)."""
    assert len(old) == len(new), (old, new)
    i = data.find(old)
    if i < 0:
        raise SystemExit(f"pattern {old!r} not found")
    if not first and data.find(old, i + 1) >= 0:
        raise SystemExit(f"pattern {old!r} is not unique")
    return data[:i] + new + data[i + len(old):]


def case_uuid(case, k):
    """UUID gen_circuits.py gives the k-th Parameter of a case."""
    return uuid.UUID(int=(zlib.crc32(case.encode("utf-8")) << 64) + 0x1000 + k)


def tamper(out_dir):
    made = []
    tdir = os.path.join(out_dir, "tampered")
    os.makedirs(tdir, exist_ok=True)

    def src(*parts):
        return os.path.join(FIXTURES, *parts)

    def write(name, data, what, original):
        path = os.path.join(tdir, name)
        with open(path, "wb") as f:
            f.write(data)
        made.append((original, path, what))

    def read(path):
        with open(path, "rb") as f:
            return f.read()

    for writer in (("qiskit-2.6", "v18"), ("qiskit-2.6", "v13"), ("qiskit-1.4.6", "v13-symengine")):
        tag = "-".join(writer)
        bell = src(*writer, "bell.qpy")
        d = read(bell)
        write(f"{tag}-bell-metadata.qpy", replace_once(d, b'{"case":"bell"}', b'{"case":"bezl"}'),
              "metadata value changed", bell)
        write(f"{tag}-bell-truncated.qpy", d[:-7], "last 7 bytes dropped", bell)
        # the circuit name comes right after the circuit header, before the metadata
        write(f"{tag}-bell-name.qpy", replace_once(d, b"bell", b"belm", first=True), "circuit name changed", bell)
        g1 = src(*writer, "standard_gates_1q.qpy")
        write(f"{tag}-rx-angle.qpy", replace_once(read(g1), struct.pack("<d", 0.5), struct.pack("<d", 0.25))
              if writer[1] != "v18" else replace_once(read(g1), struct.pack("!d", 0.5), struct.pack("!d", 0.25)),
              "RXGate angle 0.5 -> 0.25", g1)
        pp = src(*writer, "params_parameter.qpy")
        u = case_uuid("params_parameter", 0).bytes  # θ
        bad = bytes(u[:-1]) + bytes([u[-1] ^ 1])
        write(f"{tag}-param-uuid.qpy", read(pp).replace(u, bad), "UUID of parameter θ changed", pp)
        rm = src(*writer, "registers_multi.qpy")
        write(f"{tag}-register-name.qpy", replace_once(read(rm), b"\x01\x00\x00\x00\x02\x00\x02\x01ca",
                                                       b"\x01\x00\x00\x00\x02\x00\x02\x01cz")
              if writer[1] != "v18" else read(rm).replace(b"ca", b"cz", 1), "register ca renamed cz", rm)
        mu = src(*writer, "metadata_unicode.qpy")
        write(f"{tag}-global-phase.qpy", replace_once(read(mu), struct.pack("!d", 0.75), struct.pack("!d", 0.5)),
              "global phase 0.75 -> 0.5", mu)
        mc = src(*writer, "multi_circuit.qpy")
        d = read(mc)
        write(f"{tag}-dropped-circuit.qpy", d[:10] + struct.pack("!Q", 2) + d[18:], "header says 2 of 3 circuits", mc)
        lb = src(*writer, "labels.qpy")
        write(f"{tag}-label.qpy", replace_once(read(lb), b"entangle", b"entwine!"), "instruction label changed", lb)
    lm = src("qiskit-2.6", "v18", "layout_manual.qpy")
    d = read(lm)
    # final layout is the last 3 u32 of the file (physical -> circuit index: 0, 2, 1)
    assert d[-12:] == struct.pack("!III", 0, 2, 1), d[-12:].hex()
    write("qiskit-2.6-v18-layout.qpy", d[:-12] + struct.pack("!III", 0, 1, 2), "final layout entries swapped", lm)
    leg = src("legacy-v1-v4", "v1_params.qpy")
    write("legacy-v1-params-endianness.qpy", replace_once(read(leg), struct.pack("<d", 0.5), struct.pack("!d", 0.5)),
          "little-endian float parameter written big-endian", leg)
    cal = src("qiskit-1.4.6", "v13-sympy", "calibrations_play_only.qpy")
    d = read(cal)
    # the calibration's Gaussian pulse: amp 0.2 (generic context, big-endian) -> 0.3
    write("qiskit-1.4.6-calibration-amp.qpy", replace_once(d, struct.pack("!d", 0.2), struct.pack("!d", 0.3)),
          "calibration pulse amp 0.2 -> 0.3 (1.4.6 only)", cal)
    return made


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    groups = fixtures()
    self_pairs, wrong_pairs = [], []
    for _dir, files in groups.items():
        for i, f in enumerate(files):
            self_pairs.append({"original": rel(f), "rewritten": rel(f)})
            if len(files) > 1:
                wrong_pairs.append({"original": rel(f), "rewritten": rel(files[(i + 1) % len(files)])})
    tampered = [{"original": rel(o), "rewritten": os.path.relpath(t, ROOT) if t.startswith(ROOT) else t,
                 "defect": what} for o, t, what in tamper(args.out)]
    for name, pairs in (("self.json", self_pairs), ("wrong.json", wrong_pairs), ("tampered.json", tampered)):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            json.dump({"pairs": pairs}, f, indent=1, ensure_ascii=False)
            f.write("\n")
    print(f"{len(self_pairs)} self pairs, {len(wrong_pairs)} wrong pairs, {len(tampered)} tampered pairs "
          f"in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
