import QPYExpression
import QPYModel

/// JSON to schedule blocks; the inverse of ``ScheduleJSONEncoder``.
struct ScheduleJSONDecoder {
    let values: ValueJSON
    let header: QPYFileHeader
    let symengineVersion: SymengineVersion
    let maximumDepth: Int

    func block(_ node: JSONNode, topLevel: Bool, depth: Int) throws(JSONDecodingError) -> ScheduleBlock {
        guard depth <= maximumDepth else { throw node.error("blocks nested deeper than \(maximumDepth) levels") }
        try node.requireOnly(["op", "name", "metadata", "alignment", "instructions", "references", "qpy"], in: "a schedule block")
        if let op = try node.optional("op"), try op.string("the element kind") != "block" {
            throw op.error("a schedule block's \"op\" is \"block\"")
        }
        let name = try node.member("name").string("the block name")
        let metadataMember = try node.optional("metadata")?.json.value ?? .emptyObject
        let alignment = try node.optional("alignment").map { (alignmentNode) throws(JSONDecodingError) in try self.alignment(alignmentNode) }
            ?? AlignmentContext(kind: .left)
        var elements: [ScheduleElement] = []
        try node.member("instructions").forEachElement("the instruction list", count: { elements.reserveCapacity($0) }) { (item) throws(JSONDecodingError) in
            let op = try item.member("op").string("the instruction name")
            if op == "block" {
                elements.append(.block(try block(item, topLevel: topLevel, depth: depth + 1)))
            } else {
                elements.append(.instruction(try instruction(item, op: op, topLevel: topLevel)))
            }
        }
        var references: [ScheduleReference]? = header.version >= 7 ? [] : nil
        if let list = try node.optional("references") {
            references = list.isNull ? nil : []
            for item in list.isNull ? [] : try list.array("the reference list") {
                try item.requireOnly(["key", "block"], in: "a reference")
                let key = try item.member("key").array("the reference key").map { (part) throws(JSONDecodingError) in try part.string("a key part") }
                let blockNode = try item.member("block")
                let subroutine = blockNode.isNull ? nil : try block(blockNode, topLevel: false, depth: depth + 1)
                references?.append(ScheduleReference(key: key, block: subroutine))
            }
        }
        var metadataText: String?
        if let qpy = try node.optional("qpy") {
            try qpy.requireOnly(["metadata_text"], in: "block storage details")
            metadataText = try qpy.optional("metadata_text")?.string("the metadata text")
        }
        let (metadata, storage) = MetadataJSON.restore(member: metadataMember, storedText: metadataText)
        return ScheduleBlock(name: name, metadata: metadata, alignment: alignment, elements: elements, references: references, storage: storage)
    }

    private func alignment(_ node: JSONNode) throws(JSONDecodingError) -> AlignmentContext {
        if case .string(let name) = node.json.kind {
            guard let kind = PulseJSONNames.alignmentKind(name), kind != .equispaced else {
                throw node.error("expected \"left\", \"right\", \"sequential\" or {\"equispaced\": duration}")
            }
            return AlignmentContext(kind: kind)
        }
        if let duration = try node.optional("equispaced") {
            try node.requireOnly(["equispaced"], in: "an equispaced alignment")
            return AlignmentContext(kind: .equispaced, parameters: [try values.decode(duration, .numeric)])
        }
        try node.requireOnly(["key", "parameters"], in: "an alignment")
        let keyNode = try node.member("key")
        let byte: UInt8
        if case .number = keyNode.json.kind {
            byte = try keyNode.integer("an alignment key byte", as: UInt8.self)
        } else {
            let key = try keyNode.string("an alignment key letter")
            guard key.utf8.count == 1, let first = key.utf8.first else { throw node.error("the alignment key is one letter") }
            byte = first
        }
        let parameters = try node.member("parameters").array("alignment parameters").map { (item) throws(JSONDecodingError) in
            try values.decode(item, .numeric)
        }
        return AlignmentContext(kind: AlignmentKind(key: byte), parameters: parameters)
    }

    private func instruction(_ node: JSONNode, op: String, topLevel: Bool) throws(JSONDecodingError) -> PulseInstruction {
        guard let kind = PulseJSONNames.kind(op: op) else {
            throw try node.member("op").error("unknown instruction \"\(op)\"; expected play, delay, set_frequency, shift_frequency, set_phase, shift_phase, acquire, relative_barrier, time_blockade, reference or block")
        }
        let name = try node.optional("name")?.optionalString("the instruction name")
        var operands: [PulseOperand] = []
        if let list = try node.optional("operands") {
            try node.requireOnly(["op", "operands", "name"], in: "an instruction")
            for item in try list.array("the operand list") { operands.append(try typedOperand(item, topLevel: topLevel)) }
            return PulseInstruction(kind: kind, operands: operands, name: name)
        }
        guard let slots = PulseJSONNames.slots(kind) else {
            if kind == .relativeBarrier {
                try node.requireOnly(["op", "channels", "name"], in: "a relative_barrier")
                for item in try node.member("channels").array("the channel list") { operands.append(.channel(try channel(item))) }
            } else {
                try node.requireOnly(["op", "keys", "name"], in: "a reference")
                for item in try node.member("keys").array("the reference keys") { operands.append(.string(try item.string("a key part"))) }
            }
            return PulseInstruction(kind: kind, operands: operands, name: name)
        }
        try node.requireOnly(["op", "name"] + slots.map(\.0), in: "a \(op)")
        for (slotName, slot) in slots {
            guard let item = try node.optional(slotName) else {
                if slot == .optionalChannel || slot == .kernel || slot == .discriminator { operands.append(.value(.none)); continue }
                throw node.error("\(op) needs \"\(slotName)\"")
            }
            switch slot {
            case .pulse: operands.append(try pulse(item, topLevel: topLevel))
            case .channel: operands.append(.channel(try channel(item)))
            case .optionalChannel: operands.append(item.isNull ? .value(.none) : .channel(try channel(item)))
            case .number: operands.append(.value(try values.decode(item, .numeric)))
            case .kernel: operands.append(item.isNull ? .value(.none) : .kernel(try processor(item)))
            case .discriminator: operands.append(item.isNull ? .value(.none) : .discriminator(try processor(item)))
            }
        }
        return PulseInstruction(kind: kind, operands: operands, name: name)
    }

    private func typedOperand(_ node: JSONNode, topLevel: Bool) throws(JSONDecodingError) -> PulseOperand {
        let members = try node.object("a typed operand")
        guard members.count == 1, let (key, item) = members.first else {
            throw node.error("a typed operand has exactly one of \"value\", \"channel\", \"pulse\", \"string\", \"kernel\", \"discriminator\"")
        }
        switch key {
        case "value": return .value(try values.decode(item, .plain))
        case "channel": return .channel(try channel(item))
        case "pulse": return try pulse(item, topLevel: topLevel)
        case "string": return .string(try item.string("the operand string"))
        case "kernel": return .kernel(try processor(item))
        case "discriminator": return .discriminator(try processor(item))
        default: throw item.error("unknown operand kind \"\(key)\"")
        }
    }

    func channel(_ node: JSONNode) throws(JSONDecodingError) -> Channel {
        if case .string(let text) = node.json.kind {
            guard let (kind, index) = PulseJSONNames.parseChannel(text) else {
                throw node.error("expected a channel such as d0, u1, m0, a0, mem0 or reg0")
            }
            return Channel(kind: kind, index: .integer(index))
        }
        try node.requireOnly(["kind", "index"], in: "a channel")
        let kindNode = try node.member("kind")
        guard let kind = ChannelKind(rawValue: try kindNode.string("a channel kind")) else {
            throw kindNode.error("expected drive, control, measure, acquire, memorySlot or registerSlot")
        }
        return Channel(kind: kind, index: try values.decode(try node.member("index"), .numeric))
    }

    private func pulse(_ node: JSONNode, topLevel: Bool) throws(JSONDecodingError) -> PulseOperand {
        if try node.optional("waveform") != nil { return .waveform(try waveform(node)) }
        if try node.optional("pulse_type") != nil { return .symbolicPulse(try symbolicPulse(node, topLevel: topLevel)) }
        throw node.error("expected a pulse: {\"waveform\": [...]} or {\"pulse_type\": ...}")
    }

    private func waveform(_ node: JSONNode) throws(JSONDecodingError) -> Waveform {
        try node.requireOnly(["waveform", "epsilon", "limit_amplitude", "name", "qpy"], in: "a waveform")
        let list = try node.member("waveform")
        guard case .array = list.json.kind else { throw list.error("expected the samples (a JSON array)") }
        var samples: [ComplexSample] = []
        // Samples skipped when the instruction was read (see `LocatedDocument.forEachElement`)
        // are read straight from the text when they are all plain `[re, im]` numbers.
        if let deferred = node.document.deferredArray(list.json) {
            samples.reserveCapacity(deferred.count)
            if node.document.forEachSample(of: deferred, { samples.append(ComplexSample($0, $1)) }) {
                return try waveform(node, samples: samples)
            }
            samples.removeAll(keepingCapacity: true)
        }
        let pairs = node.document.items(list.json)
        samples.reserveCapacity(pairs.count)
        for pair in pairs {
            // The usual `[re, im]` of two numbers is read straight from the tree; anything else
            // goes through nodes, which name the place of an error.
            if case .array(let parts) = pair.kind, parts.count == 2, case .number(let real) = parts[0].kind,
               case .number(let imaginary) = parts[1].kind, let re = real.double, let im = imaginary.double {
                samples.append(ComplexSample(re, im))
                continue
            }
            let item = JSONNode(json: pair, document: node.document)
            let parts = try item.array("a sample [re, im]")
            guard parts.count == 2 else { throw item.error("a sample is [re, im]") }
            samples.append(ComplexSample(try values.floatValue(parts[0]), try values.floatValue(parts[1])))
        }
        return try waveform(node, samples: samples)
    }

    /// The rest of a waveform, after its samples.
    private func waveform(_ node: JSONNode, samples: [ComplexSample]) throws(JSONDecodingError) -> Waveform {
        let epsilon = try node.optional("epsilon").map { (item) throws(JSONDecodingError) in Float(try values.floatValue(item)) } ?? 1e-7
        let limited = try node.optional("limit_amplitude")?.bool("limit_amplitude") ?? true
        let name = try node.optional("name")?.optionalString("the waveform name")
        var storage = NumpyStorage()
        if let qpy = try node.optional("qpy") {
            try qpy.requireOnly(["npy_header"], in: "waveform storage details")
            if let header = try qpy.optional("npy_header") {
                let text = try header.string("the .npy header")
                guard let bar = text.firstIndex(of: "|"),
                      text[..<bar].split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty && UInt8($0) != nil }) else {
                    throw header.error("an .npy header is written as <format major>[.<minor>]|<header text>, e.g. 1|{'descr': ...}")
                }
                storage.headerText = text
            }
        }
        return Waveform(samples: samples, epsilon: epsilon, limitAmplitude: limited, name: name, storage: storage)
    }

    private func symbolicPulse(_ node: JSONNode, topLevel: Bool) throws(JSONDecodingError) -> SymbolicPulse {
        try node.requireOnly(["pulse_type", "class", "duration", "parameters", "envelope", "constraints", "valid_amp_conditions",
                              "limit_amplitude", "name"], in: "a symbolic pulse")
        var parameters: [PulseParameter] = []
        if let list = try node.optional("parameters") {
            for (name, item) in try list.object("the pulse parameters") { parameters.append(PulseParameter(name, try values.decode(item, .numeric))) }
        }
        return SymbolicPulse(
            pulseType: try node.member("pulse_type").string("the pulse type"),
            className: try node.optional("class")?.optionalString("the pulse class"),
            duration: try values.decode(try node.member("duration"), .numeric),
            parameters: parameters,
            envelope: try expression(try node.optional("envelope"), topLevel: topLevel),
            constraints: try expression(try node.optional("constraints"), topLevel: topLevel),
            validAmplitudeConditions: try expression(try node.optional("valid_amp_conditions"), topLevel: topLevel),
            limitAmplitude: try node.optional("limit_amplitude")?.bool("limit_amplitude") ?? true,
            name: try node.optional("name")?.optionalString("the pulse name"))
    }

    private func expression(_ node: JSONNode?, topLevel: Bool) throws(JSONDecodingError) -> SymbolicExpression? {
        guard let node, !node.isNull else { return nil }
        var encoding = SymbolicExpression.Encoding.qiskitDefault(
            version: header.version, header: header.symbolicEncoding, inTopLevelProgram: topLevel, symengineVersion: symengineVersion)
        if case .string(let text) = node.json.kind {
            return SymbolicExpression(expression: try values.parseInfix(text, at: node), encoding: encoding)
        }
        try node.requireOnly(["expr", "encoding", "zlib"], in: "a pulse expression")
        let exprNode = try node.member("expr")
        let tree = try values.parseInfix(try exprNode.string("an infix expression"), at: exprNode)
        if let encodingNode = try node.optional("encoding") {
            guard let named = SymbolicExpression.Encoding(name: try encodingNode.string("srepr or symengine-<major>.<minor>")) else {
                throw encodingNode.error("expected srepr or symengine-<major>.<minor>")
            }
            encoding = named
        }
        var compressed: [UInt8]?
        if let zlib = try node.optional("zlib") {
            guard let bytes = JSONNumbers.bytes(hex: try zlib.string("hex bytes")) else { throw zlib.error("expected hex bytes") }
            compressed = bytes
        }
        return SymbolicExpression(expression: tree, encoding: encoding, compressedBytes: compressed)
    }

    private func processor(_ node: JSONNode) throws(JSONDecodingError) -> AcquireProcessor {
        try node.requireOnly(["name", "parameters"], in: "a kernel or discriminator")
        return AcquireProcessor(name: try node.optional("name")?.optionalString("the name"),
                                parameters: try processorParameters(try node.member("parameters")))
    }

    private func processorParameters(_ node: JSONNode) throws(JSONDecodingError) -> [ProcessorParameter] {
        try node.object("parameters").map { (name, item) throws(JSONDecodingError) in ProcessorParameter(name, try processorValue(item)) }
    }

    private func processorValue(_ node: JSONNode) throws(JSONDecodingError) -> ProcessorValue {
        if case .array = node.json.kind {
            return .list(try node.array("a list").map { (item) throws(JSONDecodingError) in try processorValue(item) })
        }
        if case .object(let members) = node.json.kind, members.count == 1, members[0].key == "dict" {
            return .dictionary(try processorParameters(try node.member("dict")))
        }
        return .value(try values.decode(node, .plain))
    }
}
