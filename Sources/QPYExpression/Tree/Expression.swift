import BigInt

/// One symbolic-expression tree for every use in QPY: pulse envelopes, constraints, amplitude
/// conditions and ParameterExpressions.
///
/// The tree is exact and keeps the structure it was read with: n-ary sums and products keep their
/// argument order, numbers keep their exact kind, and floats their bits. Each codec maps its own
/// encoding onto this tree so that decoding and re-encoding gives back the same text or bytes.
public indirect enum Expression: Hashable, Sendable {
    /// A real number.
    case number(Number)
    /// A complex number literal (symengine `Complex` with exact parts, `ComplexDouble` with floats).
    case complex(real: Number, imaginary: Number)
    /// A named constant (`pi`, `E`, `I`, `oo`, …).
    case constant(MathConstant)
    /// `true` or `false`.
    case boolean(Bool)
    /// A symbol (a parameter, `t`, `duration`, …) by name.
    case symbol(String)
    /// An n-ary sum.
    case add([Expression])
    /// An n-ary product.
    case mul([Expression])
    /// `base ** exponent`.
    case pow(Expression, Expression)
    /// A function application.
    case function(MathFunction, [Expression])
    /// A comparison.
    case relation(Relation, Expression, Expression)
    /// A conjunction of conditions.
    case and([Expression])
    /// A disjunction of conditions.
    case or([Expression])
    /// An exclusive or of conditions.
    case xor([Expression])
    /// A negated condition.
    case not(Expression)
    /// A piecewise function: the value of the first branch whose condition holds.
    case piecewise([PiecewiseBranch])
}

/// One `(value, condition)` pair of a ``Expression/piecewise(_:)``.
public struct PiecewiseBranch: Hashable, Sendable {
    public var value: Expression
    public var condition: Expression

    public init(value: Expression, condition: Expression) {
        self.value = value
        self.condition = condition
    }
}

extension Expression {
    /// An integer literal.
    public static func integer(_ value: Int) -> Expression { .number(.integer(.init(value))) }
    /// A float literal.
    public static func float(_ value: Double) -> Expression { .number(.float(value)) }

    /// The names of the symbols the expression uses, in order of first appearance.
    public var symbolNames: [String] {
        var seen = Set<String>()
        var names: [String] = []
        visit { node in
            if case .symbol(let name) = node, seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    /// The direct children of this node, in order.
    public var children: [Expression] {
        switch self {
        case .number, .complex, .constant, .boolean, .symbol: return []
        case .add(let args), .mul(let args), .and(let args), .or(let args), .xor(let args): return args
        case .function(_, let args): return args
        case .pow(let base, let exponent): return [base, exponent]
        case .relation(_, let lhs, let rhs): return [lhs, rhs]
        case .not(let arg): return [arg]
        case .piecewise(let branches): return branches.flatMap { [$0.value, $0.condition] }
        }
    }

    /// Calls `body` on every node in pre-order, without recursion (safe for any depth).
    public func visit(_ body: (Expression) -> Void) {
        var stack: [Expression] = [self]
        while let node = stack.popLast() {
            body(node)
            stack.append(contentsOf: node.children.reversed())
        }
    }

    /// The number of nodes in the tree.
    public var nodeCount: Int {
        var count = 0
        visit { _ in count += 1 }
        return count
    }

    /// The depth of the tree (a leaf has depth 1), computed without recursion.
    public var depth: Int {
        var deepest = 0
        var stack: [(Expression, Int)] = [(self, 1)]
        while let (node, level) = stack.popLast() {
            deepest = max(deepest, level)
            for child in node.children { stack.append((child, level + 1)) }
        }
        return deepest
    }

    /// Whether this node is a boolean-valued node (relation, connective or boolean literal).
    public var isCondition: Bool {
        switch self {
        case .boolean, .relation, .and, .or, .xor, .not: return true
        default: return false
        }
    }
}
