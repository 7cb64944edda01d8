import QPYExpression
import QPYModel

/// The payload of a pulse expression: srepr text or symengine bytes, zlib-compressed.
enum SymbolicExpressionCodec {
    /// The uncompressed payload for the expression's encoding.
    static func payload(of expression: SymbolicExpression) throws(SymengineEncodingError) -> [UInt8] {
        switch expression.encoding {
        case .srepr: return Array(expression.expression.srepr.utf8)
        case .symengine(let version): return try expression.expression.symengineBytes(version: version)
        }
    }

    /// The compressed bytes to write: those kept from the input when they still inflate to the
    /// payload, else a fresh zlib stream. `nil` if the payload cannot be produced.
    static func compressedBytes(of expression: SymbolicExpression) -> [UInt8]? {
        guard let payload = try? payload(of: expression) else { return nil }
        if let kept = expression.compressedBytes, (try? Zlib.decompress(kept, limit: payload.count + 1)) == payload {
            return kept
        }
        return Zlib.compress(payload)
    }
}
