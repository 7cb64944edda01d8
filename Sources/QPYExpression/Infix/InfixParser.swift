import QPYDiagnostics
import BigInt

/// Parses the infix syntax into an ``Expression``. The parser is the exact inverse of
/// ``InfixPrinter``: besides the value of each sub-expression it tracks its syntactic form
/// (a literal, a parenthesized group, an operator chain, …), because sugar such as `x - 2*y`
/// or `1/2` maps back onto sympy-shaped trees (`Add(x, Mul(-2, y))`, `Rational(1, 2)`).
///
/// Grammar, loosest first:
/// ```
/// or        := and ('or' and)*
/// and       := not ('and' not)*
/// not       := 'not' not | relation
/// relation  := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
/// sum       := product (('+' | '-') product)*
/// product   := unary (('*' | '/') unary)*
/// unary     := '-' unary | power
/// power     := primary ('**' unary)?
/// primary   := number | name | "quoted name" | call | '(' or ')'
/// call      := name '(' [argument (',' argument)*] ')'    piecewise arguments: or 'if' or
/// ```
struct InfixParser {
    /// How a parsed sub-expression was written; decides how sugar applies to it.
    enum Form: Equatable {
        /// A number literal (possibly negated, or a `p/q` rational pair), or `oo`/`-oo`.
        case literal
        /// Written as `-x` where `x` is not a literal: the value is `Mul(-1, x)`.
        case negation
        /// An unparenthesized `*`/`/` chain of two or more factors.
        case product
        /// An unparenthesized `a ** b`.
        case power
        /// Anything else: names, calls, parenthesized groups, sums, relations.
        case other
    }

    struct Parsed {
        var value: Expression
        var form: Form
        /// For a `.product`: whether its first factor was written as a literal.
        var leadingLiteral = false
    }

    private var lexer: InfixLexer
    private var token: InfixToken
    private let source: String
    private let limits: ExpressionLimits
    private var depth = 0

    init(_ source: String, limits: ExpressionLimits) {
        self.source = source
        self.limits = limits
        lexer = InfixLexer(source)
        token = lexer.next()
    }

    mutating func parseAll() throws(ExpressionSyntaxError) -> Expression {
        if case .end = token.kind { throw error("expected an expression") }
        let result = try parseOr()
        guard case .end = token.kind else { throw error("unexpected \(describe(token)) after the expression") }
        // The limit is on the tree, as in every other codec; the text may nest deeper (a
        // printed `-(-(x))` is two levels of text per level of tree).
        guard result.value.depth <= limits.maximumDepth else {
            throw error("expression nested deeper than \(limits.maximumDepth) levels", at: 0)
        }
        return result.value
    }

    // MARK: - Helpers

    private func error(_ message: String, at offset: Int? = nil) -> ExpressionSyntaxError {
        if case .invalid(let reason) = token.kind, offset == nil {
            return ExpressionSyntaxError(reason, offset: token.start, source: source)
        }
        return ExpressionSyntaxError(message, offset: offset ?? token.start, source: source)
    }

    private func describe(_ token: InfixToken) -> String {
        switch token.kind {
        case .integer(let text), .float(let text): return "number '\(text)'"
        case .identifier(let name): return "name '\(name)'"
        case .quoted(let name): return "name \"\(name)\""
        case .punctuation(let text): return "'\(text)'"
        case .end: return "end of input"
        case .invalid(let reason): return reason
        }
    }

    private mutating func advance() { token = lexer.next() }

    private func at(_ punctuation: String) -> Bool { token.kind == .punctuation(punctuation) }

    private func atKeyword(_ word: String) -> Bool { token.kind == .identifier(word) }

    /// The deepest nesting of parentheses, unary minus, powers, calls and `not` the parser
    /// follows: twice the tree's limit, as the printer writes at most two of them per level of a
    /// tree (`-(…)`, `(…)**y`), so that every tree within the limit reads back.
    private var maximumTextDepth: Int { 2 * limits.maximumDepth + 2 }

    private mutating func enter() throws(ExpressionSyntaxError) {
        depth += 1
        guard depth <= maximumTextDepth else {
            throw error("parentheses and operators nested deeper than \(maximumTextDepth) levels")
        }
    }

    // MARK: - Boolean and relational levels

    private mutating func parseOr() throws(ExpressionSyntaxError) -> Parsed {
        let first = try parseAnd()
        guard atKeyword("or") else { return first }
        var operands = [first.value]
        while atKeyword("or") { advance(); operands.append(try parseAnd().value) }
        return Parsed(value: .or(operands), form: .other)
    }

    private mutating func parseAnd() throws(ExpressionSyntaxError) -> Parsed {
        let first = try parseNot()
        guard atKeyword("and") else { return first }
        var operands = [first.value]
        while atKeyword("and") { advance(); operands.append(try parseNot().value) }
        return Parsed(value: .and(operands), form: .other)
    }

    private mutating func parseNot() throws(ExpressionSyntaxError) -> Parsed {
        guard atKeyword("not") else { return try parseRelation() }
        try enter()
        defer { depth -= 1 }
        advance()
        return Parsed(value: .not(try parseNot().value), form: .other)
    }

    private static let relations: [String: Relation] = [
        "<=": .lessThan, "<": .strictLessThan, ">=": .greaterThan, ">": .strictGreaterThan,
        "==": .equality, "!=": .unequality,
    ]

    private mutating func parseRelation() throws(ExpressionSyntaxError) -> Parsed {
        let lhs = try parseSum()
        guard case .punctuation(let op) = token.kind, let relation = Self.relations[op] else { return lhs }
        advance()
        let rhs = try parseSum()
        if case .punctuation(let next) = token.kind, Self.relations[next] != nil {
            throw error("comparisons cannot be chained; use 'and' or parentheses")
        }
        return Parsed(value: .relation(relation, lhs.value, rhs.value), form: .other)
    }

    // MARK: - Arithmetic levels

    private mutating func parseSum() throws(ExpressionSyntaxError) -> Parsed {
        let first = try parseProduct()
        guard at("+") || at("-") else { return first }
        var terms = [first.value]
        while at("+") || at("-") {
            let negate = at("-")
            advance()
            let term = try parseProduct()
            terms.append(negate ? Self.negate(term).value : term.value)
        }
        return Parsed(value: .add(terms), form: .other)
    }

    /// The value of `-x` as the printer writes negative terms and factors.
    static func negate(_ parsed: Parsed) -> Parsed {
        switch parsed.form {
        case .literal:
            return Parsed(value: negateLiteral(parsed.value), form: .literal)
        case .product:
            guard case .mul(var factors) = parsed.value else { break }
            if case .number(let first) = factors.first, parsed.leadingLiteral {
                factors[0] = .number(first.negated)
                return Parsed(value: .mul(factors), form: .product)
            }
            return Parsed(value: .mul([.integer(-1)] + factors), form: .product)
        case .negation:
            guard case .mul(let factors) = parsed.value else { break }
            return Parsed(value: .mul([.integer(-1)] + factors), form: .product)
        case .power, .other:
            break
        }
        return Parsed(value: .mul([.integer(-1), parsed.value]), form: .negation)
    }

    private static func negateLiteral(_ value: Expression) -> Expression {
        switch value {
        case .number(let number): return .number(number.negated)
        case .constant(.infinity): return .constant(.negativeInfinity)
        case .constant(.negativeInfinity): return .constant(.infinity)
        default: return .mul([.integer(-1), value])
        }
    }

    private mutating func parseProduct() throws(ExpressionSyntaxError) -> Parsed {
        let first = try parseUnary()
        guard at("*") || at("/") else { return first }
        var factors: [Expression]
        // Whether factors[0] is a literal as written (so `x - 2*y` negates the 2).
        var leadingLiteral = first.form == .literal
        // Whether the last factor is an integer literal as written (`1` in `x*1/2`).
        var lastIsIntegerLiteral = first.form == .literal && first.value.isIntegerLiteral
        if first.form == .negation, case .mul(let negated) = first.value {
            factors = negated
            leadingLiteral = false
            lastIsIntegerLiteral = false
        } else {
            factors = [first.value]
        }
        while at("*") || at("/") {
            let divide = at("/")
            advance()
            let operand = try parseUnary()
            if !divide {
                factors.append(operand.value)
                lastIsIntegerLiteral = operand.form == .literal && operand.value.isIntegerLiteral
                continue
            }
            if lastIsIntegerLiteral, operand.form == .literal,
               case .number(.integer(let denominator)) = operand.value,
               case .number(.integer(let numerator))? = factors.last,
               denominator > 1, numerator.greatestCommonDivisor(with: denominator) == 1 {
                factors[factors.count - 1] = .number(.rational(numerator, denominator))
            } else if operand.form == .power, case .pow(let base, .number(.integer(let k))) = operand.value, k > 1 {
                factors.append(.pow(base, .number(.integer(-k))))
            } else {
                factors.append(.pow(operand.value, .integer(-1)))
            }
            lastIsIntegerLiteral = false
        }
        if factors.count == 1 {
            // Only `p/q` collapses a chain to one factor: a rational literal.
            return Parsed(value: factors[0], form: .literal)
        }
        var parsed = Parsed(value: .mul(factors), form: .product)
        parsed.leadingLiteral = leadingLiteral
        return parsed
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> Parsed {
        guard at("-") else { return try parsePower() }
        try enter()
        defer { depth -= 1 }
        advance()
        let operand = try parseUnary()
        if operand.form == .literal { return Parsed(value: Self.negateLiteral(operand.value), form: .literal) }
        return Parsed(value: .mul([.integer(-1), operand.value]), form: .negation)
    }

    private mutating func parsePower() throws(ExpressionSyntaxError) -> Parsed {
        let base = try parsePrimary()
        guard at("**") else { return base }
        try enter()
        defer { depth -= 1 }
        advance()
        let exponent = try parseUnary()
        return Parsed(value: .pow(base.value, exponent.value), form: .power)
    }

    // MARK: - Primaries

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> Parsed {
        let start = token.start
        switch token.kind {
        case .integer(let text):
            guard text.count <= limits.maximumIntegerDigits else {
                throw error("integer literal has \(text.count) digits, more than the limit of \(limits.maximumIntegerDigits)")
            }
            guard let value = BigInt(text) else { throw error("malformed integer '\(text)'") }
            advance()
            return Parsed(value: .number(.integer(value)), form: .literal)
        case .float(let text):
            guard let value = Double(text), value.isFinite else { throw error("float literal '\(text)' is out of range") }
            advance()
            return Parsed(value: .number(.float(value)), form: .literal)
        case .quoted(let name):
            advance()
            return Parsed(value: .symbol(name), form: .other)
        case .punctuation("("):
            try enter()
            defer { depth -= 1 }
            advance()
            let inner = try parseOr()
            guard at(")") else { throw error("expected ')' to close the '(' at column \(columnOf(start))") }
            advance()
            return Parsed(value: inner.value, form: .other)
        case .identifier(let name):
            advance()
            if at("(") { return try parseCall(name, at: start) }
            return Parsed(value: try bareName(name, at: start), form: name == "oo" ? .literal : .other)
        case .end:
            throw error("expected an expression, found end of input")
        default:
            throw error("expected an expression, found \(describe(token))")
        }
    }

    private func columnOf(_ offset: Int) -> Int {
        ExpressionSyntaxError("", offset: offset, source: source).location.column
    }

    private func bareName(_ name: String, at offset: Int) throws(ExpressionSyntaxError) -> Expression {
        switch name {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "and", "or", "not", "if":
            throw error("expected an expression, found keyword '\(name)'", at: offset)
        default:
            if let constant = MathConstant(rawValue: name) { return .constant(constant) }
            return .symbol(name)
        }
    }

    private mutating func parseArguments() throws(ExpressionSyntaxError) -> [Expression] {
        let open = token.start
        advance()  // '('
        var args: [Expression] = []
        if at(")") { advance(); return args }
        while true {
            args.append(try parseOr().value)
            if at(",") { advance(); continue }
            guard at(")") else {
                throw error("expected ',' or ')' in the argument list opened at column \(columnOf(open))")
            }
            advance()
            return args
        }
    }

    private mutating func parseCall(_ name: String, at start: Int) throws(ExpressionSyntaxError) -> Parsed {
        try enter()
        defer { depth -= 1 }
        if name == "piecewise" { return Parsed(value: try parsePiecewise(), form: .other) }
        let argsStart = token.start
        let args = try parseArguments()
        func arity(_ count: Int) throws(ExpressionSyntaxError) {
            guard args.count == count else {
                throw error("\(name)() takes \(count) argument\(count == 1 ? "" : "s"), got \(args.count)", at: start)
            }
        }
        switch name {
        case "Add": return Parsed(value: .add(args), form: .other)
        case "Mul": return Parsed(value: .mul(args), form: .other)
        case "And": return Parsed(value: .and(args), form: .other)
        case "Or": return Parsed(value: .or(args), form: .other)
        case "Xor": return Parsed(value: .xor(args), form: .other)
        case "complex":
            try arity(2)
            guard case .number(let real) = args[0], case .number(let imaginary) = args[1] else {
                throw error("complex() takes two number literals", at: argsStart)
            }
            return Parsed(value: .complex(real: real, imaginary: imaginary), form: .other)
        case "float":
            return Parsed(value: try floatCall(args, at: argsStart), form: .other)
        case "Float":
            // A sympy Float of a precision other than binary64: `Float("1.5", 113)`.
            try arity(2)
            guard case .symbol(let text) = args[0], SreprParser.double(from: text) != nil,
                  case .number(.integer(let precision)) = args[1], let bits = Int(exactly: precision), bits > 0
            else { throw error("Float() takes a quoted decimal and a precision in bits", at: argsStart) }
            return Parsed(value: .number(.decimalFloat(text, precision: bits)), form: .other)
        case "Rational":
            // An unreduced fraction, kept as written (reduced ones print as `p/q`).
            try arity(2)
            guard case .number(.integer(let num)) = args[0], case .number(.integer(let den)) = args[1], den != 0 else {
                throw error("Rational() takes two integer literals and a non-zero denominator", at: argsStart)
            }
            return Parsed(value: .number(.rational(num, den)), form: .other)
        default:
            guard let function = MathFunction.named(name) else {
                throw error("unknown function '\(name)'", at: start)
            }
            if let count = function.arity { try arity(count) }
            return Parsed(value: .function(function, args), form: .other)
        }
    }

    /// `float("inf")`, `float("-inf")`, `float("nan")` or `float("0x7ff8000000000001")` (raw bits).
    private func floatCall(_ args: [Expression], at offset: Int) throws(ExpressionSyntaxError) -> Expression {
        guard args.count == 1, case .symbol(let text) = args[0] else {
            throw error("float() takes one quoted string: \"inf\", \"-inf\", \"nan\" or \"0x<16 hex digits>\"", at: offset)
        }
        switch text {
        case "inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan": return .float(.nan)
        default:
            guard text.hasPrefix("0x"), text.count == 18, let bits = UInt64(text.dropFirst(2), radix: 16) else {
                throw error("float() takes \"inf\", \"-inf\", \"nan\" or \"0x<16 hex digits>\"", at: offset)
            }
            return .float(Double(bitPattern: bits))
        }
    }

    /// `piecewise(value if condition, …)`
    private mutating func parsePiecewise() throws(ExpressionSyntaxError) -> Expression {
        let open = token.start
        advance()  // '('
        var branches: [PiecewiseBranch] = []
        if at(")") { advance(); return .piecewise(branches) }
        while true {
            let value = try parseOr().value
            guard atKeyword("if") else { throw error("expected 'if' and a condition after the piecewise value") }
            advance()
            let condition = try parseOr().value
            branches.append(PiecewiseBranch(value: value, condition: condition))
            if at(",") { advance(); continue }
            guard at(")") else { throw error("expected ',' or ')' in the piecewise opened at column \(columnOf(open))") }
            advance()
            return .piecewise(branches)
        }
    }
}

extension Expression {
    /// Whether this is an integer number node.
    var isIntegerLiteral: Bool {
        if case .number(.integer) = self { return true }
        return false
    }
}
