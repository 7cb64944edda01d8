import BigInt

/// Parses sympy `srepr` text into an ``Expression``. A whitelist parser: only the node names
/// listed in ``MathFunction``, ``Relation``, ``MathConstant`` and the structural nodes are
/// accepted, and nothing is ever evaluated or executed.
struct SreprParser {
    private var lexer: SreprLexer
    private var token: SreprToken
    private let source: String
    private let limits: ExpressionLimits
    private var depth = 0
    private var nodes = 0

    init(_ source: String, limits: ExpressionLimits) {
        self.source = source
        self.limits = limits
        lexer = SreprLexer(source)
        token = lexer.next()
    }

    mutating func parseAll() throws(ExpressionSyntaxError) -> Expression {
        let expression = try parseNode()
        guard case .end = token.kind else { throw error("expected end of input after the expression") }
        return expression
    }

    private func error(_ message: String, at offset: Int? = nil) -> ExpressionSyntaxError {
        if case .invalid(let reason) = token.kind, offset == nil {
            return ExpressionSyntaxError(reason, offset: token.start, source: source)
        }
        return ExpressionSyntaxError(message, offset: offset ?? token.start, source: source)
    }

    private mutating func advance() { token = lexer.next() }

    private mutating func expect(_ kind: SreprToken.Kind, _ what: String) throws(ExpressionSyntaxError) {
        guard token.kind == kind else { throw error("expected \(what)") }
        advance()
    }

    /// node := Name | Name '(' args ')'
    private mutating func parseNode() throws(ExpressionSyntaxError) -> Expression {
        nodes += 1
        guard nodes <= limits.maximumNodes else { throw error("expression has more than \(limits.maximumNodes) nodes") }
        guard case .name(let name) = token.kind else {
            throw error("expected a sympy node name such as Symbol, Integer or Add")
        }
        let nameStart = token.start
        advance()
        guard token.kind == .openParen else { return try bareName(name, at: nameStart) }
        depth += 1
        defer { depth -= 1 }
        guard depth <= limits.maximumDepth else {
            throw error("expression nested deeper than \(limits.maximumDepth) levels", at: nameStart)
        }
        advance()
        switch name {
        case "Symbol":
            let text = try parseString("the symbol name")
            try expect(.closeParen, "')' after the symbol name")
            return .symbol(text)
        case "Integer":
            let value = try parseInteger()
            try expect(.closeParen, "')' after the integer")
            return .number(.integer(value))
        case "Rational":
            let numerator = try parseInteger()
            try expect(.comma, "',' between numerator and denominator")
            let denominatorStart = token.start
            let denominator = try parseInteger()
            guard denominator != 0 else { throw error("Rational denominator is zero", at: denominatorStart) }
            try expect(.closeParen, "')' after the denominator")
            return .number(.rational(numerator, denominator))
        case "Float":
            return try parseFloat()
        case "Piecewise":
            var branches: [PiecewiseBranch] = []
            try parseArguments { (parser: inout SreprParser) throws(ExpressionSyntaxError) in
                guard case .name("ExprCondPair") = parser.token.kind else {
                    throw parser.error("expected ExprCondPair(expression, condition) inside Piecewise")
                }
                let pairStart = parser.token.start
                parser.advance()
                try parser.expect(.openParen, "'(' after ExprCondPair")
                var pair: [Expression] = []
                try parser.parseArguments { (inner: inout SreprParser) throws(ExpressionSyntaxError) in pair.append(try inner.parseNode()) }
                guard pair.count == 2 else { throw parser.error("ExprCondPair takes 2 arguments, got \(pair.count)", at: pairStart) }
                branches.append(PiecewiseBranch(value: pair[0], condition: pair[1]))
            }
            return .piecewise(branches)
        default:
            guard Self.isKnownCall(name) else { throw error("unknown sympy node '\(name)'", at: nameStart) }
            var args: [Expression] = []
            try parseArguments { (parser: inout SreprParser) throws(ExpressionSyntaxError) in args.append(try parser.parseNode()) }
            return try build(name, args, at: nameStart)
        }
    }

    /// Parses `arg, arg, … )`, consuming the closing parenthesis.
    private mutating func parseArguments(_ element: (inout SreprParser) throws(ExpressionSyntaxError) -> Void) throws(ExpressionSyntaxError) {
        if token.kind == .closeParen { advance(); return }
        while true {
            try element(&self)
            if token.kind == .comma { advance(); continue }
            try expect(.closeParen, "',' or ')' in the argument list")
            return
        }
    }

    private static func isKnownCall(_ name: String) -> Bool {
        ["Add", "Mul", "Pow", "And", "Or", "Xor", "Not"].contains(name) || Relation(rawValue: name) != nil
            || MathFunction(rawValue: name) != nil
    }

    private func bareName(_ name: String, at offset: Int) throws(ExpressionSyntaxError) -> Expression {
        switch name {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        default:
            if let constant = MathConstant(rawValue: name) { return .constant(constant) }
            throw error("unknown sympy name '\(name)'", at: offset)
        }
    }

    private func build(_ name: String, _ args: [Expression], at offset: Int) throws(ExpressionSyntaxError) -> Expression {
        func arity(_ count: Int) throws(ExpressionSyntaxError) {
            guard args.count == count else {
                throw error("\(name) takes \(count) argument\(count == 1 ? "" : "s"), got \(args.count)", at: offset)
            }
        }
        switch name {
        case "Add": return .add(args)
        case "Mul": return .mul(args)
        case "Pow": try arity(2); return .pow(args[0], args[1])
        case "And": return .and(args)
        case "Or": return .or(args)
        case "Xor": return .xor(args)
        case "Not": try arity(1); return .not(args[0])
        default:
            if let relation = Relation(rawValue: name) { try arity(2); return .relation(relation, args[0], args[1]) }
            if let function = MathFunction(rawValue: name) {
                if let count = function.arity { try arity(count) }
                return .function(function, args)
            }
            throw error("unknown sympy node '\(name)'", at: offset)
        }
    }

    private mutating func parseString(_ what: String) throws(ExpressionSyntaxError) -> String {
        guard case .string(let text) = token.kind else { throw error("expected a quoted string for \(what)") }
        advance()
        return text
    }

    private mutating func parseInteger() throws(ExpressionSyntaxError) -> BigInt {
        guard case .integer(let text) = token.kind else { throw error("expected an integer") }
        let digits = text.hasPrefix("-") ? text.count - 1 : text.count
        guard digits <= limits.maximumIntegerDigits else {
            throw error("integer literal has \(digits) digits, more than the limit of \(limits.maximumIntegerDigits)")
        }
        guard let value = BigInt(text) else { throw error("malformed integer '\(text)'") }
        advance()
        return value
    }

    /// `Float('0.5', precision=53)`; the `precision` keyword is optional but must be 53.
    private mutating func parseFloat() throws(ExpressionSyntaxError) -> Expression {
        let textStart = token.start
        let text = try parseString("the Float value")
        guard let value = Self.double(from: text) else {
            throw error("Float value '\(text)' is not a decimal number", at: textStart)
        }
        if token.kind == .comma {
            advance()
            guard case .name("precision") = token.kind else { throw error("expected 'precision=' in Float") }
            advance()
            try expect(.equals, "'=' after precision")
            let precisionStart = token.start
            let precision = try parseInteger()
            guard precision != 53 || MpmathFloatFormat.string(value) != text else {
                try expect(.closeParen, "')' after the Float arguments")
                return .number(.float(value))
            }
            guard let bits = Int(exactly: precision), bits > 0, bits <= 100_000 else {
                throw error("Float precision \(precision) is out of range", at: precisionStart)
            }
            try expect(.closeParen, "')' after the Float arguments")
            return .number(.decimalFloat(text, precision: bits))
        }
        try expect(.closeParen, "')' after the Float arguments")
        return .number(.float(value))
    }

    /// Decimal text as mpmath accepts it, including `inf`, `-inf` and `nan`.
    static func double(from text: String) -> Double? {
        switch text {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: break
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(text) else { return nil }
        return value
    }
}
