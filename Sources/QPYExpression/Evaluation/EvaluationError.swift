/// Why an expression could not be evaluated to a number.
public struct EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, e.g. `symbol 'sigma' has no value`.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
