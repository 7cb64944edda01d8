/// A classical expression (`qiskit.circuit.classical.expr`, QPY 9+), node by node as QPY stores
/// it: every node carries its type.
public indirect enum ClassicalExpression: Hashable, Sendable {
    /// `x`: a variable (a clbit, a register, or a standalone variable by index).
    case variable(ClassicalType, ExpressionVariable)
    /// `v`: a literal.
    case value(ClassicalType, ExpressionValue)
    /// `c`: a cast.
    case cast(ClassicalType, implicit: Bool, ClassicalExpression)
    /// `u`: a unary operation (1 bit-not, 2 logic-not, 3 negate).
    case unary(ClassicalType, op: UInt8, ClassicalExpression)
    /// `b`: a binary operation (1 bit-and … 17 div).
    case binary(ClassicalType, op: UInt8, ClassicalExpression, ClassicalExpression)
    /// `i`: an index (QPY 12+).
    case index(ClassicalType, ClassicalExpression, ClassicalExpression)
    /// `s`: a stretch, by its index among the standalone variables (QPY 14+).
    case stretch(ClassicalType, UInt16)
}

/// The type of a classical expression.
public enum ClassicalType: Hashable, Sendable {
    case bool
    case uint(width: UInt32)
    /// QPY 14+.
    case float
    /// QPY 14+.
    case duration
}

/// The variable of an `x` node.
public enum ExpressionVariable: Hashable, Sendable {
    /// `C`: a clbit by circuit index.
    case clbit(UInt32)
    /// `R`: a classical register by name.
    case register(String)
    /// `U`: a standalone variable by its index (QPY 12+).
    case standalone(UInt16)
}

/// The literal of a `v` node.
public enum ExpressionValue: Hashable, Sendable {
    case bool(Bool)
    /// An integer as big-endian two's-complement bytes (kept as written).
    case integer([UInt8])
    case float(Double)
    case duration(Duration)

    public static func == (lhs: ExpressionValue, rhs: ExpressionValue) -> Bool {
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.float(let a), .float(let b)): return a.bitPattern == b.bitPattern
        case (.duration(let a), .duration(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .bool(let value): hasher.combine(0); hasher.combine(value)
        case .integer(let bytes): hasher.combine(1); hasher.combine(bytes)
        case .float(let value): hasher.combine(2); hasher.combine(value.bitPattern)
        case .duration(let value): hasher.combine(3); hasher.combine(value)
        }
    }
}

/// A duration literal (QPY 14+): `dt` as an integer, other units as floats.
public enum Duration: Hashable, Sendable {
    case dt(UInt64)
    /// `unit` is one of `n`, `u`, `m`, `s`, `p` (QPY 16+).
    case time(Double, unit: UInt8)

    public static func == (lhs: Duration, rhs: Duration) -> Bool {
        switch (lhs, rhs) {
        case (.dt(let a), .dt(let b)): return a == b
        case (.time(let a, let u), .time(let b, let v)): return a.bitPattern == b.bitPattern && u == v
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .dt(let value): hasher.combine(value)
        case .time(let value, let unit): hasher.combine(value.bitPattern); hasher.combine(unit)
        }
    }
}
