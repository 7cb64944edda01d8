import Testing
import QPYBinary
import QPYModel
import QPYTestSupport

/// The QPY reader gives instructions on the same one or two bits one shared qubit list (a
/// 100,000-gate circuit on 50 qubits holds a few thousand lists, not 100,000): the values are
/// the same as before, only their storage is shared.
@Suite struct ArgumentListSharingTests {
    static func baseAddress(_ list: [UInt32]) -> UnsafeRawPointer? {
        list.withUnsafeBytes { $0.baseAddress }
    }

    @Test func equalQubitListsShareStorage() throws {
        let original = try QPYFile(qpyBytes: try FixtureFiles.bytes("circuits/qiskit-2.6/v18/bell.qpy"))
        guard case .circuits(var circuits) = original.programs else {
            Issue.record("bell.qpy holds no circuit")
            return
        }
        // Each instruction three times over, then written and read back.
        circuits[0].instructions = circuits[0].instructions.flatMap { [$0, $0, $0] }
        var file = original
        file.programs = .circuits(circuits)
        let bytes = try file.qpyBytes()
        let decoded = try QPYFile(qpyBytes: bytes)
        #expect(decoded.programs == file.programs)
        #expect(try decoded.qpyBytes() == bytes)
        guard case .circuits(let read) = decoded.programs else { return }
        let instructions = read[0].instructions
        let withQubits = instructions.filter { (1...2).contains($0.qubits.count) }
        #expect(withQubits.count >= 6)
        for (index, first) in withQubits.enumerated() {
            for second in withQubits[(index + 1)...] where second.qubits == first.qubits {
                #expect(Self.baseAddress(second.qubits) == Self.baseAddress(first.qubits))
            }
        }
        // A list the program changes afterwards is its own (copy on write).
        var changed = instructions[0]
        changed.qubits[0] += 1
        #expect(instructions[0].qubits != changed.qubits)
        #expect(instructions[1].qubits == instructions[0].qubits)
    }
}
