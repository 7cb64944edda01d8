import QPYDiagnostics
import QPYExpression
import QPYModel

/// Circuits: registers, variables, custom definitions, one instruction per line, nested circuits
/// (control-flow bodies, definitions) as indented blocks, calibrations as attached schedules.
extension TextEncoder {
    /// The circuits of the file (none for a file of schedule blocks).
    var circuits: [QuantumCircuit] {
        if case .circuits(let circuits) = file.programs { return circuits }
        return []
    }

    /// Every calibration schedule of every circuit, in text order.
    var calibrationBlocks: [ScheduleBlock] {
        var blocks: [ScheduleBlock] = []
        func visit(_ circuit: QuantumCircuit) {
            for definition in circuit.customDefinitions {
                if case .circuit(let body)? = definition.body { visit(body) }
                if let base = definition.baseGate { visit(base) }
            }
            for instruction in circuit.instructions { visit(instruction) }
            blocks += circuit.calibrations.map(\.schedule)
        }
        func visit(_ instruction: CircuitInstruction) { for parameter in instruction.parameters { visit(parameter) } }
        func visit(_ parameter: InstructionParameter) {
            switch parameter {
            case .circuit(let nested): visit(nested)
            case .tuple(let items): items.forEach(visit)
            default: break
            }
        }
        circuits.forEach(visit)
        return blocks
    }

    // MARK: - Circuit blocks

    /// Whether a circuit is written `circuit NAME {}` on one line.
    func isEmptyCircuit(_ circuit: QuantumCircuit, path: [PathStep]) -> Bool {
        circuitStatementCount(circuit) == 0 && (trivia.leading[.blockEnd(path)] ?? []).isEmpty
    }

    /// `circuit NAME, qubits=N, clbits=M @qpy(…)`.
    func circuitHeader(_ circuit: QuantumCircuit) -> String {
        var header = "circuit " + StringLiteral.quotedUnlessIdentifier(circuit.name, avoiding: CircuitNames.statementWords)
        let counts = CircuitBits.defaultCounts(circuit)
        if circuit.numQubits != counts.qubits { header += ", qubits=\(circuit.numQubits)" }
        if circuit.numClbits != counts.clbits { header += ", clbits=\(circuit.numClbits)" }
        var details: [String] = []
        if let text = circuit.storage.metadataText { details.append("metadata_text=" + StringLiteral.quoted(text)) }
        if let table = circuit.storage.vectorTable, table != circuit.parameterVectorsInOrderOfUse {
            details.append("vector_table=[" + table.map {
                "[" + StringLiteral.quoted($0.name) + ", \($0.size), \"\($0.rootUUID)\"]"
            }.joined(separator: ", ") + "]")
        }
        if let count = circuit.storage.definitionCountInHeader { details.append("definition_count=\(count)") }
        if !details.isEmpty { header += " @qpy(" + details.joined(separator: ", ") + ")" }
        return header
    }

    /// How the first line of a circuit block is written: as a statement (with its comments), as the
    /// first line of a statement whose comments are written, or after a `}` on the same line.
    enum FirstLine {
        case statement, plain, continuation
    }

    mutating func writeCircuit(_ circuit: QuantumCircuit, prefix: String, level: Int, path: [PathStep], firstLine: FirstLine = .statement) {
        let header = prefix + circuitHeader(circuit)
        let statements = circuitStatementCount(circuit)
        let endTrivia = trivia.leading[.blockEnd(path)] ?? []
        switch firstLine {
        case .continuation: writer.close(header + " {", level: level, opensBlock: true)
        case .plain: writer.write(header + " {", level: level, opensBlock: true)
        case .statement: writeStatement(header + " {", anchor: .statement(path), level: level, opensBlock: true, trailing: false)
        }
        if statements > 0 || !endTrivia.isEmpty { writeCircuitBody(circuit, level: level + 1, path: path) }
        writer.trivia(endTrivia, level: level + 1)
    }

    func circuitStatementCount(_ circuit: QuantumCircuit) -> Int {
        circuit.registers.count + circuit.variables.count + circuit.annotationNamespaces.count + circuit.customDefinitions.count
            + circuit.instructions.count + circuit.calibrations.count + (circuit.layout == nil ? 0 : 1)
            + (circuit.metadata == .emptyObject ? 0 : 1) + (isDefaultPhase(circuit.globalPhase) ? 0 : 1)
    }

    func isDefaultPhase(_ value: Value) -> Bool {
        if case .float(let phase) = value, phase.bitPattern == 0 { return true }
        return false
    }

    /// A top-level circuit: the block and its closing brace.
    mutating func writeTopCircuit(_ circuit: QuantumCircuit, path: [PathStep]) {
        inCircuitValues = true
        defer { inCircuitValues = false }
        if isEmptyCircuit(circuit, path: path) {
            writeStatement(circuitHeader(circuit) + " {}", anchor: .statement(path), level: 0)
            return
        }
        writeCircuit(circuit, prefix: "", level: 0, path: path)
        var close = "}"
        if let comment = trivia.trailing[.statement(path)] { close += "  #" + comment }
        writer.close(close, level: 0)
    }

    mutating func writeCircuitBody(_ circuit: QuantumCircuit, level: Int, path: [PathStep]) {
        let bits = CircuitBits(registers: circuit.registers)
        let scope = ClassicalScope(circuit: circuit)
        if circuit.metadata != .emptyObject {
            writeStatement("metadata " + JSONLine.text(circuit.metadata), anchor: .metadata(path), level: level)
        }
        if !isDefaultPhase(circuit.globalPhase) {
            writeStatement("global_phase " + valueText(circuit.globalPhase), anchor: .statement(path + [.part("global_phase", 0)]), level: level)
        }
        var cursor: [Bool: Int64] = [true: 0, false: 0]
        for (index, register) in circuit.registers.enumerated() {
            let quantum = register.kind != .classical
            writeStatement(registerText(register, start: cursor[quantum] ?? 0), anchor: .statement(path + [.part("register", index)]), level: level)
            if let last = register.indices.filter({ $0 >= 0 }).max() { cursor[quantum] = max(cursor[quantum] ?? 0, last + 1) }
        }
        for (index, variable) in circuit.variables.enumerated() {
            writeStatement(variableText(variable), anchor: .statement(path + [.part("var", index)]), level: level)
        }
        for (index, namespace) in circuit.annotationNamespaces.enumerated() {
            writeStatement("annotation_namespace " + StringLiteral.quoted(namespace.namespace) + " = \"" + HexText.string(namespace.state) + "\"",
                           anchor: .statement(path + [.part("namespace", index)]), level: level)
        }
        var controls: [String: (UInt32, UInt32)] = [:]
        for definition in circuit.customDefinitions where controls[definition.name] == nil {
            controls[definition.name] = (definition.numCtrlQubits, definition.ctrlState)
        }
        let context = CircuitTextContext(bits: bits, scope: scope, controls: controls)
        for (index, definition) in circuit.customDefinitions.enumerated() {
            writeDefinition(definition, level: level, path: path + [.part("definition", index)])
        }
        let instructions = circuit.instructions
        nonisolated(unsafe) let lineContext = context
        writeList(count: instructions.count) { encoder, index in
            encoder.operationChunks(instructions[index], context: lineContext)
        } write: { encoder, index, chunks in
            let instructionPath = path + [.element(index)]
            encoder.writeChunks(chunks, level: level, path: instructionPath, parameterPath: instructionPath)
        }
        for (index, calibration) in circuit.calibrations.enumerated() {
            var prefix = "calibration " + StringLiteral.quotedUnlessIdentifier(calibration.gate, avoiding: ["None"])
            if !calibration.parameters.isEmpty { prefix += "(" + calibration.parameters.map(valueText).joined(separator: ", ") + ")" }
            prefix += calibration.qubits.isEmpty ? " =" : " " + calibration.qubits.map(String.init).joined(separator: ", ") + " ="
            inCircuitValues = false
            writeBlock(calibration.schedule, keyword: "schedule", prefix: prefix + " ", level: level, path: path + [.part("calibration", index)],
                       topLevel: false)
            inCircuitValues = true
        }
        if let layout = circuit.layout {
            writeStatement(layoutText(layout), anchor: .statement(path + [.part("layout", 0)]), level: level)
        }
    }

    func registerText(_ register: CircuitRegister, start: Int64) -> String {
        let keyword = register.kind == .quantum ? "qreg" : register.kind == .classical ? "creg" : "areg"
        var text = keyword + " " + StringLiteral.quotedUnlessIdentifier(register.name, avoiding: []) + "[\(register.indices.count)]"
        let expected = (0..<Int64(register.indices.count)).map { start + $0 }
        if register.indices != expected { text += " = [" + register.indices.map(String.init).joined(separator: ", ") + "]" }
        if !register.standalone { text += ", standalone=false" }
        if !register.inCircuit { text += ", in_circuit=false" }
        if let attachment = register.attachment, attachment != register.defaultAttachment { text += " @qpy(attachment=\(attachment))" }
        return text
    }

    func variableText(_ variable: VariableDeclaration) -> String {
        let stretch = variable.usage == UInt8(ascii: "A") || variable.usage == UInt8(ascii: "O")
        var text: String
        switch variable.usage {
        case UInt8(ascii: "I"): text = "input var "
        case UInt8(ascii: "C"): text = "captured var "
        case UInt8(ascii: "L"): text = "var "
        case UInt8(ascii: "A"): text = "captured stretch "
        case UInt8(ascii: "O"): text = "stretch "
        default: text = "var "
        }
        text += StringLiteral.quotedUnlessIdentifier(variable.name, avoiding: [])
        if !(stretch && variable.type == .duration) { text += ": " + ClassicalText.typeText(variable.type) }
        if variable.uuid != .derived(fromName: variable.name) { text += " = \(variable.uuid)" }
        if ![UInt8(ascii: "I"), UInt8(ascii: "C"), UInt8(ascii: "L"), UInt8(ascii: "A"), UInt8(ascii: "O")].contains(variable.usage) {
            text += " @qpy(usage=\(variable.usage))"
        }
        return text
    }

    func layoutText(_ layout: CircuitLayout) -> String {
        var parts: [String] = []
        if let initial = layout.initialLayout {
            parts.append("initial=[" + initial.map { bit in
                bit.map { StringLiteral.quotedUnlessIdentifier($0.register, avoiding: ["None"]) + "[\($0.index)]" } ?? "None"
            }.joined(separator: ", ") + "]")
        }
        if let input = layout.inputMapping { parts.append("input=[" + input.map(String.init).joined(separator: ", ") + "]") }
        if let final = layout.finalLayout { parts.append("final=[" + final.map(String.init).joined(separator: ", ") + "]") }
        if version >= 10 { parts.append("input_qubit_count=\(layout.inputQubitCount)") }
        for register in layout.extraRegisters {
            parts.append("extra=" + registerText(register, start: Int64.min))
        }
        return "layout" + (parts.isEmpty ? "" : " " + parts.joined(separator: ", "))
    }

    // MARK: - Definitions

    mutating func writeDefinition(_ definition: CustomDefinition, level: Int, path: [PathStep]) {
        let kinds: [UInt8: String] = [UInt8(ascii: "g"): "gate", UInt8(ascii: "i"): "instruction", UInt8(ascii: "p"): "pauli_evolution",
                                      UInt8(ascii: "c"): "controlled_gate", UInt8(ascii: "a"): "annotated_operation"]
        var text = (kinds[definition.kind] ?? "definition(\(definition.kind))") + " " + CircuitNames.text(ofOperation: definition.name)
        var bodyCounts: (UInt32, UInt32)?
        if case .circuit(let body)? = definition.body { bodyCounts = (body.numQubits, body.numClbits) }
        if definition.numQubits != bodyCounts?.0 ?? 0 || bodyCounts == nil && definition.numQubits != 0 { text += ", qubits=\(definition.numQubits)" }
        if definition.numClbits != bodyCounts?.1 ?? 0 { text += ", clbits=\(definition.numClbits)" }
        if definition.numCtrlQubits != 0 || definition.ctrlState != 0 { text += ", ctrl=(\(definition.numCtrlQubits), \(definition.ctrlState))" }
        var chunks: [Chunk] = [.text(text)]
        if let base = definition.baseGate {
            let context = CircuitTextContext(bits: CircuitBits(registers: []), scope: ClassicalScope(circuit: QuantumCircuit(name: "")), controls: [:])
            chunks += [.text(", base=(")] + operationChunks(base, context: context) + [.text(")")]
        }
        chunks.append(.text(" = "))
        switch definition.body {
        case nil: chunks.append(.text("None"))
        case .pauliEvolution(let evolution)?: chunks.append(.text(pauliEvolutionText(evolution)))
        case .circuit(let body)?: chunks.append(.body(body))
        }
        writeChunks(chunks, level: level, path: path, parameterPath: path + [.part("base", 0)])
    }

    func pauliEvolutionText(_ evolution: PauliEvolutionDefinition) -> String {
        let operators = evolution.operators.map { op -> String in
            switch op {
            case .sparsePauliOp(let npy):
                if let (labels, coefficients) = SparsePauliText.decode(npy), labels.count == coefficients.count,
                   coefficients.allSatisfy({ $0.0.isFinite && $0.1.isFinite }),
                   labels.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy { "IXYZ".unicodeScalars.contains($0) } }),
                   SparsePauliText.encode(labels: labels, coefficients: coefficients) == npy {
                    return "SparsePauliOp([" + labels.map(StringLiteral.quoted).joined(separator: ", ") + "], ["
                        + coefficients.map { $0.1.bitPattern == 0 ? Self.floatWord($0.0) : Self.complexText($0.0, $0.1) }.joined(separator: ", ") + "])"
                }
                return "SparsePauliOp(\"" + HexText.string(npy) + "\")"
            case .sparseObservable(let observable):
                return "SparseObservable(num_qubits=\(observable.numQubits), coefficients=["
                    + observable.coefficients.map { valueText(.float($0)) }.joined(separator: ", ")
                    + "], bit_terms=[" + observable.bitTerms.map(String.init).joined(separator: ", ")
                    + "], indices=[" + observable.indices.map(String.init).joined(separator: ", ")
                    + "], boundaries=[" + observable.boundaries.map(String.init).joined(separator: ", ")
                    + "], lengths_in_bytes=" + (observable.lengthsInBytes ? "true" : "false") + ")"
            }
        }
        var text = "PauliEvolution(operators=[" + operators.joined(separator: ", ") + "], time=" + valueText(evolution.time)
        if !evolution.standalone { text += ", standalone=false" }
        text += ", synthesis=" + StringLiteral.quoted(evolution.synthesis) + ")"
        if evolution.flaggedOperators { text += " @qpy(flagged_operators=true)" }
        return text
    }

    // MARK: - Instructions

    enum Chunk {
        case text(String)
        /// A circuit parameter, numbered in text order.
        case circuit(QuantumCircuit, Int)
        /// A definition's body circuit.
        case body(QuantumCircuit)
    }

    /// Writes a statement made of text and circuit blocks: each block opens at the end of the text
    /// before it, and the text after it continues its `}` line.
    mutating func writeChunks(_ chunks: [Chunk], level: Int, path: [PathStep], parameterPath: [PathStep]) {
        var line = ""
        var opened = false
        if hasTrivia { writer.trivia(trivia.leading[.statement(path)] ?? [], level: level) }
        for chunk in chunks {
            let nested: QuantumCircuit
            let nestedPath: [PathStep]
            switch chunk {
            case .text(let part):
                line += part
                continue
            case .circuit(let circuit, let index):
                nested = circuit
                nestedPath = parameterPath + [.part("param", index)]
            case .body(let circuit):
                nested = circuit
                nestedPath = path
            }
            if isEmptyCircuit(nested, path: nestedPath) {
                line += circuitHeader(nested) + " {}"
                continue
            }
            writeCircuit(nested, prefix: line, level: level, path: nestedPath, firstLine: opened ? .continuation : .plain)
            opened = true
            line = "}"
        }
        if hasTrivia, let comment = trivia.trailing[.statement(path)] { line += "  #" + comment }
        if opened { writer.close(line, level: level) } else { writer.write(line, level: level) }
    }

    /// The instruction as text, with its nested circuits as separate chunks.
    func operationChunks(_ instruction: CircuitInstruction, context: CircuitTextContext) -> [Chunk] {
        var chunks: [Chunk] = [.text(CircuitNames.text(ofOperation: instruction.name))]
        if !instruction.parameters.isEmpty {
            chunks.append(.text("("))
            for (index, parameter) in instruction.parameters.enumerated() {
                if index > 0 { chunks.append(.text(", ")) }
                chunks += parameterChunks(parameter, index: index, context: context,
                                          hint: index == 1 ? ClassicalText.storeHint(instruction.name, instruction.parameters) : nil)
            }
            chunks.append(.text(")"))
        }
        var items: [String] = []
        if instruction.detachedCounts == nil {
            var operands = instruction.qubits.map { context.bits.text($0, quantum: true) }.joined(separator: ", ")
            if !instruction.clbits.isEmpty {
                operands += (operands.isEmpty ? "-> " : " -> ") + instruction.clbits.map { context.bits.text($0, quantum: false) }.joined(separator: ", ")
            }
            if !operands.isEmpty { chunks.append(.text(" " + operands)) }
        } else if let counts = instruction.detachedCounts {
            items.append("counts=(\(counts.qubits), \(counts.clbits))")
        }
        if let label = instruction.label { items.append("label=" + StringLiteral.quoted(label)) }
        switch instruction.condition {
        case .none: break
        case .target(let target, let value): items.append("c_if=(" + targetText(target, context: context) + ", \(value))")
        case .expression(let expression): items.append("if=" + classicalText(expression, hint: nil, context: context))
        }
        let qubitCount = instruction.detachedCounts.map { Int($0.qubits) } ?? instruction.qubits.count
        let expected = CircuitNames.defaultControl(instruction.name, qubits: qubitCount, version: version, definitions: context.controls)
        if instruction.numCtrlQubits != expected.0 || instruction.ctrlState != expected.1 {
            items.append("ctrl=(\(instruction.numCtrlQubits), \(instruction.ctrlState))")
        }
        if !instruction.annotations.isEmpty {
            items.append("annotations=[" + instruction.annotations.map { "(\($0.namespaceIndex), \"" + HexText.string($0.payload) + "\")" }
                .joined(separator: ", ") + "]")
        }
        if !items.isEmpty {
            let separator = instruction.detachedCounts == nil && (instruction.qubits.count + instruction.clbits.count) > 0 ? ", " : " "
            chunks.append(.text(separator + items.joined(separator: ", ")))
        }
        // Merge adjacent text; number the nested circuits in text order (their comment anchors).
        var merged: [Chunk] = []
        var ordinal = 0
        for chunk in chunks {
            if case .text(let part) = chunk, case .text(let previous)? = merged.last {
                merged[merged.count - 1] = .text(previous + part)
            } else if case .circuit(let nested, _) = chunk {
                merged.append(.circuit(nested, ordinal))
                ordinal += 1
            } else {
                merged.append(chunk)
            }
        }
        return merged
    }

    func parameterChunks(_ parameter: InstructionParameter, index: Int, context: CircuitTextContext, hint: ClassicalType? = nil) -> [Chunk] {
        switch parameter {
        case .value(let value):
            var text = valueText(value)
            if ["default", "inverse"].contains(text) { text = "(" + text + ")" }
            return [.text(text)]
        case .tuple(let items):
            var chunks: [Chunk] = [.text("(")]
            for (offset, item) in items.enumerated() {
                if offset > 0 { chunks.append(.text(", ")) }
                chunks += parameterChunks(item, index: index, context: context)
            }
            chunks.append(.text(items.count == 1 ? ",)" : ")"))
            return chunks
        case .range(let start, let stop, let step): return [.text("range(\(start), \(stop), \(step))")]
        case .circuit(let circuit): return [.circuit(circuit, index)]
        case .numpy(let bytes): return [.text("numpy(\"" + HexText.string(bytes) + "\")")]
        case .target(let target): return [.text("target(" + targetText(target, context: context) + ")")]
        case .caseDefault: return [.text("default")]
        case .expression(let expression): return [.text("classical(" + classicalText(expression, hint: hint, context: context) + ")")]
        case .modifier(let modifier):
            switch modifier.kind {
            case UInt8(ascii: "i") where modifier.numCtrlQubits == 0 && modifier.ctrlState == 0 && modifier.power.bitPattern == 0:
                return [.text("inverse")]
            case UInt8(ascii: "c") where modifier.power.bitPattern == 0:
                return [.text("control(\(modifier.numCtrlQubits), \(modifier.ctrlState))")]
            case UInt8(ascii: "p") where modifier.numCtrlQubits == 0 && modifier.ctrlState == 0:
                return [.text("power(" + Self.floatWord(modifier.power) + ")")]
            default:
                return [.text("modifier(\(modifier.kind), \(modifier.numCtrlQubits), \(modifier.ctrlState), " + Self.floatWord(modifier.power) + ")")]
            }
        case .bool(let flag): return [.text(flag ? "bool(true)" : "bool(false)")]
        }
    }

    func targetText(_ target: ClassicalTarget, context: CircuitTextContext) -> String {
        switch target {
        case .clbit(let index): return context.bits.text(index, quantum: false)
        case .register(let name):
            return context.scope.registerNames.contains(name) && context.bits.classical[name] != nil
                ? name : "register(" + StringLiteral.quoted(name) + ")"
        }
    }

    // MARK: - Classical expressions

    func classicalText(_ expression: ClassicalExpression, hint: ClassicalType?, context: CircuitTextContext) -> String {
        let natural = ClassicalText.naturalType(expression, hint: hint, scope: context.scope)
        let actual = ClassicalText.type(of: expression)
        var text: String
        var compound = false
        switch expression {
        case .variable(_, let variable):
            switch variable {
            case .clbit(let index): text = context.bits.text(index, quantum: false)
            case .register(let name):
                text = context.scope.registerNames.contains(name) ? name : "register(" + StringLiteral.quoted(name) + ")"
            case .standalone(let index):
                let name = Int(index) < context.scope.variables.count ? context.scope.variables[Int(index)].name : ""
                text = context.scope.variableNames[name] == index ? name : "var(\(index))"
            }
        case .stretch(_, let index):
            let name = Int(index) < context.scope.variables.count ? context.scope.variables[Int(index)].name : ""
            text = context.scope.variableNames[name] == index ? "stretch(" + name + ")" : "stretch(\(index))"
        case .value(_, let literal):
            switch literal {
            case .bool(let flag): text = flag ? "true" : "false"
            case .integer(let bytes):
                if bytes.count <= 8, let value = Optional(bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }),
                   ClassicalText.minimalBytes(value) == bytes {
                    text = String(value)
                } else {
                    text = "0x" + HexText.string(bytes)
                }
            case .float(let number): text = ClassicalText.floatText(number)
            case .duration(.dt(let ticks)): text = "\(ticks)dt"
            case .duration(.time(let time, let unit)):
                if let unitText = ClassicalText.durationUnits.first(where: { $0.0 == unit })?.1, time.isFinite {
                    text = Self.floatWord(time) + unitText
                } else {
                    text = "time(" + Self.floatWord(time) + ", \(unit))"
                }
            }
        case .cast(let type, let implicit, let operand):
            let inner = classicalText(operand, hint: nil, context: context)
            text = implicit ? ClassicalText.typeText(type) + "(" + inner + ")" : "cast(" + ClassicalText.typeText(type) + ", " + inner + ")"
        case .unary(_, let op, let operand):
            var inner = classicalText(operand, hint: op == 2 ? nil : hint, context: context)
            if let symbol = ClassicalText.unaryOperators[op] {
                if Self.isCompound(operand) || Self.isNumberLiteral(operand) { inner = "(" + inner + ")" }
                text = symbol + inner
                compound = true
            } else {
                text = "unary(\(op), " + inner + ")"
            }
        case .binary(_, let op, let lhs, let rhs):
            let operandHint = ClassicalText.isBoolean(op) ? nil : hint
            var left: String
            var right: String
            if ClassicalText.isIntegerLiteral(lhs) && !ClassicalText.isIntegerLiteral(rhs) {
                right = classicalText(rhs, hint: operandHint, context: context)
                left = classicalText(lhs, hint: ClassicalText.type(of: rhs), context: context)
            } else {
                left = classicalText(lhs, hint: operandHint, context: context)
                right = classicalText(rhs, hint: ClassicalText.type(of: lhs), context: context)
            }
            if let symbol = ClassicalText.binaryOperators[op] {
                if Self.isCompound(lhs) { left = "(" + left + ")" }
                if Self.isCompound(rhs) { right = "(" + right + ")" }
                text = left + " " + symbol + " " + right
                compound = true
            } else {
                text = "binary(\(op), " + left + ", " + right + ")"
            }
        case .index(_, let target, let index):
            text = "index(" + classicalText(target, hint: nil, context: context) + ", " + classicalText(index, hint: nil, context: context) + ")"
        }
        if natural != actual {
            text = (compound ? "(" + text + ")" : text) + ":" + ClassicalText.typeText(actual)
        }
        return text
    }

    static func isCompound(_ expression: ClassicalExpression) -> Bool {
        switch expression {
        case .unary, .binary: return true
        default: return false
        }
    }

    static func isNumberLiteral(_ expression: ClassicalExpression) -> Bool {
        switch expression {
        case .value(_, .float), .value(_, .integer), .value(_, .duration): return true
        default: return false
        }
    }
}

/// What writing a circuit's instructions needs: bit names, the classical scope and the control
/// data of its custom definitions.
struct CircuitTextContext {
    var bits: CircuitBits
    var scope: ClassicalScope
    var controls: [String: (UInt32, UInt32)]
}

extension StringLiteral {
    /// An identifier as is, anything else (or a reserved word) quoted.
    static func quotedUnlessIdentifier(_ text: String, avoiding words: Set<String>) -> String {
        SymbolNames.isIdentifier(text) && !words.contains(text) ? text : quoted(text)
    }
}
