import QPYExpression

/// How names are spelled in `.qpyasm` text.
enum SymbolNames {
    /// Whether the lexer reads `text` as one identifier token.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isXIDStart || first == "_" else { return false }
        return text.unicodeScalars.dropFirst().allSatisfy { $0.properties.isXIDContinue }
    }

    /// A symbol as the infix syntax writes it: `amp`, `w[0]`, `"a b"`, `"pi"`.
    static func symbol(_ name: String) -> String { Expression.symbol(name).infix }

    /// A name that is an identifier when it can be, else a string literal.
    static func name(_ text: String, avoiding keywords: Set<String> = []) -> String {
        isIdentifier(text) && !keywords.contains(text) ? text : StringLiteral.quoted(text)
    }
}
