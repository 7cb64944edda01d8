/// A Parameter's 16-byte UUID in RFC 4122 byte order (Python's `uuid.UUID.bytes`).
public struct ParameterUUID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Bytes 0–7, big-endian.
    public var high: UInt64
    /// Bytes 8–15, big-endian.
    public var low: UInt64

    /// A UUID from its two big-endian halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The UUID in 16 bytes, or `nil` for any other count.
    @inlinable
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count == 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var index = 0
        for byte in bytes {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
            index += 1
        }
        self.init(high: high, low: low)
    }

    /// Parses the `8-4-4-4-12` hex form (either case).
    public init?(_ text: String) {
        // Read as bytes: 36 of them, dashes after hex digits 8, 12, 16 and 20 (any other text,
        // non-ASCII included, is not a UUID).
        var high: UInt64 = 0
        var low: UInt64 = 0
        var digits = 0
        var count = 0
        for byte in text.utf8 {
            count += 1
            if count == 9 || count == 14 || count == 19 || count == 24 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            if digits < 16 { high = high << 4 | UInt64(nibble) } else { low = low << 4 | UInt64(nibble) }
            digits += 1
            if digits > 32 { return nil }
        }
        guard count == 36, digits == 32 else { return nil }
        self.init(high: high, low: low)
    }

    /// The 16 bytes.
    public var bytes: [UInt8] {
        (0..<16).map { index in
            let word = index < 8 ? high : low
            return UInt8(truncatingIfNeeded: word >> (8 * (7 - index % 8)))
        }
    }

    /// Lowercase `8-4-4-4-12` hex, as Python prints a UUID.
    public var description: String {
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for index in 0..<32 {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append(UInt8(ascii: "-")) }
            let word = index < 16 ? high : low
            let nibble = UInt8(truncatingIfNeeded: word >> (4 * (15 - index % 16))) & 0xF
            text.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Byte-wise order.
    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.high, lhs.low) < (rhs.high, rhs.low) }
}

/// The operation of one replay record (`_OPCode` in Qiskit).
public enum ReplayOpcode: UInt8, CaseIterable, Hashable, Sendable {
    /// `lhs + rhs`, `lhs - rhs`, `lhs * rhs`, `lhs / rhs`, `lhs ** rhs`.
    case add = 0, sub, mul, div, pow
    /// Functions of the lhs.
    case sin, cos, tan, asin, acos, exp, log, sign
    /// `d(lhs)/d(rhs)`, rhs a Parameter.
    case grad
    /// `conjugate(lhs)`.
    case conjugate
    /// `top.subs(mapping)`; the record's lhs is a ``ReplayOperand/substitution(length:)``.
    case substitute
    /// `abs(lhs)`, `atan(lhs)`.
    case abs, atan
    /// `rhs - lhs`.
    case rsub
    /// `rhs / lhs`.
    case rdiv
    /// `rhs ** lhs`.
    case rpow
    /// The op code of the `s`/`e` records that bracket a nested sub-expression.
    case marker = 255

    /// Whether the operation takes one operand (the lhs).
    public var isUnary: Bool {
        switch self {
        case .sin, .cos, .tan, .asin, .acos, .exp, .log, .sign, .conjugate, .abs, .atan: return true
        default: return false
        }
    }
}

/// One 16-byte operand of a replay record, with its one-letter type.
public enum ReplayOperand: Sendable {
    /// `p`: a Parameter (or vector element) by UUID, resolved through the symbol map.
    case parameter(ParameterUUID)
    /// `i`: a 64-bit integer.
    case integer(Int64)
    /// `f`: a binary64 float (bits kept).
    case float(Double)
    /// `c`: a complex float, real part first as the file stores it.
    case complex(real: Double, imaginary: Double)
    /// `n`: no operand; the value comes from the stack.
    case none
    /// `s`: start of a nested sub-expression (a marker).
    case beginNested
    /// `e`: end of a nested sub-expression (a marker).
    case endNested
    /// `u`: a substitution; the record is followed by `length` bytes of MAPPING.
    case substitution(length: UInt64)

    /// The type letter as stored (`p`, `i`, `f`, `c`, `n`, `s`, `e`, `u`).
    public var typeCode: Character {
        switch self {
        case .parameter: return "p"
        case .integer: return "i"
        case .float: return "f"
        case .complex: return "c"
        case .none: return "n"
        case .beginNested: return "s"
        case .endNested: return "e"
        case .substitution: return "u"
        }
    }
}

extension ReplayOperand: Hashable {
    /// Floats compare by bit pattern, so `-0.0 != 0.0` and a NaN equals itself.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.parameter(let a), .parameter(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.float(let a), .float(let b)): return a.bitPattern == b.bitPattern
        case (.complex(let a, let b), .complex(let c, let d)): return a.bitPattern == c.bitPattern && b.bitPattern == d.bitPattern
        case (.none, .none), (.beginNested, .beginNested), (.endNested, .endNested): return true
        case (.substitution(let a), .substitution(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(typeCode)
        switch self {
        case .parameter(let uuid): hasher.combine(uuid)
        case .integer(let value): hasher.combine(value)
        case .float(let value): hasher.combine(value.bitPattern)
        case .complex(let re, let im): hasher.combine(re.bitPattern); hasher.combine(im.bitPattern)
        case .substitution(let length): hasher.combine(length)
        case .none, .beginNested, .endNested: break
        }
    }
}

/// One `PARAM_EXPR_ELEM_V13` record (`"!Bc16sc16s"`, 35 bytes), plus the MAPPING bytes that follow
/// a substitution record.
public struct ReplayRecord: Hashable, Sendable {
    /// The operation.
    public var opcode: ReplayOpcode
    /// The left operand.
    public var lhs: ReplayOperand
    /// The right operand (`n` for unary operations).
    public var rhs: ReplayOperand
    /// For a record whose lhs is ``ReplayOperand/substitution(length:)``: the MAPPING bytes that
    /// follow it, verbatim (decoded by the QPY reader, which knows the file version).
    public var substitution: [UInt8]?
    /// The lhs's 16 data bytes as read, kept only when they differ from the canonical encoding of
    /// ``lhs`` (e.g. non-zero filler after an `n`), so that re-encoding is byte-exact.
    public var lhsRawData: [UInt8]?
    /// The rhs's 16 data bytes, kept under the same rule as ``lhsRawData``.
    public var rhsRawData: [UInt8]?

    /// A record; `substitution` holds the MAPPING bytes when `lhs` is a substitution.
    public init(opcode: ReplayOpcode, lhs: ReplayOperand, rhs: ReplayOperand, substitution: [UInt8]? = nil) {
        self.opcode = opcode
        self.lhs = lhs
        self.rhs = rhs
        self.substitution = substitution
    }
}

/// A QPY 13+ ParameterExpression payload: the replay records Qiskit writes instead of an
/// expression tree (§4.c of the format notes). Evaluate it with
/// ``expression(limits:resolve:substitute:)``.
public struct ReplayProgram: Hashable, Sendable {
    /// The records in file order.
    public var records: [ReplayRecord]

    /// A program of these records.
    public init(records: [ReplayRecord]) { self.records = records }
}
