extension QuantumCircuit {
    /// The parameter vectors this circuit's own values use (global phase, instruction parameters,
    /// base gates, evolution times), in order of first use: the QPY 18 vector table Qiskit writes.
    /// Nested circuits carry their own tables and are not included.
    public var parameterVectorsInOrderOfUse: [ParameterVectorDeclaration] {
        var table: [ParameterVectorDeclaration] = []
        var seen: Set<ParameterVectorDeclaration> = []
        func add(_ element: ParameterVectorElement) {
            let vector = ParameterVectorDeclaration(name: element.vectorName, size: element.vectorSize,
                                                    rootUUID: element.uuid.retreated(by: element.index))
            if seen.insert(vector).inserted { table.append(vector) }
        }
        func visit(_ value: Value) {
            switch value {
            case .vectorElement(let element): add(element)
            case .expression(let expression): visit(expression)
            default: break
            }
        }
        func visit(_ expression: ParameterExpression) {
            for entry in expression.symbols {
                switch entry.key {
                case .symbol(.vectorElement(let element)): add(element)
                case .symbol(.parameter): break
                case .expression(let nested): visit(nested)
                }
            }
        }
        func visit(_ parameter: InstructionParameter) {
            switch parameter {
            case .value(let value): visit(value)
            case .tuple(let items): items.forEach(visit)
            default: break
            }
        }
        visit(globalPhase)
        for definition in customDefinitions {
            definition.baseGate?.parameters.forEach(visit)
            if case .pauliEvolution(let evolution)? = definition.body { visit(evolution.time) }
        }
        // By index, reading only the parameters: iterating would copy each instruction.
        instructions.withUnsafeBufferPointer { instructions in
            for index in instructions.indices where !instructions[index].parameters.isEmpty {
                for parameter in instructions[index].parameters { visit(parameter) }
            }
        }
        return table
    }
}
