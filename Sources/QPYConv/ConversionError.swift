/// A conversion failure, with what the command line reports and how it exits.
public struct ConversionError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, located (byte offset and element path, or line:column).
    public var message: String
    public var kind: Kind
    /// The line to print: `file:line:column: error: …` for text inputs, `error: …` otherwise.
    public var diagnostic: String

    public enum Kind: Sendable {
        /// The input is malformed, or cannot be written in the requested form (exit 65).
        case badData
        /// The request itself is wrong (exit 64).
        case usage
    }

    public init(_ message: String, kind: Kind = .badData, diagnostic: String? = nil) {
        self.message = message
        self.kind = kind
        self.diagnostic = diagnostic ?? "error: " + message
    }

    public var description: String { message }
}
