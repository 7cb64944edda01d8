"""Custom circuit annotations + QPY serializer used by the circuit fixtures (Qiskit >= 2.1).

Qiskit can only serialize annotations (QPY 15+) through user-supplied
``QPYSerializer`` factories passed as ``annotation_factories=`` to ``qpy.dump`` and
``qpy.load``. Every script that writes or loads the annotation fixtures imports this
module so that the same classes are used on both sides:

    from qpyconv_annotations import ANNOTATION_FACTORIES, Tag, Counter

Two annotation classes share the parent namespace ``qpyconv``:

* ``Tag(text)``      namespace ``qpyconv.tag``   - a string;
* ``Counter(n, note)`` namespace ``qpyconv.count`` - an integer and a note.

One stateful serializer is registered for the parent namespace ``qpyconv`` (so Qiskit
resolves both sub-namespaces to it through ``iter_namespaces``). Its *state*
(``dump_state``) is a JSON string table; each annotation payload is compact JSON that
refers to table entries by index - so both the ANNOTATION_HEADER state and the
per-instruction payloads carry real data. A second, stateless serializer is registered
for the unrelated namespace ``plain`` (class ``Plain``), whose payload is the raw UTF-8 text
and whose state is empty.

On releases without ``qiskit.circuit.annotation`` (everything before 2.1) the module
imports fine and ``ANNOTATION_FACTORIES`` is ``None``.
"""

from __future__ import annotations

import json

try:
    from qiskit.circuit.annotation import Annotation, QPYSerializer
except ImportError:  # Qiskit < 2.1
    Annotation = None
    QPYSerializer = None

ANNOTATION_FACTORIES = None

if Annotation is not None:

    class Tag(Annotation):
        namespace = "qpyconv.tag"

        def __init__(self, text):
            self.text = text

        def __eq__(self, other):
            return isinstance(other, Tag) and self.text == other.text

        def __hash__(self):
            return hash(("Tag", self.text))

        def __repr__(self):
            return f"Tag({self.text!r})"

    class Counter(Annotation):
        namespace = "qpyconv.count"

        def __init__(self, n, note=""):
            self.n = n
            self.note = note

        def __eq__(self, other):
            return isinstance(other, Counter) and (self.n, self.note) == (other.n, other.note)

        def __hash__(self):
            return hash(("Counter", self.n, self.note))

        def __repr__(self):
            return f"Counter({self.n!r}, {self.note!r})"

    class Plain(Annotation):
        namespace = "plain"

        def __init__(self, text):
            self.text = text

        def __eq__(self, other):
            return isinstance(other, Plain) and self.text == other.text

        def __hash__(self):
            return hash(("Plain", self.text))

        def __repr__(self):
            return f"Plain({self.text!r})"

    class StringTableSerializer(QPYSerializer):
        """Stateful: strings are interned into a table stored once per circuit."""

        def __init__(self):
            self.strings = []

        def _intern(self, text):
            try:
                return self.strings.index(text)
            except ValueError:
                self.strings.append(text)
                return len(self.strings) - 1

        def dump_annotation(self, namespace, annotation):
            if isinstance(annotation, Tag):
                obj = {"k": "tag", "s": self._intern(annotation.text)}
            elif isinstance(annotation, Counter):
                obj = {"k": "count", "n": annotation.n, "s": self._intern(annotation.note)}
            else:
                return NotImplemented
            return json.dumps(obj, separators=(",", ":"), sort_keys=True).encode("utf-8")

        def load_annotation(self, payload):
            obj = json.loads(payload.decode("utf-8"))
            if obj["k"] == "tag":
                return Tag(self.strings[obj["s"]])
            if obj["k"] == "count":
                return Counter(obj["n"], self.strings[obj["s"]])
            raise ValueError(f"unknown annotation kind {obj['k']!r}")

        def dump_state(self):
            return json.dumps({"version": 1, "strings": self.strings}, ensure_ascii=False).encode("utf-8")

        def load_state(self, namespace, payload):
            state = json.loads(payload.decode("utf-8"))
            if state.get("version") != 1:
                raise ValueError(f"unsupported serializer state version {state.get('version')!r}")
            self.strings = list(state["strings"])

    class PlainSerializer(QPYSerializer):
        """Stateless: payload = UTF-8 text."""

        def dump_annotation(self, namespace, annotation):
            if not isinstance(annotation, Plain):
                return NotImplemented
            return annotation.text.encode("utf-8")

        def load_annotation(self, payload):
            return Plain(payload.decode("utf-8"))

    ANNOTATION_FACTORIES = {"qpyconv": StringTableSerializer, "plain": PlainSerializer}
else:  # pragma: no cover - old releases
    Tag = Counter = Plain = None
