"""Compact, deterministic JSON formatting shared by the circuit fixture scripts (stdlib only)."""

import json


def _is_scalar(x):
    return x is None or isinstance(x, (bool, int, float, str))


def compact_json(obj, level=0):
    """JSON with 1-space indentation; lists of scalars and small flat objects on one line."""
    one_line = json.dumps(obj, ensure_ascii=False, allow_nan=False)
    if _is_scalar(obj):
        return one_line
    scalars_only = isinstance(obj, list) and all(_is_scalar(x) for x in obj)
    flat = (isinstance(obj, list) and all(_is_scalar(x) or (isinstance(x, list) and all(map(_is_scalar, x)))
                                          for x in obj)) or \
        (isinstance(obj, dict) and all(_is_scalar(v) for v in obj.values()))
    if not obj or scalars_only or (flat and len(one_line) <= 110):
        return one_line
    pad, inner = " " * level, " " * (level + 1)
    if isinstance(obj, dict):
        items = [f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {compact_json(v, level + 1)}"
                 for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = [inner + compact_json(v, level + 1) for v in obj]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        f.write(compact_json(obj))
        f.write("\n")
