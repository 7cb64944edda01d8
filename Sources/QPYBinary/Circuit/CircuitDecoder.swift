import QPYDiagnostics
import QPYExpression
import QPYModel

/// Reads circuit payloads (every QPY version) and everything under them.
struct CircuitDecoder {
    let values: ValueDecoder
    /// Shared by the decoders of one file (nested circuits included).
    let argumentLists: ArgumentListMemo
    var version: Int { values.version }
    var options: QPYDecodingOptions { values.options }

    /// CIRCUIT_HEADER, name, global phase, metadata, registers, (v12+) variables, (v15+)
    /// annotation namespaces, custom definitions, instructions, (v5–17) calibrations, (v8+) layout.
    func readCircuit(_ reader: inout ByteReader, depth: Int) throws(ByteDecodingError) -> QuantumCircuit {
        guard depth <= options.maximumNestingDepth else {
            throw reader.error("circuits nested deeper than \(options.maximumNestingDepth) levels")
        }
        let nameSize = Int(try reader.readBigEndian(UInt16.self, "circuit name size"))
        var globalPhase: Value = .float(0)
        var phaseKey: UInt8 = 0
        var phaseSize = 0
        if version == 1 {
            globalPhase = .float(try reader.readBigEndianDouble("global phase"))
        } else {
            phaseKey = try reader.readByte("global phase type")
            phaseSize = Int(try reader.readBigEndian(UInt16.self, "global phase size"))
        }
        let numQubits = try reader.readBigEndian(UInt32.self, "qubit count")
        let numClbits = try reader.readBigEndian(UInt32.self, "clbit count")
        let metadataSize = try reader.readBigEndian(UInt64.self, "metadata size")
        let registerCount = try reader.readBigEndian(UInt32.self, "register count")
        let instructionCountOffset = reader.offset
        let instructionCount = try reader.readBigEndian(UInt64.self, "instruction count")
        let variableCount = version >= 12 ? try reader.readBigEndian(UInt32.self, "variable count") : 0
        let name = try reader.readUTF8(nameSize, "circuit name")
        var phaseReader: ByteReader?
        if version >= 2 {
            var phase = try reader.subReader(length: phaseSize, "global phase")
            phase.path = reader.path.appending("global phase")
            phaseReader = phase
        }
        guard metadataSize <= UInt64(reader.remaining) else {
            throw reader.error("metadata claims \(metadataSize) bytes but \(reader.remaining) remain")
        }
        let metadataStart = reader.offset
        let metadataBytes = try reader.readBytes(Int(metadataSize), "metadata")
        var metadata: JSONValue = .emptyObject
        var storage = CircuitStorage()
        if !metadataBytes.isEmpty {
            let (value, blockStorage) = try MetadataCodec.decode(metadataBytes, at: metadataStart, path: reader.path)
            metadata = value
            storage.metadataText = blockStorage.metadataText
        } else {
            storage.metadataText = ""
        }
        var registers: [CircuitRegister] = []
        for index in 0..<(try reader.checkCount(registerCount, minimumSize: 8, what: "register")) {
            registers.append(try reader.within("register", index) { (inner) throws(ByteDecodingError) in
                try readRegister(&inner)
            })
        }
        var variables: [VariableDeclaration] = []
        for index in 0..<(try reader.checkCount(variableCount, minimumSize: 20, what: "variable")) {
            variables.append(try reader.within("variable", index) { (inner) throws(ByteDecodingError) in
                try readVariable(&inner)
            })
        }
        var namespaces: [AnnotationNamespace] = []
        if version >= 15 {
            let count = try reader.readBigEndian(UInt32.self, "annotation namespace count")
            for index in 0..<(try reader.checkCount(count, minimumSize: 12, what: "annotation namespace")) {
                namespaces.append(try reader.within("annotation namespace", index) { (inner) throws(ByteDecodingError) in
                    let nameSize = Int(try inner.readBigEndian(UInt32.self, "namespace size"))
                    let stateSize = try inner.readBigEndian(UInt64.self, "state size")
                    let namespace = try inner.readUTF8(nameSize, "namespace")
                    guard stateSize <= UInt64(inner.remaining) else { throw inner.error("state claims \(stateSize) bytes") }
                    return AnnotationNamespace(namespace: namespace, state: try inner.readBytes(Int(stateSize), "state"))
                })
            }
        }
        var scoped = values
        if version >= 18 {
            scoped.vectorTable = []
            let count = Int(try reader.readBigEndian(UInt16.self, "parameter vector count"))
            var firstEntry: [String: Int] = [:]
            for index in 0..<count {
                let entryOffset = reader.offset
                let vector = try reader.within("parameter vector", index) { (inner) throws(ByteDecodingError) in
                    let nameSize = Int(try inner.readBigEndian(UInt16.self, "vector name size"))
                    let size = try inner.readBigEndian(UInt64.self, "vector size")
                    let uuid = try values.readUUID(&inner)
                    return ParameterVectorDeclaration(name: try inner.readUTF8(nameSize, "vector name"), size: size, rootUUID: uuid)
                }
                // Elements name their vector by name and root UUID, so a second entry for the same
                // pair could never be referred to again when writing.
                let key = "\(vector.rootUUID)\u{0}\(vector.name)"
                if let other = firstEntry[key] {
                    throw reader.error("parameter vector \(index) repeats vector \(other) (\"\(vector.name)\", same UUID)", at: entryOffset)
                }
                firstEntry[key] = index
                scoped.vectorTable.append(vector)
            }
            storage.vectorTable = scoped.vectorTable
        }
        if var phase = phaseReader {
            globalPhase = try scoped.decodeValue(key: phaseKey, &phase, "global phase")
        }
        return try CircuitDecoder(values: scoped, argumentLists: argumentLists).readBody(
            &reader, depth: depth, header: QuantumCircuit(
                name: name, globalPhase: globalPhase, numQubits: numQubits, numClbits: numClbits, metadata: metadata,
                registers: registers, variables: variables, annotationNamespaces: namespaces, storage: storage),
            instructionCount: instructionCount, instructionCountOffset: instructionCountOffset)
    }

    /// Custom definitions, instructions, calibrations and layout, read with the circuit's own
    /// vector table in scope.
    private func readBody(_ reader: inout ByteReader, depth: Int, header: QuantumCircuit, instructionCount: UInt64,
                          instructionCountOffset: Int) throws(ByteDecodingError) -> QuantumCircuit {
        var circuit = header
        let definitionCount = try reader.readBigEndian(UInt64.self, "custom definition count")
        var definitions: [CustomDefinition] = []
        for index in 0..<(try reader.checkCount(definitionCount, minimumSize: 20, what: "custom definition")) {
            definitions.append(try reader.within("custom definition", index) { (inner) throws(ByteDecodingError) in
                try readCustomDefinition(&inner, depth: depth)
            })
        }
        if version == 10 {
            // Qiskit 1.x writes a definition again for each use as a base gate while counting
            // distinct names: take further records that parse as definitions of a known name.
            var names = Set(definitions.map(\.name))
            while true {
                var probe = reader
                guard let extra = try? probe.within("custom definition \(definitions.count)", { (inner) throws(ByteDecodingError) in
                    try readCustomDefinition(&inner, depth: depth)
                }), names.contains(extra.name) else { break }
                definitions.append(extra)
                names.insert(extra.name)
                reader = probe
            }
            if UInt64(definitions.count) != definitionCount { circuit.storage.definitionCountInHeader = definitionCount }
        }
        // Checked against what remains once the definitions are read; the error points at the field.
        guard let count = Int(exactly: instructionCount), count <= reader.remaining / 25 else {
            throw reader.error("the circuit header claims \(instructionCount) instructions, but the \(reader.remaining) bytes left "
                               + "hold at most \(reader.remaining / 25)", at: instructionCountOffset)
        }
        // Each instruction is moved into the array's storage as it is read (appending copied it,
        // retaining and releasing every field).
        var failure: ByteDecodingError?
        let instructions = [CircuitInstruction](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            for index in 0..<count {
                do throws(ByteDecodingError) {
                    let instruction = try reader.within("instruction", index) { (inner) throws(ByteDecodingError) in
                        try readInstruction(&inner, readArguments: true, depth: depth)
                    }
                    (buffer.baseAddress! + index).initialize(to: instruction)
                    initialized += 1
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        var calibrations: [CircuitCalibration] = []
        if version >= 5 && version < 18 {
            calibrations = try reader.within("calibrations") { (inner) throws(ByteDecodingError) in try readCalibrations(&inner, depth: depth) }
        }
        if version >= 8 {
            circuit.layout = try reader.within("layout") { (inner) throws(ByteDecodingError) in try readLayout(&inner) }
        }
        circuit.customDefinitions = definitions
        circuit.instructions = instructions
        circuit.calibrations = calibrations
        return circuit
    }

    private func readBool(_ reader: inout ByteReader, _ what: String) throws(ByteDecodingError) -> Bool {
        let start = reader.offset
        switch try reader.readByte(what) {
        case 0: return false
        case 1: return true
        case let other: throw reader.error("\(what) must be 0 or 1, found \(other)", at: start)
        }
    }

    /// REGISTER (v1–3 `"!1c?IH"` + u32 indices) or REGISTER_V4 (`"!1c?IH?"` + i64 indices).
    func readRegister(_ reader: inout ByteReader) throws(ByteDecodingError) -> CircuitRegister {
        let keyOffset = reader.offset
        let key = try reader.readByte("register type")
        let kind: BitKind
        switch key {
        case UInt8(ascii: "q"): kind = .quantum
        case UInt8(ascii: "c"): kind = .classical
        case UInt8(ascii: "a"): kind = .ancilla  // documented for QPY 18, but Qiskit writes it for AncillaRegister in every version
        default: throw reader.error("register type must be 'q', 'c' or 'a', found \(TypeKey.describe(key))", at: keyOffset)
        }
        let standalone = try readBool(&reader, "standalone flag")
        let size = try reader.readBigEndian(UInt32.self, "register size")
        let nameSize = Int(try reader.readBigEndian(UInt16.self, "register name size"))
        let inCircuit = version >= 4 ? try readBool(&reader, "in_circuit flag") : true
        var attachment: UInt8?
        if version >= 18 {
            let start = reader.offset
            attachment = try reader.readByte("register attachment")
            guard attachment! <= 1 else { throw reader.error("register attachment must be 0 or 1", at: start) }
        }
        let name = try reader.readUTF8(nameSize, "register name")
        var indices: [Int64] = []
        if attachment == 1 {
            let firstOffset = reader.offset
            let first = Int64(try reader.readBigEndian(UInt32.self, "first bit index"))
            // Nothing in the file backs these indices: bound them by what the whole file may expand to.
            guard first + Int64(size) <= Int64(UInt32.max) else {
                throw reader.error("register of \(size) bits from bit \(first) runs past the last bit index", at: firstOffset)
            }
            // Qiskit stores an empty register as the range of no bits from 0xFFFFFFFF; any other
            // start would be lost, as an empty register has no first bit to keep it in.
            guard size > 0 || first == Int64(UInt32.max) else {
                throw reader.error("an empty register stored as a range starts at bit 0xFFFFFFFF (as Qiskit writes it), not \(first)", at: firstOffset)
            }
            let limit = options.maximumRegisterBits + 64 * reader.bytes.count
            try values.registerBits.spend(Int(size), limit: limit, reader: reader, at: firstOffset)
            indices = (0..<Int64(size)).map { first + $0 }
        } else {
            let count = try reader.checkCount(size, minimumSize: version >= 4 && version < 18 ? 8 : 4, what: "register bit")
            indices.reserveCapacity(count)
            for _ in 0..<count {
                if version >= 18 {
                    let raw = try reader.readBigEndian(UInt32.self, "bit index")
                    indices.append(raw == UInt32.max ? -1 : Int64(raw))
                } else if version >= 4 {
                    indices.append(Int64(bitPattern: try reader.readBigEndian(UInt64.self, "bit index")))
                } else {
                    indices.append(Int64(try reader.readBigEndian(UInt32.self, "bit index")))
                }
            }
        }
        return CircuitRegister(kind: kind, name: name, standalone: standalone, inCircuit: inCircuit, indices: indices,
                               attachment: attachment)
    }

    /// EXPR_VAR_DECLARATION `"!16scH"`, EXPR_TYPE, name.
    private func readVariable(_ reader: inout ByteReader) throws(ByteDecodingError) -> VariableDeclaration {
        let uuid = try values.readUUID(&reader)
        let usage = try reader.readByte("variable usage")
        let nameSize = Int(try reader.readBigEndian(UInt16.self, "variable name size"))
        let type = try ClassicalExpressionDecoder.readType(&reader)
        return VariableDeclaration(uuid: uuid, usage: usage, type: type, name: try reader.readUTF8(nameSize, "variable name"))
    }

    /// CUSTOM_INSTRUCTION (v1–4 `"!H1cII?Q"`, v5+ `"!H1cII?QIIQ"`), name, definition, base gate.
    private func readCustomDefinition(_ reader: inout ByteReader, depth: Int) throws(ByteDecodingError) -> CustomDefinition {
        let nameSize = Int(try reader.readBigEndian(UInt16.self, "name size"))
        let kind = try reader.readByte("definition type")
        let numQubits = try reader.readBigEndian(UInt32.self, "qubit count")
        let numClbits = try reader.readBigEndian(UInt32.self, "clbit count")
        let hasDefinition = try readBool(&reader, "custom_definition flag")
        let size = try reader.readBigEndian(UInt64.self, "definition size")
        var numCtrlQubits: UInt32 = 0
        var ctrlState: UInt32 = 0
        var baseSize: UInt64 = 0
        if version >= 5 {
            numCtrlQubits = try reader.readBigEndian(UInt32.self, "num_ctrl_qubits")
            ctrlState = try reader.readBigEndian(UInt32.self, "ctrl_state")
            baseSize = try reader.readBigEndian(UInt64.self, "base gate size")
        }
        let name = try reader.readUTF8(nameSize, "name")
        var body: CustomDefinition.Body?
        if hasDefinition {
            guard size <= UInt64(reader.remaining) else { throw reader.error("definition claims \(size) bytes but \(reader.remaining) remain") }
            var payload = try reader.subReader(length: Int(size), "definition")
            if kind == UInt8(ascii: "p") {
                body = .pauliEvolution(try payload.within("PauliEvolution") { (inner) throws(ByteDecodingError) in try readPauliEvolution(&inner) })
            } else {
                body = .circuit(try payload.within("definition") { (inner) throws(ByteDecodingError) in try readCircuit(&inner, depth: depth + 1) })
            }
            try payload.requireEnd("definition")
        } else if size != 0 {
            throw reader.error("a custom operation without definition has a definition size of \(size)")
        }
        var baseGate: CircuitInstruction?
        if baseSize > 0 {
            guard baseSize <= UInt64(reader.remaining) else { throw reader.error("base gate claims \(baseSize) bytes but \(reader.remaining) remain") }
            var payload = try reader.subReader(length: Int(baseSize), "base gate")
            baseGate = try payload.within("base gate") { (inner) throws(ByteDecodingError) in
                try readInstruction(&inner, readArguments: false, depth: depth + 1)
            }
            try payload.requireEnd("base gate")
        }
        return CustomDefinition(name: name, kind: kind, numQubits: numQubits, numClbits: numClbits, body: body,
                                numCtrlQubits: numCtrlQubits, ctrlState: ctrlState, baseGate: baseGate)
    }

    /// PAULI_EVOLUTION_DEF `"!Q?1cQQ"`, operators, time, synthesis JSON.
    private func readPauliEvolution(_ reader: inout ByteReader) throws(ByteDecodingError) -> PauliEvolutionDefinition {
        let operatorCount = try reader.readBigEndian(UInt64.self, "operator count")
        let standalone = try readBool(&reader, "standalone_op flag")
        let timeKey = try reader.readByte("time type")
        let timeSize = try reader.readBigEndian(UInt64.self, "time size")
        let synthesisSize = try reader.readBigEndian(UInt64.self, "synthesis size")
        var operators: [PauliOperator] = []
        // Qiskit 2.x's Python writer puts QPY 17's one-byte operator flag in QPY 13–16 files too
        // (a writer bug); such files are read as written.
        let flagged = version >= 17 || Self.startsWithOperatorFlag(reader)
        for index in 0..<(try reader.checkCount(operatorCount, minimumSize: 8, what: "operator")) {
            operators.append(try reader.within("operator", index) { (inner) throws(ByteDecodingError) in
                if flagged, try readBool(&inner, "SparseObservable flag") {
                    return .sparseObservable(try readSparseObservable(&inner))
                }
                let size = try inner.readBigEndian(UInt64.self, "operator size")
                guard size <= UInt64(inner.remaining) else { throw inner.error("operator claims \(size) bytes but \(inner.remaining) remain") }
                return .sparsePauliOp(try inner.readBytes(Int(size), "operator .npy"))
            })
        }
        guard timeSize <= UInt64(reader.remaining) else { throw reader.error("time claims \(timeSize) bytes") }
        var time = try reader.subReader(length: Int(timeSize), "time")
        let timeValue = try values.decodeValue(key: timeKey, &time, "evolution time")
        guard synthesisSize <= UInt64(reader.remaining) else { throw reader.error("synthesis claims \(synthesisSize) bytes") }
        let synthesis = try reader.readUTF8(Int(synthesisSize), "synthesis")
        var evolution = PauliEvolutionDefinition(standalone: standalone, operators: operators, time: timeValue, synthesis: synthesis)
        evolution.flaggedOperators = flagged && version < 17
        return evolution
    }

    /// Whether the next operator record starts with a 0/1 flag byte rather than a u64 size that
    /// fits the remaining input.
    private static func startsWithOperatorFlag(_ reader: ByteReader) -> Bool {
        guard reader.remaining >= 9, reader.bytes[reader.offset] <= 1 else { return false }
        var size: UInt64 = 0
        for index in reader.offset..<reader.offset + 8 { size = size << 8 | UInt64(reader.bytes[index]) }
        return size > UInt64(reader.remaining - 8)
    }

    /// SPARSE_OBSERVABLE `"!IQQQQ"` and its arrays; lengths as bytes (spec) or counts (Qiskit 2.4+).
    private func readSparseObservable(_ reader: inout ByteReader) throws(ByteDecodingError) -> SparseObservable {
        let numQubits = try reader.readBigEndian(UInt32.self, "qubit count")
        let coefficientLength = try reader.readBigEndian(UInt64.self, "coefficient length")
        let bitTermOffset = reader.offset
        let bitTermLength = try reader.readBigEndian(UInt64.self, "bit-term length")
        let indexOffset = reader.offset
        let indexLength = try reader.readBigEndian(UInt64.self, "index length")
        let boundaryLength = try reader.readBigEndian(UInt64.self, "boundary length")
        let inBytes: Bool
        if coefficientLength % 2 == 0, boundaryLength == coefficientLength / 2 + 8, coefficientLength % 16 == 0 {
            inBytes = true
        } else if coefficientLength % 2 == 0, boundaryLength == coefficientLength / 2 + 1 {
            inBytes = false
        } else {
            throw reader.error("SparseObservable lengths are inconsistent (coefficients \(coefficientLength), boundaries \(boundaryLength))")
        }
        func count(_ length: UInt64, _ width: UInt64) -> UInt64 { inBytes ? length / width : length }
        let bitTermWidth: UInt64 = version >= 18 ? 1 : 2
        // Lengths in bytes hold whole elements: a remainder could not be written back.
        if inBytes {
            for (length, width, what, offset) in [(bitTermLength, bitTermWidth, "bit terms", bitTermOffset), (indexLength, 4, "indices", indexOffset)]
            where length % width != 0 {
                throw reader.error("SparseObservable \(what) length of \(length) bytes is not a whole number of \(width)-byte elements", at: offset)
            }
        }
        let coefficientCount = try reader.checkCount(count(coefficientLength, 8), minimumSize: 8, what: "coefficient")
        var coefficients: [Double] = []
        for _ in 0..<coefficientCount { coefficients.append(try reader.readBigEndianDouble("coefficient")) }
        var bitTerms: [UInt16] = []
        for _ in 0..<(try reader.checkCount(count(bitTermLength, bitTermWidth), minimumSize: Int(bitTermWidth), what: "bit term")) {
            bitTerms.append(version >= 18 ? UInt16(try reader.readByte("bit term")) : try reader.readBigEndian(UInt16.self, "bit term"))
        }
        var indices: [UInt32] = []
        for _ in 0..<(try reader.checkCount(count(indexLength, 4), minimumSize: 4, what: "index")) {
            indices.append(try reader.readBigEndian(UInt32.self, "index"))
        }
        var boundaries: [UInt64] = []
        for _ in 0..<(try reader.checkCount(count(boundaryLength, 8), minimumSize: 8, what: "boundary")) {
            boundaries.append(try reader.readBigEndian(UInt64.self, "boundary"))
        }
        return SparseObservable(numQubits: numQubits, coefficients: coefficients, bitTerms: bitTerms, indices: indices,
                                boundaries: boundaries, lengthsInBytes: inBytes)
    }

    /// CIRCUIT_INSTRUCTION (v1–4 `"!HHHII?Hq"`, v5+ `"!HHHIIBHqII"`) and what follows it.
    func readInstruction(_ reader: inout ByteReader, readArguments: Bool, depth: Int) throws(ByteDecodingError) -> CircuitInstruction {
        let nameSize = Int(try reader.readBigEndian(UInt16.self, "name size"))
        let labelSize = Int(try reader.readBigEndian(UInt16.self, "label size"))
        let parameterCount = Int(try reader.readBigEndian(UInt16.self, "parameter count"))
        let qargCount = try reader.readBigEndian(UInt32.self, "qubit argument count")
        let cargCount = try reader.readBigEndian(UInt32.self, "clbit argument count")
        let keyOffset = reader.offset
        let key = try reader.readByte("condition key")
        let registerSize = Int(try reader.readBigEndian(UInt16.self, "condition register size"))
        let conditionValue = Int64(bitPattern: try reader.readBigEndian(UInt64.self, "condition value"))
        var numCtrlQubits: UInt32 = 0
        var ctrlState: UInt32 = 0
        if version >= 5 {
            numCtrlQubits = try reader.readBigEndian(UInt32.self, "num_ctrl_qubits")
            ctrlState = try reader.readBigEndian(UInt32.self, "ctrl_state")
        }
        let conditionKind: UInt8
        var hasAnnotations = false
        if version < 5 {
            guard key <= 1 else { throw reader.error("has_condition must be 0 or 1, found \(key)", at: keyOffset) }
            conditionKind = key
        } else if version < 9 {
            guard key <= 1 else { throw reader.error("has_condition must be 0 or 1, found \(key)", at: keyOffset) }
            conditionKind = key
        } else {
            conditionKind = key & 0x03
            hasAnnotations = version >= 15 && key & 0x80 != 0
            let unknownBits: UInt8 = version >= 15 ? 0x7C : 0xFC
            guard key & unknownBits == 0, conditionKind <= 2 else {
                throw reader.error("unknown instruction flags 0x\(String(key, radix: 16))", at: keyOffset)
            }
        }
        let name = try reader.readUTF8(nameSize, "name")
        let label = labelSize > 0 ? try reader.readUTF8(labelSize, "label") : nil
        let registerStart = reader.offset
        let registerBytes = try reader.readBytes(registerSize, "condition register")
        var condition = InstructionCondition.none
        switch conditionKind {
        case 1:
            condition = .target(try ClassicalTargetCodec.decode(registerBytes, version: version, at: registerStart, path: reader.path),
                                value: conditionValue)
        case 2:
            guard registerSize == 0 else { throw reader.error("an expression condition has a register name", at: registerStart) }
            guard conditionValue == 0 else {
                throw reader.error("an expression condition has the condition value \(conditionValue) (Qiskit writes 0)", at: keyOffset + 3)
            }
            let parameter = try reader.within("condition") { (inner) throws(ByteDecodingError) in try readParameter(&inner, depth: depth) }
            guard case .expression(let expression) = parameter else {
                throw reader.error("an expression condition must be an 'x' value", at: registerStart)
            }
            condition = .expression(expression)
        default:
            guard registerSize == 0, conditionValue == 0 else {
                throw reader.error("an unconditioned instruction has condition data", at: keyOffset)
            }
        }
        var qubits: [UInt32] = []
        var clbits: [UInt32] = []
        var detached: DetachedCounts?
        if readArguments {
            qubits = try readArgumentIndices(&reader, count: qargCount, key: UInt8(ascii: "q"))
            clbits = try readArgumentIndices(&reader, count: cargCount, key: UInt8(ascii: "c"))
        } else {
            detached = DetachedCounts(qubits: qargCount, clbits: cargCount)
        }
        _ = try reader.checkCount(parameterCount, minimumSize: 9, what: "parameter")
        var parameters: [InstructionParameter] = []
        if parameterCount > 0 { parameters.reserveCapacity(parameterCount) }
        for index in 0..<parameterCount {
            parameters.append(try reader.within("param", index) { (inner) throws(ByteDecodingError) in try readParameter(&inner, depth: depth) })
        }
        var annotations: [InstructionAnnotation] = []
        if hasAnnotations {
            let count = try reader.readBigEndian(UInt32.self, "annotation count")
            for _ in 0..<(try reader.checkCount(count, minimumSize: 12, what: "annotation")) {
                let namespace = try reader.readBigEndian(UInt32.self, "annotation namespace index")
                let size = try reader.readBigEndian(UInt64.self, "annotation size")
                guard size <= UInt64(reader.remaining) else { throw reader.error("annotation claims \(size) bytes") }
                annotations.append(InstructionAnnotation(namespaceIndex: namespace, payload: try reader.readBytes(Int(size), "annotation")))
            }
        }
        return CircuitInstruction(name: name, label: label, condition: condition, qubits: qubits, clbits: clbits,
                                  parameters: parameters, detachedCounts: detached, numCtrlQubits: numCtrlQubits,
                                  ctrlState: ctrlState, annotations: annotations)
    }

    private func readArgumentIndices(_ reader: inout ByteReader, count: UInt32, key: UInt8) throws(ByteDecodingError) -> [UInt32] {
        let checked = try reader.checkCount(count, minimumSize: 5, what: "argument")
        switch checked {
        case 0: return []
        case 1: return argumentLists.list(try readArgumentIndex(&reader, key: key))
        case 2:
            let first = try readArgumentIndex(&reader, key: key)
            return argumentLists.list(first, try readArgumentIndex(&reader, key: key))
        default:
            var indices: [UInt32] = []
            indices.reserveCapacity(checked)
            for _ in 0..<checked { indices.append(try readArgumentIndex(&reader, key: key)) }
            return indices
        }
    }

    /// One argument: its type key (which must be `key`) and index.
    private func readArgumentIndex(_ reader: inout ByteReader, key: UInt8) throws(ByteDecodingError) -> UInt32 {
        let start = reader.offset
        let found = try reader.readByte("argument type")
        guard found == key else {
            throw reader.error("expected a '\(Character(Unicode.Scalar(key)))' argument, found \(TypeKey.describe(found))", at: start)
        }
        return try reader.readBigEndian(UInt32.self, "argument index")
    }

    /// A typed value in instruction context: `i`/`f` little-endian before QPY 18.
    func readParameter(_ reader: inout ByteReader, depth: Int) throws(ByteDecodingError) -> InstructionParameter {
        let key = try reader.readByte("type key")
        let size = try reader.readBigEndian(UInt64.self, "size")
        guard size <= UInt64(reader.remaining) else { throw reader.error("value claims \(size) bytes but \(reader.remaining) remain") }
        var payload = try reader.subReader(length: Int(size), "value")
        let parameter = try decodeParameter(key: key, &payload, depth: depth)
        try payload.requireEnd("value")
        return parameter
    }

    private func decodeParameter(key: UInt8, _ payload: inout ByteReader, depth: Int) throws(ByteDecodingError) -> InstructionParameter {
        switch key {
        case TypeKey.integer where version < 18:
            return .value(.integer(Int64(bitPattern: try payload.readLittleEndian(UInt64.self, "integer"))))
        case TypeKey.float where version < 18:
            return .value(.float(try payload.readLittleEndianDouble("float")))
        case UInt8(ascii: "t"):
            var items: [InstructionParameter] = []
            let count = try payload.readBigEndian(UInt64.self, "tuple size")
            for index in 0..<(try payload.checkCount(count, minimumSize: 9, what: "tuple item")) {
                items.append(try payload.within("item", index) { (inner) throws(ByteDecodingError) in try readParameter(&inner, depth: depth + 1) })
            }
            return .tuple(items)
        case UInt8(ascii: "r"):
            return .range(start: Int64(bitPattern: try payload.readBigEndian(UInt64.self, "range start")),
                          stop: Int64(bitPattern: try payload.readBigEndian(UInt64.self, "range stop")),
                          step: Int64(bitPattern: try payload.readBigEndian(UInt64.self, "range step")))
        case UInt8(ascii: "q"):
            guard depth < options.maximumNestingDepth else { throw payload.error("circuits nested too deeply") }
            return .circuit(try payload.within("circuit") { (inner) throws(ByteDecodingError) in try readCircuit(&inner, depth: depth + 1) })
        case UInt8(ascii: "n"):
            return .numpy(try payload.readBytes(payload.remaining, ".npy"))
        case UInt8(ascii: "R"):
            let start = payload.offset
            return .target(try ClassicalTargetCodec.decode(try payload.readBytes(payload.remaining, "register"), version: version,
                                                           at: start, path: payload.path))
        case UInt8(ascii: "d"):
            return .caseDefault
        case UInt8(ascii: "x"):
            return .expression(try ClassicalExpressionDecoder(version: version, maximumDepth: options.maximumNestingDepth * 4)
                .read(&payload, depth: 0))
        case UInt8(ascii: "m"):
            let kind = try payload.readByte("modifier type")
            return .modifier(Modifier(kind: kind, numCtrlQubits: try payload.readBigEndian(UInt32.self, "num_ctrl_qubits"),
                                      ctrlState: try payload.readBigEndian(UInt32.self, "ctrl_state"),
                                      power: try payload.readBigEndianDouble("power")))
        case UInt8(ascii: "b"):
            return .bool(try readBool(&payload, "bool"))
        default:
            return .value(try values.decodeValue(key: key, &payload, "parameter"))
        }
    }

    /// CIRCUIT_CALIBRATIONS: `"!H"` count, then per entry CALIBRATION_DEF `"!HHH1c"`, gate name,
    /// qubits, parameters and a schedule block.
    private func readCalibrations(_ reader: inout ByteReader, depth: Int) throws(ByteDecodingError) -> [CircuitCalibration] {
        let count = Int(try reader.readBigEndian(UInt16.self, "calibration count"))
        let schedules = ScheduleBlockDecoder(values: values)
        var calibrations: [CircuitCalibration] = []
        for index in 0..<count {
            calibrations.append(try reader.within("calibration", index) { (inner) throws(ByteDecodingError) in
                let nameSize = Int(try inner.readBigEndian(UInt16.self, "gate name size"))
                let qubitCount = Int(try inner.readBigEndian(UInt16.self, "qubit count"))
                let parameterCount = Int(try inner.readBigEndian(UInt16.self, "parameter count"))
                let typeOffset = inner.offset
                let type = try inner.readByte("program type")
                guard type == TypeKey.scheduleProgram else {
                    throw inner.error("a calibration must hold a schedule block ('s'), found \(TypeKey.describe(type))", at: typeOffset)
                }
                let gate = try inner.readUTF8(nameSize, "gate name")
                var qubits: [Int64] = []
                for _ in 0..<(try inner.checkCount(qubitCount, minimumSize: 8, what: "qubit")) {
                    qubits.append(Int64(bitPattern: try inner.readBigEndian(UInt64.self, "qubit")))
                }
                var parameters: [Value] = []
                for parameter in 0..<(try inner.checkCount(parameterCount, minimumSize: 9, what: "parameter")) {
                    parameters.append(try values.readValue(&inner, "calibration parameter \(parameter)"))
                }
                let schedule = try schedules.readBlock(&inner, depth: depth + 1)
                return CircuitCalibration(gate: gate, qubits: qubits, parameters: parameters, schedule: schedule)
            })
        }
        return calibrations
    }

    /// LAYOUT (v8–9 `"!?iiiI"`, v10+ `"!?iiiIi"`) and what follows it.
    private func readLayout(_ reader: inout ByteReader) throws(ByteDecodingError) -> CircuitLayout? {
        let exists = try readBool(&reader, "layout flag")
        let initialSize = Int32(bitPattern: try reader.readBigEndian(UInt32.self, "initial layout size"))
        let inputSize = Int32(bitPattern: try reader.readBigEndian(UInt32.self, "input mapping size"))
        let finalSize = Int32(bitPattern: try reader.readBigEndian(UInt32.self, "final layout size"))
        let extraCount = try reader.readBigEndian(UInt32.self, "extra register count")
        let inputQubits = version >= 10 ? Int32(bitPattern: try reader.readBigEndian(UInt32.self, "input qubit count")) : -1
        guard exists else {
            guard initialSize == -1, inputSize == -1, finalSize == -1, extraCount == 0, inputQubits == (version >= 10 ? 0 : -1) else {
                throw reader.error("an absent layout has non-default fields")
            }
            return nil
        }
        var extras: [CircuitRegister] = []
        for _ in 0..<(try reader.checkCount(extraCount, minimumSize: 9, what: "extra register")) {
            extras.append(try readRegister(&reader))
        }
        var initial: [LayoutBit?]?
        if initialSize >= 0 {
            var bits: [LayoutBit?] = []
            for _ in 0..<(try reader.checkCount(initialSize, minimumSize: 8, what: "initial layout bit")) {
                let index = Int32(bitPattern: try reader.readBigEndian(UInt32.self, "bit index"))
                let nameSize = Int32(bitPattern: try reader.readBigEndian(UInt32.self, "register name size"))
                if nameSize < 0 {
                    guard index == -1, nameSize == -1 else { throw reader.error("a layout bit without register must be (-1, -1)") }
                    bits.append(nil)
                } else {
                    bits.append(LayoutBit(register: try reader.readUTF8(Int(nameSize), "register name"), index: index))
                }
            }
            initial = bits
        } else if initialSize != -1 {
            throw reader.error("initial layout size \(initialSize) is negative")
        }
        func readIndices(_ size: Int32, _ what: String) throws(ByteDecodingError) -> [UInt32]? {
            if size == -1 { return nil }
            var indices: [UInt32] = []
            for _ in 0..<(try reader.checkCount(size, minimumSize: 4, what: what)) {
                indices.append(try reader.readBigEndian(UInt32.self, what))
            }
            return indices
        }
        let input = try readIndices(inputSize, "input mapping entry")
        let final = try readIndices(finalSize, "final layout entry")
        return CircuitLayout(initialLayout: initial, inputMapping: input, finalLayout: final, extraRegisters: extras,
                             inputQubitCount: inputQubits)
    }
}
