import QPYDiagnostics
import QPYModel

/// Classical expressions: C-like operators with the usual precedence, `x:type` annotations,
/// casts `bool(x)` / `cast(uint[8], x)`, `index(x, i)`, bits `c[0]` / `$3` and literals
/// (`true`, `5`, `0x00ff`, `1.5`, `100dt`, `2.5ns`).
extension Parser {
    mutating func parseClassical() throws(TextDecodingError) -> ClassicalSyntax {
        try enter(at: current.start)
        defer { leave() }
        return try parseClassicalBinary(minimum: 1)
    }

    private var classicalOperator: String? {
        guard current.kind == .punctuation else { return nil }
        let symbol = text(current)
        return ClassicalText.precedence[symbol] != nil ? symbol : nil
    }

    private mutating func parseClassicalBinary(minimum: Int) throws(TextDecodingError) -> ClassicalSyntax {
        var lhs = try parseClassicalUnary()
        // Each chained operator nests the tree one level deeper (a + b + c is (a + b) + c).
        var chained = 0
        defer { for _ in 0..<chained { leave() } }
        while let symbol = classicalOperator, let precedence = ClassicalText.precedence[symbol], precedence >= minimum {
            try enter(at: current.start)
            chained += 1
            advance()
            let rhs = try parseClassicalBinary(minimum: precedence + 1)
            let op = ClassicalText.binaryOperators.first { $0.value == symbol }!.key
            lhs = .binary(op, lhs, rhs, SourceRange(start: lhs.range.start, end: rhs.range.end))
        }
        return lhs
    }

    private mutating func parseClassicalUnary() throws(TextDecodingError) -> ClassicalSyntax {
        let token = current
        if at("-"), peek().kind == .identifier, peek().start == token.end, text(peek()) == "Infinity" {
            advance()
            advance()
            return try parseClassicalPostfix(.float(-.infinity, SourceRange(start: token.start, end: tokens[index - 1].end)))
        }
        if at("-"), peek().kind == .number, peek().start == token.end, isFloatText(text(peek())), !hasUnitAfter(1) {
            advance()
            let value = -(Double(text(current)) ?? 0)
            advance()
            return try parseClassicalPostfix(.float(value, SourceRange(start: token.start, end: tokens[index - 1].end)))
        }
        for (symbol, op) in [("!", 2), ("~", 1), ("-", 3)] as [(StaticString, UInt8)] where at(symbol) {
            advance()
            try enter(at: token.start)
            defer { leave() }
            let operand = try parseClassicalUnary()
            return .unary(op, operand, SourceRange(start: token.start, end: operand.range.end))
        }
        return try parseClassicalPostfix(try parseClassicalPrimary())
    }

    private func isFloatText(_ text: String) -> Bool { text.contains(".") || text.contains("e") || text.contains("E") }

    /// Whether the token `ahead` is a number directly followed by a duration unit.
    private func hasUnitAfter(_ ahead: Int) -> Bool {
        let number = peek(ahead)
        let unit = peek(ahead + 1)
        return unit.kind == .identifier && unit.start == number.end
    }

    private mutating func parseClassicalPostfix(_ node: ClassicalSyntax) throws(TextDecodingError) -> ClassicalSyntax {
        guard at(":") else { return node }
        advance()
        let type = try parseClassicalType()
        return .annotated(node, type, SourceRange(start: node.range.start, end: tokens[index - 1].end))
    }

    private mutating func parseClassicalPrimary() throws(TextDecodingError) -> ClassicalSyntax {
        let token = current
        switch token.kind {
        case .number:
            let word = text(token)
            advance()
            if current.kind == .identifier, current.start == token.end {
                let unit = text(current)
                let unitToken = current
                let whole = SourceRange(start: token.start, end: unitToken.end)
                if unit == "dt" {
                    guard let ticks = UInt64(word) else { throw error("a duration in dt is a non-negative integer", at: token.start) }
                    advance()
                    return .duration(.dt(ticks), whole)
                }
                guard let code = ClassicalText.durationUnits.first(where: { $0.1 == unit })?.0 else {
                    throw error("unknown duration unit '\(unit)'; expected dt, ns, us, ms, s or ps", at: unitToken.start)
                }
                advance()
                return .duration(.time(Double(word) ?? 0, unit: code), whole)
            }
            if isFloatText(word) {
                guard let value = Double(word) else { throw error("malformed number", at: token.start) }
                return .float(value, range(token))
            }
            guard let value = UInt64(word) else {
                throw error("integer out of the 64-bit range; write it in hex (0x…) with its bytes", at: token.start)
            }
            return .integer(ClassicalText.minimalBytes(value), range(token))
        case .hex:
            let digits = text(token).dropFirst(2)
            guard digits.count % 2 == 0, let bytes = HexText.bytes(String(digits)) else {
                throw error("an integer in hex has two digits per byte (0x00ff)", at: token.start)
            }
            advance()
            return .integer(bytes, range(token))
        case .punctuation where at("("):
            advance()
            let inner = try parseClassical()
            try expect(")", "to close the parenthesis")
            return inner
        case .identifier:
            let word = text(token)
            if word.hasPrefix("$") { return .bit(try parseBit()) }
            let followedByCall = peek().kind == .punctuation && matches(peek(), "(")
            // `bool`, `float` and `duration` always start a cast (the encoder never writes them as
            // names); `uint` only when a call or its width (`uint[8](x)`) follows.
            let startsCast = word == "bool" || word == "float" || word == "duration"
                || (word == "uint" && (followedByCall || (peek().kind == .punctuation && matches(peek(), "["))))
            switch word {
            case "true", "false":
                advance()
                return .bool(word == "true", range(token))
            case "NaN", "Infinity":
                advance()
                return .float(word == "NaN" ? .nan : .infinity, range(token))
            case "nan" where followedByCall:
                advance()
                advance()
                guard current.kind == .hex, text(current).utf8.count == 18, let bits = UInt64(text(current).dropFirst(2), radix: 16) else {
                    throw unexpected("expected the NaN's 64 bits in hex (nan(0x7ff8000000000001))")
                }
                advance()
                let close = try expect(")", "to close nan(…)")
                return .float(Double(bitPattern: bits), SourceRange(start: token.start, end: close.end))
            case "time" where followedByCall:
                advance()
                advance()
                guard let value = parseFloatWord() else { throw unexpected("expected the duration's value (a float)") }
                try expect(",", "and the unit byte in time(value, unit)")
                let unit = try parseInteger("the unit (a byte)", as: UInt8.self)
                let close = try expect(")", "to close time(…)")
                return .duration(.time(value, unit: unit), SourceRange(start: token.start, end: close.end))
            case "unary" where followedByCall:
                advance()
                advance()
                let op = try parseInteger("the operator code (a byte)", as: UInt8.self)
                try expect(",", "and the operand in unary(code, x)")
                let operand = try parseClassical()
                let close = try expect(")", "to close unary(…)")
                return .unary(op, operand, SourceRange(start: token.start, end: close.end))
            case "binary" where followedByCall:
                advance()
                advance()
                let op = try parseInteger("the operator code (a byte)", as: UInt8.self)
                try expect(",", "and the operands in binary(code, a, b)")
                let lhs = try parseClassical()
                try expect(",", "between the operands of binary(code, a, b)")
                let rhs = try parseClassical()
                let close = try expect(")", "to close binary(…)")
                return .binary(op, lhs, rhs, SourceRange(start: token.start, end: close.end))
            case _ where startsCast:
                let type = try parseClassicalType()
                try expect("(", "after the type of a cast (bool(x))")
                let operand = try parseClassical()
                let close = try expect(")", "to close the cast")
                return .cast(type, implicit: true, operand, SourceRange(start: token.start, end: close.end))
            case "cast" where followedByCall:
                advance()
                advance()
                let type = try parseClassicalType()
                try expect(",", "between the type and the operand of cast(type, x)")
                let operand = try parseClassical()
                let close = try expect(")", "to close cast(…)")
                return .cast(type, implicit: false, operand, SourceRange(start: token.start, end: close.end))
            case "index" where followedByCall:
                advance()
                advance()
                let target = try parseClassical()
                try expect(",", "between the target and the index of index(x, i)")
                let position = try parseClassical()
                let close = try expect(")", "to close index(…)")
                return .index(target, position, SourceRange(start: token.start, end: close.end))
            case "var" where followedByCall:
                advance()
                advance()
                let number = try parseInteger("the variable's index", as: UInt16.self)
                let close = try expect(")", "to close var(…)")
                return .variable(number, SourceRange(start: token.start, end: close.end))
            case "stretch" where followedByCall:
                advance()
                advance()
                var name: String?
                var number: UInt16?
                if current.kind == .identifier {
                    name = text(current)
                    advance()
                } else {
                    number = try parseInteger("the stretch's name or index", as: UInt16.self)
                }
                let close = try expect(")", "to close stretch(…)")
                return .stretch(name, number, SourceRange(start: token.start, end: close.end))
            case "register" where followedByCall:
                guard case .register(let name, let range, _) = try parseTarget() else { throw error("expected register(\"name\")", at: token.start) }
                return .register(name, range)
            default:
                if peek().kind == .punctuation, matches(peek(), "[") { return .bit(try parseBit()) }
                advance()
                return .name(word, range(token))
            }
        default:
            throw unexpected("expected a classical expression")
        }
    }
}
