// Module QPYBinary: filled in by later issues.
