import BigInt
import QPYDiagnostics
import RealModule

/// A tree that cannot be written as a symengine payload (a node symengine has no class for, a
/// number that cannot be folded, an unsupported version).
public struct SymengineEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What could not be encoded.
    public var reason: String

    /// An error with this reason.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

/// Writes an ``Expression`` as a canonical symengine cereal payload (§4.b of the format notes).
///
/// The tree is first rebuilt the way symengine's own constructors would build it (numbers folded
/// into `Add`/`Mul` coefficients, duplicate terms and bases merged, `Integer**Integer` evaluated,
/// `exp(x)` as `Pow(E, x)`, `a > b` as `b < a`), because symengine's loader does not re-canonicalise.
/// Nodes are numbered 1, 2, 3, … in pre-order; no back-references are written.
struct SymengineEncoder {
    /// The deepest tree accepted (the encoder recurses; decoded trees are at most about twice as
    /// deep as their symengine payload).
    static let maximumDepth = 4 * ExpressionLimits.default.maximumDepth

    static func encode(_ expression: Expression, version: SymengineVersion) throws(SymengineEncodingError) -> [UInt8] {
        let table: SymengineTypeTable
        switch SymengineTypeTable.forVersion(version) {
        case .success(let found): table = found
        case .failure(let problem): throw SymengineEncodingError(problem.message)
        }
        let root = try SymengineCanonicalizer.node(for: expression, depth: 0)
        var writer = SymengineWriter(table: table, version: version)
        writer.bytes.append(1)
        writer.bytes.appendLittleEndian(version.major)
        writer.bytes.appendLittleEndian(version.minor)
        try writer.write(root)
        return writer.bytes.bytes
    }
}

// MARK: - Numbers

/// An exact rational, reduced, with a positive denominator.
struct SymengineRational: Hashable, Sendable {
    private(set) var numerator: BigInt
    private(set) var denominator: BigInt

    init(_ numerator: BigInt, _ denominator: BigInt = 1) {
        precondition(denominator != 0, "zero denominator")
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        var num = divisor == 0 ? numerator : numerator / divisor
        var den = divisor == 0 ? denominator : denominator / divisor
        if den < 0 { num = -num; den = -den }
        self.numerator = num
        self.denominator = den
    }

    static let zero = SymengineRational(0)
    static let one = SymengineRational(1)

    var isZero: Bool { numerator == 0 }
    var isInteger: Bool { denominator == 1 }
    var isNegative: Bool { numerator < 0 }
    var double: Double { (Number.fraction(numerator, denominator) ?? .integer(0)).doubleValue }
    var bitWidth: Int { max(numerator.magnitude.bitWidth, denominator.magnitude.bitWidth) }

    static func + (a: Self, b: Self) -> Self {
        Self(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    static func * (a: Self, b: Self) -> Self {
        Self(a.numerator * b.numerator, a.denominator * b.denominator)
    }
    static prefix func - (a: Self) -> Self { Self(-a.numerator, a.denominator) }
    static func - (a: Self, b: Self) -> Self { a + -b }
    /// `1/a`, or `nil` for zero.
    var reciprocal: Self? { isZero ? nil : Self(denominator, numerator) }
    /// The largest integer ≤ the value.
    var floor: BigInt {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        return remainder < 0 ? quotient - 1 : quotient
    }
}

/// A symengine `Number`: `Integer`/`Rational`/`Complex` (exact), `RealDouble`/`ComplexDouble`
/// (bits kept), `Infty` or `NaN`, with symengine's arithmetic for folding coefficients: exact
/// arithmetic between exact numbers, C++ `double`/`std::complex<double>` arithmetic as soon as a
/// float is involved (a real times a complex scales both parts, so signed zeros come out as in
/// symengine).
enum SymengineNumber: Hashable, Sendable {
    case exact(real: SymengineRational, imaginary: SymengineRational)
    case real(UInt64)
    case complex(real: UInt64, imaginary: UInt64)
    /// Direction 1 (`oo`), -1 (`-oo`) or 0 (`zoo`).
    case infinity(Int)
    case nan

    static let zero = SymengineNumber.exact(real: .zero, imaginary: .zero)
    static let one = SymengineNumber.exact(real: .one, imaginary: .zero)
    static let imaginaryUnit = SymengineNumber.exact(real: .zero, imaginary: .one)

    static func integer(_ value: BigInt) -> Self { .exact(real: SymengineRational(value), imaginary: .zero) }
    static func double(_ value: Double) -> Self { .real(value.bitPattern) }
    static func double(_ real: Double, _ imaginary: Double) -> Self {
        .complex(real: real.bitPattern, imaginary: imaginary.bitPattern)
    }

    init(_ number: Number) throws(SymengineEncodingError) {
        switch number {
        case .integer(let value): self = .integer(value)
        case .rational(let num, let den):
            guard den != 0 else { throw SymengineEncodingError("Rational(\(num), 0) has a zero denominator") }
            self = .exact(real: SymengineRational(num, den), imaginary: .zero)
        case .float(let value): self = .double(value)
        case .decimalFloat:
            // sympy's spelling of a symengine RealDouble that is not a short decimal: the nearest
            // binary64 is the value symengine had.
            self = .double(number.doubleValue)
        }
    }

    /// A complex literal: exact parts give an exact `Complex`, otherwise a `ComplexDouble`.
    init(real: Number, imaginary: Number) throws(SymengineEncodingError) {
        let re = try SymengineNumber(real)
        let im = try SymengineNumber(imaginary)
        if case .exact(let a, _) = re, case .exact(let b, _) = im {
            self = .exact(real: a, imaginary: b)
        } else {
            self = .double(real.doubleValue, imaginary.doubleValue)
        }
    }

    var isExactZero: Bool { self == .zero }
    var isExactOne: Bool { self == .one }

    /// symengine's `is_zero()`: exact zero, or a float equal to 0 (either sign).
    var isZero: Bool {
        switch self {
        case .exact(let re, let im): return re.isZero && im.isZero
        case .real(let bits): return Double(bitPattern: bits) == 0
        case .complex(let re, let im): return Double(bitPattern: re) == 0 && Double(bitPattern: im) == 0
        case .infinity, .nan: return false
        }
    }

    /// The exact integer value, if this is an `Integer`.
    var integerValue: BigInt? {
        if case .exact(let re, let im) = self, im.isZero, re.isInteger { return re.numerator }
        return nil
    }

    /// The exact real value, if this is an `Integer` or `Rational`.
    var rationalValue: SymengineRational? {
        if case .exact(let re, let im) = self, im.isZero { return re }
        return nil
    }

    private enum FloatView {
        case real(Double)
        case complex(Double, Double)
    }

    /// The value as C++ would see it once a float is involved.
    private var floatView: FloatView? {
        switch self {
        case .exact(let re, let im): return im.isZero ? .real(re.double) : .complex(re.double, im.double)
        case .real(let bits): return .real(Double(bitPattern: bits))
        case .complex(let re, let im): return .complex(Double(bitPattern: re), Double(bitPattern: im))
        case .infinity, .nan: return nil
        }
    }

    private static func number(_ view: FloatView) -> Self {
        switch view {
        case .real(let value): return .double(value)
        case .complex(let re, let im): return .double(re, im)
        }
    }

    private var isFloat: Bool {
        switch self {
        case .real, .complex: return true
        default: return false
        }
    }

    /// The sign of a real number (`nil` for complex numbers, NaN and zoo).
    private var realSign: Int? {
        switch self {
        case .exact(let re, let im): return im.isZero ? (re.isZero ? 0 : re.isNegative ? -1 : 1) : nil
        case .real(let bits):
            let value = Double(bitPattern: bits)
            return value.isNaN ? nil : value == 0 ? 0 : value < 0 ? -1 : 1
        case .infinity(let direction): return direction == 0 ? nil : direction
        case .complex, .nan: return nil
        }
    }

    /// symengine's `could_extract_minus` for a number: negative, or complex with a negative real
    /// part (or a zero real part and a negative imaginary part).
    var couldExtractMinus: Bool {
        switch self {
        case .exact(let re, let im): return re.isNegative || (re.isZero && im.isNegative)
        case .real(let bits): return Double(bitPattern: bits) < 0
        case .complex(let re, let im):
            let real = Double(bitPattern: re)
            return real < 0 || (real == 0 && Double(bitPattern: im) < 0)
        case .infinity(let direction): return direction < 0
        case .nan: return false
        }
    }

    func adding(_ other: Self) throws(SymengineEncodingError) -> Self {
        switch (self, other) {
        case (.exact(let a, let b), .exact(let c, let d)):
            return .exact(real: a + c, imaginary: b + d)
        case (.nan, _), (_, .nan):
            return .nan
        case (.infinity(let a), .infinity(let b)):
            return a == b && a != 0 ? .infinity(a) : .nan
        case (.infinity(let direction), let finite), (let finite, .infinity(let direction)):
            guard finite.floatView != nil else { return .nan }
            return .infinity(direction)
        default:
            guard let x = floatView, let y = other.floatView else { return .nan }
            switch (x, y) {
            case (.real(let a), .real(let b)): return .double(a + b)
            case (.real(let a), .complex(let c, let d)): return .double(a + c, d)
            case (.complex(let a, let b), .real(let c)): return .double(a + c, b)
            case (.complex(let a, let b), .complex(let c, let d)): return .double(a + c, b + d)
            }
        }
    }

    func multiplying(_ other: Self) throws(SymengineEncodingError) -> Self {
        switch (self, other) {
        case (.exact(let a, let b), .exact(let c, let d)):
            return .exact(real: a * c - b * d, imaginary: a * d + b * c)
        case (.nan, _), (_, .nan):
            return .nan
        case (.infinity(let direction), let factor), (let factor, .infinity(let direction)):
            guard let sign = factor.realSign else {
                if case .infinity(0) = factor { return .infinity(0) }
                throw SymengineEncodingError("cannot fold infinity times the complex number \(factor)")
            }
            return sign == 0 ? .nan : .infinity(direction * sign)
        default:
            guard let x = floatView, let y = other.floatView else { return .nan }
            switch (x, y) {
            case (.real(let a), .real(let b)): return .double(a * b)
            case (.real(let a), .complex(let c, let d)): return .double(a * c, a * d)
            case (.complex(let a, let b), .real(let c)): return .double(a * c, b * c)
            case (.complex(let a, let b), .complex(let c, let d)): return .double(a * c - b * d, a * d + b * c)
            }
        }
    }

    /// This number to an integer power (exact by repeated squaring; real floats with `pow`).
    func power(_ exponent: BigInt) throws(SymengineEncodingError) -> Self {
        switch self {
        case .exact(let re, let im):
            if re.isZero && im.isZero {
                return exponent > 0 ? .zero : exponent == 0 ? .one : .infinity(0)
            }
            let bits = max(re.bitWidth, im.bitWidth, 1)
            guard exponent.magnitude <= 1_000_000, BigInt(bits) * BigInt(exponent.magnitude) <= 100_000 else {
                throw SymengineEncodingError("refusing to evaluate a number to the power \(exponent): the result would be too large")
            }
            var result = Self.one
            var base = self
            var remaining = Int(exponent.magnitude)
            while remaining > 0 {
                if remaining & 1 == 1 { result = try result.multiplying(base) }
                remaining >>= 1
                if remaining > 0 { base = try base.multiplying(base) }
            }
            guard exponent < 0 else { return result }
            guard case .exact(let a, let b) = result, let norm = (a * a + b * b).reciprocal else { return .infinity(0) }
            return .exact(real: a * norm, imaginary: -(b * norm))
        case .real(let bits):
            guard let n = Int(exactly: exponent) else {
                throw SymengineEncodingError("cannot evaluate a float to the power \(exponent)")
            }
            return .double(Double.pow(Double(bitPattern: bits), n))
        default:
            throw SymengineEncodingError("cannot evaluate \(self) to the integer power \(exponent)")
        }
    }

    /// `self ** exponent` when symengine would evaluate it to a number: an integer exponent, or a
    /// float involved with a non-negative real base. `nil` when the power stays symbolic.
    func power(_ exponent: Self) throws(SymengineEncodingError) -> Self? {
        if let n = exponent.integerValue { return try power(n) }
        guard isFloat || exponent.isFloat else { return nil }
        guard let sign = realSign, sign >= 0, case .real(let x)? = floatView, case .real(let y)? = exponent.floatView else {
            throw SymengineEncodingError("cannot evaluate the power \(self) ** \(exponent) of floats")
        }
        return .double(Double.pow(x, y))
    }
}

// MARK: - Nodes

/// A symengine node in canonical form, ready to be written.
indirect enum SymengineNode: Hashable, Sendable {
    case number(SymengineNumber)
    case constant(String)
    case boolean(Bool)
    case symbol(String)
    /// `Add(coef, {term: coefficient})`; each entry's value is a `.number`.
    case add(SymengineNumber, [SymengineEntry])
    /// `Mul(coef, {base: exponent})`.
    case mul(SymengineNumber, [SymengineEntry])
    case pow(SymengineNode, SymengineNode)
    /// A function class (one or two arguments, or a vector for `Max`/`Min`).
    case function(SymengineClass, [SymengineNode])
    case relation(SymengineClass, SymengineNode, SymengineNode)
    /// `And`, `Or` or `Xor`.
    case connective(SymengineClass, [SymengineNode])
    case not(SymengineNode)
    /// `(expression, condition)` pairs.
    case piecewise([SymengineEntry])

    static let e = SymengineNode.constant("E")
    static let one = SymengineNode.number(.one)

    var number: SymengineNumber? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// A key/value pair of an `Add`, `Mul` or `Piecewise`.
struct SymengineEntry: Hashable, Sendable {
    var key: SymengineNode
    var value: SymengineNode
}

// MARK: - Canonical construction

/// Builds canonical symengine nodes from ``Expression`` trees, mirroring symengine's `add`, `mul`
/// and `pow`.
enum SymengineCanonicalizer {
    static func node(for expression: Expression, depth: Int) throws(SymengineEncodingError) -> SymengineNode {
        guard depth < SymengineEncoder.maximumDepth else {
            throw SymengineEncodingError("expression nested deeper than \(SymengineEncoder.maximumDepth) levels")
        }
        func children(_ list: [Expression]) throws(SymengineEncodingError) -> [SymengineNode] {
            var result: [SymengineNode] = []
            result.reserveCapacity(list.count)
            for child in list { result.append(try node(for: child, depth: depth + 1)) }
            return result
        }
        func condition(_ child: Expression, of what: String) throws(SymengineEncodingError) -> SymengineNode {
            guard child.isCondition else {
                throw SymengineEncodingError("\(what) needs a condition, got \(describe(child))")
            }
            return try node(for: child, depth: depth + 1)
        }
        switch expression {
        case .number(let number):
            return .number(try SymengineNumber(number))
        case .complex(let real, let imaginary):
            return .number(try SymengineNumber(real: real, imaginary: imaginary))
        case .constant(let constant):
            switch constant {
            case .imaginaryUnit: return .number(.imaginaryUnit)
            case .infinity: return .number(.infinity(1))
            case .negativeInfinity: return .number(.infinity(-1))
            case .complexInfinity: return .number(.infinity(0))
            case .nan: return .number(.nan)
            case .pi, .e, .eulerGamma, .goldenRatio, .catalan: return .constant(constant.name)
            }
        case .boolean(let value):
            return .boolean(value)
        case .symbol(let name):
            return .symbol(name)
        case .add(let arguments):
            if let number = complexDouble(arguments) { return .number(number) }
            return try add(children(arguments))
        case .mul(let arguments):
            return try mul(children(arguments))
        case .pow(let base, let exponent):
            return try pow(node(for: base, depth: depth + 1), node(for: exponent, depth: depth + 1))
        case .function(let function, let arguments):
            if let arity = function.arity, arguments.count != arity {
                throw SymengineEncodingError("\(function.name) takes \(arity) argument\(arity == 1 ? "" : "s"), got \(arguments.count)")
            }
            switch function {
            case .exp: return try pow(.e, node(for: arguments[0], depth: depth + 1))
            case .abs: return try absolute(node(for: arguments[0], depth: depth + 1))
            case .sqrt: return try pow(node(for: arguments[0], depth: depth + 1), .number(.exact(real: SymengineRational(1, 2), imaginary: .zero)))
            default:
                guard let type = SymengineClass(function) else {
                    throw SymengineEncodingError("symengine has no class for \(function.name) (in \(describe(expression)))")
                }
                guard !arguments.isEmpty else { throw SymengineEncodingError("\(function.name) needs at least one argument") }
                return .function(type, try children(arguments))
            }
        case .relation(let relation, let lhs, let rhs):
            let a = try node(for: lhs, depth: depth + 1)
            let b = try node(for: rhs, depth: depth + 1)
            switch relation {
            case .equality: return .relation(.equality, a, b)
            case .unequality: return .relation(.unequality, a, b)
            case .lessThan: return .relation(.lessThan, a, b)
            case .strictLessThan: return .relation(.strictLessThan, a, b)
            case .greaterThan: return .relation(.lessThan, b, a)
            case .strictGreaterThan: return .relation(.strictLessThan, b, a)
            }
        case .and(let arguments), .or(let arguments), .xor(let arguments):
            let (type, name): (SymengineClass, String) = switch expression {
            case .and: (.and, "And")
            case .or: (.or, "Or")
            default: (.xor, "Xor")
            }
            var nodes: [SymengineNode] = []
            for argument in arguments { nodes.append(try condition(argument, of: name)) }
            return .connective(type, nodes)
        case .not(let argument):
            return .not(try condition(argument, of: "Not"))
        case .piecewise(let branches):
            var entries: [SymengineEntry] = []
            for branch in branches {
                let value = try node(for: branch.value, depth: depth + 1)
                entries.append(SymengineEntry(key: value, value: try condition(branch.condition, of: "a Piecewise branch")))
            }
            return .piecewise(entries)
        }
    }

    /// symengine's `abs`: the value of a real number, `Abs(Abs(x))` as `Abs(x)`, and the sign pulled
    /// out of the argument where symengine's `could_extract_minus` would (a negative number, a `Mul`
    /// with a negative coefficient, an `Add` with a negative constant). An `Add` with a zero constant
    /// is left as it is: symengine decides that one by its internal hash order.
    private static func absolute(_ argument: SymengineNode) throws(SymengineEncodingError) -> SymengineNode {
        switch argument {
        case .number(let value):
            if let rational = value.rationalValue {
                return .number(.exact(real: rational.isNegative ? -rational : rational, imaginary: .zero))
            }
            if case .real(let bits) = value { return .number(.double(Double(bitPattern: bits).magnitude)) }
            return .function(.abs, [argument])
        case .function(.abs, _):
            return argument
        case .mul(let coefficient, let factors) where coefficient.couldExtractMinus:
            let positive = try coefficient.multiplying(.integer(-1))
            return .function(.abs, [positive.isExactOne ? unitMul(factors) : .mul(positive, factors)])
        case .add(let constant, let terms) where !constant.isZero && constant.couldExtractMinus:
            var negated: [SymengineEntry] = []
            for term in terms {
                negated.append(SymengineEntry(key: term.key, value: .number(try (term.value.number ?? .one).multiplying(.integer(-1)))))
            }
            return .function(.abs, [.add(try constant.multiplying(.integer(-1)), negated)])
        default:
            return .function(.abs, [argument])
        }
    }

    /// `Add(Float re, Mul(Float im, I))`, sympy's spelling of a Python complex, as the exact
    /// `ComplexDouble(re, im)` it came from.
    private static func complexDouble(_ arguments: [Expression]) -> SymengineNumber? {
        guard arguments.count == 2, case .number(.float(let re)) = arguments[0],
              case .mul(let factors) = arguments[1], factors.count == 2 else { return nil }
        switch (factors[0], factors[1]) {
        case (.number(.float(let im)), .constant(.imaginaryUnit)), (.constant(.imaginaryUnit), .number(.float(let im))):
            return .double(re, im)
        default:
            return nil
        }
    }

    static func describe(_ expression: Expression) -> String {
        let text = expression.srepr
        return text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }

    static func add(_ nodes: [SymengineNode]) throws(SymengineEncodingError) -> SymengineNode {
        var builder = AddBuilder()
        for node in nodes { try builder.absorb(node) }
        return try builder.result()
    }

    static func mul(_ nodes: [SymengineNode]) throws(SymengineEncodingError) -> SymengineNode {
        var builder = MulBuilder()
        for node in nodes { try builder.absorb(node) }
        return builder.result()
    }

    static func pow(_ base: SymengineNode, _ exponent: SymengineNode) throws(SymengineEncodingError) -> SymengineNode {
        var builder = MulBuilder()
        try builder.insert(base, exponent)
        return builder.result()
    }

    /// The term of `Mul(c, factors)` without its coefficient, as symengine's `Mul::from_dict(1, …)`.
    static func unitMul(_ factors: [SymengineEntry]) -> SymengineNode {
        guard factors.count == 1 else { return .mul(.one, factors) }
        return factors[0].value == .one ? factors[0].key : .pow(factors[0].key, factors[0].value)
    }
}

/// An insertion-ordered map from nodes to values, with removal.
private struct OrderedEntries {
    private var slots: [SymengineEntry?] = []
    private var index: [SymengineNode: Int] = [:]

    subscript(key: SymengineNode) -> SymengineNode? {
        index[key].flatMap { slots[$0]?.value }
    }

    mutating func set(_ key: SymengineNode, _ value: SymengineNode) {
        if let position = index[key] {
            slots[position]?.value = value
        } else {
            index[key] = slots.count
            slots.append(SymengineEntry(key: key, value: value))
        }
    }

    mutating func remove(_ key: SymengineNode) {
        guard let position = index.removeValue(forKey: key) else { return }
        slots[position] = nil
    }

    var entries: [SymengineEntry] { slots.compactMap { $0 } }
}

/// symengine's `add`: numbers fold into the coefficient, `Add`s flatten, `c*term` is stored as
/// `{term: c}`, equal terms merge, zero terms vanish.
private struct AddBuilder {
    /// `nil` until a number arrives, so a lone number keeps its exact bits (`-0.0` stays `-0.0`).
    private var coefficient: SymengineNumber?
    private var terms = OrderedEntries()

    private mutating func add(_ value: SymengineNumber) throws(SymengineEncodingError) {
        coefficient = try coefficient.map { c throws(SymengineEncodingError) in try c.adding(value) } ?? value
    }

    mutating func absorb(_ node: SymengineNode) throws(SymengineEncodingError) {
        switch node {
        case .number(let value):
            try add(value)
        case .add(let constant, let entries):
            try add(constant)
            for entry in entries { try insert(entry.key, entry.value.number ?? .one) }
        case .mul(let factor, let factors) where !factor.isExactOne:
            try insert(SymengineCanonicalizer.unitMul(factors), factor)
        default:
            try insert(node, .one)
        }
    }

    private mutating func insert(_ term: SymengineNode, _ factor: SymengineNumber) throws(SymengineEncodingError) {
        if let existing = terms[term]?.number {
            let sum = try existing.adding(factor)
            if sum.isZero { terms.remove(term) } else { terms.set(term, .number(sum)) }
        } else if !factor.isZero {
            terms.set(term, .number(factor))
        }
    }

    func result() throws(SymengineEncodingError) -> SymengineNode {
        let entries = terms.entries
        guard !entries.isEmpty else { return .number(coefficient ?? .zero) }
        let constant = coefficient.map { $0.isZero ? .zero : $0 } ?? .zero
        if entries.count == 1, constant.isExactZero {
            return try SymengineCanonicalizer.mul([entries[0].value, entries[0].key])
        }
        return .add(constant, entries)
    }
}

/// symengine's `mul`: numbers fold into the coefficient, `Mul`s flatten, powers are stored as
/// `{base: exponent}`, equal bases add exponents, `Integer**Integer` and float powers evaluate,
/// `(x*y)**n` and `(x**a)**n` distribute for integer `n`.
private struct MulBuilder {
    /// `nil` until a number arrives, so a lone number keeps its exact bits.
    private var coefficient: SymengineNumber?
    private var factors = OrderedEntries()

    private mutating func multiply(_ value: SymengineNumber) throws(SymengineEncodingError) {
        coefficient = try coefficient.map { c throws(SymengineEncodingError) in try c.multiplying(value) } ?? value
    }

    mutating func absorb(_ node: SymengineNode) throws(SymengineEncodingError) {
        switch node {
        case .number(let value):
            try multiply(value)
        case .mul(let factor, let entries):
            try multiply(factor)
            for entry in entries { try insert(entry.key, entry.value) }
        case .pow(let base, let exponent):
            try insert(base, exponent)
        default:
            try insert(node, .one)
        }
    }

    mutating func insert(_ base: SymengineNode, _ exponent: SymengineNode) throws(SymengineEncodingError) {
        if let value = exponent.number, value.isExactZero { return }
        if let n = exponent.number?.integerValue {
            switch base {
            case .number(let value):
                try multiply(value.power(n))
                return
            case .mul(let factor, let entries):
                try multiply(factor.power(n))
                for entry in entries { try insert(entry.key, SymengineCanonicalizer.mul([entry.value, exponent])) }
                return
            case .pow(let inner, let innerExponent):
                try insert(inner, SymengineCanonicalizer.mul([innerExponent, exponent]))
                return
            default:
                break
            }
        }
        if case .number(let value) = base {
            if value.isExactOne { return }
            if let power = exponent.number, let folded = try value.power(power) {
                try multiply(folded)
                return
            }
            // b**(p/q) with p/q outside (0, 1): b**floor(p/q) into the coefficient, the rest stays.
            if let b = value.rationalValue, !b.isNegative, let e = exponent.number?.rationalValue, !e.isInteger {
                let whole = e.floor
                if whole != 0 {
                    try multiply(value.power(whole))
                    try insert(base, .number(.exact(real: e - SymengineRational(whole), imaginary: .zero)))
                    return
                }
            }
        }
        guard let existing = factors[base] else {
            factors.set(base, exponent)
            return
        }
        let sum = try SymengineCanonicalizer.add([existing, exponent])
        if let value = sum.number, value.isExactZero {
            factors.remove(base)
        } else if case .number(let value) = base, let power = sum.number, let folded = try value.power(power) {
            factors.remove(base)
            try multiply(folded)
        } else {
            factors.set(base, sum)
        }
    }

    func result() -> SymengineNode {
        let entries = factors.entries
        let constant = coefficient ?? .one
        if constant.isZero || entries.isEmpty { return .number(constant) }
        if entries.count == 1, constant.isExactOne { return SymengineCanonicalizer.unitMul(entries) }
        return .mul(constant, entries)
    }
}

// MARK: - Writing

/// Serialises canonical nodes: u32 id (bit 31 set), u32 type id, payload; little-endian.
private struct SymengineWriter {
    let table: SymengineTypeTable
    let version: SymengineVersion
    var bytes = ByteWriter()
    private var nextID: UInt32 = 1

    init(table: SymengineTypeTable, version: SymengineVersion) {
        self.table = table
        self.version = version
    }

    private mutating func header(_ type: SymengineClass) throws(SymengineEncodingError) {
        guard nextID < 0x8000_0000 else { throw SymengineEncodingError("too many nodes for a symengine archive") }
        guard let id = table.id(for: type) else {
            throw SymengineEncodingError("symengine \(version) has no type id for \(type.name)")
        }
        bytes.appendLittleEndian(nextID | 0x8000_0000)
        bytes.appendLittleEndian(id)
        nextID += 1
    }

    private mutating func string(_ text: String) {
        bytes.appendLittleEndian(UInt64(text.utf8.count))
        bytes.appendUTF8(text)
    }

    private mutating func count(_ value: Int) { bytes.appendLittleEndian(UInt64(value)) }

    private mutating func integer(_ value: BigInt) throws(SymengineEncodingError) {
        try header(.integer)
        string(value.description)
    }

    private mutating func rational(_ value: SymengineRational) throws(SymengineEncodingError) {
        if value.isInteger { return try integer(value.numerator) }
        try header(.rational)
        try integer(value.numerator)
        try integer(value.denominator)
    }

    private mutating func realDouble(_ bits: UInt64) throws(SymengineEncodingError) {
        try header(.realDouble)
        bytes.appendLittleEndian(bits)
    }

    private mutating func number(_ value: SymengineNumber) throws(SymengineEncodingError) {
        switch value {
        case .exact(let re, let im):
            if im.isZero { return try rational(re) }
            try header(.complex)
            try rational(re)
            try rational(im)
        case .real(let bits):
            try realDouble(bits)
        case .complex(let re, let im):
            try header(.complexDouble)
            try realDouble(re)
            try realDouble(im)
        case .infinity(let direction):
            try header(.infty)
            try integer(BigInt(direction))
        case .nan:
            try header(.nan)
        }
    }

    mutating func write(_ node: SymengineNode) throws(SymengineEncodingError) {
        switch node {
        case .number(let value):
            try number(value)
        case .constant(let name):
            try header(.constant)
            string(name)
        case .boolean(let value):
            try header(.booleanAtom)
            bytes.append(value ? 1 : 0)
        case .symbol(let name):
            try header(.symbol)
            bytes.append(0)
            string(name)
        case .add(let coefficient, let entries), .mul(let coefficient, let entries):
            if case .add = node { try header(.add) } else { try header(.mul) }
            try number(coefficient)
            count(entries.count)
            for entry in entries {
                try write(entry.key)
                try write(entry.value)
            }
        case .pow(let base, let exponent):
            try header(.pow)
            try write(base)
            try write(exponent)
        case .function(let type, let arguments):
            try header(type)
            if type == .max || type == .min { count(arguments.count) }
            for argument in arguments { try write(argument) }
        case .relation(let type, let lhs, let rhs):
            try header(type)
            try write(lhs)
            try write(rhs)
        case .connective(let type, let arguments):
            try header(type)
            count(arguments.count)
            for argument in arguments { try write(argument) }
        case .not(let argument):
            try header(.not)
            try write(argument)
        case .piecewise(let branches):
            try header(.piecewise)
            count(branches.count)
            for branch in branches {
                try write(branch.key)
                try write(branch.value)
            }
        }
    }
}
