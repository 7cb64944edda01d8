import QPYDiagnostics
import QPYModel

extension QPYFile {
    /// Reads QPY bytes (optionally gzip-compressed). The file's version, writer and symbolic
    /// encoding are kept in ``header`` so that ``qpyBytes(options:)`` reproduces the input.
    /// - Throws: ``ByteDecodingError`` with the byte offset and element path of the problem.
    public init(qpyBytes bytes: [UInt8], options: QPYDecodingOptions = QPYDecodingOptions()) throws(ByteDecodingError) {
        var input = bytes
        if bytes.starts(with: [0x1F, 0x8B]) {
            do {
                input = try Zlib.gunzip(bytes, limit: options.maximumInflatedSize * 16)
            } catch {
                throw ByteDecodingError("malformed gzip stream: \(error)", offset: 0)
            }
        }
        self = try QPYBinaryDecoder(options: options).decode(input)
    }

    /// The file as QPY bytes, at ``QPYEncodingOptions/targetVersion`` or the version it was read with.
    /// - Throws: ``QPYEncodingError`` naming a feature the target version cannot hold.
    public func qpyBytes(options: QPYEncodingOptions = QPYEncodingOptions()) throws(QPYEncodingError) -> [UInt8] {
        try QPYBinaryEncoder(options: options).encode(self)
    }

    /// Whether `bytes` look like QPY (or gzip-compressed QPY).
    public static func looksLikeQPY(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Array("QISKIT".utf8)) || bytes.starts(with: [0x1F, 0x8B])
    }

    /// Gzip-compresses bytes (for `.qpy.gz` output).
    public static func gzip(_ bytes: [UInt8]) -> [UInt8] { Zlib.gzip(bytes) }
}
