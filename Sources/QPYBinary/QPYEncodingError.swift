import QPYDiagnostics

/// Why a file could not be written as QPY: usually a feature the target QPY version cannot hold.
public struct QPYEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What cannot be written, naming the feature and the versions that can hold it.
    public var message: String
    /// The element it concerns.
    public var path: ElementPath

    public init(_ message: String, path: ElementPath = ElementPath()) {
        self.message = message
        self.path = path
    }

    public var description: String { "\(message) (\(path))" }

    /// The same error as if it had been thrown with `step` appended to `outer` (see
    /// ``ByteDecodingError/inserting(_:after:)``): for elements written by the thousand, whose
    /// step is added only to an error.
    func inserting(_ step: @autoclosure () -> String, after outer: ElementPath) -> QPYEncodingError {
        guard let located = path.inserting(step(), after: outer) else { return self }
        return QPYEncodingError(message, path: located)
    }
}
