import QPYDiagnostics
import QPYExpression
import QPYModel

/// Writes circuit payloads; the inverse of ``CircuitDecoder``.
struct CircuitEncoder {
    let values: ValueEncoder
    var version: Int { values.version }

    func writeCircuit(_ circuit: QuantumCircuit, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        if version >= 18 {
            var scoped = values
            scoped.vectorTable = try VectorTableBuilder.table(for: circuit, path: path)
            return try CircuitEncoder(values: scoped).writeScopedCircuit(circuit, into: &writer, path: path)
        }
        try writeScopedCircuit(circuit, into: &writer, path: path)
    }

    /// Writes a circuit whose QPY 18 vector table is already in ``values``.
    private func writeScopedCircuit(_ circuit: QuantumCircuit, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        let name = Array(circuit.name.utf8)
        guard name.count <= Int(UInt16.max) else { throw QPYEncodingError("circuit name longer than 65,535 bytes", path: path) }
        let metadata: [UInt8]
        if circuit.storage.metadataText == "", circuit.metadata == .emptyObject {
            metadata = []
        } else {
            metadata = MetadataCodec.encode(circuit.metadata, storage: BlockStorage(metadataText: circuit.storage.metadataText))
        }
        try checkFeatures(circuit, path: path)
        writer.appendBigEndian(UInt16(name.count))
        var phaseKey: UInt8 = 0
        var phase: [UInt8] = []
        if version == 1 {
            guard case .float(let value) = circuit.globalPhase else {
                throw QPYEncodingError("QPY 1 stores the global phase as a float; a parameterized phase needs QPY 2 or later", path: path)
            }
            writer.appendBigEndian(value)
        } else {
            (phaseKey, phase) = try values.encodeValue(circuit.globalPhase, path: path.appending("global phase"))
            guard phase.count <= Int(UInt16.max) else { throw QPYEncodingError("global phase longer than 65,535 bytes", path: path) }
            writer.append(phaseKey)
            writer.appendBigEndian(UInt16(phase.count))
        }
        writer.appendBigEndian(circuit.numQubits)
        writer.appendBigEndian(circuit.numClbits)
        writer.appendBigEndian(UInt64(metadata.count))
        writer.appendBigEndian(UInt32(circuit.registers.count))
        writer.appendBigEndian(UInt64(circuit.instructions.count))
        if version >= 12 { writer.appendBigEndian(UInt32(circuit.variables.count)) }
        writer.append(contentsOf: name)
        writer.append(contentsOf: phase)
        writer.append(contentsOf: metadata)
        for (index, register) in circuit.registers.enumerated() {
            try writeRegister(register, into: &writer, path: path.appending("register \(index)"))
        }
        for variable in circuit.variables {
            writer.append(contentsOf: variable.uuid.bytes)
            writer.append(variable.usage)
            writer.appendBigEndian(try narrow(variable.name.utf8.count, "variable name size", path: path) as UInt16)
            ClassicalExpressionEncoder.writeType(variable.type, into: &writer)
            writer.appendUTF8(variable.name)
        }
        if version >= 15 {
            writer.appendBigEndian(UInt32(circuit.annotationNamespaces.count))
            for namespace in circuit.annotationNamespaces {
                writer.appendBigEndian(UInt32(namespace.namespace.utf8.count))
                writer.appendBigEndian(UInt64(namespace.state.count))
                writer.appendUTF8(namespace.namespace)
                writer.append(contentsOf: namespace.state)
            }
        }
        if version >= 18 {
            writer.appendBigEndian(try narrow(values.vectorTable.count, "parameter vector count", path: path) as UInt16)
            for vector in values.vectorTable {
                writer.appendBigEndian(try narrow(vector.name.utf8.count, "vector name size", path: path) as UInt16)
                writer.appendBigEndian(vector.size)
                writer.append(contentsOf: vector.rootUUID.bytes)
                writer.appendUTF8(vector.name)
            }
        }
        writer.appendBigEndian(circuit.storage.definitionCountInHeader ?? UInt64(circuit.customDefinitions.count))
        for (index, definition) in circuit.customDefinitions.enumerated() {
            try writeCustomDefinition(definition, into: &writer, path: path.appending("custom definition \(index)"))
        }
        for (index, instruction) in circuit.instructions.enumerated() {
            do {
                try writeInstruction(instruction, into: &writer, path: path)
            } catch {
                throw error.inserting("instruction \(index)", after: path)
            }
        }
        if version >= 5 && version < 18 {
            try writeCalibrations(circuit.calibrations, into: &writer, path: path.appending("calibrations"))
        }
        if version >= 8 { try writeLayout(circuit.layout, into: &writer, path: path.appending("layout")) }
    }

    /// Refuses what this QPY version cannot hold, naming the feature.
    private func checkFeatures(_ circuit: QuantumCircuit, path: ElementPath) throws(QPYEncodingError) {
        if !circuit.variables.isEmpty && version < 12 {
            throw QPYEncodingError("standalone classical variables need QPY 12 or later (writing QPY \(version))", path: path)
        }
        if !circuit.annotationNamespaces.isEmpty && version < 15 {
            throw QPYEncodingError("annotations need QPY 15 or later (writing QPY \(version))", path: path)
        }
        if !circuit.calibrations.isEmpty && version >= 18 {
            throw QPYEncodingError("QPY \(version) cannot hold pulse calibrations (Qiskit 2.x removed pulse); write QPY 17 or earlier, or drop them with --drop-calibrations FILE", path: path)
        }
        if !circuit.calibrations.isEmpty && version < 5 {
            throw QPYEncodingError("calibrations need QPY 5 or later (writing QPY \(version))", path: path)
        }
        if circuit.layout != nil && version < 8 {
            throw QPYEncodingError("a transpiled layout needs QPY 8 or later (writing QPY \(version))", path: path)
        }
        if circuit.registers.contains(where: { !$0.inCircuit || $0.indices.contains { $0 < 0 } }) && version < 4 {
            throw QPYEncodingError("registers outside the circuit need QPY 4 or later (writing QPY \(version))", path: path)
        }
    }

    func writeRegister(_ register: CircuitRegister, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        writer.append(register.kind.key)
        writer.append(register.standalone ? 1 : 0)
        writer.appendBigEndian(try narrow(register.indices.count, "register size", path: path) as UInt32)
        writer.appendBigEndian(try narrow(register.name.utf8.count, "register name size", path: path) as UInt16)
        if version >= 4 { writer.append(register.inCircuit ? 1 : 0) }
        var attachment: UInt8 = 0
        if version >= 18 {
            attachment = register.attachment.flatMap { $0 == 1 && !register.canBeStoredAsRange ? nil : $0 } ?? register.defaultAttachment
            writer.append(attachment)
        }
        writer.appendUTF8(register.name)
        if attachment == 1 {
            // An empty register is the range of no bits from 0xFFFFFFFF, as Qiskit writes it.
            let first = try register.indices.first.map { (index) throws(QPYEncodingError) in try narrow(Int(index), "first bit index", path: path) as UInt32 }
            writer.appendBigEndian(first ?? UInt32.max)
            return
        }
        for index in register.indices {
            if version >= 18 {
                // QPY 18 stores a bit outside the circuit as 0xFFFFFFFF, which reads back as -1.
                guard index == -1 || (0..<Int64(UInt32.max)).contains(index) else {
                    throw QPYEncodingError("register bit index \(index) cannot be stored in QPY \(version) (a bit index, or -1 for a bit outside the circuit)", path: path)
                }
                writer.appendBigEndian(index < 0 ? UInt32.max : UInt32(index))
            } else if version >= 4 {
                writer.appendBigEndian(index)
            } else {
                writer.appendBigEndian(try narrow(Int(index), "register bit index", path: path) as UInt32)
            }
        }
    }

    private func writeCustomDefinition(_ definition: CustomDefinition, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        var body = ByteWriter()
        switch definition.body {
        case .circuit(let circuit)?: try writeCircuit(circuit, into: &body, path: path.appending("definition"))
        case .pauliEvolution(let evolution)?: try writePauliEvolution(evolution, into: &body, path: path)
        case nil: break
        }
        var base = ByteWriter()
        if let gate = definition.baseGate {
            guard version >= 5 else { throw QPYEncodingError("controlled and annotated custom gates need QPY 5 or later", path: path) }
            try writeInstruction(gate, into: &base, path: path.appending("base gate"))
        }
        writer.appendBigEndian(try narrow(definition.name.utf8.count, "name size", path: path) as UInt16)
        writer.append(definition.kind)
        writer.appendBigEndian(definition.numQubits)
        writer.appendBigEndian(definition.numClbits)
        writer.append(definition.body == nil ? 0 : 1)
        writer.appendBigEndian(UInt64(body.bytes.count))
        if version >= 5 {
            writer.appendBigEndian(definition.numCtrlQubits)
            writer.appendBigEndian(definition.ctrlState)
            writer.appendBigEndian(UInt64(base.bytes.count))
        }
        writer.appendUTF8(definition.name)
        writer.append(contentsOf: body.bytes)
        writer.append(contentsOf: base.bytes)
    }

    private func writePauliEvolution(_ evolution: PauliEvolutionDefinition, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        guard version >= 3 else { throw QPYEncodingError("PauliEvolutionGate needs QPY 3 or later", path: path) }
        let (timeKey, time) = try values.encodeValue(evolution.time, path: path.appending("time"))
        writer.appendBigEndian(UInt64(evolution.operators.count))
        writer.append(evolution.standalone ? 1 : 0)
        writer.append(timeKey)
        writer.appendBigEndian(UInt64(time.count))
        writer.appendBigEndian(UInt64(evolution.synthesis.utf8.count))
        for (index, op) in evolution.operators.enumerated() {
            switch op {
            case .sparsePauliOp(let npy):
                if version >= 17 || evolution.flaggedOperators { writer.append(0) }
                writer.appendBigEndian(UInt64(npy.count))
                writer.append(contentsOf: npy)
            case .sparseObservable(let observable):
                guard version >= 17 || evolution.flaggedOperators else {
                    throw QPYEncodingError("SparseObservable operators need QPY 17 or later (writing QPY \(version))", path: path.appending("operator \(index)"))
                }
                writer.append(1)
                let scale: (UInt64) -> UInt64 = { observable.lengthsInBytes ? $0 : 1 }
                writer.appendBigEndian(observable.numQubits)
                writer.appendBigEndian(UInt64(observable.coefficients.count) * scale(8))
                writer.appendBigEndian(UInt64(observable.bitTerms.count) * scale(version >= 18 ? 1 : 2))
                writer.appendBigEndian(UInt64(observable.indices.count) * scale(4))
                writer.appendBigEndian(UInt64(observable.boundaries.count) * scale(8))
                for value in observable.coefficients { writer.appendBigEndian(value) }
                for value in observable.bitTerms {
                    if version >= 18 { writer.append(UInt8(truncatingIfNeeded: value)) } else { writer.appendBigEndian(value) }
                }
                for value in observable.indices { writer.appendBigEndian(value) }
                for value in observable.boundaries { writer.appendBigEndian(value) }
            }
        }
        writer.append(contentsOf: time)
        writer.appendUTF8(evolution.synthesis)
    }

    func writeInstruction(_ instruction: CircuitInstruction, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        var trailer = ByteWriter()
        var key: UInt8 = 0
        var register: [UInt8] = []
        var conditionValue: Int64 = 0
        switch instruction.condition {
        case .none: break
        case .target(let target, let value):
            key = 1
            register = ClassicalTargetCodec.encode(target, version: version)
            conditionValue = value
        case .expression(let expression):
            guard version >= 9 else { throw QPYEncodingError("expression conditions need QPY 9 or later (writing QPY \(version))", path: path) }
            key = 2
            var payload = ByteWriter()
            try ClassicalExpressionEncoder.write(expression, into: &payload, path: path)
            trailer.append(UInt8(ascii: "x"))
            trailer.appendBigEndian(UInt64(payload.bytes.count))
            trailer.append(contentsOf: payload.bytes)
        }
        if !instruction.annotations.isEmpty {
            guard version >= 15 else { throw QPYEncodingError("instruction annotations need QPY 15 or later (writing QPY \(version))", path: path) }
            key |= 0x80
        }
        let qargs = instruction.detachedCounts?.qubits ?? UInt32(instruction.qubits.count)
        let cargs = instruction.detachedCounts?.clbits ?? UInt32(instruction.clbits.count)
        for index in instruction.qubits { trailer.append(UInt8(ascii: "q")); trailer.appendBigEndian(index) }
        for index in instruction.clbits { trailer.append(UInt8(ascii: "c")); trailer.appendBigEndian(index) }
        for (index, parameter) in instruction.parameters.enumerated() {
            do {
                try writeParameter(parameter, into: &trailer, path: path)
            } catch {
                throw error.inserting("param \(index)", after: path)
            }
        }
        if !instruction.annotations.isEmpty {
            trailer.appendBigEndian(UInt32(instruction.annotations.count))
            for annotation in instruction.annotations {
                trailer.appendBigEndian(annotation.namespaceIndex)
                trailer.appendBigEndian(UInt64(annotation.payload.count))
                trailer.append(contentsOf: annotation.payload)
            }
        }
        if version < 5, instruction.numCtrlQubits != 0 || instruction.ctrlState != 0,
           instruction.impliedControls.map({ $0 != (instruction.numCtrlQubits, instruction.ctrlState) }) ?? true {
            throw QPYEncodingError("control count \(instruction.numCtrlQubits) and state \(instruction.ctrlState) on \(instruction.name) need QPY 5 or later (QPY \(version) stores only the class, which implies \(instruction.impliedControls.map { "\($0.numCtrlQubits) and \($0.ctrlState)" } ?? "none"))", path: path)
        }
        let label = Array((instruction.label ?? "").utf8)
        writer.appendBigEndian(try narrow(instruction.name.utf8.count, "name size", path: path) as UInt16)
        writer.appendBigEndian(try narrow(label.count, "label size", path: path) as UInt16)
        writer.appendBigEndian(try narrow(instruction.parameters.count, "parameter count", path: path) as UInt16)
        writer.appendBigEndian(qargs)
        writer.appendBigEndian(cargs)
        writer.append(key)
        writer.appendBigEndian(try narrow(register.count, "condition register size", path: path) as UInt16)
        writer.appendBigEndian(conditionValue)
        if version >= 5 {
            writer.appendBigEndian(instruction.numCtrlQubits)
            writer.appendBigEndian(instruction.ctrlState)
        }
        writer.appendUTF8(instruction.name)
        writer.append(contentsOf: label)
        writer.append(contentsOf: register)
        writer.append(contentsOf: trailer.bytes)
    }

    /// A typed value in instruction context (`i`/`f` little-endian before QPY 18).
    func writeParameter(_ parameter: InstructionParameter, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        var payload = ByteWriter()
        let key: UInt8
        switch parameter {
        case .value(.integer(let number)) where version < 18:
            key = TypeKey.integer
            payload.appendLittleEndian(number)
        case .value(.float(let number)) where version < 18:
            key = TypeKey.float
            payload.appendLittleEndian(number)
        case .value(let value):
            let encoded = try values.encodeValue(value, path: path)
            key = encoded.0
            payload.append(contentsOf: encoded.1)
        case .tuple(let items):
            key = UInt8(ascii: "t")
            payload.appendBigEndian(UInt64(items.count))
            for (index, item) in items.enumerated() { try writeParameter(item, into: &payload, path: path.appending("item \(index)")) }
        case .range(let start, let stop, let step):
            key = UInt8(ascii: "r")
            payload.appendBigEndian(start)
            payload.appendBigEndian(stop)
            payload.appendBigEndian(step)
        case .circuit(let circuit):
            key = UInt8(ascii: "q")
            try writeCircuit(circuit, into: &payload, path: path.appending("circuit"))
        case .numpy(let bytes):
            key = UInt8(ascii: "n")
            payload.append(contentsOf: bytes)
        case .target(let target):
            key = UInt8(ascii: "R")
            payload.append(contentsOf: ClassicalTargetCodec.encode(target, version: version))
        case .caseDefault:
            key = UInt8(ascii: "d")
        case .expression(let expression):
            guard version >= 9 else { throw QPYEncodingError("classical expressions need QPY 9 or later (writing QPY \(version))", path: path) }
            key = UInt8(ascii: "x")
            try ClassicalExpressionEncoder.write(expression, into: &payload, path: path)
        case .modifier(let modifier):
            key = UInt8(ascii: "m")
            payload.append(modifier.kind)
            payload.appendBigEndian(modifier.numCtrlQubits)
            payload.appendBigEndian(modifier.ctrlState)
            payload.appendBigEndian(modifier.power)
        case .bool(let flag):
            key = UInt8(ascii: "b")
            payload.append(flag ? 1 : 0)
        }
        writer.append(key)
        writer.appendBigEndian(UInt64(payload.bytes.count))
        writer.append(contentsOf: payload.bytes)
    }

    private func writeCalibrations(_ calibrations: [CircuitCalibration], into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        guard calibrations.count <= Int(UInt16.max) else { throw QPYEncodingError("more than 65,535 calibrations", path: path) }
        writer.appendBigEndian(UInt16(calibrations.count))
        let schedules = ScheduleBlockEncoder(values: values, symbolicEncoding: nil, keepsStoredEncodings: true)
        for (index, calibration) in calibrations.enumerated() {
            let entryPath = path.appending("calibration \(index)")
            writer.appendBigEndian(try narrow(calibration.gate.utf8.count, "gate name size", path: entryPath) as UInt16)
            writer.appendBigEndian(try narrow(calibration.qubits.count, "qubit count", path: entryPath) as UInt16)
            writer.appendBigEndian(try narrow(calibration.parameters.count, "parameter count", path: entryPath) as UInt16)
            writer.append(TypeKey.scheduleProgram)
            writer.appendUTF8(calibration.gate)
            for qubit in calibration.qubits { writer.appendBigEndian(qubit) }
            for (parameterIndex, parameter) in calibration.parameters.enumerated() {
                try values.writeValue(parameter, into: &writer, path: entryPath.appending("parameter \(parameterIndex)"))
            }
            try schedules.writeBlock(calibration.schedule, context: .reference, into: &writer, path: entryPath)
        }
    }

    private func writeLayout(_ layout: CircuitLayout?, into writer: inout ByteWriter, path: ElementPath) throws(QPYEncodingError) {
        guard let layout else {
            writer.append(0)
            writer.appendBigEndian(UInt32(bitPattern: -1))
            writer.appendBigEndian(UInt32(bitPattern: -1))
            writer.appendBigEndian(UInt32(bitPattern: -1))
            writer.appendBigEndian(UInt32(0))
            if version >= 10 { writer.appendBigEndian(UInt32(0)) }
            return
        }
        writer.append(1)
        writer.appendBigEndian(UInt32(bitPattern: layout.initialLayout.map { Int32($0.count) } ?? -1))
        writer.appendBigEndian(UInt32(bitPattern: layout.inputMapping.map { Int32($0.count) } ?? -1))
        writer.appendBigEndian(UInt32(bitPattern: layout.finalLayout.map { Int32($0.count) } ?? -1))
        writer.appendBigEndian(UInt32(layout.extraRegisters.count))
        if version >= 10 { writer.appendBigEndian(UInt32(bitPattern: layout.inputQubitCount)) }
        for (index, register) in layout.extraRegisters.enumerated() {
            try writeRegister(register, into: &writer, path: path.appending("extra register \(index)"))
        }
        for bit in layout.initialLayout ?? [] {
            if let bit {
                writer.appendBigEndian(UInt32(bitPattern: bit.index))
                writer.appendBigEndian(UInt32(bit.register.utf8.count))
                writer.appendUTF8(bit.register)
            } else {
                writer.appendBigEndian(UInt32(bitPattern: -1))
                writer.appendBigEndian(UInt32(bitPattern: -1))
            }
        }
        for index in layout.inputMapping ?? [] { writer.appendBigEndian(index) }
        for index in layout.finalLayout ?? [] { writer.appendBigEndian(index) }
    }
}

/// The QPY 18 parameter-vector table of a circuit: the stored table when it still covers every
/// vector the circuit uses, else the vectors in order of first use.
enum VectorTableBuilder {
    /// Refuses a vector whose elements disagree on its length: QPY 18 stores one length per vector.
    static func table(for circuit: QuantumCircuit, path: ElementPath) throws(QPYEncodingError) -> [ParameterVectorDeclaration] {
        let used = circuit.parameterVectorsInOrderOfUse
        var lengths: [ParameterVectorKey: UInt64] = [:]
        for vector in used {
            let key = ParameterVectorKey(name: vector.name, rootUUID: vector.rootUUID)
            if let length = lengths[key], length != vector.size {
                throw QPYEncodingError("the elements of ParameterVector \"\(vector.name)\" give it the lengths \(length) and \(vector.size); QPY 18 stores one length per vector", path: path)
            }
            lengths[key] = vector.size
        }
        if let stored = circuit.storage.vectorTable, Set(used).isSubset(of: Set(stored)) { return stored }
        return used
    }
}

/// A vector as its elements name it.
private struct ParameterVectorKey: Hashable {
    var name: String
    var rootUUID: ParameterUUID
}
