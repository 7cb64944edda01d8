import QPYExpression
import QPYModel

/// Schedule blocks to JSON.
struct ScheduleJSONEncoder {
    let values: ValueJSON
    let header: QPYFileHeader
    /// The symbolic version written where the document default applies.
    let symengineVersion: SymengineVersion
    /// Infix texts already printed, by expression: a pulse library repeats the same few
    /// envelopes thousands of times.
    let printed = PrintedExpressions()

    func block(_ block: ScheduleBlock, topLevel: Bool, nested: Bool) -> JSONValue {
        .object(members(of: block, topLevel: topLevel, nested: nested, instructions: .array(block.elements.map { element in
            self.element(element, topLevel: topLevel)
        })))
    }

    private func element(_ element: ScheduleElement, topLevel: Bool) -> JSONValue {
        switch element {
        case .block(let inner): return self.block(inner, topLevel: topLevel, nested: true)
        case .instruction(let instruction): return self.instruction(instruction, topLevel: topLevel)
        }
    }

    /// A top-level block for streamed output: with enough elements that its instruction list and
    /// the block itself never fit on one line, the list is written an element at a time.
    func streamed(_ block: ScheduleBlock) -> JSONStream {
        guard block.elements.count >= JSONStreaming.minimumElements else { return .value(self.block(block, topLevel: true, nested: false)) }
        let elements = block.elements
        return .object(members(of: block, topLevel: true, nested: false, instructions: .null).map { member in
            guard member.key == "instructions" else { return (member.key, .value(member.value)) }
            // Each thread writing a run of elements gets an encoder with a cache of its own; the
            // rest (the model, the parameter table) is only read.
            nonisolated(unsafe) let encoder = self
            return (member.key, .parallelArray(count: elements.count) {
                let own = encoder.withOwnCaches()
                return { own.streamed(elements[$0]) }
            })
        })
    }

    /// This encoder with a fresh memo of printed expressions (for another thread).
    func withOwnCaches() -> ScheduleJSONEncoder {
        ScheduleJSONEncoder(values: values, header: header, symengineVersion: symengineVersion)
    }

    /// A top-level element for streamed output: a play of a waveform with enough samples that its
    /// sample list (and so the instruction) never fits on one line has the samples written one at
    /// a time, straight from the doubles.
    private func streamed(_ element: ScheduleElement) -> JSONStream {
        guard case .instruction(let instruction) = element,
              let position = instruction.operands.firstIndex(where: { operand in
                  if case .waveform(let waveform) = operand { return waveform.samples.count >= JSONStreaming.minimumElements }
                  return false
              }),
              case .waveform(let waveform) = instruction.operands[position]
        else { return .value(self.element(element, topLevel: true)) }
        var stub = instruction
        var empty = waveform
        empty.samples = []
        stub.operands[position] = .waveform(empty)
        // The instruction with no samples; its waveform object is then the member holding
        // `"waveform": []` (named operands), else the plain tree is written.
        guard case .object(let members) = self.instruction(stub, topLevel: true),
              let holder = members.firstIndex(where: { member in
                  guard case .object(let inner) = member.value else { return false }
                  return inner.first?.key == "waveform" && inner.first?.value == .array([])
              }),
              case .object(let waveformMembers) = members[holder].value
        else { return .value(self.element(element, topLevel: true)) }
        let samples = waveform.samples
        return .object(members.enumerated().map { index, member in
            guard index == holder else { return (member.key, .value(member.value)) }
            return (member.key, .object(waveformMembers.enumerated().map { innerIndex, inner in
                guard innerIndex == 0 else { return (inner.key, .value(inner.value)) }
                return (inner.key, .array(count: samples.count) { sampleIndex in
                    let sample = samples[sampleIndex]
                    guard sample.real.isFinite, sample.imaginary.isFinite else {
                        return .value(.array([JSONNumbers.float(sample.real), JSONNumbers.float(sample.imaginary)]))
                    }
                    return .finitePair(sample.real, sample.imaginary)
                })
            }))
        })
    }

    /// The block's members, with `instructions` as the instruction list's value.
    private func members(of block: ScheduleBlock, topLevel: Bool, nested: Bool, instructions: JSONValue) -> [JSONMember] {
        var members: [JSONMember] = []
        if nested { members.append(JSONMember("op", .string("block"))) }
        members.append(JSONMember("name", .string(block.name)))
        members.append(JSONMember("metadata", MetadataJSON.portable(block.metadata)))
        members.append(JSONMember("alignment", alignment(block.alignment)))
        members.append(JSONMember("instructions", instructions))
        let defaultReferences: [ScheduleReference]? = header.version >= 7 ? [] : nil
        if block.references == nil, defaultReferences != nil {
            members.append(JSONMember("references", .null))
        } else if let references = block.references, references != defaultReferences ?? [] || defaultReferences == nil {
            members.append(JSONMember("references", .array(references.map { reference in
                .object([
                    JSONMember("key", .array(reference.key.map(JSONValue.string))),
                    JSONMember("block", reference.block.map { self.block($0, topLevel: false, nested: false) } ?? .null),
                ])
            })))
        }
        if let text = MetadataJSON.storedText(block.metadata, storage: block.storage) {
            members.append(JSONMember("qpy", .object([JSONMember("metadata_text", .string(text))])))
        }
        return members
    }

    private func alignment(_ context: AlignmentContext) -> JSONValue {
        if let name = PulseJSONNames.alignment(context.kind) {
            switch (context.kind, context.parameters.count) {
            case (.equispaced, 1): return .object([JSONMember("equispaced", values.encode(context.parameters[0], .numeric))])
            case (.equispaced, _): break
            case (_, 0): return .string(name)
            default: break
            }
        }
        let key = context.kind.key
        let keyJSON: JSONValue = (0x21...0x7E).contains(key) ? .string(String(UnicodeScalar(key))) : .number(String(key))
        return .object([JSONMember("key", keyJSON), JSONMember("parameters", .array(context.parameters.map { values.encode($0, .numeric) }))])
    }

    func instruction(_ instruction: PulseInstruction, topLevel: Bool) -> JSONValue {
        var members = [JSONMember("op", .string(PulseJSONNames.op(instruction.kind)))]
        if let named = namedOperands(instruction, topLevel: topLevel) {
            members += named
        } else {
            members.append(JSONMember("operands", .array(instruction.operands.map { typedOperand($0, topLevel: topLevel) })))
        }
        if let name = instruction.name { members.append(JSONMember("name", .string(name))) }
        return .object(members)
    }

    /// Operands as named members when they fit the instruction's usual shape, else `nil`.
    private func namedOperands(_ instruction: PulseInstruction, topLevel: Bool) -> [JSONMember]? {
        guard let slots = PulseJSONNames.slots(instruction.kind) else {
            if instruction.kind == .relativeBarrier {
                var channels: [JSONValue] = []
                for operand in instruction.operands {
                    guard case .channel(let channel) = operand else { return nil }
                    channels.append(self.channel(channel))
                }
                return [JSONMember("channels", .array(channels))]
            }
            var keys: [JSONValue] = []
            for operand in instruction.operands {
                guard case .string(let key) = operand else { return nil }
                keys.append(.string(key))
            }
            return [JSONMember("keys", .array(keys))]
        }
        guard slots.count == instruction.operands.count else { return nil }
        var members: [JSONMember] = []
        for ((name, slot), operand) in zip(slots, instruction.operands) {
            switch (slot, operand) {
            case (.pulse, .waveform(let waveform)): members.append(JSONMember(name, self.waveform(waveform)))
            case (.pulse, .symbolicPulse(let pulse)): members.append(JSONMember(name, symbolicPulse(pulse, topLevel: topLevel)))
            case (.channel, .channel(let channel)), (.optionalChannel, .channel(let channel)): members.append(JSONMember(name, self.channel(channel)))
            case (.optionalChannel, .value(.none)), (.kernel, .value(.none)), (.discriminator, .value(.none)): members.append(JSONMember(name, .null))
            case (.number, .value(let value)) where !isString(value): members.append(JSONMember(name, values.encode(value, .numeric)))
            case (.kernel, .kernel(let processor)), (.discriminator, .discriminator(let processor)): members.append(JSONMember(name, self.processor(processor)))
            default: return nil
            }
        }
        return members
    }

    private func isString(_ value: Value) -> Bool {
        if case .string = value { return true }
        return false
    }

    private func typedOperand(_ operand: PulseOperand, topLevel: Bool) -> JSONValue {
        switch operand {
        case .value(let value): return .object([JSONMember("value", values.encode(value, .plain))])
        case .channel(let channel): return .object([JSONMember("channel", self.channel(channel))])
        case .waveform(let waveform): return .object([JSONMember("pulse", self.waveform(waveform))])
        case .symbolicPulse(let pulse): return .object([JSONMember("pulse", symbolicPulse(pulse, topLevel: topLevel))])
        case .string(let text): return .object([JSONMember("string", .string(text))])
        case .kernel(let processor): return .object([JSONMember("kernel", self.processor(processor))])
        case .discriminator(let processor): return .object([JSONMember("discriminator", self.processor(processor))])
        }
    }

    func channel(_ channel: Channel) -> JSONValue {
        if case .integer(let index) = channel.index, index >= 0 { return .string(channel.kind.prefix + String(index)) }
        return .object([JSONMember("kind", .string(channel.kind.rawValue)), JSONMember("index", values.encode(channel.index, .numeric))])
    }

    private func waveform(_ waveform: Waveform) -> JSONValue {
        var members = [
            JSONMember("waveform", .array(waveform.samples.map { .array([JSONNumbers.float($0.real), JSONNumbers.float($0.imaginary)]) })),
            JSONMember("epsilon", JSONNumbers.float(Double(waveform.epsilon))),
            JSONMember("limit_amplitude", .bool(waveform.limitAmplitude)),
            JSONMember("name", waveform.name.map(JSONValue.string) ?? .null),
        ]
        if let header = waveform.storage.headerText {
            members.append(JSONMember("qpy", .object([JSONMember("npy_header", .string(header))])))
        }
        return .object(members)
    }

    private func symbolicPulse(_ pulse: SymbolicPulse, topLevel: Bool) -> JSONValue {
        .object([
            JSONMember("pulse_type", .string(pulse.pulseType)),
            JSONMember("class", pulse.className.map(JSONValue.string) ?? .null),
            JSONMember("duration", values.encode(pulse.duration, .numeric)),
            JSONMember("parameters", .object(pulse.parameters.map { JSONMember($0.name, values.encode($0.value, .numeric)) })),
            JSONMember("envelope", expression(pulse.envelope, topLevel: topLevel)),
            JSONMember("constraints", expression(pulse.constraints, topLevel: topLevel)),
            JSONMember("valid_amp_conditions", expression(pulse.validAmplitudeConditions, topLevel: topLevel)),
            JSONMember("limit_amplitude", .bool(pulse.limitAmplitude)),
            JSONMember("name", pulse.name.map(JSONValue.string) ?? .null),
        ])
    }

    /// A pulse expression: its infix text, with its stored encoding when Qiskit's rule for this
    /// place would choose another, and the zlib bytes when they cannot be recomputed.
    private func expression(_ expression: SymbolicExpression?, topLevel: Bool) -> JSONValue {
        guard let expression else { return .null }
        let text = JSONValue.string(printed.infix(of: expression.expression))
        var members: [JSONMember] = []
        let standard = SymbolicExpression.Encoding.qiskitDefault(
            version: header.version, header: header.symbolicEncoding, inTopLevelProgram: topLevel, symengineVersion: symengineVersion)
        if expression.encoding != standard { members.append(JSONMember("encoding", .string(expression.encoding.name))) }
        if let bytes = expression.compressedBytes { members.append(JSONMember("zlib", .string(JSONNumbers.hex(bytes)))) }
        return members.isEmpty ? text : .object([JSONMember("expr", text)] + members)
    }

    private func processor(_ processor: AcquireProcessor) -> JSONValue {
        .object([
            JSONMember("name", processor.name.map(JSONValue.string) ?? .null),
            JSONMember("parameters", .object(processor.parameters.map { JSONMember($0.name, processorValue($0.value)) })),
        ])
    }

    private func processorValue(_ value: ProcessorValue) -> JSONValue {
        switch value {
        case .value(let plain): return values.encode(plain, .plain)
        case .dictionary(let parameters): return .object([JSONMember("dict", .object(parameters.map { JSONMember($0.name, processorValue($0.value)) }))])
        case .list(let items): return .array(items.map(processorValue))
        }
    }
}

/// The memo of ``ScheduleJSONEncoder``, by the identity of the tree's storage: the binary
/// decoder hands out one shared tree per distinct payload, and hashing a whole tree per lookup
/// costs more than printing a small one. `Expression` is an `indirect enum`, one reference wide;
/// each entry keeps its tree alive, so a key cannot be reused by another tree meanwhile.
final class PrintedExpressions {
    private var texts: [UInt: (tree: Expression, text: String)] = [:]

    func infix(of expression: Expression) -> String {
        guard MemoryLayout<Expression>.size == MemoryLayout<UInt>.size else { return expression.infix }
        let key = unsafeBitCast(expression, to: UInt.self)
        if let known = texts[key] { return known.text }
        let text = expression.infix
        texts[key] = (expression, text)
        return text
    }
}
