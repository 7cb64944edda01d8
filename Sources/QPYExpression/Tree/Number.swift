import BigInt

/// A real number as the expression engines store it: an exact integer, an exact reduced fraction,
/// or an IEEE-754 binary64 kept bit for bit.
///
/// Equality is exact: floats compare by bit pattern, so `-0.0 != 0.0` and a NaN equals itself.
public enum Number: Sendable {
    /// An arbitrary-precision integer (sympy `Integer`, symengine `Integer`).
    case integer(BigInt)
    /// A reduced fraction with denominator > 1 (sympy/symengine `Rational`).
    case rational(BigInt, BigInt)
    /// A binary64 value (sympy `Float(..., precision=53)`, symengine `RealDouble`).
    case float(Double)
    /// A sympy `Float` that is not exactly a binary64 value, kept as the decimal text mpmath printed
    /// and its precision in bits. Older symengine releases hand sympy such values (`1e300` as
    /// `Float('1000…0.0', precision=1003)`, subnormals rounded through 15-digit text).
    case decimalFloat(String, precision: Int)

    /// A rational from a numerator and denominator, reduced; an integer when the denominator divides.
    /// Returns `nil` for a zero denominator.
    public static func fraction(_ numerator: BigInt, _ denominator: BigInt) -> Number? {
        guard denominator != 0 else { return nil }
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        var num = numerator / divisor
        var den = denominator / divisor
        if den < 0 { num = -num; den = -den }
        return den == 1 ? .integer(num) : .rational(num, den)
    }

    /// Whether this is exactly zero (an exact zero or a float of either sign).
    public var isZero: Bool {
        switch self {
        case .integer(let value): return value == 0
        case .rational: return false
        case .float(let value): return value == 0
        case .decimalFloat: return doubleValue == 0
        }
    }

    /// Whether the sign is negative (for floats, whether the sign bit is set).
    public var isNegative: Bool {
        switch self {
        case .integer(let value): return value < 0
        case .rational(let num, _): return num < 0
        case .float(let value): return value.sign == .minus
        case .decimalFloat(let text, _): return text.hasPrefix("-")
        }
    }

    /// Whether this is an exact number (integer or rational).
    public var isExact: Bool {
        switch self {
        case .integer, .rational: return true
        case .float, .decimalFloat: return false
        }
    }

    /// The negated number (floats flip their sign bit).
    public var negated: Number {
        switch self {
        case .integer(let value): return .integer(-value)
        case .rational(let num, let den): return .rational(-num, den)
        case .float(let value): return .float(-value)
        case .decimalFloat(let text, let precision):
            return .decimalFloat(text.hasPrefix("-") ? String(text.dropFirst()) : "-" + text, precision: precision)
        }
    }

    /// The nearest binary64 value.
    public var doubleValue: Double {
        switch self {
        case .integer(let value): return Double(exactly: value) ?? Self.approximate(value, 1)
        case .rational(let num, let den): return Self.approximate(num, den)
        case .float(let value): return value
        case .decimalFloat(let text, _): return Double(text) ?? .nan
        }
    }

    private static func approximate(_ num: BigInt, _ den: BigInt) -> Double {
        if let n = Double(exactly: num), let d = Double(exactly: den) { return n / d }
        // Scale both to at most 1000 bits so the quotient of the two doubles stays finite.
        let shift = max(0, max(num.magnitude.bitWidth, den.magnitude.bitWidth) - 1000)
        let n = Double(num >> shift)
        let d = Double(den >> shift)
        if d == 0 { return num < 0 ? -.infinity : .infinity }
        return n / d
    }
}

extension Number: Hashable {
    public static func == (lhs: Number, rhs: Number) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return a == b
        case (.rational(let a, let b), .rational(let c, let d)): return a == c && b == d
        case (.float(let a), .float(let b)): return a.bitPattern == b.bitPattern
        case (.decimalFloat(let a, let p), .decimalFloat(let b, let q)): return a == b && p == q
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .integer(let value): hasher.combine(0); hasher.combine(value)
        case .rational(let num, let den): hasher.combine(1); hasher.combine(num); hasher.combine(den)
        case .float(let value): hasher.combine(2); hasher.combine(value.bitPattern)
        case .decimalFloat(let text, let precision): hasher.combine(3); hasher.combine(text); hasher.combine(precision)
        }
    }
}
