import QPYExpression

extension ParameterExpression {
    /// The replay program Qiskit 2.x writes for this expression (QPY 13+): its tree with each
    /// symbol named by the UUID its symbol-map entry gives. The one place that derives it, for
    /// the QPY writer and for the JSON and text readers and writers.
    /// - Throws: ``ReplayEncodingError`` naming the first node replay cannot express.
    public func derivedReplayProgram() throws(ReplayEncodingError) -> ReplayProgram {
        var uuids: [String: ParameterUUID] = [:]
        for entry in symbols { if case .symbol(let symbol) = entry.key { uuids[symbol.name] = symbol.uuid } }
        return try ReplayProgram(expression: expression, symbols: uuids)
    }

    /// This expression with ``derivedReplayProgram()`` as its payload, when its payload is a
    /// replay program not yet made (`.replay(nil)`) and the tree can be one; otherwise as it is.
    public func withDerivedReplayProgram() -> ParameterExpression {
        guard case .replay(nil) = payload, let program = try? derivedReplayProgram() else { return self }
        var copy = self
        copy.payload = .replay(program)
        return copy
    }
}
