import QPYDiagnostics

/// A syntax error in expression text (sympy `srepr` or the infix syntax), located by line:column.
public struct ExpressionSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong and, where it helps, what was expected.
    public var message: String
    /// Where in the text the error was found.
    public var location: SourceLocation
    /// The text that was being parsed (kept so the error can quote it).
    public var source: String

    public init(_ message: String, offset: Int, source: String) {
        self.message = message
        self.source = source
        self.location = LineTable(source).location(of: offset)
    }

    /// `line:column: error: message`, the source line, and a caret under the column.
    public var description: String {
        TextDiagnostic.render(message: message, at: location, in: LineTable(source))
    }
}
