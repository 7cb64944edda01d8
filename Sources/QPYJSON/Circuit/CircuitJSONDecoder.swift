import QPYExpression
import QPYModel

/// JSON to circuits; the inverse of ``CircuitJSONEncoder``.
struct CircuitJSONDecoder {
    let values: ValueJSON
    let schedules: ScheduleJSONDecoder
    let version: Int
    let maximumDepth: Int
    /// Shared by the instructions of one document.
    let argumentLists = ArgumentListMemo()

    func circuit(_ node: JSONNode, depth: Int) throws(JSONDecodingError) -> QuantumCircuit {
        guard depth <= maximumDepth else { throw node.error("circuits nested deeper than \(maximumDepth) levels") }
        try node.requireOnly(["name", "num_qubits", "num_clbits", "global_phase", "metadata", "registers", "variables",
                              "annotation_namespaces", "definitions", "instructions", "calibrations", "layout", "qpy"], in: "a circuit")
        var circuit = QuantumCircuit(name: try node.member("name").string("the circuit name"))
        circuit.numQubits = try node.member("num_qubits").integer("the qubit count", as: UInt32.self)
        circuit.numClbits = try node.member("num_clbits").integer("the clbit count", as: UInt32.self)
        circuit.globalPhase = try node.optional("global_phase").map { (item) throws(JSONDecodingError) in try values.decode(item, .numeric) } ?? .float(0)
        let metadataMember = try node.optional("metadata")?.json.value ?? .emptyObject
        var metadataText: String?
        var vectorTable: [ParameterVectorDeclaration]?
        if let qpy = try node.optional("qpy") {
            try qpy.requireOnly(["metadata_text", "vector_table", "definition_count_in_header"], in: "circuit storage details")
            circuit.storage.definitionCountInHeader = try qpy.optional("definition_count_in_header")?.integer("a count", as: UInt64.self)
            metadataText = try qpy.optional("metadata_text")?.string("the metadata text")
            if let table = try qpy.optional("vector_table") {
                vectorTable = try table.array("the vector table").map { (entry) throws(JSONDecodingError) in
                    try entry.requireOnly(["name", "length", "root_uuid"], in: "a vector table entry")
                    guard let uuid = ParameterUUID(try entry.member("root_uuid").string("a UUID")) else { throw entry.error("expected a UUID") }
                    return ParameterVectorDeclaration(name: try entry.member("name").string("the vector name"),
                                                      size: try entry.member("length").integer("the vector length", as: UInt64.self), rootUUID: uuid)
                }
            }
        }
        if metadataText == "", metadataMember == .emptyObject {
            circuit.storage.metadataText = ""
        } else {
            let (metadata, storage) = MetadataJSON.restore(member: metadataMember, storedText: metadataText)
            circuit.metadata = metadata
            circuit.storage.metadataText = storage.metadataText
        }
        circuit.storage.vectorTable = vectorTable
        circuit.registers = try (try node.optional("registers")?.array("the registers") ?? []).map { (item) throws(JSONDecodingError) in try register(item) }
        circuit.variables = try (try node.optional("variables")?.array("the variables") ?? []).map { (item) throws(JSONDecodingError) in
            try item.requireOnly(["name", "uuid", "usage", "type"], in: "a variable")
            guard let uuid = ParameterUUID(try item.member("uuid").string("a UUID")) else { throw item.error("expected a UUID") }
            return VariableDeclaration(uuid: uuid, usage: try CircuitJSONNames.code(try item.member("usage"), in: CircuitJSONNames.usages, what: "variable usage"),
                                       type: try type(try item.member("type")), name: try item.member("name").string("the variable name"))
        }
        circuit.annotationNamespaces = try (try node.optional("annotation_namespaces")?.array("the annotation namespaces") ?? []).map { (item) throws(JSONDecodingError) in
            try item.requireOnly(["namespace", "state"], in: "an annotation namespace")
            return AnnotationNamespace(namespace: try item.member("namespace").string("the namespace"), state: try hex(try item.member("state")))
        }
        circuit.customDefinitions = try (try node.optional("definitions")?.array("the definitions") ?? []).map { (item) throws(JSONDecodingError) in
            try definition(item, depth: depth)
        }
        var instructions: [CircuitInstruction] = []
        try node.member("instructions").forEachElement("the instructions", count: { instructions.reserveCapacity($0) }) { (item) throws(JSONDecodingError) in
            instructions.append(try instruction(item, depth: depth))
        }
        circuit.instructions = instructions
        circuit.calibrations = try (try node.optional("calibrations")?.array("the calibrations") ?? []).map { (item) throws(JSONDecodingError) in
            try item.requireOnly(["gate", "qubits", "params", "schedule"], in: "a calibration")
            return CircuitCalibration(
                gate: try item.member("gate").string("the gate name"),
                qubits: try item.member("qubits").array("the qubits").map { (qubit) throws(JSONDecodingError) in try qubit.integer("a qubit", as: Int64.self) },
                parameters: try item.member("params").array("the parameters").map { (parameter) throws(JSONDecodingError) in try values.decode(parameter, .numeric) },
                schedule: try schedules.block(try item.member("schedule"), topLevel: false, depth: depth + 1))
        }
        if let layoutNode = try node.optional("layout"), !layoutNode.isNull { circuit.layout = try layout(layoutNode) }
        if version >= 18, circuit.storage.vectorTable == nil {
            // What QPY decoding records: the table Qiskit writes, vectors in order of first use.
            circuit.storage.vectorTable = circuit.parameterVectorsInOrderOfUse
        }
        return circuit
    }

    private func hex(_ node: JSONNode) throws(JSONDecodingError) -> [UInt8] {
        guard let bytes = JSONNumbers.bytes(hex: try node.string("hex bytes")) else { throw node.error("expected hex bytes") }
        return bytes
    }

    private func register(_ node: JSONNode) throws(JSONDecodingError) -> CircuitRegister {
        try node.requireOnly(["name", "kind", "bits", "standalone", "in_circuit", "qpy"], in: "a register")
        let kindNode = try node.member("kind")
        guard let kind = BitKind(rawValue: try kindNode.string("quantum, classical or ancilla")) else {
            throw kindNode.error("expected quantum, classical or ancilla")
        }
        var attachment: UInt8?
        if let qpy = try node.optional("qpy") {
            try qpy.requireOnly(["attachment"], in: "register storage details")
            if let node = try qpy.optional("attachment") {
                let value = try node.integer("0 or 1", as: UInt8.self)
                guard value <= 1 else { throw node.error("expected 0 or 1 (QPY 18's register_attachment byte)") }
                guard version >= 18 else {
                    throw node.error("a register's attachment is QPY 18's register_attachment byte; this document is QPY \(version)")
                }
                attachment = value
            }
        }
        var register = CircuitRegister(
            kind: kind, name: try node.member("name").string("the register name"),
            standalone: try node.optional("standalone")?.bool("standalone") ?? true,
            inCircuit: try node.optional("in_circuit")?.bool("in_circuit") ?? true,
            indices: try node.member("bits").array("the bit indices").map { (bit) throws(JSONDecodingError) in try bit.integer("a bit index", as: Int64.self) })
        register.attachment = attachment ?? (version >= 18 ? register.defaultAttachment : nil)
        return register
    }

    func type(_ node: JSONNode) throws(JSONDecodingError) -> ClassicalType {
        if case .string(let name) = node.json.kind {
            switch name {
            case "bool": return .bool
            case "float": return .float
            case "duration": return .duration
            default: throw node.error("expected bool, float, duration or {\"uint\": width}")
            }
        }
        try node.requireOnly(["uint"], in: "a type")
        return .uint(width: try node.member("uint").integer("the width", as: UInt32.self))
    }

    private func definition(_ node: JSONNode, depth: Int) throws(JSONDecodingError) -> CustomDefinition {
        try node.requireOnly(["name", "kind", "num_qubits", "num_clbits", "ctrl", "definition", "pauli_evolution", "base_gate"], in: "a definition")
        let (numCtrl, ctrlState) = try ctrl(try node.optional("ctrl"))
        var body: CustomDefinition.Body?
        if let evolution = try node.optional("pauli_evolution") {
            body = .pauliEvolution(try pauliEvolution(evolution))
        } else if let definition = try node.optional("definition"), !definition.isNull {
            body = .circuit(try circuit(definition, depth: depth + 1))
        }
        return CustomDefinition(
            name: try node.member("name").string("the definition name"),
            kind: try CircuitJSONNames.code(try node.member("kind"), in: CircuitJSONNames.definitionKinds, what: "definition kind"),
            numQubits: try node.member("num_qubits").integer("the qubit count", as: UInt32.self),
            numClbits: try node.member("num_clbits").integer("the clbit count", as: UInt32.self),
            body: body, numCtrlQubits: numCtrl, ctrlState: ctrlState,
            baseGate: try node.optional("base_gate").map { (base) throws(JSONDecodingError) in try instruction(base, depth: depth + 1) })
    }

    private func ctrl(_ node: JSONNode?) throws(JSONDecodingError) -> (UInt32, UInt32) {
        guard let node else { return (0, 0) }
        let parts = try node.array("[num_ctrl_qubits, ctrl_state]")
        guard parts.count == 2 else { throw node.error("expected [num_ctrl_qubits, ctrl_state]") }
        return (try parts[0].integer("num_ctrl_qubits", as: UInt32.self), try parts[1].integer("ctrl_state", as: UInt32.self))
    }

    private func pauliEvolution(_ node: JSONNode) throws(JSONDecodingError) -> PauliEvolutionDefinition {
        try node.requireOnly(["qpy", "standalone", "operators", "time", "synthesis"], in: "a PauliEvolutionGate")
        var flagged = false
        if let qpy = try node.optional("qpy") {
            try qpy.requireOnly(["flagged_operators"], in: "PauliEvolutionGate storage details")
            flagged = try qpy.optional("flagged_operators")?.bool("flagged_operators") ?? false
        }
        let operators = try node.member("operators").array("the operators").map { (item) throws(JSONDecodingError) -> PauliOperator in
            if let npy = try item.optional("sparse_pauli_op_npy") { return .sparsePauliOp(try hex(npy)) }
            let observable = try item.member("sparse_observable")
            try observable.requireOnly(["num_qubits", "coefficients", "bit_terms", "indices", "boundaries", "lengths_in_bytes"], in: "a SparseObservable")
            return .sparseObservable(SparseObservable(
                numQubits: try observable.member("num_qubits").integer("the qubit count", as: UInt32.self),
                coefficients: try observable.member("coefficients").array("coefficients").map { (value) throws(JSONDecodingError) in try values.floatValue(value) },
                bitTerms: try observable.member("bit_terms").array("bit terms").map { (value) throws(JSONDecodingError) in try value.integer("a bit term", as: UInt16.self) },
                indices: try observable.member("indices").array("indices").map { (value) throws(JSONDecodingError) in try value.integer("an index", as: UInt32.self) },
                boundaries: try observable.member("boundaries").array("boundaries").map { (value) throws(JSONDecodingError) in try value.integer("a boundary", as: UInt64.self) },
                lengthsInBytes: try observable.member("lengths_in_bytes").bool("lengths_in_bytes")))
        }
        return PauliEvolutionDefinition(standalone: try node.member("standalone").bool("standalone"), operators: operators,
                                        time: try values.decode(try node.member("time"), .numeric),
                                        synthesis: try node.member("synthesis").string("the synthesis JSON"), flaggedOperators: flagged)
    }

    func instruction(_ node: JSONNode, depth: Int) throws(JSONDecodingError) -> CircuitInstruction {
        try node.requireOnly(["op", "qubits", "clbits", "num_qubits", "num_clbits", "params", "label", "condition", "ctrl", "annotations"], in: "an instruction")
        var instruction = CircuitInstruction(name: try node.member("op").string("the operation name"))
        if let qubits = try node.optional("num_qubits") {
            instruction.detachedCounts = DetachedCounts(qubits: try qubits.integer("the qubit count", as: UInt32.self),
                                                        clbits: try node.member("num_clbits").integer("the clbit count", as: UInt32.self))
        } else {
            instruction.qubits = try indices(try node.member("qubits").array("the qubits"), "a qubit index")
            instruction.clbits = try indices(try node.optional("clbits")?.array("the clbits") ?? [], "a clbit index")
        }
        instruction.parameters = try (try node.optional("params")?.array("the parameters") ?? []).map { (item) throws(JSONDecodingError) in
            try parameter(item, depth: depth)
        }
        instruction.label = try node.optional("label")?.string("the label")
        if let condition = try node.optional("condition") {
            if let expr = try condition.optional("expr") {
                try condition.requireOnly(["expr"], in: "a condition")
                instruction.condition = .expression(try classical(expr, depth: 0))
            } else {
                try condition.requireOnly(["target", "value"], in: "a condition")
                instruction.condition = .target(try target(try condition.member("target")), value: try condition.member("value").integer("the value", as: Int64.self))
            }
        }
        (instruction.numCtrlQubits, instruction.ctrlState) = try ctrl(try node.optional("ctrl"))
        instruction.annotations = try (try node.optional("annotations")?.array("the annotations") ?? []).map { (item) throws(JSONDecodingError) in
            try item.requireOnly(["namespace", "payload"], in: "an annotation")
            return InstructionAnnotation(namespaceIndex: try item.member("namespace").integer("a namespace index", as: UInt32.self),
                                         payload: try hex(try item.member("payload")))
        }
        return instruction
    }

    /// Qubit or clbit indices; a list of one or two is shared with the instructions on the same bits.
    private func indices(_ items: [JSONNode], _ what: String) throws(JSONDecodingError) -> [UInt32] {
        switch items.count {
        case 0: return []
        case 1: return argumentLists.list(try items[0].integer(what, as: UInt32.self))
        case 2: return argumentLists.list(try items[0].integer(what, as: UInt32.self), try items[1].integer(what, as: UInt32.self))
        default: return try items.map { (item) throws(JSONDecodingError) in try item.integer(what, as: UInt32.self) }
        }
    }

    func target(_ node: JSONNode) throws(JSONDecodingError) -> ClassicalTarget {
        if let register = try node.optional("register") { return .register(try register.string("a register name")) }
        return .clbit(try node.member("clbit").integer("a clbit index", as: UInt32.self))
    }

    func parameter(_ node: JSONNode, depth: Int) throws(JSONDecodingError) -> InstructionParameter {
        guard case .object(let members) = node.json.kind, members.count == 1 || members.contains(where: { $0.key == "expr" || $0.key == "modifier" }) else {
            return .value(try values.decode(node, .numeric))
        }
        let key = members[0].key
        switch key {
        case "tuple": return .tuple(try node.member("tuple").array("the tuple").map { (item) throws(JSONDecodingError) in try parameter(item, depth: depth + 1) })
        case "range":
            let parts = try node.member("range").array("[start, stop, step]")
            guard parts.count == 3 else { throw node.error("a range is [start, stop, step]") }
            return .range(start: try parts[0].integer("start", as: Int64.self), stop: try parts[1].integer("stop", as: Int64.self),
                          step: try parts[2].integer("step", as: Int64.self))
        case "circuit": return .circuit(try circuit(try node.member("circuit"), depth: depth + 1))
        case "numpy": return .numpy(try hex(try node.member("numpy")))
        case "target": return .target(try target(try node.member("target")))
        case "case_default": return .caseDefault
        case "classical": return .expression(try classical(try node.member("classical"), depth: 0))
        case "bool": return .bool(try node.member("bool").bool("the bool"))
        case "modifier":
            try node.requireOnly(["modifier", "ctrl", "power"], in: "a modifier")
            let (numCtrl, state) = try ctrl(try node.optional("ctrl"))
            return .modifier(Modifier(kind: try CircuitJSONNames.code(try node.member("modifier"), in: CircuitJSONNames.modifiers, what: "modifier"),
                                      numCtrlQubits: numCtrl, ctrlState: state,
                                      power: try node.optional("power").map { (item) throws(JSONDecodingError) in try values.floatValue(item) } ?? 0))
        default: return .value(try values.decode(node, .numeric))
        }
    }

    func classical(_ node: JSONNode, depth: Int) throws(JSONDecodingError) -> ClassicalExpression {
        guard depth <= maximumDepth * 4 else { throw node.error("classical expression nested too deeply") }
        let type = try self.type(try node.member("type"))
        if let variable = try node.optional("var") {
            try node.requireOnly(["var", "type"], in: "a variable node")
            if let clbit = try variable.optional("clbit") { return .variable(type, .clbit(try clbit.integer("a clbit", as: UInt32.self))) }
            if let register = try variable.optional("register") { return .variable(type, .register(try register.string("a register name"))) }
            return .variable(type, .standalone(try variable.member("standalone").integer("a variable index", as: UInt16.self)))
        }
        if let value = try node.optional("value") {
            try node.requireOnly(["value", "type"], in: "a value node")
            switch value.json.kind {
            case .bool(let flag): return .value(type, .bool(flag))
            case .object:
                if let bytes = try value.optional("int_bytes") { return .value(type, .integer(try hex(bytes))) }
                if let float = try value.optional("float") { _ = float; return .value(type, .float(try values.floatValue(value))) }
                if let ticks = try value.optional("dt") { return .value(type, .duration(.dt(try ticks.integer("dt", as: UInt64.self)))) }
                for (code, unit) in CircuitJSONNames.durationUnits {
                    if let time = try value.optional(unit) { return .value(type, .duration(.time(try values.floatValue(time), unit: code))) }
                }
                throw value.error("unknown value")
            default: return .value(type, .float(try values.floatValue(value)))
            }
        }
        if let operand = try node.optional("cast") {
            return .cast(type, implicit: try node.member("implicit").bool("implicit"), try classical(operand, depth: depth + 1))
        }
        if let op = try node.optional("unary") {
            return .unary(type, op: try CircuitJSONNames.code(op, in: CircuitJSONNames.unaryOps, what: "unary op"),
                          try classical(try node.member("operand"), depth: depth + 1))
        }
        if let op = try node.optional("binary") {
            return .binary(type, op: try CircuitJSONNames.code(op, in: CircuitJSONNames.binaryOps, what: "binary op"),
                           try classical(try node.member("lhs"), depth: depth + 1), try classical(try node.member("rhs"), depth: depth + 1))
        }
        if let index = try node.optional("index") {
            return .index(type, try classical(try node.member("target"), depth: depth + 1), try classical(index, depth: depth + 1))
        }
        if let stretch = try node.optional("stretch") { return .stretch(type, try stretch.integer("a stretch index", as: UInt16.self)) }
        throw node.error("expected a classical expression node (var, value, cast, unary, binary, index or stretch)")
    }

    private func layout(_ node: JSONNode) throws(JSONDecodingError) -> CircuitLayout {
        try node.requireOnly(["initial_layout", "input_mapping", "final_layout", "extra_registers", "input_qubit_count"], in: "a layout")
        var initial: [LayoutBit?]?
        if let bits = try node.optional("initial_layout"), !bits.isNull {
            initial = try bits.array("the initial layout").map { (bit) throws(JSONDecodingError) -> LayoutBit? in
                if bit.isNull { return nil }
                return LayoutBit(register: try bit.member("register").string("a register name"), index: try bit.member("index").integer("an index", as: Int32.self))
            }
        }
        func indices(_ key: String) throws(JSONDecodingError) -> [UInt32]? {
            guard let list = try node.optional(key), !list.isNull else { return nil }
            return try list.array(key).map { (item) throws(JSONDecodingError) in try item.integer("an index", as: UInt32.self) }
        }
        return CircuitLayout(
            initialLayout: initial, inputMapping: try indices("input_mapping"), finalLayout: try indices("final_layout"),
            extraRegisters: try (try node.optional("extra_registers")?.array("extra registers") ?? []).map { (item) throws(JSONDecodingError) in try register(item) },
            inputQubitCount: try node.optional("input_qubit_count")?.integer("the input qubit count", as: Int32.self) ?? -1)
    }
}
