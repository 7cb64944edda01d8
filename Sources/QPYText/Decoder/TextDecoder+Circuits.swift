import QPYDiagnostics
import QPYExpression
import QPYModel

/// Circuit sections to the IR.
extension TextDecoder {
    mutating func circuit(_ syntax: CircuitSyntax, depth: Int, path: [PathStep]) throws(TextDecodingError) -> QuantumCircuit {
        guard depth <= options.maximumDepth else {
            throw error("circuits nested deeper than \(options.maximumDepth) levels", at: syntax.keywordRange.start)
        }
        let outerValues = inCircuitValues
        inCircuitValues = true
        defer { inCircuitValues = outerValues }
        var circuit = QuantumCircuit(name: syntax.name.text)
        var countsGiven: (qubits: Bool, clbits: Bool) = (false, false)
        var seenArguments: Set<String> = []
        for argument in syntax.arguments {
            guard let label = argument.label else { continue }
            guard seenArguments.insert(label.text).inserted else { throw error("duplicate '\(label.text)='", at: label.range.start) }
            guard case .number(let text) = argument.value.kind, let count = UInt32(text) else {
                throw error("expected the number of \(label.text) (a non-negative integer)", at: argument.value.range.start)
            }
            switch label.text {
            case "qubits": circuit.numQubits = count; countsGiven.qubits = true
            case "clbits": circuit.numClbits = count; countsGiven.clbits = true
            default:
                let hint = Suggestion.closest(to: label.text, in: ["qubits", "clbits"]).map { " (did you mean '\($0)'?)" } ?? ""
                throw error("unknown circuit argument '\(label.text)'\(hint); expected qubits or clbits", at: label.range.start)
            }
        }
        let details = try attributes(syntax.attributes, allowed: ["metadata_text", "vector_table", "definition_count"], in: "a circuit")
        // Registers and variables first: instructions name their bits and variables.
        var cursor: [Bool: Int64] = [true: 0, false: 0]
        for statement in syntax.body {
            switch statement.node {
            case .register(let register):
                trivia.record(statement, at: .statement(path + [.part("register", circuit.registers.count)]))
                let quantum = register.kind != .classical
                let built = try self.register(register, start: cursor[quantum] ?? 0)
                if let last = built.indices.filter({ $0 >= 0 }).max() { cursor[quantum] = max(cursor[quantum] ?? 0, last + 1) }
                circuit.registers.append(built)
            case .variable(let variable):
                trivia.record(statement, at: .statement(path + [.part("var", circuit.variables.count)]))
                let stretch = variable.usage == UInt8(ascii: "A") || variable.usage == UInt8(ascii: "O")
                guard let type = variable.type ?? (stretch ? .duration : nil) else {
                    throw error("a variable needs its type (var \(variable.name.text): bool)", at: variable.name.range.end)
                }
                var usage = variable.usage
                if let detail = try attributes(variable.attributes, allowed: ["usage"], in: "a variable")["usage"] {
                    guard case .number(let text) = detail.kind, let byte = UInt8(text) else { throw error("expected usage=N (a byte)", at: detail.range.start) }
                    usage = byte
                }
                circuit.variables.append(VariableDeclaration(uuid: variable.uuid ?? .derived(fromName: variable.name.text), usage: usage,
                                                             type: type, name: variable.name.text))
            default: break
            }
        }
        let bits = CircuitBits(registers: circuit.registers)
        let scope = ClassicalScope(circuit: circuit)
        var controls: [String: (UInt32, UInt32)] = [:]
        var metadataSeen = false
        var phaseSeen = false
        for statement in syntax.body {
            switch statement.node {
            case .register, .variable: break
            case .metadata(let value, let range):
                guard !metadataSeen else { throw error("duplicate metadata: a circuit has one metadata statement", at: range.start) }
                metadataSeen = true
                circuit.metadata = value
                trivia.record(statement, at: .metadata(path))
            case .globalPhase(let value):
                guard !phaseSeen else { throw error("duplicate global_phase: a circuit has one", at: value.range.start) }
                phaseSeen = true
                circuit.globalPhase = try self.value(value)
                trivia.record(statement, at: .statement(path + [.part("global_phase", 0)]))
            case .namespace(let name, let state):
                trivia.record(statement, at: .statement(path + [.part("namespace", circuit.annotationNamespaces.count)]))
                circuit.annotationNamespaces.append(AnnotationNamespace(namespace: name.text, state: try hexBytes(state, "the namespace state")))
            case .definition(let definition):
                let definitionPath = path + [.part("definition", circuit.customDefinitions.count)]
                trivia.record(statement, at: .statement(definitionPath))
                let built = try self.definition(definition, depth: depth, path: definitionPath)
                if controls[built.name] == nil { controls[built.name] = (built.numCtrlQubits, built.ctrlState) }
                circuit.customDefinitions.append(built)
            case .operation(let operation):
                let instructionPath = path + [.element(circuit.instructions.count)]
                trivia.record(statement, at: .statement(instructionPath))
                let context = CircuitTextContext(bits: bits, scope: scope, controls: controls)
                circuit.instructions.append(try instruction(operation, context: context, depth: depth, path: instructionPath))
            case .calibration(let calibration):
                let calibrationPath = path + [.part("calibration", circuit.calibrations.count)]
                trivia.record(statement, at: .statement(calibrationPath))
                var parameters: [Value] = []
                for parameter in calibration.parameters { parameters.append(try value(parameter)) }
                inCircuitValues = false
                let schedule = try block(calibration.block, topLevel: false, depth: depth + 1, path: calibrationPath)
                inCircuitValues = true
                circuit.calibrations.append(CircuitCalibration(gate: calibration.gate.text, qubits: calibration.qubits, parameters: parameters,
                                                               schedule: schedule))
            case .layout(let layout):
                guard circuit.layout == nil else { throw error("duplicate layout: a circuit has one", at: statement.range.start) }
                trivia.record(statement, at: .statement(path + [.part("layout", 0)]))
                var extra: [CircuitRegister] = []
                for register in layout.extra { extra.append(try self.register(register, start: Int64.min)) }
                circuit.layout = CircuitLayout(initialLayout: layout.initial, inputMapping: layout.input, finalLayout: layout.final,
                                               extraRegisters: extra, inputQubitCount: layout.inputQubitCount ?? -1)
            }
        }
        if !syntax.endTrivia.isEmpty { trivia.leading[.blockEnd(path)] = syntax.endTrivia }
        let defaults = CircuitBits.defaultCounts(circuit)
        if !countsGiven.qubits { circuit.numQubits = defaults.qubits }
        if !countsGiven.clbits { circuit.numClbits = defaults.clbits }
        if let detail = details["metadata_text"] {
            guard case .string(let text) = detail.kind else { throw error("expected metadata_text=\"…\" (the stored JSON text)", at: detail.range.start) }
            if text.isEmpty {
                circuit.storage.metadataText = ""
            } else if let parsed = try? JSONText.parse(Array(text.utf8)), parsed == circuit.metadata, JSONText.serialize(parsed, style: .python) != text {
                circuit.storage.metadataText = text
            }
        }
        if let detail = details["vector_table"] {
            guard case .list(let items) = detail.kind else { throw error("expected vector_table=[[\"name\", size, \"uuid\"], …]", at: detail.range.start) }
            var table: [ParameterVectorDeclaration] = []
            for item in items {
                guard case .list(let fields) = item.kind, fields.count == 3, case .string(let name) = fields[0].kind,
                      case .number(let sizeText) = fields[1].kind, let size = UInt64(sizeText),
                      case .string(let uuidText) = fields[2].kind, let uuid = ParameterUUID(uuidText) else {
                    throw error("expected [\"name\", size, \"uuid\"]", at: item.range.start)
                }
                table.append(ParameterVectorDeclaration(name: name, size: size, rootUUID: uuid))
            }
            circuit.storage.vectorTable = table
        }
        if circuit.storage.vectorTable == nil, header.version >= 18 { circuit.storage.vectorTable = circuit.parameterVectorsInOrderOfUse }
        if let detail = details["definition_count"] {
            guard case .number(let text) = detail.kind, let count = UInt64(text) else {
                throw error("expected definition_count=N", at: detail.range.start)
            }
            circuit.storage.definitionCountInHeader = count
        }
        return circuit
    }

    func register(_ syntax: RegisterSyntax, start: Int64) throws(TextDecodingError) -> CircuitRegister {
        // A register's bits are implicit in the text; no more of them than the text could list.
        guard syntax.size <= options.maximumInputSize else {
            throw error("register \(syntax.name.text) has \(syntax.size) bits; at most \(options.maximumInputSize) are accepted (the input size limit)",
                        at: syntax.sizeRange.start)
        }
        var indices = (0..<Int64(syntax.size)).map { start &+ $0 }
        if let given = syntax.indices {
            guard given.count == syntax.size else {
                throw error("register \(syntax.name.text) has size \(syntax.size) but \(given.count) bit indices", at: syntax.indicesRange?.start ?? syntax.sizeRange.start)
            }
            indices = given
        } else if start == Int64.min, syntax.size > 0 {
            throw error("a layout register lists its bits (qreg NAME[N] = [indices])", at: syntax.sizeRange.end)
        }
        let details = try attributes(syntax.attributes, allowed: ["attachment"], in: "a register")
        var attachment: UInt8?
        if let detail = details["attachment"] {
            guard case .number(let text) = detail.kind, let byte = UInt8(text), byte <= 1 else {
                throw error("expected attachment=0 or attachment=1 (QPY 18's register_attachment byte)", at: detail.range.start)
            }
            guard header.version >= 18 else {
                throw error("a register's attachment is QPY 18's register_attachment byte; this file is QPY \(header.version)", at: detail.range.start)
            }
            attachment = byte
        } else if header.version >= 18 {
            attachment = nil
        }
        var register = CircuitRegister(kind: syntax.kind, name: syntax.name.text, standalone: syntax.standalone, inCircuit: syntax.inCircuit,
                                       indices: indices, attachment: attachment)
        if attachment == nil, header.version >= 18 { register.attachment = register.defaultAttachment }
        return register
    }

    mutating func definition(_ syntax: DefinitionSyntax, depth: Int, path: [PathStep]) throws(TextDecodingError) -> CustomDefinition {
        let name = syntax.name.isQuoted ? syntax.name.text : CircuitNames.operation(forWord: syntax.name.text)
        var definition = CustomDefinition(name: name, kind: syntax.kind, numQubits: 0, numClbits: 0, body: nil)
        switch syntax.body {
        case .none: break
        case .circuit(let body):
            let circuit = try self.circuit(body, depth: depth + 1, path: path)
            definition.body = .circuit(circuit)
            definition.numQubits = circuit.numQubits
            definition.numClbits = circuit.numClbits
        case .pauliEvolution(let value):
            definition.body = .pauliEvolution(try pauliEvolution(value))
        }
        if let qubits = syntax.qubits { definition.numQubits = qubits }
        if let clbits = syntax.clbits { definition.numClbits = clbits }
        if let control = syntax.control {
            definition.numCtrlQubits = control.0
            definition.ctrlState = control.1
        }
        if let base = syntax.base {
            let context = CircuitTextContext(bits: CircuitBits(registers: []), scope: ClassicalScope(circuit: QuantumCircuit(name: "")), controls: [:])
            definition.baseGate = try instruction(base, context: context, depth: depth, path: path + [.part("base", 0)])
        }
        return definition
    }

    func pauliEvolution(_ syntax: ValueSyntax) throws(TextDecodingError) -> PauliEvolutionDefinition {
        guard case .call(_, let arguments) = syntax.kind else { throw error("expected PauliEvolution(…)", at: syntax.range.start) }
        var evolution = PauliEvolutionDefinition(standalone: true, operators: [], time: .none, synthesis: "")
        var seen: Set<String> = []
        for argument in arguments {
            guard let label = argument.label else { throw error("PauliEvolution arguments are keyword arguments", at: argument.value.range.start) }
            seen.insert(label.text)
            switch label.text {
            case "operators":
                guard case .list(let items) = argument.value.kind else { throw error("expected operators=[…]", at: argument.value.range.start) }
                for item in items { evolution.operators.append(try pauliOperator(item)) }
            case "time": evolution.time = try value(argument.value)
            case "synthesis":
                guard case .string(let text) = argument.value.kind else { throw error("expected synthesis=\"<json>\"", at: argument.value.range.start) }
                evolution.synthesis = text
            case "standalone":
                guard case .infix(let word) = argument.value.kind, word == "true" || word == "false" else {
                    throw error("expected standalone=true or standalone=false", at: argument.value.range.start)
                }
                evolution.standalone = word == "true"
            default:
                throw error("unknown PauliEvolution argument '\(label.text)'; expected operators, time, standalone or synthesis", at: label.range.start)
            }
        }
        for required in ["operators", "time", "synthesis"] where !seen.contains(required) {
            throw error("PauliEvolution is missing \(required)=…", at: syntax.range.start)
        }
        let details = try attributes(syntax.attributes, allowed: ["flagged_operators"], in: "a Pauli evolution")
        if let flag = details["flagged_operators"] {
            guard case .infix(let word) = flag.kind, word == "true" || word == "false" else {
                throw error("expected flagged_operators=true", at: flag.range.start)
            }
            evolution.flaggedOperators = word == "true"
        }
        return evolution
    }

    func pauliOperator(_ syntax: ValueSyntax) throws(TextDecodingError) -> PauliOperator {
        guard case .call(let callee, let arguments) = syntax.kind else {
            throw error("expected SparsePauliOp(\"<npy hex>\") or SparseObservable(…)", at: syntax.range.start)
        }
        switch callee.text {
        case "SparsePauliOp":
            if arguments.count == 2, arguments.allSatisfy({ $0.label == nil }), case .list(let labelItems) = arguments[0].value.kind,
               case .list(let coefficientItems) = arguments[1].value.kind {
                guard labelItems.count == coefficientItems.count else {
                    throw error("SparsePauliOp has \(labelItems.count) labels but \(coefficientItems.count) coefficients", at: syntax.range.start)
                }
                var labels: [String] = []
                for item in labelItems {
                    guard case .string(let label) = item.kind, !label.isEmpty, label.unicodeScalars.allSatisfy({ "IXYZ".unicodeScalars.contains($0) }) else {
                        throw error("expected a Pauli label such as \"XZ\" (letters I, X, Y, Z)", at: item.range.start)
                    }
                    labels.append(label)
                }
                var coefficients: [(Double, Double)] = []
                for item in coefficientItems {
                    switch try value(item) {
                    case .float(let number): coefficients.append((number, 0))
                    case .integer(let number): coefficients.append((Double(number), 0))
                    case .complex(let real, let imaginary): coefficients.append((real, imaginary))
                    default: throw error("expected a coefficient (a number or a complex number such as 0.5-1.0j)", at: item.range.start)
                    }
                }
                return .sparsePauliOp(SparsePauliText.encode(labels: labels, coefficients: coefficients))
            }
            guard arguments.count == 1, arguments[0].label == nil else {
                throw error("expected SparsePauliOp([\"labels\", …], [coefficients, …]) or SparsePauliOp(\"<npy hex>\")", at: syntax.range.start)
            }
            return .sparsePauliOp(try hexBytes(arguments[0].value, "the operator's .npy bytes"))
        case "SparseObservable":
            var fields: [String: ValueSyntax] = [:]
            for argument in arguments { if let label = argument.label { fields[label.text] = argument.value } }
            func integers<T: FixedWidthInteger>(_ name: String, _ type: T.Type) throws(TextDecodingError) -> [T] {
                guard let field = fields[name], case .list(let items) = field.kind else {
                    throw error("SparseObservable needs \(name)=[…]", at: syntax.range.start)
                }
                var values: [T] = []
                for item in items {
                    guard case .number(let text) = item.kind, let number = T(text) else { throw error("expected an integer", at: item.range.start) }
                    values.append(number)
                }
                return values
            }
            guard let count = fields["num_qubits"], case .number(let countText) = count.kind, let numQubits = UInt32(countText) else {
                throw error("SparseObservable needs num_qubits=N", at: syntax.range.start)
            }
            guard let coefficientsField = fields["coefficients"], case .list(let items) = coefficientsField.kind else {
                throw error("SparseObservable needs coefficients=[…]", at: syntax.range.start)
            }
            var coefficients: [Double] = []
            for item in items {
                switch try value(item) {
                case .float(let number): coefficients.append(number)
                case .integer(let number): coefficients.append(Double(number))
                default: throw error("expected a float", at: item.range.start)
                }
            }
            guard let lengths = fields["lengths_in_bytes"], case .infix(let word) = lengths.kind, word == "true" || word == "false" else {
                throw error("SparseObservable needs lengths_in_bytes=true or false", at: syntax.range.start)
            }
            return .sparseObservable(SparseObservable(numQubits: numQubits, coefficients: coefficients, bitTerms: try integers("bit_terms", UInt16.self),
                                                      indices: try integers("indices", UInt32.self), boundaries: try integers("boundaries", UInt64.self),
                                                      lengthsInBytes: word == "true"))
        default:
            throw error("expected SparsePauliOp(\"<npy hex>\") or SparseObservable(…)", at: syntax.range.start)
        }
    }

    // MARK: - Instructions

    func bit(_ syntax: BitSyntax, quantum: Bool, bits: CircuitBits) throws(TextDecodingError) -> UInt32 {
        guard let register = syntax.register else {
            guard let index = UInt32(exactly: syntax.index) else { throw error("bit index out of range", at: syntax.range.start) }
            return index
        }
        guard let index = bits.bit(register, syntax.index, quantum: quantum) else {
            let kind = quantum ? "quantum" : "classical"
            if let indices = quantum ? bits.quantum[register] : bits.classical[register] {
                throw error("\(register)[\(syntax.index)] is out of range: \(kind) register \(register) has \(indices.count) bits", at: syntax.range.start)
            }
            let known = Array((quantum ? bits.quantum : bits.classical).keys).sorted()
            let hint = Suggestion.closest(to: register, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw error("unknown \(kind) register '\(register)'\(hint)", at: syntax.range.start)
        }
        return index
    }

    mutating func instruction(_ syntax: OperationSyntax, context: CircuitTextContext, depth: Int, path: [PathStep]) throws(TextDecodingError) -> CircuitInstruction {
        let name = syntax.name.isQuoted ? syntax.name.text : CircuitNames.operation(forWord: syntax.name.text)
        var instruction = CircuitInstruction(name: name, label: syntax.label)
        var circuitOrdinal = 0
        for (index, parameter) in syntax.parameters.enumerated() {
            let hint = index == 1 && syntax.parameters.count == 2 ? ClassicalText.storeHint(name, instruction.parameters + [.caseDefault]) : nil
            instruction.parameters.append(try self.parameter(parameter, ordinal: &circuitOrdinal, context: context, depth: depth, path: path, hint: hint))
        }
        switch syntax.qubits.count {
        case 1: instruction.qubits = argumentLists.list(try bit(syntax.qubits[0], quantum: true, bits: context.bits))
        case 2: instruction.qubits = argumentLists.list(try bit(syntax.qubits[0], quantum: true, bits: context.bits),
                                                        try bit(syntax.qubits[1], quantum: true, bits: context.bits))
        default: for qubit in syntax.qubits { instruction.qubits.append(try bit(qubit, quantum: true, bits: context.bits)) }
        }
        for clbit in syntax.clbits { instruction.clbits.append(try bit(clbit, quantum: false, bits: context.bits)) }
        if let counts = syntax.counts {
            guard syntax.qubits.isEmpty, syntax.clbits.isEmpty else {
                throw error("counts=(…) is for an operation stored without operands; remove its qubits and clbits", at: syntax.name.range.start)
            }
            instruction.detachedCounts = DetachedCounts(qubits: counts.0, clbits: counts.1)
        }
        if let (target, value) = syntax.legacyCondition {
            instruction.condition = .target(try self.target(target, context: context), value: value)
        }
        if let condition = syntax.condition {
            guard syntax.legacyCondition == nil else { throw error("an instruction has one condition: if= or c_if=", at: condition.range.start) }
            instruction.condition = .expression(try classical(condition, hint: nil, context: context))
        }
        let qubitCount = instruction.detachedCounts.map { Int($0.qubits) } ?? instruction.qubits.count
        let control = syntax.control ?? CircuitNames.defaultControl(name, qubits: qubitCount, version: header.version, definitions: context.controls)
        instruction.numCtrlQubits = control.0
        instruction.ctrlState = control.1
        instruction.annotations = syntax.annotations
        return instruction
    }

    func target(_ syntax: TargetSyntax, context: CircuitTextContext) throws(TextDecodingError) -> ClassicalTarget {
        let bits = context.bits
        switch syntax {
        case .register(let name, _, explicit: true):
            return .register(name)
        case .register(let name, let range, explicit: false):
            guard context.scope.registerSizes[name] != nil else {
                let hint = Suggestion.closest(to: name, in: context.scope.registerSizes.keys.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
                throw error("unknown classical register '\(name)'\(hint)", at: range.start)
            }
            return .register(name)
        case .bit(let bit): return .clbit(try self.bit(bit, quantum: false, bits: bits))
        }
    }

    /// An instruction parameter; `ordinal` counts the nested circuits read so far (their comment anchors).
    mutating func parameter(_ syntax: ParameterSyntax, ordinal: inout Int, context: CircuitTextContext, depth: Int,
                            path: [PathStep], hint: ClassicalType? = nil) throws(TextDecodingError) -> InstructionParameter {
        switch syntax {
        case .value(let value): return .value(try self.value(value))
        case .tuple(let items):
            var values: [InstructionParameter] = []
            for item in items { values.append(try parameter(item, ordinal: &ordinal, context: context, depth: depth, path: path)) }
            return .tuple(values)
        case .range(let start, let stop, let step): return .range(start: start, stop: stop, step: step)
        case .circuit(let nested):
            defer { ordinal += 1 }
            return .circuit(try circuit(nested, depth: depth + 1, path: path + [.part("param", ordinal)]))
        case .numpy(let bytes): return .numpy(bytes)
        case .target(let target): return .target(try self.target(target, context: context))
        case .caseDefault: return .caseDefault
        case .classical(let expression): return .expression(try classical(expression, hint: hint, context: context))
        case .modifier(let modifier): return .modifier(modifier)
        case .bool(let flag): return .bool(flag)
        }
    }

    // MARK: - Classical expressions

    /// Types a classical expression by the rules of ``ClassicalText``.
    func classical(_ syntax: ClassicalSyntax, hint: ClassicalType?, context: CircuitTextContext) throws(TextDecodingError) -> ClassicalExpression {
        let scope = context.scope
        let node: ClassicalExpression
        switch syntax {
        case .annotated(let inner, let type, _):
            return ClassicalText.withType(try classical(inner, hint: type, context: context), type)
        case .name(let name, let range):
            if let index = scope.variableNames[name] {
                node = .variable(.bool, .standalone(index))
            } else if scope.registerSizes[name] != nil {
                node = .variable(.bool, .register(name))
            } else {
                let known = Array(scope.variableNames.keys) + Array(scope.registerNames)
                let hint = Suggestion.closest(to: name, in: known.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
                throw error("unknown variable or classical register '\(name)'\(hint)", at: range.start)
            }
        case .bit(let bit): node = .variable(.bool, .clbit(try self.bit(bit, quantum: false, bits: context.bits)))
        case .register(let name, _):
            node = .variable(.bool, .register(name))
        case .variable(let index, _):
            node = .variable(.bool, .standalone(index))
        case .stretch(let name, let number, let range):
            if let name {
                guard let index = scope.variableNames[name] else { throw error("unknown stretch '\(name)'", at: range.start) }
                node = .stretch(.duration, index)
            } else {
                node = .stretch(.duration, number ?? 0)
            }
        case .bool(let flag, _): node = .value(.bool, .bool(flag))
        case .integer(let bytes, _): node = .value(.bool, .integer(bytes))
        case .float(let number, _): node = .value(.float, .float(number))
        case .duration(let duration, _): node = .value(.duration, .duration(duration))
        case .unary(let op, let operand, _):
            node = .unary(.bool, op: op, try classical(operand, hint: op == 2 ? nil : hint, context: context))
        case .binary(let op, let lhs, let rhs, _):
            let operandHint = ClassicalText.isBoolean(op) ? nil : hint
            let left: ClassicalExpression
            let right: ClassicalExpression
            if Self.isIntegerLiteral(lhs) && !Self.isIntegerLiteral(rhs) {
                right = try classical(rhs, hint: operandHint, context: context)
                left = try classical(lhs, hint: ClassicalText.type(of: right), context: context)
            } else {
                left = try classical(lhs, hint: operandHint, context: context)
                right = try classical(rhs, hint: ClassicalText.type(of: left), context: context)
            }
            node = .binary(.bool, op: op, left, right)
        case .cast(let type, let implicit, let operand, _):
            node = .cast(type, implicit: implicit, try classical(operand, hint: nil, context: context))
        case .index(let target, let position, _):
            node = .index(.bool, try classical(target, hint: nil, context: context), try classical(position, hint: nil, context: context))
        }
        return ClassicalText.withType(node, ClassicalText.naturalType(node, hint: hint, scope: scope))
    }

    static func isIntegerLiteral(_ syntax: ClassicalSyntax) -> Bool {
        switch syntax {
        case .integer: return true
        case .annotated(let inner, _, _): if case .integer = inner { return true }; return false
        default: return false
        }
    }
}
