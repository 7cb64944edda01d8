import ComplexModule
import RealModule

extension Expression {
    /// The value of the expression with `bindings` for its symbols, in complex binary64 arithmetic.
    /// - Throws: ``EvaluationError`` for an unbound symbol or a function without a numeric form.
    public func evaluate(_ bindings: [String: Complex<Double>] = [:]) throws(EvaluationError) -> Complex<Double> {
        try Evaluator(bindings: bindings).number(self)
    }

    /// The truth value of a condition (a relation, `and`/`or`/`not`, or a boolean).
    public func holds(_ bindings: [String: Complex<Double>] = [:]) throws(EvaluationError) -> Bool {
        try Evaluator(bindings: bindings).truth(self)
    }

    /// Samples a pulse envelope as Qiskit's `SymbolicPulse.get_waveform()` does: at the midpoints
    /// `t = k + 0.5` for `k = 0 ..< count`, with `duration` bound to `count` unless `bindings` give it.
    public func sampleEnvelope(count: Int, bindings: [String: Complex<Double>] = [:]) throws(EvaluationError) -> [Complex<Double>] {
        guard count >= 0 else { throw EvaluationError("sample count \(count) is negative") }
        var values = bindings
        if values["duration"] == nil { values["duration"] = Complex(Double(count)) }
        var samples: [Complex<Double>] = []
        samples.reserveCapacity(count)
        for k in 0..<count {
            values["t"] = Complex(Double(k) + 0.5)
            samples.append(try Evaluator(bindings: values).number(self))
        }
        return samples
    }
}
