/// A compiler-style rendering of an error in a text input:
///
///     file:3:17: error: expected ')' to close the argument list
///     amp * exp(-(t - duration/2
///                     ^
public enum TextDiagnostic {
    /// Renders `message` at `location`, quoting the source line with a caret under the column.
    /// - Parameters:
    ///   - file: the name shown before the location (omitted when `nil`).
    public static func render(
        message: String, at location: SourceLocation, in table: LineTable, file: String? = nil
    ) -> String {
        let prefix = file.map { "\($0):" } ?? ""
        let line = table.lineText(location.line)
        var caretPad = ""
        for (index, scalar) in line.unicodeScalars.enumerated() where index < location.column - 1 {
            caretPad.append(scalar == "\t" ? "\t" : " ")
        }
        return "\(prefix)\(location): error: \(message)\n\(line)\n\(caretPad)^"
    }
}
