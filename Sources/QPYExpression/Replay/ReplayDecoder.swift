import QPYDiagnostics

extension ReplayProgram {
    /// Size of one `PARAM_EXPR_ELEM_V13` record.
    static let recordSize = 35

    /// Decodes the payload of a QPY 13+ PARAMETER_EXPR (the `expr_size` bytes): 35-byte records,
    /// each substitution record followed by its MAPPING bytes (kept verbatim).
    /// - Throws: ``ByteDecodingError`` naming the record and byte offset.
    public init(bytes: [UInt8]) throws(ByteDecodingError) {
        self = try ReplayDecoder.decode(bytes)
    }
}

/// Reads replay records; the inverse of ``ReplayProgram/bytes()``.
enum ReplayDecoder {
    static func decode(_ bytes: [UInt8]) throws(ByteDecodingError) -> ReplayProgram {
        var reader = ByteReader(bytes, path: ElementPath(["replay"]))
        var records: [ReplayRecord] = []
        records.reserveCapacity(bytes.count / ReplayProgram.recordSize)
        while !reader.isAtEnd {
            reader.path = ElementPath(["replay", "record \(records.count)"])
            records.append(try record(&reader))
        }
        return ReplayProgram(records: records)
    }

    private static func record(_ reader: inout ByteReader) throws(ByteDecodingError) -> ReplayRecord {
        try reader.require(ReplayProgram.recordSize, for: "replay record")
        let opcodeOffset = reader.offset
        let code = try reader.readByte("op code")
        guard let opcode = ReplayOpcode(rawValue: code) else {
            throw reader.error("unknown replay op code \(code)", at: opcodeOffset)
        }
        let (lhs, lhsRaw) = try operand(&reader, side: "lhs")
        let (rhs, rhsRaw) = try operand(&reader, side: "rhs")
        var record = ReplayRecord(opcode: opcode, lhs: lhs, rhs: rhs)
        record.lhsRawData = lhsRaw
        record.rhsRawData = rhsRaw
        if case .substitution(let length) = rhs {
            throw reader.error("a substitution operand ('u') is only valid on the lhs, not \(length) bytes on the rhs", at: opcodeOffset + 18)
        }
        if case .substitution(let length) = lhs {
            let saved = reader.path
            reader.path = saved.appending("substitution mapping")
            guard let count = Int(exactly: length), count <= reader.remaining else {
                throw reader.error("substitution mapping of \(length) bytes exceeds the remaining \(reader.remaining) bytes")
            }
            record.substitution = try reader.readBytes(count, "substitution mapping")
            reader.path = saved
        }
        return record
    }

    /// One type letter and its 16 data bytes; the raw bytes are returned when they are not the
    /// canonical encoding of the operand.
    private static func operand(_ reader: inout ByteReader, side: String) throws(ByteDecodingError) -> (ReplayOperand, [UInt8]?) {
        let typeOffset = reader.offset
        let type = try reader.readByte("\(side) type")
        let data = try reader.readBytes(16, "\(side) data")
        let first = Self.word(data, 0)
        let second = Self.word(data, 8)
        let value: ReplayOperand
        switch type {
        case UInt8(ascii: "p"): value = .parameter(ParameterUUID(high: first, low: second))
        case UInt8(ascii: "i"): value = .integer(Int64(bitPattern: second))
        case UInt8(ascii: "f"): value = .float(Double(bitPattern: second))
        case UInt8(ascii: "c"): value = .complex(real: Double(bitPattern: first), imaginary: Double(bitPattern: second))
        case UInt8(ascii: "n"): value = .none
        case UInt8(ascii: "s"): value = .beginNested
        case UInt8(ascii: "e"): value = .endNested
        case UInt8(ascii: "u"): value = .substitution(length: first)
        default:
            let shown = type >= 0x20 && type < 0x7F ? "'\(Character(Unicode.Scalar(type)))'" : "0x\(String(type, radix: 16))"
            throw ByteDecodingError("unknown replay operand type \(shown)", offset: typeOffset, path: reader.path.appending(side))
        }
        return (value, data == value.canonicalData ? nil : data)
    }

    /// The big-endian u64 at `offset` of 16 data bytes.
    private static func word(_ data: [UInt8], _ offset: Int) -> UInt64 {
        data[offset..<offset + 8].reduce(0) { $0 << 8 | UInt64($1) }
    }
}

extension ReplayOperand {
    /// The 16 data bytes Qiskit writes for this operand.
    var canonicalData: [UInt8] {
        var writer = ByteWriter(capacity: 16)
        switch self {
        case .parameter(let uuid): writer.append(contentsOf: uuid.bytes)
        case .integer(let value): writer.appendBigEndian(UInt64(0)); writer.appendBigEndian(value)
        case .float(let value): writer.appendBigEndian(UInt64(0)); writer.appendBigEndian(value)
        case .complex(let re, let im): writer.appendBigEndian(re); writer.appendBigEndian(im)
        case .none, .beginNested, .endNested: writer.append(contentsOf: repeatElement(0, count: 16))
        case .substitution(let length): writer.appendBigEndian(length); writer.appendBigEndian(UInt64(0))
        }
        return writer.bytes
    }
}
