// Module QPYJSON: filled in by later issues.
