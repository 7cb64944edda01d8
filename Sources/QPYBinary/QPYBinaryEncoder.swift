import QPYDiagnostics
import QPYModel

/// Writes a whole QPY file; the inverse of ``QPYBinaryDecoder``.
struct QPYBinaryEncoder {
    let options: QPYEncodingOptions

    func encode(_ file: QPYFile) throws(QPYEncodingError) -> [UInt8] {
        let version = options.targetVersion ?? file.header.version
        guard (1...18).contains(version) else { throw QPYEncodingError("QPY version \(version) does not exist (1 to 18)") }
        var writer = ByteWriter()
        writer.appendUTF8("QISKIT")
        writer.append(UInt8(version))
        writer.append(file.header.qiskitVersion.major)
        writer.append(file.header.qiskitVersion.minor)
        writer.append(file.header.qiskitVersion.patch)
        writer.appendBigEndian(UInt64(file.programs.count))
        let encoding: SymbolicEncoding? = version >= 10 ? (file.header.symbolicEncoding ?? .sympy) : nil
        if let encoding { writer.append(encoding.byte) }
        let values = ValueEncoder(version: version)
        switch file.programs {
        case .circuits(let circuits):
            if version >= 5 { writer.append(TypeKey.circuitProgram) }
            let encoder = CircuitEncoder(values: values)
            var names = CustomNameMigration(sourceVersion: file.header.version, targetVersion: version)
            if circuits.count == 1 {
                // One circuit (the usual file) is written in place: its offset is known before it.
                if version >= 16 { writer.appendBigEndian(UInt64(writer.bytes.count + 8)) }
                let circuit = names.isNeeded ? names.migrate(circuits[0]) : circuits[0]
                // Room for the instructions at once: pages reserved but never written cost no memory.
                writer.reserveCapacity(writer.bytes.count + 4096 + 128 * circuit.instructions.count)
                try encoder.writeCircuit(circuit, into: &writer, path: ElementPath(["program 0"]))
                return writer.bytes
            }
            var payloads: [[UInt8]] = []
            for (index, original) in circuits.enumerated() {
                let circuit = names.isNeeded ? names.migrate(original) : original
                var payload = ByteWriter()
                try encoder.writeCircuit(circuit, into: &payload, path: ElementPath(["program \(index)"]))
                payloads.append(payload.bytes)
            }
            if version >= 16 {
                var offset = UInt64(writer.bytes.count + 8 * circuits.count)
                for payload in payloads {
                    writer.appendBigEndian(offset)
                    offset += UInt64(payload.count)
                }
            }
            for payload in payloads { writer.append(contentsOf: payload) }
        case .scheduleBlocks(let blocks):
            guard (5...13).contains(version) else {
                throw QPYEncodingError("schedule blocks can be written as QPY 5 to 13 only (Qiskit 2.x removed pulse); asked for QPY \(version)")
            }
            writer.append(TypeKey.scheduleProgram)
            let encoder = ScheduleBlockEncoder(values: values, symbolicEncoding: encoding,
                                               keepsStoredEncodings: version == file.header.version)
            let migrate = file.header.version < 6 && version >= 6
            for (index, original) in blocks.enumerated() {
                let block = migrate ? LegacyPulseMigration.migrate(original) : original
                try encoder.writeBlock(block, context: .program, into: &writer, path: ElementPath(["program \(index)"]))
            }
        }
        return writer.bytes
    }
}
