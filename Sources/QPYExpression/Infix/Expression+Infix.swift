extension Expression {
    /// Parses the readable infix syntax, e.g. `amp * exp(-(t - duration/2)**2 / (2*sigma**2))`.
    ///
    /// Parsing the text ``infix`` prints gives back the identical tree, so infix text is a lossless
    /// way to show and edit any expression.
    /// - Throws: ``ExpressionSyntaxError`` with the line:column and what was expected.
    public init(infix text: String, limits: ExpressionLimits = .default) throws(ExpressionSyntaxError) {
        // A bare parameter name, the usual instruction parameter: what the parser makes of it.
        if InfixPrinter.isPlainName(text) {
            self = .symbol(text)
            return
        }
        self = try Expression(parsingInfix: text, limits: limits)
    }

    /// ``init(infix:limits:)`` always through the parser (for testing its shortcut).
    init(parsingInfix text: String, limits: ExpressionLimits = .default) throws(ExpressionSyntaxError) {
        var parser = InfixParser(text, limits: limits)
        self = try parser.parseAll()
    }

    /// The expression in the readable infix syntax.
    public var infix: String { InfixPrinter.print(self) }
}
