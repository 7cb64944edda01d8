// Module QPYText: filled in by later issues.
