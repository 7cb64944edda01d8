// Module QPYModel: filled in by later issues.
