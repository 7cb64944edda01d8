// Module QPYConv: filled in by later issues.
