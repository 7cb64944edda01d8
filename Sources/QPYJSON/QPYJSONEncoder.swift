import QPYExpression
import QPYModel

/// A whole file as a qpyconv JSON document.
struct QPYJSONEncoder {
    let options: JSONEncodingOptions

    func encode(_ file: QPYFile) -> String {
        String(decoding: encodeUTF8(file), as: UTF8.self)
    }

    /// The document as UTF-8 bytes, ending with a newline. A large program is written an
    /// instruction at a time (see ``JSONStreaming``): the same bytes as serialising
    /// ``document(_:)``, with less memory.
    func encodeUTF8(_ file: QPYFile) -> [UInt8] {
        guard JSONStreaming.applies(to: file.programs) else {
            var bytes = JSONText.serializeUTF8(document(file), style: .pretty(indent: options.indent))
            bytes.append(0x0A)
            return bytes
        }
        var bytes = JSONText.serializeUTF8(streamedDocument(file), style: .pretty(indent: options.indent),
                                           capacity: JSONStreaming.capacityGuess(for: file.programs))
        bytes.append(0x0A)
        return bytes
    }

    /// ``encodeUTF8(_:)``'s bytes handed to `emit` in pieces of about `chunkSize` bytes as they
    /// are written (see ``JSONText/serializeUTF8(_:style:chunkSize:emit:)``).
    func encodeUTF8(_ file: QPYFile, chunkSize: Int, emit: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        guard JSONStreaming.applies(to: file.programs) else {
            encodeUTF8(file).withUnsafeBufferPointer { emit($0) }
            return
        }
        JSONText.serializeUTF8(streamedDocument(file), style: .pretty(indent: options.indent), chunkSize: chunkSize, emit: emit)
        withUnsafeBytes(of: UInt8(0x0A)) { emit($0.bindMemory(to: UInt8.self)) }
    }

    /// The document of a file with a long program, its long lists streamed.
    private func streamedDocument(_ file: QPYFile) -> JSONStream {
        let head = DocumentHead(file, tableTree: false)
        var document: [(key: String, value: JSONStream)] = head.members.map { member in
            // The parameter table (level 1) holds its entries at level 2.
            guard member.key == "parameters" else { return (member.key, .value(member.value)) }
            return (member.key, head.values.table.streamedJSON(lineLimit: max(40, 96 - options.indent * 2)))
        }
        switch file.programs {
        case .circuits(let circuits):
            let schedules = ScheduleJSONEncoder(values: head.values, header: file.header, symengineVersion: head.symengine)
            var encoder = CircuitJSONEncoder(values: head.values, schedules: schedules, version: file.header.version)
            encoder.streamedInstructionLineLimit = max(40, 96 - options.indent * 4)
            document.append(("circuits", .array(count: circuits.count) { encoder.streamed(circuits[$0]) }))
        case .scheduleBlocks(let blocks):
            let encoder = ScheduleJSONEncoder(values: head.values, header: file.header, symengineVersion: head.symengine)
            document.append(("schedules", .array(count: blocks.count) { encoder.streamed(blocks[$0]) }))
        }
        return .object(document)
    }

    /// The document tree, members in schema order.
    func document(_ file: QPYFile) -> JSONValue {
        let head = DocumentHead(file)
        var members = head.members
        switch file.programs {
        case .circuits(let circuits):
            let schedules = ScheduleJSONEncoder(values: head.values, header: file.header, symengineVersion: head.symengine)
            let encoder = CircuitJSONEncoder(values: head.values, schedules: schedules, version: file.header.version)
            members.append(JSONMember("circuits", .array(circuits.map(encoder.circuit))))
        case .scheduleBlocks(let blocks):
            let encoder = ScheduleJSONEncoder(values: head.values, header: file.header, symengineVersion: head.symengine)
            members.append(JSONMember("schedules", .array(blocks.map { encoder.block($0, topLevel: true, nested: false) })))
        }
        return .object(members)
    }
}

/// What precedes the programs in a document: `schema_version`, `qpy` and `parameters`, and the
/// parameter table and symengine version the programs are written with.
private struct DocumentHead {
    var members: [JSONMember]
    var values: ValueJSON
    var symengine: SymengineVersion

    /// `tableTree`: whether `parameters` holds the table's JSON (otherwise `null`, for a
    /// streamed document, which writes it from ``values``).
    init(_ file: QPYFile, tableTree: Bool = true) {
        var table = ParameterTable()
        var firstSymengine: SymengineVersion?
        switch file.programs {
        case .circuits(let circuits):
            for circuit in circuits { ProgramWalker.collect(circuit, into: &table, symengine: &firstSymengine) }
        case .scheduleBlocks(let blocks):
            for block in blocks { ProgramWalker.collect(block, into: &table, symengine: &firstSymengine) }
        }
        values = ValueJSON(version: file.header.version, table: table)
        var qpy: [JSONMember] = [
            JSONMember("version", .number(String(file.header.version))),
            JSONMember("qiskit_version", .string(file.header.qiskitVersion.description)),
        ]
        switch file.header.symbolicEncoding {
        case nil: qpy.append(JSONMember("symbolic_encoding", .null))
        case .sympy?: qpy.append(JSONMember("symbolic_encoding", .string("sympy")))
        case .symengine?: qpy.append(JSONMember("symbolic_encoding", .string("symengine")))
        case .other(let byte)?: qpy.append(JSONMember("symbolic_encoding", .number(String(byte))))
        }
        symengine = firstSymengine ?? .v0_13
        if symengine != .v0_13 {
            qpy.append(JSONMember("symengine_version", .string("\(symengine.major).\(symengine.minor)")))
        }
        members = [
            JSONMember("schema_version", .number(String(qpyconvJSONSchemaVersion))),
            JSONMember("qpy", .object(qpy)),
            JSONMember("parameters", tableTree ? table.json() : .null),
        ]
    }
}

/// Walks programs to collect parameters and the first symengine version used.
enum ProgramWalker {
    static func collect(_ circuit: QuantumCircuit, into table: inout ParameterTable, symengine: inout SymengineVersion?) {
        collect(circuit.globalPhase, into: &table)
        for definition in circuit.customDefinitions {
            switch definition.body {
            case .circuit(let nested)?: collect(nested, into: &table, symengine: &symengine)
            case .pauliEvolution(let evolution)?: collect(evolution.time, into: &table)
            case nil: break
            }
            if let base = definition.baseGate { collect(base, into: &table, symengine: &symengine) }
        }
        // By index, reading only the parameters: iterating would copy each instruction.
        circuit.instructions.withUnsafeBufferPointer { instructions in
            for index in instructions.indices where !instructions[index].parameters.isEmpty {
                for parameter in instructions[index].parameters { collect(parameter, into: &table, symengine: &symengine) }
            }
        }
        for calibration in circuit.calibrations {
            for parameter in calibration.parameters { collect(parameter, into: &table) }
            collect(calibration.schedule, into: &table, symengine: &symengine)
        }
    }

    static func collect(_ instruction: CircuitInstruction, into table: inout ParameterTable, symengine: inout SymengineVersion?) {
        for parameter in instruction.parameters { collect(parameter, into: &table, symengine: &symengine) }
    }

    static func collect(_ parameter: InstructionParameter, into table: inout ParameterTable, symengine: inout SymengineVersion?) {
        switch parameter {
        case .value(let value): collect(value, into: &table)
        case .tuple(let items): for item in items { collect(item, into: &table, symengine: &symengine) }
        case .circuit(let circuit): collect(circuit, into: &table, symengine: &symengine)
        default: break
        }
    }

    static func collect(_ block: ScheduleBlock, into table: inout ParameterTable, symengine: inout SymengineVersion?) {
        for parameter in block.alignment.parameters { collect(parameter, into: &table) }
        for element in block.elements {
            switch element {
            case .block(let nested): collect(nested, into: &table, symengine: &symengine)
            case .instruction(let instruction):
                for operand in instruction.operands { collect(operand, into: &table, symengine: &symengine) }
            }
        }
        for reference in block.references ?? [] {
            if let subroutine = reference.block { collect(subroutine, into: &table, symengine: &symengine) }
        }
    }

    static func collect(_ operand: PulseOperand, into table: inout ParameterTable, symengine: inout SymengineVersion?) {
        switch operand {
        case .value(let value): collect(value, into: &table)
        case .channel(let channel): collect(channel.index, into: &table)
        case .waveform, .string: break
        case .symbolicPulse(let pulse):
            collect(pulse.duration, into: &table)
            for parameter in pulse.parameters { collect(parameter.value, into: &table) }
            for expression in [pulse.envelope, pulse.constraints, pulse.validAmplitudeConditions] {
                if case .symengine(let version)? = expression?.encoding, symengine == nil { symengine = version }
            }
        case .kernel(let processor), .discriminator(let processor):
            for parameter in processor.parameters { collect(parameter.value, into: &table) }
        }
    }

    static func collect(_ value: ProcessorValue, into table: inout ParameterTable) {
        switch value {
        case .value(let plain): collect(plain, into: &table)
        case .dictionary(let parameters): for parameter in parameters { collect(parameter.value, into: &table) }
        case .list(let items): for item in items { collect(item, into: &table) }
        }
    }

    static func collect(_ value: Value, into table: inout ParameterTable) {
        switch value {
        case .parameter(let parameter): table.add(.parameter(parameter))
        case .vectorElement(let element): table.add(.vectorElement(element))
        case .expression(let expression): collect(expression, into: &table)
        default: break
        }
    }

    static func collect(_ expression: ParameterExpression, into table: inout ParameterTable) {
        for entry in expression.symbols {
            switch entry.key {
            case .symbol(let symbol): table.add(symbol)
            case .expression(let nested): collect(nested, into: &table)
            }
        }
    }
}

/// When JSON output is streamed (see ``JSONStream``).
enum JSONStreaming {
    /// A list of this many instructions is longer than any one-line limit (96 characters): each
    /// instruction's one-line form has at least 10 (`{"op": ""}`), plus `, ` between them. A
    /// program holding such a list is streamed; so are the lists, the objects holding them and the
    /// document, all of which the pretty layout writes on several lines anyway.
    static let minimumElements = 16

    /// A generous guess of a streamed document's size (about 60 bytes per gate or waveform
    /// sample are written): reserved up front, so the output is not copied each time it outgrows
    /// its buffer. Pages reserved but never written take no memory.
    static func capacityGuess(for programs: QPYPrograms) -> Int {
        var guess = 1 << 16
        switch programs {
        case .circuits(let circuits):
            for circuit in circuits { guess += 128 * circuit.instructions.count }
        case .scheduleBlocks(let blocks):
            for block in blocks {
                for element in block.elements {
                    guess += 2048
                    guard case .instruction(let instruction) = element else { continue }
                    for case .waveform(let waveform) in instruction.operands { guess += 96 * waveform.samples.count }
                }
            }
        }
        return guess
    }

    static func applies(to programs: QPYPrograms) -> Bool {
        switch programs {
        case .circuits(let circuits): return circuits.contains { $0.instructions.count >= minimumElements }
        case .scheduleBlocks(let blocks): return blocks.contains { $0.elements.count >= minimumElements }
        }
    }
}
