import QPYDiagnostics
import QPYExpression
import QPYModel

/// Reads SCHEDULE_BLOCK payloads (QPY 5+) and everything under them.
struct ScheduleBlockDecoder {
    let values: ValueDecoder
    /// Pulse expressions already decoded by this decoder, by their compressed bytes: a pulse
    /// library repeats the same few envelopes thousands of times.
    let decodedExpressions = DecodedExpressions()
    var version: Int { values.version }
    var options: QPYDecodingOptions { values.options }

    /// SCHEDULE_BLOCK_HEADER `"!HQH"`, name, metadata, alignment, elements, (v7+) references.
    func readBlock(_ reader: inout ByteReader, depth: Int) throws(ByteDecodingError) -> ScheduleBlock {
        guard depth <= options.maximumNestingDepth else {
            throw reader.error("schedule blocks nested deeper than \(options.maximumNestingDepth) levels")
        }
        let nameSize = Int(try reader.readBigEndian(UInt16.self, "block name size"))
        let metadataSize = try reader.readBigEndian(UInt64.self, "block metadata size")
        let elementCount = Int(try reader.readBigEndian(UInt16.self, "block element count"))
        let name = try reader.readUTF8(nameSize, "block name")
        guard metadataSize <= UInt64(reader.remaining) else {
            throw reader.error("block metadata claims \(metadataSize) bytes but \(reader.remaining) remain")
        }
        let metadataStart = reader.offset
        let metadataBytes = try reader.readBytes(Int(metadataSize), "block metadata")
        let (metadata, storage) = try MetadataCodec.decode(metadataBytes, at: metadataStart, path: reader.path)
        let alignment = try reader.within("alignment") { (inner) throws(ByteDecodingError) in try readAlignment(&inner) }
        _ = try reader.checkCount(elementCount, minimumSize: 1, what: "block element")
        var elements: [ScheduleElement] = []
        elements.reserveCapacity(elementCount)
        for index in 0..<elementCount {
            elements.append(try reader.within("element", index) { (inner) throws(ByteDecodingError) in
                try readElement(&inner, depth: depth)
            })
        }
        var references: [ScheduleReference]?
        if version >= 7 {
            references = try reader.within("references") { (inner) throws(ByteDecodingError) in
                try readReferences(&inner, depth: depth)
            }
        }
        return ScheduleBlock(name: name, metadata: metadata, alignment: alignment, elements: elements,
                             references: references, storage: storage)
    }

    private func readAlignment(_ reader: inout ByteReader) throws(ByteDecodingError) -> AlignmentContext {
        let key = try reader.readByte("alignment key")
        var parameters: [Value] = []
        for (index, element) in try MappingReader.readSequence(&reader, what: "parameter").enumerated() {
            var payload = element.value
            parameters.append(try values.decodeValue(key: element.type, &payload, "alignment parameter \(index)"))
        }
        return AlignmentContext(kind: AlignmentKind(key: key), parameters: parameters)
    }

    private func readElement(_ reader: inout ByteReader, depth: Int) throws(ByteDecodingError) -> ScheduleElement {
        let keyOffset = reader.offset
        let key = try reader.readByte("element key")
        if key == TypeKey.scheduleProgram { return .block(try readBlock(&reader, depth: depth + 1)) }
        guard let kind = PulseInstructionKind(key: key) else {
            throw reader.error("unknown schedule instruction key \(TypeKey.describe(key))", at: keyOffset)
        }
        var operands: [PulseOperand] = []
        for (index, element) in try MappingReader.readSequence(&reader, what: "operand").enumerated() {
            var payload = element.value
            payload.path = reader.path.appending("\(kind.className) operand", index)  // the index formatted only if shown
            operands.append(try readOperand(key: element.type, &payload))
            try payload.requireEnd("operand")
        }
        let name = try reader.within("name") { (inner) throws(ByteDecodingError) in try readName(&inner) }
        return .instruction(PulseInstruction(kind: kind, operands: operands, name: name))
    }

    /// A `s`/`z` typed value holding a name.
    func readName(_ reader: inout ByteReader) throws(ByteDecodingError) -> String? {
        let start = reader.offset
        switch try values.readValue(&reader, "name") {
        case .string(let text): return text
        case .none: return nil
        default: throw reader.error("a name must be a string or None", at: start)
        }
    }

    private func readOperand(key: UInt8, _ payload: inout ByteReader) throws(ByteDecodingError) -> PulseOperand {
        switch key {
        case TypeKey.channel: return .channel(try readChannel(&payload))
        case TypeKey.waveform: return .waveform(try readWaveform(&payload))
        case TypeKey.symbolicPulse: return .symbolicPulse(try readSymbolicPulse(&payload))
        case TypeKey.operandString: return .string(try payload.readUTF8(payload.remaining, "operand string"))
        case TypeKey.kernel: return .kernel(try readProcessor(&payload))
        case TypeKey.discriminator: return .discriminator(try readProcessor(&payload))
        default: return .value(try values.decodeValue(key: key, &payload, "operand"))
        }
    }

    private func readChannel(_ reader: inout ByteReader) throws(ByteDecodingError) -> Channel {
        let keyOffset = reader.offset
        let key = try reader.readByte("channel key")
        guard let kind = ChannelKind(key: key) else {
            throw reader.error("unknown channel key \(TypeKey.describe(key))", at: keyOffset)
        }
        return Channel(kind: kind, index: try values.readValue(&reader, "channel index"))
    }

    /// WAVEFORM `"!fI?"`, `.npy` samples, name.
    private func readWaveform(_ reader: inout ByteReader) throws(ByteDecodingError) -> Waveform {
        let epsilon = Float(bitPattern: try reader.readBigEndian(UInt32.self, "waveform epsilon"))
        let dataSize = Int(try reader.readBigEndian(UInt32.self, "waveform data size"))
        let limited = try readBool(&reader, "waveform amp_limited")
        var npy = try reader.subReader(length: dataSize, "waveform samples")
        let (samples, storage) = try reader.within("samples") { (_) throws(ByteDecodingError) in
            try NumpyComplexArray.decode(&npy)
        }
        try npy.requireEnd("waveform samples")
        let name = try readName(&reader)
        return Waveform(samples: samples, epsilon: epsilon, limitAmplitude: limited, name: name, storage: storage)
    }

    private func readBool(_ reader: inout ByteReader, _ what: String) throws(ByteDecodingError) -> Bool {
        let start = reader.offset
        switch try reader.readByte(what) {
        case 0: return false
        case 1: return true
        case let other: throw reader.error("\(what) must be 0 or 1, found \(other)", at: start)
        }
    }

    /// SYMBOLIC_PULSE (v5 `"!HHHH?"`, v6+ `"!HHHHH?"`), names, three zlib expressions, parameters,
    /// duration, name.
    private func readSymbolicPulse(_ reader: inout ByteReader) throws(ByteDecodingError) -> SymbolicPulse {
        let classNameSize = version >= 6 ? Int(try reader.readBigEndian(UInt16.self, "class name size")) : nil
        let typeSize = Int(try reader.readBigEndian(UInt16.self, "pulse type size"))
        let envelopeSize = Int(try reader.readBigEndian(UInt16.self, "envelope size"))
        let constraintsSize = Int(try reader.readBigEndian(UInt16.self, "constraints size"))
        let conditionsSize = Int(try reader.readBigEndian(UInt16.self, "valid_amp_conditions size"))
        let limited = try readBool(&reader, "amp_limited")
        let className = try classNameSize.map { (size) throws(ByteDecodingError) in try reader.readUTF8(size, "class name") }
        let pulseType = try reader.readUTF8(typeSize, "pulse type")
        let envelope = try reader.within("envelope") { (inner) throws(ByteDecodingError) in try readSymbolicExpression(&inner, size: envelopeSize) }
        let constraints = try reader.within("constraints") { (inner) throws(ByteDecodingError) in try readSymbolicExpression(&inner, size: constraintsSize) }
        let conditions = try reader.within("valid_amp_conditions") { (inner) throws(ByteDecodingError) in try readSymbolicExpression(&inner, size: conditionsSize) }
        var parameters: [PulseParameter] = []
        for item in try MappingReader.read(&reader, what: "parameter") {
            var payload = item.value
            let name = try item.key(reader)
            parameters.append(PulseParameter(name, try values.decodeValue(key: item.type, &payload, "parameter '\(name)'")))
        }
        let duration = try values.readValue(&reader, "duration")
        let name = try readName(&reader)
        return SymbolicPulse(pulseType: pulseType, className: className, duration: duration, parameters: parameters,
                             envelope: envelope, constraints: constraints, validAmplitudeConditions: conditions,
                             limitAmplitude: limited, name: name)
    }

    /// A zlib-compressed srepr or symengine payload; empty means `None`.
    private func readSymbolicExpression(_ reader: inout ByteReader, size: Int) throws(ByteDecodingError) -> SymbolicExpression? {
        guard size > 0 else { return nil }
        let start = reader.offset
        let compressed = try reader.readBytes(size, "compressed expression")
        if let known = decodedExpressions.byCompressedBytes[ByteKey(compressed)] { return known }
        let raw: [UInt8]
        do {
            raw = try Zlib.decompress(compressed, limit: options.maximumInflatedSize)
        } catch {
            switch error {
            case .malformed(let reason): throw reader.error(reason, at: start)
            case .tooLarge(let limit): throw reader.error("compressed expression inflates past \(limit) bytes", at: start)
            case .trailingBytes: throw reader.error("bytes after the end of the zlib stream", at: start)
            }
        }
        let expression: Expression
        let encoding: SymbolicExpression.Encoding
        if raw.first == 0x01 {
            do {
                let archive = try SymengineArchive(bytes: raw, limits: options.expressionLimits)
                expression = archive.root
                encoding = .symengine(archive.version)
            } catch {
                throw ByteDecodingError("symengine payload (inflated) \(error.reason) at its byte \(error.offset)", offset: start, path: reader.path)
            }
        } else {
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw reader.error("inflated expression is neither symengine bytes nor UTF-8 text", at: start)
            }
            do {
                expression = try Expression(srepr: text, limits: options.expressionLimits)
            } catch {
                throw reader.error("srepr expression: \(error.message) at \(error.location) of the inflated text", at: start)
            }
            encoding = .srepr
        }
        var result = SymbolicExpression(expression: expression, encoding: encoding)
        if SymbolicExpressionCodec.compressedBytes(of: result) != compressed {
            result.compressedBytes = compressed
        }
        decodedExpressions.byCompressedBytes[ByteKey(compressed)] = result
        return result
    }

    /// A Kernel or Discriminator: a parameter MAPPING (values may nest as `D` dicts and `l` lists),
    /// then a name.
    private func readProcessor(_ reader: inout ByteReader) throws(ByteDecodingError) -> AcquireProcessor {
        let parameters = try readProcessorMapping(&reader, depth: 0)
        return AcquireProcessor(name: try readName(&reader), parameters: parameters)
    }

    private func readProcessorMapping(_ reader: inout ByteReader, depth: Int) throws(ByteDecodingError) -> [ProcessorParameter] {
        var parameters: [ProcessorParameter] = []
        for item in try MappingReader.read(&reader, what: "parameter") {
            var payload = item.value
            let name = try item.key(reader)
            parameters.append(ProcessorParameter(name, try readProcessorValue(key: item.type, &payload, depth: depth)))
        }
        return parameters
    }

    private func readProcessorValue(key: UInt8, _ payload: inout ByteReader, depth: Int) throws(ByteDecodingError) -> ProcessorValue {
        guard depth <= options.maximumNestingDepth else { throw payload.error("kernel parameters nested too deeply") }
        let value: ProcessorValue
        switch key {
        case TypeKey.dictionary: value = .dictionary(try readProcessorMapping(&payload, depth: depth + 1))
        case TypeKey.list:
            var items: [ProcessorValue] = []
            for element in try MappingReader.readSequence(&payload, what: "item") {
                var inner = element.value
                items.append(try readProcessorValue(key: element.type, &inner, depth: depth + 1))
            }
            value = .list(items)
        default:
            return .value(try values.decodeValue(key: key, &payload, "kernel parameter"))
        }
        try payload.requireEnd("kernel parameter")
        return value
    }

    /// REFERENCES: a MAPPING from joined keys to `s` + block, or `z`.
    private func readReferences(_ reader: inout ByteReader, depth: Int) throws(ByteDecodingError) -> [ScheduleReference] {
        var references: [ScheduleReference] = []
        for item in try MappingReader.read(&reader, what: "reference") {
            let key = try item.key(reader)
            var payload = item.value
            let parts = key.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            switch item.type {
            case TypeKey.none:
                try payload.requireEnd("reference")
                references.append(ScheduleReference(key: parts, block: nil))
            case TypeKey.scheduleProgram:
                let block = try readBlock(&payload, depth: depth + 1)
                try payload.requireEnd("referenced block")
                references.append(ScheduleReference(key: parts, block: block))
            default:
                throw payload.error("a reference must hold a schedule block or None, found \(TypeKey.describe(item.type))")
            }
        }
        return references
    }
}

/// The memo of ``ScheduleBlockDecoder``: decoding is a pure function of the compressed bytes (and
/// the decoder's options), so equal bytes give the same expression.
final class DecodedExpressions {
    var byCompressedBytes: [ByteKey: SymbolicExpression] = [:]
}

/// Bytes as a dictionary key hashed as one block (an `[UInt8]` key hashes byte by byte).
struct ByteKey: Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
