"""Records how sympy's srepr spells binary64 floats (mpmath to_str with 17 digits).

Run inside a venv with sympy (e.g. .venv/qiskit-1.4.6):
    python Tests/FixtureGenerator/gen_float_reprs.py > Tests/Fixtures/expressions/float-reprs.tsv
Each line: the float's 16 hex digits of bits, a tab, and the text inside Float('...', precision=53).
"""
import random
import struct
import sys

import sympy

random.seed(20261121)
values = [0.5, 1.0, 0.1, 1e-5, 1e-4, 1.5e16, 1e17, 1e16, 123456.789, 1e-9, 1e300, 1e-300, 5e-324,
          2.2250738585072014e-308, 1.7976931348623157e308, 3.141592653589793, 2.718281828459045,
          1.6487212707001282, 0.3333333333333333, 9.999999999999999e16, 0.99999999999999999,
          99999999999999990.0, 1e-05 * 0.99999999, 123.456, 0.001, 100.0, 1e15, 1e22]
for _ in range(3000):
    kind = random.random()
    if kind < 0.4:
        bits = random.getrandbits(64)
        value = struct.unpack(">d", struct.pack(">Q", bits))[0]
    elif kind < 0.7:
        value = random.uniform(-10, 10) * 10 ** random.randint(-20, 20)
    else:
        value = round(random.uniform(-1000, 1000), random.randint(0, 8))
    values.append(value)
values += [-v for v in values[:28]]
seen = set()
for value in values:
    if value != value or value in (float("inf"), float("-inf")) or value == 0.0:
        continue
    bits = struct.unpack(">Q", struct.pack(">d", value))[0]
    if bits in seen:
        continue
    seen.add(bits)
    text = sympy.srepr(sympy.Float(value))
    assert text.startswith("Float('") and text.endswith("', precision=53)"), text
    sys.stdout.write("%016x\t%s\n" % (bits, text[7:-16]))
