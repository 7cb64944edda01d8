/// The file formats qpyconv reads and writes.
public enum FileFormat: String, CaseIterable, Sendable {
    /// Binary QPY (`.qpy`).
    case qpy
    /// Gzip-compressed binary QPY (`.qpy.gz`).
    case qpyGzip = "qpy.gz"
    /// qpyconv JSON (`.json`).
    case json

    /// The format a path's extension names, if any.
    public static func inferred(fromPath path: String) -> FileFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".qpy.gz") { return .qpyGzip }
        if lower.hasSuffix(".qpy") { return .qpy }
        if lower.hasSuffix(".json") { return .json }
        return nil
    }

    /// The format the content looks like (for standard input): QPY magic, gzip magic, or JSON.
    public static func sniffed(from bytes: [UInt8]) -> FileFormat? {
        if bytes.starts(with: Array("QISKIT".utf8)) { return .qpy }
        if bytes.starts(with: [0x1F, 0x8B]) { return .qpyGzip }
        if let first = bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }), first == UInt8(ascii: "{") { return .json }
        return nil
    }
}
