import Testing
import QPYBinary
import QPYDiagnostics
import QPYJSON
import QPYModel

/// A QPY 13+ replay operand names a parameter by its UUID alone, so a symbol map that gives one
/// UUID to two names would read back with one name in place of the other (fuzz run 5,
/// `json.qpy-ir-ffd664d50e43`). Reader and writer refuse such a map, naming the entry.
@Suite struct SymbolMapUUIDTests {
    static let x = "00000000-851c-27c0-0000-000000001000"
    static let y = "00000000-851c-27c0-0000-000000001001"

    /// A QPY `version` circuit with one `RZ(2*x)` whose symbol map lists `x` and then `y` with
    /// the UUID `yUUID`.
    static func document(version: Int, yUUID: String) -> [UInt8] {
        Array("""
        {"schema_version": 1, "qpy": {"version": \(version), "qiskit_version": "1.4.6", "symbolic_encoding": "sympy"},
         "parameters": [{"name": "x", "uuid": "\(x)"}, {"name": "y", "uuid": "\(y)"}],
         "circuits": [{"name": "c", "num_qubits": 1, "num_clbits": 0, "global_phase": 0.0, "metadata": {},
           "registers": [{"name": "q", "kind": "quantum", "bits": [0]}],
           "instructions": [{"op": "RZGate", "qubits": [0], "params": [{"expr": "2*x", "symbol_map": [
             {"symbol": "x", "uuid": "\(x)", "value_type": "p", "value": ""},
             {"symbol": "y", "uuid": "\(yUUID)", "value_type": "p", "value": ""}]}]}]}]}
        """.utf8)
    }

    static func uuidBytes(_ text: String) -> [UInt8] {
        let hex = Array(text.utf8.filter { $0 != UInt8(ascii: "-") })
        return stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    @Test func writerRefusesTwoNamesUnderOneUUID() throws {
        let file = try QPYFile(jsonUTF8: Self.document(version: 13, yUUID: Self.x))
        do {
            _ = try file.qpyBytes()
            Issue.record("a symbol map with x and y under one UUID was written")
        } catch {
            #expect(error.description.contains("symbols 'x' and 'y' share the UUID \(Self.x)"))
            #expect(error.path.description == "program 0 > instruction 0 > param 0 > symbol 1")
        }
        // QPY 12 payloads name symbols by name: the same map is fine there.
        let older = try QPYFile(jsonUTF8: Self.document(version: 12, yUUID: Self.x))
        #expect(try QPYFile(qpyBytes: older.qpyBytes()).programs == older.programs)
    }

    @Test func readerRefusesTwoNamesUnderOneUUID() throws {
        let bytes = try QPYFile(jsonUTF8: Self.document(version: 13, yUUID: Self.y)).qpyBytes()
        // Give y's entry x's UUID in the bytes.
        let (from, to) = (Self.uuidBytes(Self.y), Self.uuidBytes(Self.x))
        let at = try #require((0...bytes.count - 16).first { Array(bytes[$0..<$0 + 16]) == from })
        var patched = bytes
        patched.replaceSubrange(at..<at + 16, with: to)
        do {
            _ = try QPYFile(qpyBytes: patched)
            Issue.record("a symbol map with x and y under one UUID was read")
        } catch {
            #expect(error.reason.hasPrefix("symbols 'x' and 'y' share the UUID \(Self.x)"))
            #expect(error.path.description == "program 0 > instruction 0 > param 0 > symbol 1")
            // The entry starts before the UUID it holds.
            #expect(error.offset < at && error.offset > at - 40)
        }
    }
}
