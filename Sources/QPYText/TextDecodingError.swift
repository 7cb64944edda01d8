import QPYDiagnostics

/// `.qpyasm` text that cannot be read: what was wrong (and what was expected), located by
/// line:column, rendered compiler-style with the source line and a caret:
///
///     cal.qpyasm:4:10: error: unknown pulse shape 'Gausian' (did you mean 'Gaussian'?)
///         play Gausian(duration=160, amp=0.1, sigma=40, angle=0.0), d0
///              ^
public struct TextDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong and what was expected.
    public var message: String
    /// Where the problem starts.
    public var location: SourceLocation
    /// The file name shown before the location (`nil`: none).
    public var fileName: String?
    /// The text of the line the location is on.
    public var lineText: String

    public init(_ message: String, location: SourceLocation, fileName: String?, lineText: String) {
        self.message = message
        self.location = location
        self.fileName = fileName
        self.lineText = lineText
    }

    /// An error at byte `offset` of `source`.
    init(_ message: String, offset: Int, in source: SourceText) {
        let location = source.lines.location(of: offset)
        self.init(message, location: location, fileName: source.fileName, lineText: source.lines.lineText(location.line))
    }

    /// `file:line:column: error: message`, the source line, and a caret under the column.
    public var description: String {
        TextDiagnostic.render(message: message, at: location, lineText: lineText, file: fileName)
    }
}

/// The text being decoded, with its name and (built on first use) its line table.
final class SourceText: @unchecked Sendable {
    let bytes: [UInt8]
    let fileName: String?
    private let lineTable: LazyLineTable

    init(bytes: [UInt8], fileName: String?) {
        self.bytes = bytes
        self.fileName = fileName
        lineTable = LazyLineTable(utf8: bytes)
    }

    var lines: LineTable { lineTable.table }

    /// `line N` for a byte offset.
    func lineNumber(of offset: Int) -> Int { lines.location(of: offset).line }

    func error(_ message: String, at offset: Int) -> TextDecodingError {
        TextDecodingError(message, offset: offset, in: self)
    }
}
