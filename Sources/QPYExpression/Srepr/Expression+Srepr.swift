extension Expression {
    /// Parses sympy `srepr` text, such as Qiskit stores for pulse envelopes and (QPY < 13)
    /// ParameterExpressions. Nothing is executed: unknown node names are rejected.
    /// - Throws: ``ExpressionSyntaxError`` with the line:column of the problem.
    public init(srepr text: String, limits: ExpressionLimits = .default) throws(ExpressionSyntaxError) {
        var parser = SreprParser(text, limits: limits)
        self = try parser.parseAll()
    }

    /// The sympy `srepr` text of this tree; for a tree parsed from `srepr`, the original text.
    public var srepr: String {
        var printer = SreprPrinter()
        printer.print(self)
        return printer.output
    }
}
