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
}
