import Foundation
import Testing
@testable import QPYExpression

@Suite struct SreprTests {
    /// Appendix B of the format notes: text Qiskit 1.4.6 + sympy 1.14 wrote for standard pulses.
    static let qiskitSrepr = [
        "StrictLessThan(Integer(0), Symbol('sigma'))",
        "LessThan(Abs(Symbol('amp')), Float('1.0', precision=53))",
        "And(LessThan(Integer(0), Symbol('width')), LessThan(Symbol('width'), Symbol('duration')), StrictLessThan(Integer(0), Symbol('sigma')))",
        "Mul(Symbol('amp'), Pow(Add(Integer(1), Mul(Integer(-1), exp(Mul(Integer(-1), Rational(1, 2), Pow(Symbol('sigma'), Integer(-2)), Pow(Add(Mul(Rational(1, 2), Symbol('duration')), Integer(1)), Integer(2)))))), Integer(-1)), Add(Mul(Integer(-1), exp(Mul(Integer(-1), Rational(1, 2), Pow(Symbol('sigma'), Integer(-2)), Pow(Add(Mul(Rational(1, 2), Symbol('duration')), Integer(1)), Integer(2))))), exp(Mul(Integer(-1), Rational(1, 2), Pow(Symbol('sigma'), Integer(-2)), Pow(Add(Mul(Integer(-1), Rational(1, 2), Symbol('duration')), Symbol('t')), Integer(2))))), exp(Mul(I, Symbol('angle'))))",
        "Piecewise(ExprCondPair(Integer(1), And(GreaterThan(Symbol('t'), Integer(0)), LessThan(Symbol('t'), Symbol('duration')))), ExprCondPair(Integer(0), true))",
        "Mul(Symbol('x'), Add(Float('1.0', precision=53), Mul(Float('2.0', precision=53), I)))",
        "Mul(Float('4.9406564584124698e-324', precision=53), Float('1000000000000000000000000000000.0', precision=103), Float('1.0', precision=113))",
        "Add(Symbol('θ[0]'), Mul(Integer(-1), Symbol('a\\'b\"c')), Rational(-3, 4), -oo, zoo, nan, pi, E)",
    ]

    @Test(arguments: qiskitSrepr)
    func qiskitText_reprintsIdentically(_ text: String) throws {
        let tree = try Expression(srepr: text)
        #expect(tree.srepr == text)
    }

    @Test func fixtureSrepr_reprintsIdentically() throws {
        var forms: [String] = []
        for (_, pulse) in ExpressionFixtures.pulses {
            forms += [pulse.envelope.srepr, pulse.constraints?.srepr, pulse.valid_amp_conditions?.srepr].compactMap { $0 }
        }
        forms += ExpressionFixtures.parameterExpressions.compactMap(\.expression.srepr)
        try #require(!forms.isEmpty, "no expression fixtures found under Tests/Fixtures/expressions")
        for text in forms {
            let tree = try Expression(srepr: text)
            #expect(tree.srepr == text)
        }
    }

    /// Every float spelling sympy produced (`gen_float_reprs.py`) is reproduced digit for digit.
    @Test func floatSpelling_matchesSympy() throws {
        let url = ExpressionFixtures.directory.appendingPathComponent("float-reprs.tsv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        try #require(lines.count > 1000)
        var mismatches: [String] = []
        for line in lines {
            let parts = line.split(separator: "\t")
            let value = Double(bitPattern: UInt64(parts[0], radix: 16)!)
            let text = MpmathFloatFormat.string(value)
            if text != parts[1] { mismatches.append("\(parts[0]): sympy \(parts[1]), ours \(text)") }
            #expect(Double(text)?.bitPattern == value.bitPattern)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func pythonStringRepr_followsPythonQuoting() {
        #expect(PythonStringLiteral.repr("amp") == "'amp'")
        #expect(PythonStringLiteral.repr("a'b") == "\"a'b\"")
        #expect(PythonStringLiteral.repr("a'b\"c") == "'a\\'b\"c'")
        #expect(PythonStringLiteral.repr("a\\b\n\u{200B}é") == "'a\\\\b\\n\\u200bé'")
        #expect(PythonStringLiteral.repr("\u{1}\u{10FFFF}") == "'\\x01\\U0010ffff'")
    }

    @Test(arguments: [
        ("Foo(Integer(1))", "1:1: error: unknown sympy node 'Foo'"),
        ("Add(Integer(1), Symbol('x')", "1:28: error: expected ',' or ')' in the argument list"),
        ("Symbol(x)", "1:8: error: expected a quoted string for the symbol name"),
        ("Float('abc', precision=53)", "1:7: error: Float value 'abc' is not a decimal number"),
        ("Float('1.0', precision=0)", "1:24: error: Float precision 0 is out of range"),
        ("Rational(1, 0)", "1:13: error: Rational denominator is zero"),
        ("Pow(Integer(1))", "1:1: error: Pow takes 2 arguments, got 1"),
        ("Symbol('x') Symbol('y')", "1:13: error: expected end of input after the expression"),
        ("Symbol('x", "1:8: error: unterminated string literal"),
        ("__import__('os')", "1:1: error: unknown sympy node '__import__'"),
    ])
    func malformedText_reportsLineAndColumn(_ input: String, _ expected: String) {
        #expect(throws: ExpressionSyntaxError.self) { try Expression(srepr: input) }
        do {
            _ = try Expression(srepr: input)
        } catch {
            #expect(error.description.split(separator: "\n").first.map(String.init) == expected)
        }
    }

    @Test func hostileNesting_failsCleanly() {
        let deep = String(repeating: "sin(", count: 1_000_000) + "Symbol('x')" + String(repeating: ")", count: 1_000_000)
        #expect(throws: ExpressionSyntaxError.self) { try Expression(srepr: deep) }
        let hugeInteger = "Integer(" + String(repeating: "9", count: 100_000) + ")"
        do {
            _ = try Expression(srepr: hugeInteger)
            Issue.record("a 10^5-digit integer was accepted")
        } catch {
            #expect(error.message.contains("100000 digits"))
        }
    }
}
