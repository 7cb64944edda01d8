import QPYDiagnostics
import QPYExpression
import QPYModel

/// Values, calls, lists, dictionaries and `@qpy(…)` attributes.
extension Parser {
    /// Whether the current token ends a value at bracket depth 0.
    func atValueTerminator(multiline: Bool) -> Bool {
        switch current.kind {
        case .end: return true
        case .newline, .comment: return !multiline
        case .punctuation:
            guard current.end - current.start == 1 else { return false }
            switch source.bytes[current.start] {
            case UInt8(ascii: ","), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "{"), UInt8(ascii: "@"),
                 UInt8(ascii: "="), UInt8(ascii: ":"):
                return true
            default:
                return false
            }
        default: return false
        }
    }

    /// Whether the token after the current one (skipping newlines when `multiline`) ends a value.
    func nextEndsValue(multiline: Bool) -> Bool {
        var probe = self
        probe.advance()
        return probe.atValueEnd(multiline: multiline)
    }

    /// Whether a value ends here: at a terminator, or (when `multiline`, inside brackets) at one
    /// after line breaks and comments. Nothing is consumed.
    func atValueEnd(multiline: Bool) -> Bool {
        var probe = self
        if multiline { while probe.current.kind == .newline || probe.current.kind == .comment { probe.advance() } }
        return probe.atValueTerminator(multiline: multiline)
    }

    /// A value: `None`, a string, a number, a complex literal, `expr(…)`, infix expression text,
    /// a list or a dictionary; then optional `@qpy(…)` attributes. With `allowCalls`, `name(…)`
    /// is a call (storage entries); `multiline` lets the value continue over newlines (inside
    /// brackets).
    mutating func parseValue(multiline: Bool, allowCalls: Bool = false) throws(TextDecodingError) -> ValueSyntax {
        var value = try parseBareValue(multiline: multiline, allowCalls: allowCalls)
        if at("@") { value.attributes = try parseAttributes() }
        return value
    }

    private mutating func parseBareValue(multiline: Bool, allowCalls: Bool) throws(TextDecodingError) -> ValueSyntax {
        let first = current
        if at("[") { return try parseList(allowCalls: allowCalls) }
        if at("{") { return try parseDictionary(allowCalls: allowCalls) }
        if first.kind == .string, nextEndsValue(multiline: multiline) {
            advance()
            return ValueSyntax(kind: .string(StringLiteral.value(source.bytes[first.start..<first.end])), range: range(first))
        }
        if atWord("None"), nextEndsValue(multiline: multiline) {
            advance()
            return ValueSyntax(kind: .none, range: range(first))
        }
        if first.kind == .identifier, peek().kind == .punctuation, matches(peek(), "(") {
            if matches(first, "expr") { return try parseForcedExpression(multiline: multiline) }
            if matches(first, "complex"), let complex = try parseComplexCall(multiline: multiline) { return complex }
            if allowCalls {
                let name = try parseName("a name")
                return try parseCall(name, allowCalls: true)
            }
        }
        return try parseRawValue(multiline: multiline)
    }

    /// `expr(<infix>)`.
    private mutating func parseForcedExpression(multiline: Bool) throws(TextDecodingError) -> ValueSyntax {
        let start = current.start
        advance()
        advance()
        var level = 1
        var blanked: [Int] = []
        let textStart = current.start
        var textEnd = textStart
        while true {
            if !multiline && current.kind == .newline || current.kind == .end {
                throw error("expected ')' to close 'expr(' (the expression ends on its line)", at: current.start)
            }
            switch current.kind {
            case .invalid: throw unexpected("")
            case .comment: blanked.append(index)
            case .punctuation where at("(") || at("["): level += 1
            case .punctuation where at(")") || at("]"):
                level -= 1
                if level == 0 {
                    let close = current
                    advance()
                    let text = blankedText(from: textStart, to: textEnd, blanking: blanked)
                    guard !text.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) else {
                        throw error("expected an expression inside expr()", at: close.start)
                    }
                    return ValueSyntax(kind: .forcedExpression(text, textStart: textStart), range: SourceRange(start: start, end: close.end))
                }
            default: break
            }
            textEnd = current.end
            advance()
        }
    }

    /// The source between two offsets with the given comment tokens replaced by spaces (so that
    /// offsets inside the text still match the source).
    mutating func blankedText(from start: Int, to end: Int, blanking comments: [Int]) -> String {
        guard end > start else { return "" }
        var bytes = Array(source.bytes[start..<end])
        for tokenIndex in comments {
            let token = tokens[tokenIndex]
            for offset in token.start..<token.end where offset >= start && offset < end { bytes[offset - start] = UInt8(ascii: " ") }
            innerComments.append(commentText(token))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `complex(re, im)` with float words (numbers, NaN, Infinity, -Infinity, 0x bits); `nil` (and
    /// nothing consumed) when it is something else, e.g. an infix `complex(1, 2)*x`.
    private mutating func parseComplexCall(multiline: Bool) throws(TextDecodingError) -> ValueSyntax? {
        var probe = self
        let start = probe.current.start
        probe.advance()
        probe.advance()
        probe.skipNewlines()
        guard let real = probe.parseFloatWord() else { return nil }
        probe.skipNewlines()
        guard probe.eat(",") else { return nil }
        probe.skipNewlines()
        guard let imaginary = probe.parseFloatWord() else { return nil }
        probe.skipNewlines()
        guard probe.at(")") else { return nil }
        let end = probe.current.end
        probe.advance()
        // What ends the value may come after line breaks inside brackets (a list's last sample
        // on its own line; fuzz run 13).
        guard probe.atValueEnd(multiline: multiline) else { return nil }
        self = probe
        return ValueSyntax(kind: .complex(real, imaginary), range: SourceRange(start: start, end: end))
    }

    /// A float word: `-`? number, `NaN`, `Infinity`, `-Infinity` or `0x` + 16 hex digits.
    mutating func parseFloatWord() -> Double? {
        var negative = false
        if at("-") {
            negative = true
            advance()
        }
        let token = current
        let word = text(token)
        var value: Double?
        switch token.kind {
        case .number: value = Double(word)
        case .identifier where word == "NaN": value = negative ? nil : .nan
        case .identifier where word == "Infinity": value = .infinity
        case .hex where !negative:
            if word.utf8.count == 18, let bits = UInt64(word.dropFirst(2), radix: 16) { value = Double(bitPattern: bits) }
        default: value = nil
        }
        guard let value else { return nil }
        advance()
        return negative ? -value : value
    }

    /// Tokens up to the end of the value (bracket depth 0), classified as a complex literal, a
    /// lone number, or infix text.
    private mutating func parseRawValue(multiline: Bool) throws(TextDecodingError) -> ValueSyntax {
        let start = current.start
        var end = start
        var level = 0
        var blanked: [Int] = []
        // The significant tokens are those from `firstIndex` on, less any newlines and comments:
        // a slice of the token array unless the value spans lines (no array per value).
        let firstIndex = index
        var spansLines = false
        while true {
            if level == 0 && atValueTerminator(multiline: multiline) { break }
            // Outside brackets of a call or list, the end of the line ends the value even inside
            // parentheses: the expression parser then says which bracket is not closed.
            if !multiline && (current.kind == .newline || current.kind == .comment) { break }
            switch current.kind {
            case .end:
                throw error("unbalanced brackets: expected ')' or ']' before the end of the file", at: current.start)
            case .invalid:
                throw unexpected("")
            case .comment:
                blanked.append(index)
                spansLines = true
            case .newline:
                spansLines = true
            case .punctuation:
                if at("(") || at("[") { level += 1 }
                if at(")") || at("]") { level -= 1 }
                if at("{") || at("}") {
                    throw unexpected("expected ')' or ']' to close the bracket")
                }
            default:
                break
            }
            if current.kind != .comment && current.kind != .newline { end = current.end }
            advance()
        }
        var significant = tokens[firstIndex..<index]
        if spansLines { significant = ArraySlice(significant.filter { $0.kind != .newline && $0.kind != .comment }) }
        guard !significant.isEmpty else { throw unexpected("expected a value") }
        let range = SourceRange(start: start, end: end)
        if level != 0 {
            // An unclosed bracket at the end of the line: the expression parser says where.
            let text = blankedText(from: start, to: end, blanking: blanked)
            do {
                _ = try Expression(infix: text, limits: options.expressionLimits)
            } catch {
                throw self.error("invalid expression: \(error.message)", at: start + error.location.offset)
            }
            throw self.error("unbalanced brackets in the value", at: start)
        }
        if let complex = complexLiteral(significant) { return ValueSyntax(kind: .complex(complex.0, complex.1), range: range) }
        if let imaginary = significant.first(where: { $0.kind == .imaginary }) {
            throw error("an imaginary literal such as 0.5j only appears in a complex number such as 0.2+0.5j", at: imaginary.start)
        }
        if let number = loneNumber(significant) { return ValueSyntax(kind: .number(number), range: range) }
        return ValueSyntax(kind: .infix(blankedText(from: start, to: end, blanking: blanked)), range: range)
    }

    /// A number token with digits on both sides of its point (`0.5`, not `.5`, `5.` or `5.e3`).
    private func isPlainNumber(_ token: Token) -> Bool {
        guard token.kind == .number, source.bytes[token.start] != UInt8(ascii: "."), source.bytes[token.end - 1] != UInt8(ascii: ".")
        else { return false }
        for index in token.start..<(token.end - 1) where source.bytes[index] == UInt8(ascii: ".") {
            let next = source.bytes[index + 1]
            if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { return false }
        }
        return true
    }

    /// `160`, `-0.5`.
    private func loneNumber(_ tokens: ArraySlice<Token>) -> String? {
        let first = tokens.startIndex
        if tokens.count == 1, isPlainNumber(tokens[first]) { return text(tokens[first]) }
        if tokens.count == 2, tokens[first].kind == .punctuation, matches(tokens[first], "-"), isPlainNumber(tokens[first + 1]) {
            return "-" + text(tokens[first + 1])
        }
        return nil
    }

    /// The number written at `range` of the source, as `Double(text)` reads it.
    private func double(_ range: Range<Int>) -> Double? {
        source.bytes.withUnsafeBufferPointer { DoubleParsing.double(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// `0.5j`, `-0.5j`, `0.2+0.5j`, `-0.2-0.5j` (Python's complex literals).
    private func complexLiteral(_ slice: ArraySlice<Token>) -> (Double, Double)? {
        let first = slice.startIndex
        func token(_ offset: Int) -> Token { slice[first + offset] }
        func imaginary(_ token: Token) -> Double? {
            guard token.kind == .imaginary else { return nil }
            return double(token.start..<(token.end - 1))
        }
        func sign(_ token: Token) -> Double? {
            guard token.kind == .punctuation else { return nil }
            if matches(token, "+") { return 1 }
            if matches(token, "-") { return -1 }
            return nil
        }
        switch slice.count {
        case 1:
            guard let im = imaginary(token(0)) else { return nil }
            return (0, im)
        case 2:
            guard sign(token(0)) == -1, let im = imaginary(token(1)) else { return nil }
            return (-0.0, -im)
        case 3:
            guard isPlainNumber(token(0)), let re = double(token(0).start..<token(0).end), let s = sign(token(1)),
                  let im = imaginary(token(2)) else { return nil }
            return (re, s * im)
        case 4:
            guard sign(token(0)) == -1, isPlainNumber(token(1)), let re = double(token(1).start..<token(1).end), let s = sign(token(2)),
                  let im = imaginary(token(3)) else { return nil }
            return (-re, s * im)
        default:
            return nil
        }
    }

    /// `name(arguments)` with `[label=] value` arguments; the name has been read.
    mutating func parseCall(_ name: NameSyntax, allowCalls: Bool = false) throws(TextDecodingError) -> ValueSyntax {
        let open = current
        try expect("(", "after '\(name.text)'")
        try enter(at: open.start)
        defer { leave() }
        var arguments: [ArgumentSyntax] = []
        skipNewlines()
        while !at(")") {
            var label: NameSyntax?
            if current.kind == .identifier || current.kind == .string, peek().kind == .punctuation, matches(peek(), "=") {
                label = try parseName("an argument name")
                advance()
                skipNewlines()
            }
            arguments.append(ArgumentSyntax(label: label, value: try parseValue(multiline: true, allowCalls: allowCalls)))
            skipNewlines()
            guard eat(",") else { break }
            skipNewlines()
        }
        guard at(")") else {
            throw unexpected("expected ',' or ')' in the arguments of '\(name.text)' opened on line \(source.lineNumber(of: open.start))")
        }
        let close = current
        advance()
        return ValueSyntax(kind: .call(name, arguments), range: SourceRange(start: name.range.start, end: close.end))
    }

    mutating func parseList(allowCalls: Bool) throws(TextDecodingError) -> ValueSyntax {
        let open = current
        advance()
        try enter(at: open.start)
        defer { leave() }
        var items: [ValueSyntax] = []
        if readsComplexListsFromBytes, let (samples, close) = complexList(after: open) {
            // Read from the bytes: the lexer goes on at the `]`.
            items = samples
            resumeLexing(at: close)
        }
        skipNewlines()
        while !at("]") {
            items.append(try parseValue(multiline: true, allowCalls: allowCalls))
            skipNewlines()
            guard eat(",") else { break }
            skipNewlines()
        }
        guard at("]") else { throw unexpected("expected ',' or ']' in the list opened on line \(source.lineNumber(of: open.start))") }
        let close = current
        advance()
        return ValueSyntax(kind: .list(items), range: SourceRange(start: open.start, end: close.end))
    }

    mutating func parseDictionary(allowCalls: Bool) throws(TextDecodingError) -> ValueSyntax {
        let open = current
        advance()
        try enter(at: open.start)
        defer { leave() }
        var items: [(key: String, range: SourceRange, value: ValueSyntax)] = []
        skipNewlines()
        while !at("}") {
            guard current.kind == .string else { throw unexpected("expected a dictionary key (a string)") }
            let key = try parseName("a key")
            skipNewlines()
            try expect(":", "after the dictionary key")
            skipNewlines()
            items.append((key.text, key.range, try parseValue(multiline: true, allowCalls: allowCalls)))
            skipNewlines()
            guard eat(",") else { break }
            skipNewlines()
        }
        guard at("}") else {
            throw unexpected("expected ',' or '}' in the dictionary opened on line \(source.lineNumber(of: open.start))")
        }
        let close = current
        advance()
        return ValueSyntax(kind: .dictionary(items), range: SourceRange(start: open.start, end: close.end))
    }

    /// `@qpy(key=value, …)`.
    mutating func parseAttributes() throws(TextDecodingError) -> AttributesSyntax {
        let marker = current
        advance()
        guard atWord("qpy") else { throw unexpected("expected 'qpy' after '@' (storage details are written @qpy(…))") }
        advance()
        let open = current
        try expect("(", "after '@qpy'")
        try enter(at: open.start)
        defer { leave() }
        var items: [ArgumentSyntax] = []
        skipNewlines()
        while !at(")") {
            guard current.kind == .identifier, peek().kind == .punctuation, matches(peek(), "=") else {
                throw unexpected("expected a storage detail such as encoding=\"srepr\"")
            }
            let label = try parseName("a storage detail")
            advance()
            skipNewlines()
            items.append(ArgumentSyntax(label: label, value: try parseValue(multiline: true, allowCalls: true)))
            skipNewlines()
            guard eat(",") else { break }
            skipNewlines()
        }
        let close = try expect(")", "to close @qpy(…)")
        return AttributesSyntax(items: items, range: SourceRange(start: marker.start, end: close.end))
    }
}
