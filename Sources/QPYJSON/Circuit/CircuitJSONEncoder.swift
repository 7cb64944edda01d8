import QPYExpression
import QPYModel

/// Circuits to JSON: gates by name with their qubits and parameters, expressions as infix text.
struct CircuitJSONEncoder {
    let values: ValueJSON
    let schedules: ScheduleJSONEncoder
    let version: Int
    /// The line limit of the pretty layout at the level of a streamed circuit's instructions
    /// (document, circuit list, circuit, instruction list, instruction: level 4).
    var streamedInstructionLineLimit = 40

    func circuit(_ circuit: QuantumCircuit) -> JSONValue {
        .object(members(of: circuit, instructions: .array(circuit.instructions.map(instruction))))
    }

    /// The circuit for streamed output: with enough instructions that its instruction list and
    /// the circuit itself never fit on one line, the list is written an instruction at a time.
    func streamed(_ circuit: QuantumCircuit) -> JSONStream {
        guard circuit.instructions.count >= JSONStreaming.minimumElements else { return .value(self.circuit(circuit)) }
        let instructions = circuit.instructions
        return .object(members(of: circuit, instructions: .null).map { member in
            guard member.key == "instructions" else { return (member.key, .value(member.value)) }
            // Each thread writing a run of instructions gets an encoder with caches of its own;
            // the rest (the model, the parameter table) is only read.
            nonisolated(unsafe) let encoder = self
            return (member.key, .parallelTextArray(count: instructions.count) {
                let own = encoder.withOwnCaches()
                // Through a pointer: the instruction's fields are read in place; passing the
                // instruction itself made a copy of it (retaining and releasing every field).
                return { index, out in instructions.withUnsafeBufferPointer { own.write($0.baseAddress! + index, into: &out) } }
            })
        })
    }

    /// This encoder with fresh memo caches (for another thread).
    func withOwnCaches() -> CircuitJSONEncoder {
        var copy = CircuitJSONEncoder(values: values, schedules: schedules.withOwnCaches(), version: version)
        copy.streamedInstructionLineLimit = streamedInstructionLineLimit
        return copy
    }

    /// An instruction for streamed output: a plain gate (ASCII name, no label, condition or
    /// annotations, parameters that are JSON numbers or plain ASCII strings) whose one-line text
    /// fits the line limit, as that text appended to `out` (no JSONValue tree, returns `nil`);
    /// anything else as the tree, `out` left as it was.
    private func write(_ instruction: UnsafePointer<CircuitInstruction>, into out: inout [UInt8]) -> JSONStream? {
        guard instruction.pointee.hasOnlyCommonFields else { return .value(self.instruction(instruction.pointee)) }
        let start = out.count
        if appendPlain(instruction, to: &out), out.count - start <= streamedInstructionLineLimit { return nil }
        out.removeSubrange(start...)
        return .value(self.instruction(instruction.pointee))
    }

    /// The one-line text of a plain gate; false (and `out` partly written) when it is not one.
    /// ASCII only: the byte count is the character count.
    private func appendPlain(_ instruction: UnsafePointer<CircuitInstruction>, to text: inout [UInt8]) -> Bool {
        Self.appendLiteral(#"{"op": "#, to: &text)
        guard Self.appendPlainString(instruction.pointee.name, to: &text) else { return false }
        Self.appendLiteral(#", "qubits": ["#, to: &text)
        Self.appendIntegers(instruction.pointee.qubits, to: &text)
        if !instruction.pointee.clbits.isEmpty {
            Self.appendLiteral(#", "clbits": ["#, to: &text)
            Self.appendIntegers(instruction.pointee.clbits, to: &text)
        }
        if !instruction.pointee.parameters.isEmpty {
            Self.appendLiteral(#", "params": ["#, to: &text)
            for (index, parameter) in instruction.pointee.parameters.enumerated() {
                if index > 0 { Self.appendLiteral(", ", to: &text) }
                guard case .value(let value) = parameter else { return false }
                if case .float(let number) = value, number.isFinite {
                    // What JSONNumbers.float writes, without the String.
                    DoubleDescription.append(number, to: &text)
                    continue
                }
                switch values.encode(value, .numeric) {
                case .number(let number): text.append(contentsOf: number.utf8)
                case .string(let string):
                    guard Self.appendPlainString(string, to: &text) else { return false }
                default: return false
                }
            }
            text.append(UInt8(ascii: "]"))
        }
        if instruction.pointee.numCtrlQubits != 0 || instruction.pointee.ctrlState != 0 {
            Self.appendLiteral(#", "ctrl": ["#, to: &text)
            Self.appendDecimal(instruction.pointee.numCtrlQubits, to: &text)
            Self.appendLiteral(", ", to: &text)
            Self.appendDecimal(instruction.pointee.ctrlState, to: &text)
            text.append(UInt8(ascii: "]"))
        }
        text.append(UInt8(ascii: "}"))
        return true
    }

    /// `"text"` when the text needs no escaping and is printable ASCII; false (and `out` partly
    /// written) otherwise.
    private static func appendPlainString(_ string: String, to out: inout [UInt8]) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            for byte in bytes {
                guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") else { return false }
            }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return true
        }
    }

    /// Appends a literal's bytes (copied as one block).
    @inline(__always)
    private static func appendLiteral(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// `1, 2, 3]`.
    private static func appendIntegers(_ values: [UInt32], to out: inout [UInt8]) {
        for (index, value) in values.enumerated() {
            if index > 0 { Self.appendLiteral(", ", to: &out) }
            appendDecimal(value, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// The decimal digits of `value` (as `String(value)` spells it).
    private static func appendDecimal(_ value: UInt32, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// The circuit's members, with `instructions` as the instruction list's value.
    private func members(of circuit: QuantumCircuit, instructions: JSONValue) -> [JSONMember] {
        var members: [JSONMember] = [
            JSONMember("name", .string(circuit.name)),
            JSONMember("num_qubits", .number(String(circuit.numQubits))),
            JSONMember("num_clbits", .number(String(circuit.numClbits))),
            JSONMember("global_phase", values.encode(circuit.globalPhase, .numeric)),
            JSONMember("metadata", MetadataJSON.portable(circuit.metadata)),
            JSONMember("registers", .array(circuit.registers.map(register))),
        ]
        if !circuit.variables.isEmpty {
            members.append(JSONMember("variables", .array(circuit.variables.map { variable in
                .object([
                    JSONMember("name", .string(variable.name)), JSONMember("uuid", .string(variable.uuid.description)),
                    JSONMember("usage", CircuitJSONNames.name(variable.usage, in: CircuitJSONNames.usages)),
                    JSONMember("type", type(variable.type)),
                ])
            })))
        }
        if !circuit.annotationNamespaces.isEmpty {
            members.append(JSONMember("annotation_namespaces", .array(circuit.annotationNamespaces.map {
                .object([JSONMember("namespace", .string($0.namespace)), JSONMember("state", .string(JSONNumbers.hex($0.state)))])
            })))
        }
        if !circuit.customDefinitions.isEmpty {
            members.append(JSONMember("definitions", .array(circuit.customDefinitions.map(definition))))
        }
        members.append(JSONMember("instructions", instructions))
        if !circuit.calibrations.isEmpty {
            members.append(JSONMember("calibrations", .array(circuit.calibrations.map { calibration in
                .object([
                    JSONMember("gate", .string(calibration.gate)),
                    JSONMember("qubits", .array(calibration.qubits.map { .number(String($0)) })),
                    JSONMember("params", .array(calibration.parameters.map { values.encode($0, .numeric) })),
                    JSONMember("schedule", schedules.block(calibration.schedule, topLevel: false, nested: false)),
                ])
            })))
        }
        if let layout = circuit.layout { members.append(JSONMember("layout", self.layout(layout))) }
        var storage: [JSONMember] = []
        if circuit.storage.metadataText == "" {
            storage.append(JSONMember("metadata_text", .string("")))
        } else if let text = MetadataJSON.storedText(circuit.metadata, storage: BlockStorage(metadataText: circuit.storage.metadataText)) {
            storage.append(JSONMember("metadata_text", .string(text)))
        }
        if let table = circuit.storage.vectorTable, table != circuit.parameterVectorsInOrderOfUse {
            storage.append(JSONMember("vector_table", .array(table.map {
                .object([JSONMember("name", .string($0.name)), JSONMember("length", .number(String($0.size))),
                         JSONMember("root_uuid", .string($0.rootUUID.description))])
            })))
        }
        if let count = circuit.storage.definitionCountInHeader {
            storage.append(JSONMember("definition_count_in_header", .number(String(count))))
        }
        if !storage.isEmpty { members.append(JSONMember("qpy", .object(storage))) }
        return members
    }

    private func register(_ register: CircuitRegister) -> JSONValue {
        var members = [
            JSONMember("name", .string(register.name)), JSONMember("kind", .string(register.kind.rawValue)),
            JSONMember("bits", .array(register.indices.map { .number(String($0)) })),
        ]
        if !register.standalone { members.append(JSONMember("standalone", .bool(false))) }
        if !register.inCircuit { members.append(JSONMember("in_circuit", .bool(false))) }
        if let attachment = register.attachment, attachment != register.defaultAttachment {
            members.append(JSONMember("qpy", .object([JSONMember("attachment", .number(String(attachment)))])))
        }
        return .object(members)
    }

    func type(_ type: ClassicalType) -> JSONValue {
        switch type {
        case .bool: return .string("bool")
        case .uint(let width): return .object([JSONMember("uint", .number(String(width)))])
        case .float: return .string("float")
        case .duration: return .string("duration")
        }
    }

    private func definition(_ definition: CustomDefinition) -> JSONValue {
        var members = [
            JSONMember("name", .string(definition.name)),
            JSONMember("kind", CircuitJSONNames.name(definition.kind, in: CircuitJSONNames.definitionKinds)),
            JSONMember("num_qubits", .number(String(definition.numQubits))),
            JSONMember("num_clbits", .number(String(definition.numClbits))),
        ]
        if definition.numCtrlQubits != 0 || definition.ctrlState != 0 {
            members.append(JSONMember("ctrl", .array([.number(String(definition.numCtrlQubits)), .number(String(definition.ctrlState))])))
        }
        switch definition.body {
        case .circuit(let circuit)?: members.append(JSONMember("definition", self.circuit(circuit)))
        case .pauliEvolution(let evolution)?: members.append(JSONMember("pauli_evolution", pauliEvolution(evolution)))
        case nil: members.append(JSONMember("definition", .null))
        }
        if let base = definition.baseGate { members.append(JSONMember("base_gate", instruction(base))) }
        return .object(members)
    }

    private func pauliEvolution(_ evolution: PauliEvolutionDefinition) -> JSONValue {
        .object((evolution.flaggedOperators ? [JSONMember("qpy", .object([JSONMember("flagged_operators", .bool(true))]))] : []) + [
            JSONMember("standalone", .bool(evolution.standalone)),
            JSONMember("operators", .array(evolution.operators.map { op in
                switch op {
                case .sparsePauliOp(let npy): return .object([JSONMember("sparse_pauli_op_npy", .string(JSONNumbers.hex(npy)))])
                case .sparseObservable(let observable):
                    return .object([JSONMember("sparse_observable", .object([
                        JSONMember("num_qubits", .number(String(observable.numQubits))),
                        JSONMember("coefficients", .array(observable.coefficients.map(JSONNumbers.float))),
                        JSONMember("bit_terms", .array(observable.bitTerms.map { .number(String($0)) })),
                        JSONMember("indices", .array(observable.indices.map { .number(String($0)) })),
                        JSONMember("boundaries", .array(observable.boundaries.map { .number(String($0)) })),
                        JSONMember("lengths_in_bytes", .bool(observable.lengthsInBytes)),
                    ]))])
                }
            })),
            JSONMember("time", values.encode(evolution.time, .numeric)),
            JSONMember("synthesis", .string(evolution.synthesis)),
        ])
    }

    func instruction(_ instruction: CircuitInstruction) -> JSONValue {
        var members = [JSONMember("op", .string(instruction.name))]
        if let counts = instruction.detachedCounts {
            members.append(JSONMember("num_qubits", .number(String(counts.qubits))))
            members.append(JSONMember("num_clbits", .number(String(counts.clbits))))
        } else {
            members.append(JSONMember("qubits", .array(instruction.qubits.map { .number(String($0)) })))
            if !instruction.clbits.isEmpty { members.append(JSONMember("clbits", .array(instruction.clbits.map { .number(String($0)) }))) }
        }
        if !instruction.parameters.isEmpty { members.append(JSONMember("params", .array(instruction.parameters.map(parameter)))) }
        if let label = instruction.label { members.append(JSONMember("label", .string(label))) }
        switch instruction.condition {
        case .none: break
        case .target(let target, let value):
            members.append(JSONMember("condition", .object([JSONMember("target", self.target(target)), JSONMember("value", .number(String(value)))])))
        case .expression(let expression):
            members.append(JSONMember("condition", .object([JSONMember("expr", classical(expression))])))
        }
        if instruction.numCtrlQubits != 0 || instruction.ctrlState != 0 {
            members.append(JSONMember("ctrl", .array([.number(String(instruction.numCtrlQubits)), .number(String(instruction.ctrlState))])))
        }
        if !instruction.annotations.isEmpty {
            members.append(JSONMember("annotations", .array(instruction.annotations.map {
                .object([JSONMember("namespace", .number(String($0.namespaceIndex))), JSONMember("payload", .string(JSONNumbers.hex($0.payload)))])
            })))
        }
        return .object(members)
    }

    func target(_ target: ClassicalTarget) -> JSONValue {
        switch target {
        case .register(let name): return .object([JSONMember("register", .string(name))])
        case .clbit(let index): return .object([JSONMember("clbit", .number(String(index)))])
        }
    }

    func parameter(_ parameter: InstructionParameter) -> JSONValue {
        switch parameter {
        case .value(let value): return values.encode(value, .numeric)
        case .tuple(let items): return .object([JSONMember("tuple", .array(items.map(self.parameter)))])
        case .range(let start, let stop, let step):
            return .object([JSONMember("range", .array([.number(String(start)), .number(String(stop)), .number(String(step))]))])
        case .circuit(let circuit): return .object([JSONMember("circuit", self.circuit(circuit))])
        case .numpy(let bytes): return .object([JSONMember("numpy", .string(JSONNumbers.hex(bytes)))])
        case .target(let target): return .object([JSONMember("target", self.target(target))])
        case .caseDefault: return .object([JSONMember("case_default", .bool(true))])
        case .expression(let expression): return .object([JSONMember("classical", classical(expression))])
        case .modifier(let modifier):
            var members = [JSONMember("modifier", CircuitJSONNames.name(modifier.kind, in: CircuitJSONNames.modifiers))]
            if modifier.numCtrlQubits != 0 || modifier.ctrlState != 0 {
                members.append(JSONMember("ctrl", .array([.number(String(modifier.numCtrlQubits)), .number(String(modifier.ctrlState))])))
            }
            if modifier.power.bitPattern != 0 { members.append(JSONMember("power", JSONNumbers.float(modifier.power))) }
            return .object(members)
        case .bool(let flag): return .object([JSONMember("bool", .bool(flag))])
        }
    }

    /// A classical expression as a typed node tree.
    func classical(_ expression: ClassicalExpression) -> JSONValue {
        switch expression {
        case .variable(let type, let variable):
            let value: JSONValue
            switch variable {
            case .clbit(let index): value = .object([JSONMember("clbit", .number(String(index)))])
            case .register(let name): value = .object([JSONMember("register", .string(name))])
            case .standalone(let index): value = .object([JSONMember("standalone", .number(String(index)))])
            }
            return .object([JSONMember("var", value), JSONMember("type", self.type(type))])
        case .value(let type, let literal):
            let value: JSONValue
            switch literal {
            case .bool(let flag): value = .bool(flag)
            case .integer(let bytes): value = .object([JSONMember("int_bytes", .string(JSONNumbers.hex(bytes)))])
            case .float(let number): value = JSONNumbers.float(number)
            case .duration(.dt(let ticks)): value = .object([JSONMember("dt", .number(String(ticks)))])
            case .duration(.time(let time, let unit)):
                value = .object([JSONMember(CircuitJSONNames.name(unit, in: CircuitJSONNames.durationUnits).stringValue ?? String(unit), JSONNumbers.float(time))])
            }
            return .object([JSONMember("value", value), JSONMember("type", self.type(type))])
        case .cast(let type, let implicit, let operand):
            return .object([JSONMember("cast", classical(operand)), JSONMember("implicit", .bool(implicit)), JSONMember("type", self.type(type))])
        case .unary(let type, let op, let operand):
            return .object([JSONMember("unary", CircuitJSONNames.name(op, in: CircuitJSONNames.unaryOps)),
                            JSONMember("operand", classical(operand)), JSONMember("type", self.type(type))])
        case .binary(let type, let op, let lhs, let rhs):
            return .object([JSONMember("binary", CircuitJSONNames.name(op, in: CircuitJSONNames.binaryOps)),
                            JSONMember("lhs", classical(lhs)), JSONMember("rhs", classical(rhs)), JSONMember("type", self.type(type))])
        case .index(let type, let target, let index):
            return .object([JSONMember("index", classical(index)), JSONMember("target", classical(target)), JSONMember("type", self.type(type))])
        case .stretch(let type, let index):
            return .object([JSONMember("stretch", .number(String(index))), JSONMember("type", self.type(type))])
        }
    }

    private func layout(_ layout: CircuitLayout) -> JSONValue {
        var members: [JSONMember] = []
        members.append(JSONMember("initial_layout", layout.initialLayout.map { bits in
            .array(bits.map { bit in
                bit.map { .object([JSONMember("register", .string($0.register)), JSONMember("index", .number(String($0.index)))]) } ?? .null
            })
        } ?? .null))
        members.append(JSONMember("input_mapping", layout.inputMapping.map { .array($0.map { .number(String($0)) }) } ?? .null))
        members.append(JSONMember("final_layout", layout.finalLayout.map { .array($0.map { .number(String($0)) }) } ?? .null))
        if !layout.extraRegisters.isEmpty { members.append(JSONMember("extra_registers", .array(layout.extraRegisters.map(register)))) }
        if version >= 10 { members.append(JSONMember("input_qubit_count", .number(String(layout.inputQubitCount)))) }
        return .object(members)
    }
}

extension JSONValue {
    /// The text of a string value.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
