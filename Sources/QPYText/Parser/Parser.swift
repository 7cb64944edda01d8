import QPYExpression
import QPYModel

/// A recursive-descent parser from tokens to the ``SyntaxFile`` tree.
///
/// Conventions (as in swift-syntax): functions that consume input are `mutating`; `at…` tests the
/// current token, `eat…` consumes it when it matches, `expect…` consumes it or throws an error
/// that says what was expected. Newlines end statements, except inside `(…)`, `[…]` and `{…}` of
/// values, where the parser skips them (and moves comments found there before the statement).
/// Every loop consumes a token per round or stops; nesting is limited by
/// ``TextDecodingOptions/maximumDepth``.
struct Parser {
    let source: SourceText
    let tokens: TokenBuffer
    let options: TextDecodingOptions
    var index = 0 {
        didSet { current = tokens[index] }
    }
    /// The token at `index`.
    private(set) var current: Token
    var depth = 0
    /// Comments found inside a multi-line statement; they are put before the statement.
    var innerComments: [String] = []
    /// Whether lists of complex literals (waveform samples) are read straight from the bytes
    /// (``complexList(after:)``) rather than token by token; both give the same syntax.
    var readsComplexListsFromBytes = true

    init(source: SourceText, options: TextDecodingOptions) {
        self.source = source
        self.tokens = TokenBuffer(bytes: source.bytes)
        self.options = options
        current = tokens[0]
    }

    // MARK: - Token access

    /// The token `ahead` places on (the end-of-file token past the end).
    func peek(_ ahead: Int = 1) -> Token { tokens[index + ahead] }

    func text(_ token: Token) -> String { String(decoding: source.bytes[token.start..<token.end], as: UTF8.self) }

    /// Whether `token`'s text is `word` (a literal: its bytes are compared in place, without the
    /// `String` machinery; the parser asks this of nearly every token).
    @inline(__always)
    func matches(_ token: Token, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard token.end - token.start == count else { return false }
        let expected = word.utf8Start
        return source.bytes.withUnsafeBufferPointer { bytes in
            for index in 0..<count where bytes[token.start &+ index] != expected[index] { return false }
            return true
        }
    }

    /// Whether `token`'s text is `word`.
    func matches(_ token: Token, text word: String) -> Bool {
        guard token.end - token.start == word.utf8.count else { return false }
        var offset = token.start
        for byte in word.utf8 {
            guard source.bytes[offset] == byte else { return false }
            offset += 1
        }
        return true
    }

    /// Whether the current token is the punctuation `symbol`.
    @inline(__always)
    func at(_ symbol: StaticString) -> Bool { current.kind == .punctuation && matches(current, symbol) }

    /// Whether the current token is the identifier `word`.
    @inline(__always)
    func atWord(_ word: StaticString) -> Bool { current.kind == .identifier && matches(current, word) }

    var atEndOfLine: Bool {
        switch current.kind {
        case .newline, .comment, .end: return true
        default: return false
        }
    }

    mutating func advance() { if current.kind != .end { index += 1 } }

    /// Makes the token at byte `offset` the current one, after a stretch of text read from the
    /// bytes (see ``TokenBuffer/resume(at:offset:)``).
    mutating func resumeLexing(at offset: Int) {
        tokens.resume(at: index, offset: offset)
        current = tokens[index]
    }

    mutating func eat(_ symbol: StaticString) -> Bool {
        guard at(symbol) else { return false }
        advance()
        return true
    }

    /// Consumes `symbol` or throws `expected symbol <context>, found …`.
    @discardableResult
    mutating func expect(_ symbol: StaticString, _ context: String) throws(TextDecodingError) -> Token {
        guard at(symbol) else { throw unexpected("expected '\(symbol)' \(context)") }
        let token = current
        advance()
        return token
    }

    /// An error at the current token: its own problem if it is malformed, else `message` followed
    /// by what was found.
    func unexpected(_ message: String) -> TextDecodingError {
        if current.kind == .invalid, let problem = Lexer.problem(of: current, in: source.bytes) {
            return source.error(problem.message, at: problem.offset)
        }
        return source.error("\(message), found \(describe(current))", at: current.start)
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: return "the end of the file"
        case .newline: return "the end of the line"
        case .comment: return "a comment"
        case .string: return "a string"
        default:
            var shown = text(token)
            if shown.unicodeScalars.count > 30 { shown = String(String.UnicodeScalarView(shown.unicodeScalars.prefix(30))) + "…" }
            return "'\(shown)'"
        }
    }

    func error(_ message: String, at offset: Int) -> TextDecodingError { source.error(message, at: offset) }

    func range(_ token: Token) -> SourceRange { SourceRange(start: token.start, end: token.end) }

    mutating func enter(at offset: Int) throws(TextDecodingError) {
        depth += 1
        guard depth <= options.maximumDepth else {
            throw error("nested deeper than \(options.maximumDepth) levels", at: offset)
        }
    }

    mutating func leave() { depth -= 1 }

    /// The comment text of a comment token: after `#`, trailing spaces removed.
    func commentText(_ token: Token) -> String {
        var text = Substring(self.text(token).dropFirst())
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return String(text)
    }

    // MARK: - Trivia and lines

    /// Consumes newlines and comments, returning them as trivia (blank lines collapsed).
    mutating func collectTrivia() -> [TriviaItem] {
        var items: [TriviaItem] = []
        while true {
            switch current.kind {
            case .comment:
                items.append(.comment(commentText(current)))
            case .newline:
                let blank = index == 0 || tokens[index - 1].kind == .newline
                if blank, items.last != .blankLine { items.append(.blankLine) }
            default:
                return items
            }
            advance()
        }
    }

    /// Inside brackets: skips newlines and keeps comments for the enclosing statement.
    mutating func skipNewlines() {
        while current.kind == .newline || current.kind == .comment {
            if current.kind == .comment { innerComments.append(commentText(current)) }
            advance()
        }
    }

    /// Ends a statement: an optional comment, then a newline (or the end of the file).
    mutating func endOfStatement(_ what: String) throws(TextDecodingError) -> String? {
        var trailing: String?
        if current.kind == .comment {
            trailing = commentText(current)
            advance()
        }
        if current.kind == .newline {
            advance()
        } else if current.kind != .end {
            throw unexpected("expected the end of the line after \(what) (one statement per line)")
        }
        return trailing
    }

    /// Leading trivia with comments found inside the statement appended.
    mutating func takeInnerComments(into leading: inout [TriviaItem]) {
        leading += innerComments.map(TriviaItem.comment)
        innerComments = []
    }

    static func trimBlankLines(_ items: [TriviaItem]) -> [TriviaItem] {
        var items = items
        while items.first == .blankLine { items.removeFirst() }
        while items.last == .blankLine { items.removeLast() }
        return items
    }

    // MARK: - File

    mutating func parseFile() throws(TextDecodingError) -> SyntaxFile {
        let leading = Self.trimBlankLines(collectTrivia())
        guard atWord("qpyasm") else {
            throw unexpected("expected 'qpyasm \(qpyasmFormatVersion)' as the first line (the format and its version)")
        }
        if current.indentation > 0 { throw error("bad indentation: top-level statements start in column 1", at: current.start) }
        advance()
        guard current.kind == .number, let version = Int(text(current)) else {
            throw unexpected("expected the format version after 'qpyasm' (qpyasm \(qpyasmFormatVersion))")
        }
        let versionRange = range(current)
        guard version == qpyasmFormatVersion else {
            throw error("qpyasm version \(version) is not supported (this build reads version \(qpyasmFormatVersion))", at: current.start)
        }
        advance()
        let versionTrailing = try endOfStatement("the format version")
        var statements: [Statement<TopStatement>] = []
        while true {
            tokens.discard(before: index - 1)
            var trivia = collectTrivia()
            if current.kind == .end {
                return SyntaxFile(leading: leading, formatVersion: version, formatVersionRange: versionRange, versionTrailing: versionTrailing,
                                  statements: statements, endTrivia: Self.trimBlankLines(trivia))
            }
            if current.indentationHasTab || current.indentation > 0 {
                throw error("bad indentation: top-level statements start in column 1", at: current.start)
            }
            let start = current.start
            let node = try parseTopStatement()
            takeInnerComments(into: &trivia)
            let end = tokens[index - 1].end
            let trailing = try endOfStatement("the \(Self.statementName(node))")
            statements.append(Statement(leading: trivia, node: node, trailing: trailing, range: SourceRange(start: start, end: end)))
        }
    }

    static func statementName(_ node: TopStatement) -> String {
        switch node {
        case .header: return "qpy header"
        case .parameter: return "param declaration"
        case .vector: return "vector declaration"
        case .envelope: return "envelope declaration"
        case .waveform: return "waveform declaration"
        case .schedule: return "schedule"
        case .circuit: return "circuit"
        }
    }

    mutating func parseTopStatement() throws(TextDecodingError) -> TopStatement {
        guard current.kind == .identifier else {
            throw unexpected("expected a declaration (param, vector, envelope, waveform), a schedule or a circuit")
        }
        let word = text(current)
        switch word {
        case "qpy": return .header(try parseHeader())
        case "param": return .parameter(try parseParameterDecl())
        case "vector": return .vector(try parseVectorDecl())
        case "envelope":
            advance()
            let name = try parseName("an envelope name")
            try expect("=", "after the envelope name")
            return .envelope(EnvelopeDeclSyntax(name: name, expression: try parseValue(multiline: false)))
        case "waveform":
            advance()
            let name = try parseName("a waveform name")
            try expect("=", "after the waveform name")
            return .waveform(WaveformDeclSyntax(name: name, pulse: try parsePulse()))
        case "schedule":
            return .schedule(try parseBlock(parentIndentation: 0))
        case "circuit":
            return .circuit(try parseCircuit(parentIndentation: 0))
        default:
            let known = ["qpy", "param", "vector", "envelope", "waveform", "schedule", "circuit"]
            let hint = Suggestion.closest(to: word, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw error("expected a declaration (param, vector, envelope, waveform), a schedule or a circuit, found '\(word)'\(hint)", at: current.start)
        }
    }

    /// An identifier or a string literal.
    mutating func parseName(_ what: String) throws(TextDecodingError) -> NameSyntax {
        switch current.kind {
        case .identifier:
            defer { advance() }
            return NameSyntax(text: text(current), range: range(current), isQuoted: false)
        case .string:
            defer { advance() }
            return NameSyntax(text: StringLiteral.value(source.bytes[current.start..<current.end]), range: range(current), isQuoted: true)
        default:
            throw unexpected("expected \(what) (a name or a string)")
        }
    }

    mutating func parseHeader() throws(TextDecodingError) -> HeaderSyntax {
        advance()
        guard current.kind == .number, let version = Int(text(current)) else {
            throw unexpected("expected the QPY version after 'qpy' (e.g. qpy 13)")
        }
        let versionRange = range(current)
        advance()
        var items: [ArgumentSyntax] = []
        while eat(",") {
            let label = try parseName("a header field (qiskit, symbolic or symengine)")
            try expect("=", "after '\(label.text)'")
            items.append(ArgumentSyntax(label: label, value: try parseValue(multiline: false)))
        }
        return HeaderSyntax(version: version, versionRange: versionRange, items: items)
    }

    /// A symbol name as declared: `amp`, `w[0]`, `"a b"`.
    mutating func parseSymbolName(_ what: String) throws(TextDecodingError) -> NameSyntax {
        var name = try parseName(what)
        if !name.isQuoted, at("["), current.start == name.range.end, peek().kind == .number, peek(2).kind == .punctuation,
           matches(peek(2), "]") {
            advance()
            name.text += "[" + text(current) + "]"
            advance()
            name.range.end = current.end
            advance()
        }
        return name
    }

    mutating func parseParameterDecl() throws(TextDecodingError) -> ParameterDeclSyntax {
        advance()
        let name = try parseSymbolName("a parameter name")
        var uuid: (value: ParameterUUID, range: SourceRange)?
        if eat("=") {
            guard current.kind == .uuid, let value = ParameterUUID(text(current)) else {
                throw unexpected("expected a UUID such as 4f9d6c1e-8a2b-4c3d-9e0f-123456789abc")
            }
            uuid = (value, range(current))
            advance()
        }
        let realName = try parseRealName()
        return ParameterDeclSyntax(name: name, uuid: uuid, realName: realName)
    }

    /// `, name="…"` after a declaration.
    mutating func parseRealName() throws(TextDecodingError) -> NameSyntax? {
        guard eat(",") else { return nil }
        guard atWord("name"), peek().kind == .punctuation, matches(peek(), "=") else {
            throw unexpected("expected name=\"…\" (the real name, when it differs from the one used in this file)")
        }
        advance()
        advance()
        guard current.kind == .string else { throw unexpected("expected the real name as a string") }
        return try parseName("the real name")
    }

    mutating func parseVectorDecl() throws(TextDecodingError) -> VectorDeclSyntax {
        advance()
        let name = try parseName("a vector name")
        try expect("[", "and the vector's length after its name (vector w[2])")
        guard current.kind == .number, let length = UInt64(text(current)) else {
            throw unexpected("expected the vector's length (a non-negative integer)")
        }
        let lengthRange = range(current)
        advance()
        try expect("]", "after the vector's length")
        let realName = try parseRealName()
        return VectorDeclSyntax(name: name, length: length, lengthRange: lengthRange, realName: realName)
    }

    // MARK: - Blocks

    /// `schedule|block NAME [alignment] [@qpy(...)] { … }`; the keyword is the current token.
    mutating func parseBlock(parentIndentation: Int) throws(TextDecodingError) -> BlockSyntax {
        let keyword = current
        try enter(at: keyword.start)
        defer { leave() }
        advance()
        let name = try parseName("a \(text(keyword)) name")
        var alignment: AlignmentSyntax?
        if current.kind == .identifier {
            alignment = try parseAlignment()
        }
        let attributes = at("@") ? try parseAttributes() : nil
        guard at("{") else {
            if alignment == nil, attributes == nil {
                throw unexpected("expected an alignment (left, right, sequential, equispaced(…)) or '{' after the \(text(keyword)) name")
            }
            throw unexpected("expected '{' to open the \(text(keyword))")
        }
        let open = current
        advance()
        let (body, endTrivia) = try parseBlockBody(
            open: open, parentIndentation: parentIndentation, kind: text(keyword), name: name, statementsOf: "a block's",
            parseStatement: { (parser: inout Parser, indentation: Int) throws(TextDecodingError) in
                try parser.parseBodyStatement(indentation: indentation)
            },
            statementName: Self.bodyStatementName)
        return BlockSyntax(keywordRange: range(keyword), name: name, alignment: alignment, attributes: attributes, body: body,
                           endTrivia: endTrivia, openRange: range(open))
    }

    static func bodyStatementName(_ node: BodyStatement) -> String {
        switch node {
        case .metadata: return "metadata"
        case .instruction(let instruction): return "the \(InstructionSpec.keyword(instruction.kind)) instruction"
        case .block: return "'}'"
        case .assign(let assign): return assign.block == nil ? "the assign statement" : "'}'"
        }
    }

    mutating func parseAlignment() throws(TextDecodingError) -> AlignmentSyntax {
        let token = current
        let word = text(token)
        switch word {
        case "left", "right", "sequential":
            advance()
            let kind: AlignmentKind = word == "left" ? .left : word == "right" ? .right : .sequential
            return .keyword(kind, range(token))
        case "equispaced":
            advance()
            try expect("(", "and the duration after 'equispaced' (equispaced(1000))")
            try enter(at: token.start)
            defer { leave() }
            skipNewlines()
            let duration = try parseValue(multiline: true)
            skipNewlines()
            let close = try expect(")", "after the equispaced duration")
            return .equispaced(duration, SourceRange(start: token.start, end: close.end))
        case "align":
            advance()
            try expect("(", "after 'align' (align(\"x\", parameters…))")
            try enter(at: token.start)
            defer { leave() }
            skipNewlines()
            let key: UInt8
            if current.kind == .string, let scalar = StringLiteral.value(source.bytes[current.start..<current.end]).unicodeScalars.first,
               scalar.isASCII, StringLiteral.value(source.bytes[current.start..<current.end]).unicodeScalars.count == 1 {
                key = UInt8(scalar.value)
            } else if current.kind == .number, let byte = UInt8(text(current)) {
                key = byte
            } else {
                throw unexpected("expected the alignment key: a one-letter ASCII string or a byte value 0-255")
            }
            advance()
            var parameters: [ValueSyntax] = []
            skipNewlines()
            while eat(",") {
                skipNewlines()
                if at(")") { break }
                parameters.append(try parseValue(multiline: true))
                skipNewlines()
            }
            let close = try expect(")", "to close align(…)")
            return .general(key: key, parameters: parameters, SourceRange(start: token.start, end: close.end))
        default:
            let hint = Suggestion.closest(to: word, in: ["left", "right", "sequential", "equispaced", "align"]).map { " (did you mean '\($0)'?)" } ?? ""
            throw error("unknown alignment '\(word)'\(hint); expected left, right, sequential, equispaced(duration) or align(key, …)", at: token.start)
        }
    }

    mutating func parseBodyStatement(indentation: Int) throws(TextDecodingError) -> BodyStatement {
        guard current.kind == .identifier else {
            throw unexpected("expected an instruction, block, assign or metadata statement")
        }
        let word = text(current)
        switch word {
        case "metadata":
            advance()
            let (value, range) = try parseJSON()
            return .metadata(value, range)
        case "block":
            return .block(try parseBlock(parentIndentation: indentation))
        case "assign":
            return .assign(try parseAssign(indentation: indentation))
        default:
            guard let kind = InstructionSpec.kind(keyword: word) else {
                let known = PulseInstructionKind.allCases.map(InstructionSpec.keyword) + ["block", "assign", "metadata"]
                let hint = Suggestion.closest(to: word, in: known).map { " (did you mean '\($0)'?)" } ?? ""
                throw error("unknown instruction '\(word)'\(hint); expected \(InstructionSpec.keywordList), block, assign or metadata", at: current.start)
            }
            return .instruction(try parseInstruction(kind))
        }
    }

    mutating func parseAssign(indentation: Int) throws(TextDecodingError) -> AssignSyntax {
        advance()
        var keys: [NameSyntax] = []
        repeat {
            keys.append(try parseName("a reference key part"))
        } while eat(",")
        try expect("=", "after the reference key (assign key, … = schedule NAME { … } or = None)")
        if atWord("None") {
            advance()
            return AssignSyntax(keys: keys, block: nil)
        }
        guard atWord("schedule") else { throw unexpected("expected 'schedule NAME { … }' or None after '='") }
        return AssignSyntax(keys: keys, block: try parseBlock(parentIndentation: indentation))
    }

    /// A JSON value (metadata), with Python's NaN and Infinity accepted.
    mutating func parseJSON() throws(TextDecodingError) -> (JSONValue, SourceRange) {
        let start = current.start
        var end = current.end
        var level = 0
        var blanked: [Int] = []
        if at("{") || at("[") {
            repeat {
                switch current.kind {
                case .end: throw error("unclosed JSON value: expected its closing bracket", at: current.start)
                case .comment: blanked.append(index)
                case .invalid: throw unexpected("")
                case .punctuation where at("{") || at("["): level += 1
                case .punctuation where at("}") || at("]"): level -= 1
                default: break
                }
                end = current.end
                advance()
            } while level > 0
        } else {
            guard !atEndOfLine else { throw unexpected("expected a JSON value after 'metadata'") }
            while !atEndOfLine {
                if current.kind == .invalid { throw unexpected("") }
                end = current.end
                advance()
            }
        }
        var bytes = Array(source.bytes[start..<end])
        for tokenIndex in blanked {
            for offset in tokens[tokenIndex].start..<tokens[tokenIndex].end { bytes[offset - start] = UInt8(ascii: " ") }
            innerComments.append(commentText(tokens[tokenIndex]))
        }
        do {
            return (try JSONText.parse(bytes, maximumDepth: options.maximumDepth), SourceRange(start: start, end: end))
        } catch {
            throw self.error("invalid metadata JSON: \(error.message)", at: start + error.offset)
        }
    }
}

/// "Did you mean" suggestions.
enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            if distance <= max(1, min(target.count, candidate.count) / 3), distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { row[j] = min(row[j], before[j - 2] + 1) }
            }
            before = previous
            previous = row
        }
        return previous[b.count]
    }
}
