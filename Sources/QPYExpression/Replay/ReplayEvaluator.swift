import BigInt
import QPYDiagnostics

extension ReplayProgram {
    /// Runs the program on the stack machine of §4.c and returns the expression it builds.
    ///
    /// Markers (`s`/`e`) are skipped; a binary record takes its rhs first, so an `n` rhs pops the
    /// top of the stack. ADD/SUB chains build one flat `.add` (`a - b` as `a + (-1)*b`), MUL/DIV one
    /// flat `.mul` (`a / b` as `a * b**-1`); RSUB/RDIV/RPOW swap their operands; GRAD is
    /// differentiated symbolically (sums, products, powers, the trigonometric functions, exp, log).
    ///
    /// - Parameters:
    ///   - resolve: the expression (normally `.symbol(name)`) of a Parameter UUID from the symbol map.
    ///   - substitute: decodes the MAPPING bytes of a substitution record into replacement values;
    ///     `nil` makes a substitution record an error.
    /// - Throws: ``ByteDecodingError`` naming the record (and its byte offset in the payload):
    ///   stack underflow, values left over, unknown parameters, limits exceeded.
    public func expression(
        limits: ExpressionLimits = .default,
        resolve: (ParameterUUID) -> Expression?,
        substitute: (([UInt8]) throws -> [ParameterUUID: Expression])? = nil
    ) throws(ByteDecodingError) -> Expression {
        var evaluator = ReplayEvaluator(limits: limits, substitute: substitute)
        return try evaluator.run(self, resolve: resolve)
    }
}

/// The replay stack machine.
private struct ReplayEvaluator {
    /// A stack value. Sums and products built by this program stay open so that chains append in
    /// place instead of copying.
    private enum Shape {
        case tree(Expression)
        case sum([Expression])
        case product([Expression])

        var isSum: Bool { if case .sum = self { true } else { false } }
        var isProduct: Bool { if case .product = self { true } else { false } }
    }

    private struct Value {
        var shape: Shape
        var height: Int
        var size: Int

        var expression: Expression {
            switch shape {
            case .tree(let expression): return expression
            case .sum(let terms): return .add(terms)
            case .product(let factors): return .mul(factors)
            }
        }
    }

    let limits: ExpressionLimits
    let substitute: (([UInt8]) throws -> [ParameterUUID: Expression])?
    private var stack: [Value] = []
    private var index = 0
    private var offset = 0

    init(limits: ExpressionLimits, substitute: (([UInt8]) throws -> [ParameterUUID: Expression])?) {
        self.limits = limits
        self.substitute = substitute
    }

    private func error(_ reason: String, at position: Int? = nil) -> ByteDecodingError {
        ByteDecodingError(reason, offset: position ?? offset, path: ElementPath(["replay", "record \(index)"]))
    }

    mutating func run(_ program: ReplayProgram, resolve: (ParameterUUID) -> Expression?) throws(ByteDecodingError) -> Expression {
        // Qiskit writes a bare value or symbol `v` as the single record ADD(v, 0).
        if program.records.count == 1, let record = program.records.first, record.opcode == .add,
           Self.isBareValuePadding(record.rhs), record.lhs.isLeaf {
            return try operand(record.lhs, at: 1, resolve: resolve).expression
        }
        for (position, record) in program.records.enumerated() {
            index = position
            try step(record, resolve: resolve)
            offset += ReplayProgram.recordSize + (record.substitution?.count ?? 0)
        }
        index = program.records.count
        guard stack.count == 1, let result = stack.last else {
            throw ByteDecodingError(
                stack.isEmpty ? "replay program leaves no value on the stack" : "replay program leaves \(stack.count) values on the stack, expected 1",
                offset: offset, path: ElementPath(["replay"]))
        }
        return result.expression
    }

    private mutating func step(_ record: ReplayRecord, resolve: (ParameterUUID) -> Expression?) throws(ByteDecodingError) {
        switch (record.lhs, record.rhs) {
        case (.beginNested, _), (.endNested, _), (_, .beginNested), (_, .endNested):
            return
        default:
            break
        }
        switch record.opcode {
        case .marker:
            throw error("op code 255 is only valid on 's'/'e' marker records")
        case .substitute:
            guard case .substitution = record.lhs, let mapping = record.substitution else {
                throw error("SUBSTITUTE needs a 'u' lhs followed by its MAPPING", at: offset + 1)
            }
            try applySubstitution(mapping, resolve: resolve)
            return
        default:
            if case .substitution = record.lhs {
                throw error("a 'u' operand is only valid with op code 15 (SUBSTITUTE)", at: offset + 1)
            }
        }
        if record.opcode.isUnary {
            guard case .none = record.rhs else {
                throw error("unary op \(record.opcode) has an rhs operand '\(record.rhs.typeCode)'", at: offset + 18)
            }
            let argument = try operand(record.lhs, at: offset + 1, resolve: resolve)
            try push(unary(record.opcode, argument))
            return
        }
        if let fraction = Self.fraction(record) {
            try push(Self.leaf(.number(fraction)))
            return
        }
        let b = try operand(record.rhs, at: offset + 18, resolve: resolve)
        let a = try operand(record.lhs, at: offset + 1, resolve: resolve)
        try push(binary(record.opcode, a, b))
    }

    /// A division of two integer literals in lowest terms with a denominator above 1, recorded
    /// as the writer records the fraction `n/d` (`RDIV(d, n)`: a number on the left is reflected,
    /// as in Qiskit's writer), is that exact fraction. Replay has no fraction literal, and Qiskit
    /// never divides two literals (one operand is always a parameter expression). So `θ + 1/2`
    /// reads back as written, not as `θ + 1*2**-1`. Any other division of literals (`0/35`,
    /// `8/4`, `13/(-4)`, a `DIV` record) is not a fraction's form and stays the operation it is.
    private static func fraction(_ record: ReplayRecord) -> Number? {
        guard record.opcode == .rdiv, case .integer(let denominator) = record.lhs,
              case .integer(let numerator) = record.rhs, denominator > 1 else { return nil }
        let (n, d) = (BigInt(numerator), BigInt(denominator))
        guard n.greatestCommonDivisor(with: d) == 1 else { return nil }
        return .rational(n, d)
    }

    // MARK: - Stack

    private mutating func push(_ value: Value) throws(ByteDecodingError) {
        guard value.height <= limits.maximumDepth else {
            throw error("replay expression nested deeper than \(limits.maximumDepth) levels")
        }
        guard value.size <= limits.maximumNodes else {
            throw error("replay expression has more than \(limits.maximumNodes) nodes")
        }
        stack.append(value)
    }

    private mutating func operand(_ operand: ReplayOperand, at position: Int, resolve: (ParameterUUID) -> Expression?) throws(ByteDecodingError) -> Value {
        switch operand {
        case .none:
            guard let top = stack.popLast() else {
                throw error("stack underflow: operand 'n' with an empty stack", at: position)
            }
            return top
        case .parameter(let uuid):
            guard let expression = resolve(uuid) else {
                throw error("parameter \(uuid) is not in the symbol map", at: position)
            }
            return Self.leaf(expression)
        case .integer(let value):
            return Self.leaf(.number(.integer(BigInt(value))))
        case .float(let value):
            return Self.leaf(.float(value))
        case .complex(let real, let imaginary):
            return Self.leaf(.complex(real: .float(real), imaginary: .float(imaginary)))
        case .beginNested, .endNested, .substitution:
            throw error("operand '\(operand.typeCode)' cannot be used as a value", at: position)
        }
    }

    /// The zero Qiskit adds to a bare value: `i:0`, `f:-0.0` or `c:(-0.0, -0.0)`.
    private static func isBareValuePadding(_ operand: ReplayOperand) -> Bool {
        switch operand {
        case .integer(0): return true
        case .float(let value): return value == 0 && value.sign == .minus
        case .complex(let re, let im): return re == 0 && re.sign == .minus && im == 0 && im.sign == .minus
        default: return false
        }
    }

    private static func leaf(_ expression: Expression) -> Value {
        if expression.children.isEmpty { return Value(shape: .tree(expression), height: 1, size: 1) }
        return Value(shape: .tree(expression), height: expression.depth, size: expression.nodeCount)
    }

    private static func node(_ expression: Expression, _ children: Value...) -> Value {
        Value(shape: .tree(expression), height: 1 + (children.map(\.height).max() ?? 0), size: 1 + children.reduce(0) { $0.addingClamped($1.size) })
    }

    // MARK: - Operations

    private func unary(_ opcode: ReplayOpcode, _ a: Value) -> Value {
        let function: MathFunction = switch opcode {
        case .sin: .sin
        case .cos: .cos
        case .tan: .tan
        case .asin: .asin
        case .acos: .acos
        case .exp: .exp
        case .log: .log
        case .sign: .sign
        case .conjugate: .conjugate
        case .abs: .abs
        default: .atan
        }
        return Self.node(.function(function, [a.expression]), a)
    }

    private static let minusOne = Expression.integer(-1)

    private func binary(_ opcode: ReplayOpcode, _ a: Value, _ b: Value) throws(ByteDecodingError) -> Value {
        switch opcode {
        case .add: return Self.sum(a, b)
        case .sub: return Self.sum(a, Self.negated(b))
        case .rsub: return Self.sum(b, Self.negated(a))
        case .mul: return Self.product(a, b)
        case .div: return Self.product(a, Self.node(.pow(b.expression, Self.minusOne), b))
        case .rdiv: return Self.product(b, Self.node(.pow(a.expression, Self.minusOne), a))
        case .pow: return Self.node(.pow(a.expression, b.expression), a, b)
        case .rpow: return Self.node(.pow(b.expression, a.expression), a, b)
        case .grad: return try gradient(a, b)
        default: throw error("op code \(opcode.rawValue) is not a binary operation")
        }
    }

    /// `-value` as the term of a difference: `(-1)*value`, or, for a product this program built,
    /// that product with the factor −1 in front (`a - b*c` is `a + (-1)*b*c`, the term the
    /// writer turns into `SUB(a, MUL(b, c))`), so that the tree written comes back as it was.
    private static func negated(_ value: Value) -> Value {
        if case .product(let factors) = value.shape {
            return Value(shape: .tree(.mul([minusOne] + factors)), height: value.height, size: value.size.addingClamped(1))
        }
        return node(.mul([minusOne, value.expression]), value)
    }

    /// `left + right`, appending to `left` when it is a sum this program built.
    private static func sum(_ left: Value, _ right: Value) -> Value {
        var terms: [Expression]
        if case .sum(let existing) = left.shape { terms = existing } else { terms = [left.expression] }
        terms.append(right.expression)
        let height = max(left.shape.isSum ? left.height : left.height + 1, right.height + 1)
        let size = (left.shape.isSum ? left.size : left.size.addingClamped(1)).addingClamped(right.size)
        return Value(shape: .sum(terms), height: height, size: size)
    }

    /// `left * right`, appending to `left` when it is a product this program built.
    private static func product(_ left: Value, _ right: Value) -> Value {
        var factors: [Expression]
        if case .product(let existing) = left.shape { factors = existing } else { factors = [left.expression] }
        factors.append(right.expression)
        let height = max(left.shape.isProduct ? left.height : left.height + 1, right.height + 1)
        let size = (left.shape.isProduct ? left.size : left.size.addingClamped(1)).addingClamped(right.size)
        return Value(shape: .product(factors), height: height, size: size)
    }

    // MARK: - SUBSTITUTE and GRAD

    private mutating func applySubstitution(_ mapping: [UInt8], resolve: (ParameterUUID) -> Expression?) throws(ByteDecodingError) {
        guard let substitute else {
            throw error("substitution needs the QPY mapping decoder", at: offset + 1)
        }
        let mappingOffset = offset + ReplayProgram.recordSize
        let replacements: [ParameterUUID: Expression]
        do {
            replacements = try substitute(mapping)
        } catch let failure as ByteDecodingError {
            var located = failure
            located.offset += mappingOffset
            located.path = ElementPath(["replay", "record \(index)", "substitution mapping"] + failure.path.steps)
            throw located
        } catch {
            throw self.error("substitution mapping: \(error)", at: mappingOffset)
        }
        var names: [String: Expression] = [:]
        for (uuid, replacement) in replacements.sorted(by: { $0.key < $1.key }) {
            guard case .symbol(let name)? = resolve(uuid) else {
                throw self.error("substituted parameter \(uuid) is not a symbol of the symbol map", at: mappingOffset)
            }
            names[name] = replacement
        }
        guard let top = stack.popLast() else {
            throw error("stack underflow: SUBSTITUTE with an empty stack", at: offset)
        }
        try push(Self.leaf(Self.substituting(names, in: top.expression)))
    }

    /// The tree with every symbol in `names` replaced (simultaneously).
    private static func substituting(_ names: [String: Expression], in expression: Expression) -> Expression {
        func walk(_ node: Expression) -> Expression {
            switch node {
            case .symbol(let name): return names[name] ?? node
            case .number, .complex, .constant, .boolean: return node
            case .add(let args): return .add(args.map(walk))
            case .mul(let args): return .mul(args.map(walk))
            case .and(let args): return .and(args.map(walk))
            case .or(let args): return .or(args.map(walk))
            case .xor(let args): return .xor(args.map(walk))
            case .pow(let base, let exponent): return .pow(walk(base), walk(exponent))
            case .function(let function, let args): return .function(function, args.map(walk))
            case .relation(let relation, let lhs, let rhs): return .relation(relation, walk(lhs), walk(rhs))
            case .not(let arg): return .not(walk(arg))
            case .piecewise(let branches):
                return .piecewise(branches.map { PiecewiseBranch(value: walk($0.value), condition: walk($0.condition)) })
            }
        }
        return walk(expression)
    }

    private func gradient(_ a: Value, _ b: Value) throws(ByteDecodingError) -> Value {
        guard case .symbol(let name) = b.expression else {
            throw error("GRAD needs a parameter on the rhs, got \(SymengineCanonicalizer.describe(b.expression))", at: offset + 18)
        }
        let derivative: Expression
        do {
            derivative = try ReplayDerivative.derivative(of: a.expression, by: name)
        } catch {
            throw self.error("GRAD: \(error.reason)")
        }
        return Self.leaf(derivative)
    }
}

extension ReplayOperand {
    /// Whether the operand is a value in itself (not `n`, a marker or a substitution).
    fileprivate var isLeaf: Bool {
        switch self {
        case .parameter, .integer, .float, .complex: return true
        case .none, .beginNested, .endNested, .substitution: return false
        }
    }
}

extension Int {
    fileprivate func addingClamped(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}

/// Symbolic differentiation for GRAD records, over what replay programs can build.
private enum ReplayDerivative {
    struct Failure: Error {
        var reason: String
    }

    static let zero = Expression.integer(0)
    static let one = Expression.integer(1)

    static func derivative(of expression: Expression, by name: String) throws(Failure) -> Expression {
        switch expression {
        case .number, .complex, .constant, .boolean:
            return zero
        case .symbol(let symbol):
            return symbol == name ? one : zero
        case .add(let terms):
            var result: [Expression] = []
            for term in terms {
                let d = try derivative(of: term, by: name)
                if d != zero { result.append(d) }
            }
            return result.isEmpty ? zero : result.count == 1 ? result[0] : .add(result)
        case .mul(let factors):
            var result: [Expression] = []
            for (position, factor) in factors.enumerated() {
                let d = try derivative(of: factor, by: name)
                guard d != zero else { continue }
                var copy = factors
                copy[position] = d
                result.append(product(copy))
            }
            return result.isEmpty ? zero : result.count == 1 ? result[0] : .add(result)
        case .pow(let base, let exponent):
            let db = try derivative(of: base, by: name)
            let de = try derivative(of: exponent, by: name)
            if de == zero {
                if db == zero { return zero }
                return product([exponent, power(base, decremented(exponent)), db])
            }
            let logBase = Expression.function(.log, [base])
            if db == zero { return product([expression, logBase, de]) }
            let inner = Expression.add([product([de, logBase]), product([exponent, db, .pow(base, .integer(-1))])])
            return product([expression, inner])
        case .function(let function, let arguments) where arguments.count == 1:
            let u = arguments[0]
            let du = try derivative(of: u, by: name)
            if du == zero { return zero }
            let outer: Expression
            switch function {
            case .sin: outer = .function(.cos, [u])
            case .cos: outer = .mul([.integer(-1), .function(.sin, [u])])
            case .tan: outer = .add([one, .pow(.function(.tan, [u]), .integer(2))])
            case .asin: outer = .pow(.add([one, .mul([.integer(-1), .pow(u, .integer(2))])]), .number(.rational(-1, 2)))
            case .acos: outer = .mul([.integer(-1), .pow(.add([one, .mul([.integer(-1), .pow(u, .integer(2))])]), .number(.rational(-1, 2)))])
            case .atan: outer = .pow(.add([one, .pow(u, .integer(2))]), .integer(-1))
            case .exp: outer = expression
            case .log: outer = .pow(u, .integer(-1))
            default: throw Failure(reason: "the derivative of \(function.name) is not supported")
            }
            return product([outer, du])
        default:
            throw Failure(reason: "cannot differentiate \(SymengineCanonicalizer.describe(expression))")
        }
    }

    /// A flat product without factors of exactly 1 (and zero if a factor is exactly 0).
    private static func product(_ factors: [Expression]) -> Expression {
        if factors.contains(zero) { return zero }
        let kept = factors.flatMap { factor -> [Expression] in
            if case .mul(let inner) = factor { return inner }
            return factor == one ? [] : [factor]
        }
        return kept.isEmpty ? one : kept.count == 1 ? kept[0] : .mul(kept)
    }

    private static func power(_ base: Expression, _ exponent: Expression) -> Expression {
        exponent == one ? base : exponent == zero ? one : .pow(base, exponent)
    }

    private static func decremented(_ exponent: Expression) -> Expression {
        switch exponent {
        case .number(.integer(let value)): return .number(.integer(value - 1))
        case .number(.float(let value)): return .float(value - 1)
        default: return .add([exponent, .integer(-1)])
        }
    }
}
