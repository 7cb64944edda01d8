import QPYDiagnostics
import QPYModel

/// How doubles and integers are spelled in qpyconv JSON.
enum JSONNumbers {
    /// A finite double in its shortest round-trip form; always contains `.` or an exponent, so it
    /// reads back as a float, not an integer.
    static func float(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .object([JSONMember("float", .string(nonFinite(value)))]) }
        return .number(DoubleDescription.string(value))
    }

    /// `NaN`, `Infinity`, `-Infinity`, or the bits of a NaN with a payload (`0x7ff8000000000001`).
    static func nonFinite(_ value: Double) -> String {
        if value == .infinity { return "Infinity" }
        if value == -.infinity { return "-Infinity" }
        if value.bitPattern == Double.nan.bitPattern { return "NaN" }
        let hex = String(value.bitPattern, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func parseNonFinite(_ text: String) -> Double? {
        switch text {
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        case "NaN": return .nan
        default:
            guard text.hasPrefix("0x"), let bits = UInt64(text.dropFirst(2), radix: 16) else { return nil }
            return Double(bitPattern: bits)
        }
    }

    /// An integer; beyond ±2^53 (where JSON readers lose precision) as `{"int": "digits"}`.
    static func integer(_ value: Int64) -> JSONValue {
        if value.magnitude <= 1 << 53 { return .number(String(value)) }
        return .object([JSONMember("int", .string(String(value)))])
    }

    /// Lowercase hex of bytes.
    static func hex(_ bytes: [UInt8]) -> String { HexText.string(bytes) }

    static func bytes(hex text: String) -> [UInt8]? { HexText.bytes(text) }
}
