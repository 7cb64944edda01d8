#!/usr/bin/env python3
"""Markdown tables from a profiler's text report, for profile.sh (standard library only).

    callgrind_annotate --inclusive=yes F | swift demangle --simplified | profile_table.py callgrind-inclusive [TOP]
    callgrind_annotate F                 | swift demangle --simplified | profile_table.py callgrind-self [TOP]
    perf report --children --stdio -g none | swift demangle --simplified | profile_table.py perf-inclusive [TOP]
    perf report --no-children --stdio -g none | swift demangle --simplified | profile_table.py perf-self [TOP]

Inclusive tables start with the phases of a conversion (decode = Converter.read, encode =
Converter.write, file I/O = CommandIO.read/write, everything else = start-up, argument parsing and
freeing memory at exit), then the top functions; a chain of callers and callees with the same
inclusive share (within 0.05 points: wrappers, closures, thunks) is shown as one row
"outer → … → inner" (a heuristic: two unrelated functions with the same share would be merged).
Callgrind's extra entries for recursion levels (f'2, which count nested calls again) are left
out; the plain entry of the same function is kept.
"""

from __future__ import annotations

import re
import sys

PHASES = [
    ("decode (`Converter.read`)", "static Converter.read("),
    ("encode (`Converter.write`)", "static Converter.write("),
    ("read the input file (`CommandIO.read`)", "static CommandIO.read("),
    ("write the output file (`CommandIO.write`)", "static CommandIO.write("),
]
NOISE = ("below main", "__libc_start", "_start", "0x0", "(below main)")


def short(fn: str, width: int = 110) -> str:
    fn = fn.replace("|", "\\|").strip()
    return fn if len(fn) <= width else fn[: width - 1] + "…"


def parse_callgrind(lines):
    total = None
    rows = []
    for line in lines:
        m = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+(.*?)(?: \[[^\]]*\])?\s*$", line)
        if not m:
            continue
        ir, pct, where = int(m.group(1).replace(",", "")), float(m.group(2)), m.group(3)
        if "PROGRAM TOTALS" in where:
            total = ir
            continue
        file, _, fn = where.partition(":")
        if not fn:
            fn, file = file, ""
        rec = bool(re.search(r"'\d+$", fn))
        fn = re.sub(r"'\d+$", "", fn)
        base = file.rsplit("/", 1)[-1] if not file.startswith("?") else ""
        rows.append({"value": ir, "pct": pct, "fn": fn, "file": base, "rec": rec})
    return total, rows


def parse_perf(lines, children: bool):
    rows = []
    for line in lines:
        if line.startswith("#"):
            continue
        m = re.match(r"\s*([\d.]+)%\s+(?:([\d.]+)%\s+)?(\S+)\s+(\S+)\s+\[[.k]\]\s+(.*?)\s*$", line)
        if not m:
            continue
        pct = float(m.group(1))
        self_pct = float(m.group(2)) if m.group(2) is not None else pct
        rows.append({"value": None, "pct": pct, "self": self_pct, "fn": m.group(5), "file": m.group(4), "rec": False})
    return rows


def noise(fn):
    return any(n in fn for n in NOISE) or fn.startswith("0x")


def inclusive_table(rows, top, callgrind: bool):
    """Phases, then the top functions by inclusive share."""
    out = []
    main = next((r for r in rows if r["fn"] == "qpyconv_main"), None)
    # phases
    out.append("| phase | share |")
    out.append("|---|---:|")
    shown = 0.0
    for label, needle in PHASES:
        r = next((r for r in rows if r["fn"].startswith(needle) and not r["rec"]), None)
        if r:
            out.append(f"| {label} | {r['pct']:.1f}% |")
            shown += r["pct"]
    if main:
        out.append(f"| rest of `qpyconv` (arguments, format detection, start-up) | {max(main['pct'] - shown, 0):.1f}% |")
        if callgrind:
            out.append(f"| outside `main` (process start, dynamic loading, exit) | {max(100 - main['pct'], 0):.1f}% |")
        else:
            out.append(f"| not under `main` in the sampled call chains (chains perf could not unwind through runtime "
                       f"leaf functions, kernel work, process exit) | {max(100 - main['pct'], 0):.1f}% |")
    out.append("")
    # top functions, chains collapsed
    out.append("| incl. % | function (a chain of calls with the same share: outer → … → inner) | file |")
    out.append("|---:|---|---|")
    chain = []

    def flush():
        if not chain:
            return
        first, last = chain[0], chain[-1]
        name = short(first["fn"]) if len(chain) == 1 else short(first["fn"], 60) + (" → … → " if len(chain) > 2 else " → ") + short(last["fn"], 70)
        pct = f"{last['pct']:.1f}"
        out.append(f"| {pct} | `{name}` | {last['file']} |")
        chain.clear()

    count = 0
    seen = set()
    for r in rows:
        if noise(r["fn"]) or r["fn"] in seen or r["fn"] == "qpyconv_main" or "ParsableCommand" in r["fn"]:
            continue
        if r["rec"]:
            continue  # callgrind's f'2 entries double-count recursion; the plain f entry is kept
        seen.add(r["fn"])
        if chain and abs(chain[-1]["pct"] - r["pct"]) <= 0.05 and (callgrind or chain[-1]["file"] == r["file"]):
            chain.append(r)
            continue
        flush()
        count += 1
        if count > top:
            break
        chain.append(r)
    flush()
    return out


def self_table(rows, top, perf: bool):
    out = ["| self % | function | file |", "|---:|---|---|"]
    n = 0
    for r in rows:
        if noise(r["fn"]):
            continue
        pct = r["self"] if perf else r["pct"]
        out.append(f"| {pct:.1f} | `{short(r['fn'])}` | {r['file']} |")
        n += 1
        if n >= top:
            break
    return out


def main() -> int:
    mode = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    lines = sys.stdin.read().splitlines()
    if mode.startswith("callgrind"):
        total, rows = parse_callgrind(lines)
        if mode == "callgrind-inclusive":
            print("\n".join(inclusive_table(rows, top, True)))
        else:
            print("\n".join(self_table(rows, top, False)))
    else:
        rows = parse_perf(lines, mode == "perf-inclusive")
        if mode == "perf-inclusive":
            print("\n".join(inclusive_table(rows, top, False)))
        else:
            rows.sort(key=lambda r: -r["self"])
            print("\n".join(self_table(rows, top, True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
