import QPYDiagnostics
import QPYModel

/// Reads a whole QPY file: header, program type key, (v16+) program offsets, programs.
struct QPYBinaryDecoder {
    let options: QPYDecodingOptions

    func decode(_ bytes: [UInt8]) throws(ByteDecodingError) -> QPYFile {
        var reader = ByteReader(bytes, path: ElementPath(["header"]))
        let magic = try reader.readBytes(6, "file magic")
        guard magic == Array("QISKIT".utf8) else {
            throw ByteDecodingError("not a QPY file: it does not start with QISKIT", offset: 0)
        }
        let version = Int(try reader.readByte("QPY version"))
        guard (1...18).contains(version) else {
            throw ByteDecodingError("unsupported QPY version \(version) (this build reads 1 to 18)", offset: 6)
        }
        let qiskit = QiskitVersion(major: try reader.readByte("Qiskit major"), minor: try reader.readByte("Qiskit minor"),
                                   patch: try reader.readByte("Qiskit patch"))
        let countOffset = reader.offset
        let programCount = try reader.readBigEndian(UInt64.self, "program count")
        let encoding = version >= 10 ? SymbolicEncoding(byte: try reader.readByte("symbolic encoding")) : nil
        let header = QPYFileHeader(version: version, qiskitVersion: qiskit, symbolicEncoding: encoding)
        let typeOffset = reader.offset
        let programType = version >= 5 ? try reader.readByte("program type") : TypeKey.circuitProgram
        let values = ValueDecoder(version: version, options: options)
        switch programType {
        case TypeKey.scheduleProgram:
            guard version >= 5 else { throw reader.error("schedule blocks need QPY 5 or later", at: typeOffset) }
            let count = try Self.checkProgramCount(programCount, minimumSize: 13, reader, countOffset)
            let decoder = ScheduleBlockDecoder(values: values)
            var blocks: [ScheduleBlock] = []
            blocks.reserveCapacity(count)
            for index in 0..<count {
                reader.path = ElementPath(["program \(index)"])
                blocks.append(try decoder.readBlock(&reader, depth: 0))
            }
            reader.path = ElementPath()
            try reader.requireEnd("last program")
            return QPYFile(header: header, programs: .scheduleBlocks(blocks))
        case TypeKey.circuitProgram:
            var offsets: [UInt64] = []
            if version >= 16 {
                let count = try Self.checkProgramCount(programCount, minimumSize: 8 + 30, reader, countOffset)
                for _ in 0..<count { offsets.append(try reader.readBigEndian(UInt64.self, "circuit offset")) }
            }
            let count = try Self.checkProgramCount(programCount, minimumSize: 30, reader, countOffset)
            let decoder = CircuitDecoder(values: values, argumentLists: ArgumentListMemo())
            var circuits: [QuantumCircuit] = []
            circuits.reserveCapacity(count)
            for index in 0..<count {
                reader.path = ElementPath(["program \(index)"])
                if version >= 16, offsets[index] != UInt64(reader.offset) {
                    throw reader.error("the circuit table puts program \(index) at byte \(offsets[index]), but it starts at byte \(reader.offset)")
                }
                circuits.append(try decoder.readCircuit(&reader, depth: 0))
            }
            reader.path = ElementPath()
            try reader.requireEnd("last program")
            return QPYFile(header: header, programs: .circuits(circuits))
        default:
            throw reader.error("unknown program type \(TypeKey.describe(programType))", at: typeOffset)
        }
    }

    /// The header's program count, checked against the bytes after the header before anything is
    /// allocated; an error points at the count field.
    private static func checkProgramCount(_ count: UInt64, minimumSize: Int, _ reader: ByteReader, _ countOffset: Int) throws(ByteDecodingError) -> Int {
        guard let checked = Int(exactly: count), checked <= reader.remaining / minimumSize else {
            throw ByteDecodingError("the header claims \(count) programs, but the \(reader.remaining) bytes after it hold at most "
                                    + "\(reader.remaining / minimumSize)", offset: countOffset, path: reader.path)
        }
        return checked
    }
}
