import QPYDiagnostics

/// The statements of an indented `{ … }` block, shared by pulse blocks and circuits.
extension Parser {
    /// Parses from just after `open` (the block's '{') through its matching '}'.
    ///
    /// `kind` and `name` name the block in errors ("circuit 'bell'"), `statementsOf` says whose
    /// statements they are ("a circuit's"); `parseStatement` reads one statement at the given
    /// indentation and `statementName` names it for the end-of-line error.
    mutating func parseBlockBody<Node>(
        open: Token, parentIndentation: Int, kind: String, name: NameSyntax, statementsOf: String,
        parseStatement: (inout Parser, Int) throws(TextDecodingError) -> Node,
        statementName: (Node) -> String
    ) throws(TextDecodingError) -> (body: [Statement<Node>], endTrivia: [TriviaItem]) {
        var body: [Statement<Node>] = []
        if eat("}") { return (body, []) }
        var firstTrivia: [TriviaItem] = []
        if current.kind == .comment {
            firstTrivia.append(.comment(commentText(current)))
            advance()
        }
        guard current.kind == .newline || current.kind == .end else {
            throw unexpected("expected the end of the line after '{' (\(statementsOf) statements start on a new line)")
        }
        var bodyIndentation: Int?
        while true {
            tokens.discard(before: index - 1)
            var trivia = firstTrivia + collectTrivia()
            firstTrivia = []
            // A blank line right after '{' is not kept (the writer never writes one); one between
            // a comment and the first statement is, as it is before any other statement.
            if body.isEmpty { trivia = Array(trivia.drop { $0 == .blankLine }) }
            if current.kind == .end {
                throw error("unclosed block: this '{' of \(kind) '\(name.text)' has no matching '}' before the end of the file",
                            at: open.start)
            }
            if current.indentationHasTab { throw error("bad indentation: indent with spaces, not tabs", at: current.start) }
            if at("}") {
                guard current.indentation == parentIndentation else {
                    throw error("bad indentation: '}' must line up with the line that opened the block (\(Self.spaces(parentIndentation))), found \(Self.spaces(current.indentation))",
                                at: current.start)
                }
                advance()
                return (body, Self.trimBlankLines(trivia))
            }
            if let expected = bodyIndentation {
                guard current.indentation == expected else {
                    throw error("bad indentation: expected \(Self.spaces(expected)) like the first statement of the block, found \(Self.spaces(current.indentation))",
                                at: current.start)
                }
            } else {
                guard current.indentation > parentIndentation else {
                    throw error("bad indentation: the statements of a block are indented more than the line that opens it (\(Self.spaces(parentIndentation)))",
                                at: current.start)
                }
                bodyIndentation = current.indentation
            }
            let start = current.start
            let node = try parseStatement(&self, current.indentation)
            takeInnerComments(into: &trivia)
            let end = tokens[index - 1].end
            let trailing = try endOfStatement(statementName(node))
            body.append(Statement(leading: trivia, node: node, trailing: trailing, range: SourceRange(start: start, end: end)))
        }
    }

    static func spaces(_ count: Int) -> String { count == 1 ? "1 space" : "\(count) spaces" }
}
