import ComplexModule
import Testing
import QPYExpression

@Suite struct EvaluationTests {
    static let tolerance = 1e-10

    static func bindings(_ values: [String: Double]) -> [String: Complex<Double>] {
        values.mapValues { Complex($0) }
    }

    static func bindings(_ values: [String: ExpressionFixtureFile.FixtureNumber]) -> [String: Complex<Double>] {
        values.mapValues { Complex($0.real, $0.imaginary) }
    }

    /// Every pulse Qiskit sampled: our samples of its srepr envelope match `get_waveform()`.
    @Test func pulseSamples_matchQiskit() throws {
        let pulses = ExpressionFixtures.pulses
        try #require(!pulses.isEmpty)
        var checked = 0
        for (writer, pulse) in pulses {
            let text = try #require(pulse.envelope.srepr)
            let envelope = try Expression(srepr: text)
            let samples = try envelope.sampleEnvelope(count: pulse.duration, bindings: Self.bindings(pulse.parameters))
            try #require(samples.count == pulse.samples.count, "\(writer) \(pulse.case)")
            var worst = 0.0
            for (ours, theirs) in zip(samples, pulse.samples) {
                worst = max(worst, (ours - Complex(theirs[0], theirs[1])).length)
            }
            #expect(worst <= Self.tolerance, "\(writer) \(pulse.case): largest difference \(worst)")
            checked += 1
        }
        #expect(checked == pulses.count)
    }

    /// Every ParameterExpression Qiskit evaluated: our value of its srepr matches.
    @Test func parameterExpressionValues_matchQiskit() throws {
        let cases = ExpressionFixtures.parameterExpressions.filter { $0.expression.value != nil && $0.expression.srepr != nil }
        try #require(cases.count >= 50)
        for (writer, fixture) in cases {
            let tree = try Expression(srepr: fixture.srepr!)
            let expected = Complex(fixture.value![0], fixture.value![1])
            let value = try tree.evaluate(Self.bindings(fixture.bindings))
            let scale = max(1, expected.length)
            #expect((value - expected).length <= Self.tolerance * scale, "\(writer) \(fixture.case): \(value) vs \(expected)")
        }
    }

    @Test func conditionsAndPiecewise_evaluate() throws {
        let tree = try Expression(infix: "piecewise(1 if t <= duration/2 and t >= 0, -1 if true)")
        #expect(try tree.evaluate(["t": Complex(1), "duration": Complex(10)]) == Complex(1))
        #expect(try tree.evaluate(["t": Complex(7), "duration": Complex(10)]) == Complex(-1))
        #expect(try Expression(infix: "exp(I*pi)").evaluate().real == -1)
    }

    @Test func unboundSymbol_isAnError() {
        #expect(throws: EvaluationError("symbol 'sigma' has no value")) {
            try Expression(infix: "2*sigma").evaluate()
        }
    }
}
