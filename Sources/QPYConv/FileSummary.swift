/// What `qpyconv inspect` prints about a file.
public enum FileSummary {
    /// A few lines: QPY version, writer, encoding, number and kinds of programs, and their names.
    public static func describe(_ file: QPYFile, format: FileFormat) -> String {
        var lines: [String] = []
        lines.append("format: \(format.rawValue)")
        lines.append("qpy version: \(file.header.version)")
        lines.append("written by: Qiskit \(file.header.qiskitVersion)")
        switch file.header.symbolicEncoding {
        case nil: lines.append("symbolic encoding: none (QPY < 10: sympy text)")
        case .sympy?: lines.append("symbolic encoding: sympy (p)")
        case .symengine?: lines.append("symbolic encoding: symengine (e)")
        case .other(let byte)?: lines.append("symbolic encoding: unknown byte \(byte)")
        }
        lines.append("programs: \(file.programs.count) \(file.programs.kindName)\(file.programs.count == 1 ? "" : "s")")
        switch file.programs {
        case .circuits(let circuits):
            for (index, circuit) in circuits.enumerated() {
                var counts: [String: Int] = [:]
                for instruction in circuit.instructions { counts[instruction.name, default: 0] += 1 }
                let detail = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                var extras: [String] = []
                if !circuit.calibrations.isEmpty { extras.append("\(circuit.calibrations.count) calibration\(circuit.calibrations.count == 1 ? "" : "s")") }
                if circuit.layout != nil { extras.append("layout") }
                lines.append("  [\(index)] \(quoted(circuit.name)): \(circuit.numQubits) qubits, \(circuit.numClbits) clbits, "
                             + "\(circuit.instructions.count) instructions" + (detail.isEmpty ? "" : " (\(detail))")
                             + (extras.isEmpty ? "" : "; " + extras.joined(separator: ", ")))
            }
        case .scheduleBlocks(let blocks):
            for (index, block) in blocks.enumerated() {
                var counts: [String: Int] = [:]
                count(block, into: &counts)
                let detail = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                let references = block.references?.count ?? 0
                lines.append("  [\(index)] \(quoted(block.name)): \(detail.isEmpty ? "empty" : detail)"
                             + (references > 0 ? "; \(references) reference\(references == 1 ? "" : "s")" : ""))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func count(_ block: ScheduleBlock, into counts: inout [String: Int]) {
        for element in block.elements {
            switch element {
            case .block(let nested):
                counts["blocks", default: 0] += 1
                count(nested, into: &counts)
            case .instruction(let instruction):
                counts[instruction.kind.className, default: 0] += 1
            }
        }
    }

    private static func quoted(_ text: String) -> String { "\"" + text + "\"" }
}
