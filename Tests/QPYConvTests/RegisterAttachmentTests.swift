import Testing
import QPYConv

/// QPY 18's register attachment byte is 0 or 1, and only files of QPY 18 or later have it. A QPY
/// 10 document that gave one lost it on the way through QPY (fuzz run 16,
/// `FailCases/FuzzJSON/json.qpy-ir-7ba72559e32c`); both readers now refuse it, and say where.
@Suite struct RegisterAttachmentTests {
    static func json(version: Int, attachment: Int) -> [UInt8] {
        Array(#"{"schema_version": 1, "qpy": {"version": \#(version), "qiskit_version": "2.6.2", "symbolic_encoding": "sympy"}, "parameters": [], "circuits": [{"name": "c", "num_qubits": 1, "num_clbits": 2, "global_phase": 0.0, "metadata": {}, "registers": [{"name": "c", "kind": "classical", "bits": [0, 1], "qpy": {"attachment": \#(attachment)}}], "instructions": []}]}"#.utf8)
    }

    static func text(version: Int, attachment: Int) -> [UInt8] {
        Array("qpyasm 1\nqpy \(version), qiskit=\"2.6.2\", symbolic=sympy\n\ncircuit c, qubits=1 {\n    creg c[2] @qpy(attachment=\(attachment))\n}\n".utf8)
    }

    /// The error text of reading `bytes`, or nil when it reads.
    static func refusal(_ bytes: [UInt8], as format: FileFormat) -> String? {
        do {
            _ = try Converter.read(bytes, as: format, name: "in")
            return nil
        } catch {
            return error.diagnostic
        }
    }

    @Test(arguments: [10, 13, 17])
    func belowQPY18_isRefusedWhereItStands(version: Int) {
        #expect(Self.refusal(Self.json(version: version, attachment: 0), as: .json)
                == "in:1:307: error: a register's attachment is QPY 18's register_attachment byte; this document is QPY \(version) (at /circuits/0/registers/0/qpy/attachment)")
        let textRefusal = Self.refusal(Self.text(version: version, attachment: 1), as: .qpyasm) ?? ""
        #expect(textRefusal.hasPrefix("in:5:31: error: a register's attachment is QPY 18's register_attachment byte; this file is QPY \(version)\n"),
                "\(textRefusal)")
    }

    @Test func onlyZeroOrOne() {
        #expect(Self.refusal(Self.json(version: 18, attachment: 2), as: .json)?.contains("expected 0 or 1") == true)
        #expect(Self.refusal(Self.text(version: 18, attachment: 2), as: .qpyasm)?.contains("expected attachment=0 or attachment=1") == true)
    }

    /// In QPY 18 both values go through QPY, JSON and text unchanged.
    @Test(arguments: [0, 1])
    func inQPY18_goesThroughEveryFormat(attachment: Int) throws {
        let file = try Converter.read(Self.json(version: 18, attachment: attachment), as: .json)
        let qpy = try Converter.write(file, as: .qpy)
        let back = try Converter.read(qpy, as: .qpy)
        #expect(back == file)
        #expect(try Converter.read(try Converter.write(back, as: .json), as: .json) == file)
        #expect(try Converter.read(try Converter.write(back, as: .qpyasm), as: .qpyasm) == file)
        #expect(try Converter.read(Self.text(version: 18, attachment: attachment), as: .qpyasm) == file)
    }
}
