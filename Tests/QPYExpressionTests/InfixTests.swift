import BigInt
import Testing
@testable import QPYExpression
import QPYTestSupport

@Suite struct InfixTests {
    @Test(arguments: [
        ("amp * exp(-(t - duration/2)**2 / (2*sigma**2))", "amp*exp(-(t - duration/2)**2/(2*sigma**2))"),
        ("x - 2*y", "x - 2*y"),
        ("-x*y + 1/2", "-x*y + 1/2"),
        ("a <= b and not c > 0 or d == 1", "a <= b and not c > 0 or d == 1"),
        ("piecewise(1 if t <= duration, 0 if true)", "piecewise(1 if t <= duration, 0 if true)"),
        ("θ[0] + \"a b\" + abs(x)", "θ[0] + \"a b\" + Abs(x)"),
        ("2**-1 * x", "2**-1*x"),
        ("complex(0, 2) * x", "complex(0, 2)*x"),
    ])
    func text_printsCanonically(_ input: String, _ canonical: String) throws {
        let tree = try Expression(infix: input)
        #expect(tree.infix == canonical)
        #expect(try Expression(infix: canonical) == tree)
    }

    @Test func sympyShapes_readNaturally() throws {
        #expect(try Expression(infix: "x - y") == .add([.symbol("x"), .mul([.integer(-1), .symbol("y")])]))
        #expect(try Expression(infix: "x - 2*y") == .add([.symbol("x"), .mul([.integer(-2), .symbol("y")])]))
        #expect(try Expression(infix: "x/y") == .mul([.symbol("x"), .pow(.symbol("y"), .integer(-1))]))
        #expect(try Expression(infix: "x/y**2") == .mul([.symbol("x"), .pow(.symbol("y"), .integer(-2))]))
        #expect(try Expression(infix: "1/2*d") == .mul([.number(.rational(1, 2)), .symbol("d")]))
        #expect(try Expression(infix: "-(1/2)*d") == .mul([.integer(-1), .number(.rational(1, 2)), .symbol("d")]))
        #expect(try Expression(infix: "x - 3") == .add([.symbol("x"), .integer(-3)]))
        #expect(try Expression(infix: "-0.0") == .float(-0.0))
    }

    /// Any tree prints to text that parses back to the identical tree (20,000 random trees).
    @Test func randomTrees_roundTrip() throws {
        var rng = SeededGenerator(seed: 42)
        var failures: [String] = []
        for _ in 0..<20_000 {
            let tree = RandomExpressions.tree(depth: 5, using: &rng)
            let text = tree.infix
            do {
                let back = try Expression(infix: text)
                if back != tree { failures.append("\(text)\n  tree:  \(tree.srepr)\n  back:  \(back.srepr)") }
            } catch {
                failures.append("\(text)\n  \(error)")
            }
            if failures.count >= 5 { break }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func fixtureExpressions_roundTripThroughInfix() throws {
        var forms: [String] = []
        for (_, pulse) in ExpressionFixtures.pulses {
            forms += [pulse.envelope.srepr, pulse.constraints?.srepr, pulse.valid_amp_conditions?.srepr].compactMap { $0 }
        }
        forms += ExpressionFixtures.parameterExpressions.compactMap(\.expression.srepr)
        try #require(!forms.isEmpty)
        for text in forms {
            let tree = try Expression(srepr: text)
            let back = try Expression(infix: tree.infix)
            #expect(back == tree)
            #expect(back.srepr == text)
        }
    }

    @Test(arguments: [
        ("x +", "1:4: error: expected an expression, found end of input"),
        ("(x + 1", "1:7: error: expected ')' to close the '(' at column 1"),
        ("foo(x)", "1:1: error: unknown function 'foo'"),
        ("sin(x, y)", "1:1: error: sin() takes 1 argument, got 2"),
        ("x ? y", "1:3: error: unexpected character '?'"),
        ("a < b < c", "1:7: error: comparisons cannot be chained; use 'and' or parentheses"),
        ("piecewise(1, 2)", "1:12: error: expected 'if' and a condition after the piecewise value"),
        ("x = 1", "1:3: error: unexpected '=' (did you mean '=='?)"),
        ("\"abc", "1:1: error: unterminated quoted name"),
        ("2x", "1:1: error: malformed number"),
        ("x y", "1:3: error: unexpected name 'y' after the expression"),
        ("complex(x, 1)", "1:8: error: complex() takes two number literals"),
    ])
    func malformedText_reportsLineAndColumn(_ input: String, _ expected: String) {
        do {
            _ = try Expression(infix: input)
            Issue.record("accepted \(input)")
        } catch {
            #expect(error.description.split(separator: "\n").first.map(String.init) == expected)
        }
    }

    @Test func errorRendering_quotesTheLineWithACaret() {
        do {
            _ = try Expression(infix: "amp * exp(-(t - duration/2")
            Issue.record("accepted unbalanced input")
        } catch {
            #expect(error.description == """
                1:27: error: expected ')' to close the '(' at column 12
                amp * exp(-(t - duration/2
                                          ^
                """)
        }
    }

    /// Nesting up to the default depth limit parses on a test thread's small stack.
    @Test func nestingWithinTheLimit_parses() throws {
        let depth = ExpressionLimits.default.maximumDepth - 1
        let text = String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
        #expect(try Expression(infix: text) == .symbol("x"))
        let calls = String(repeating: "sin(", count: depth) + "x" + String(repeating: ")", count: depth)
        let tree = try Expression(infix: calls)
        #expect(tree.depth == depth + 1)
        #expect(try Expression(infix: tree.infix) == tree)
        #expect(try Expression(srepr: tree.srepr) == tree)
    }

    /// Every tree within the depth limit reads back from its printed text, though the text nests
    /// deeper than the tree (`-(-(…))`, `((x**2)**2)**2`: two levels of text per level of tree;
    /// fuzz run 5, `json.reread-0e148a031b02`). One level more is refused, naming the limit.
    @Test func printedTreesAtTheLimit_readBack() throws {
        let limit = ExpressionLimits.default.maximumDepth
        var negations: Expression = .add([.symbol("x"), .integer(1)])
        var powers: Expression = .symbol("x")
        for _ in 0..<(limit - 2) { negations = .mul([.integer(-1), negations]) }
        for _ in 0..<(limit - 1) { powers = .pow(powers, .integer(2)) }
        for tree in [negations, powers] {
            #expect(tree.depth == limit)
            #expect(try Expression(infix: tree.infix) == tree)
            let deeper = Expression.mul([.integer(-1), tree])
            #expect(throws: ExpressionSyntaxError.self) { try Expression(infix: deeper.infix) }
            do {
                _ = try Expression(infix: deeper.infix)
            } catch {
                #expect(error.message == "expression nested deeper than \(limit) levels")
            }
        }
    }

    @Test func hostileNesting_failsCleanly() {
        let deep = String(repeating: "(", count: 1_000_000) + "x" + String(repeating: ")", count: 1_000_000)
        #expect(throws: ExpressionSyntaxError.self) { try Expression(infix: deep) }
        let unary = String(repeating: "-", count: 1_000_000) + "x"
        #expect(throws: ExpressionSyntaxError.self) { try Expression(infix: unary) }
        let huge = String(repeating: "7", count: 100_000)
        #expect(throws: ExpressionSyntaxError.self) { try Expression(infix: huge) }
    }

    /// A bare name skips the parser: the result must be what the parser makes of the same text,
    /// for names that are symbols and for those that are not (constants, keywords, calls).
    @Test(arguments: ["theta", "theta_12", "_x", "θ", "θ[0]", "a[12]", "x1y2", "pi", "E", "I", "oo", "zoo", "nan",
                      "EulerGamma", "true", "false", "and", "if", "1x", "x[", "x[]", "x[a]", "[0]", "x y", " x", "x ",
                      "sin", "sin(x)", "x-1", "\"quoted name\"", "α_β", "x·y", ""])
    func bareNames_readAsTheParserReadsThem(_ text: String) {
        let fast = Result { () throws(ExpressionSyntaxError) in try Expression(infix: text) }
        let parsed = Result { () throws(ExpressionSyntaxError) in try Expression(parsingInfix: text) }
        switch (fast, parsed) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
        case (.failure(let a), .failure(let b)): #expect(a.description == b.description, "\(text)")
        default: Issue.record("'\(text)': \(fast) but the parser gives \(parsed)")
        }
    }
}
