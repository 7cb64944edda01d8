import QPYModel

/// QPY 11 changed how custom operations are named: readers strip a trailing `_<suffix>` from
/// every custom-definition name to recover the gate's name. Files written before that store plain
/// names (`my_gate`), which a QPY 11+ reader would cut to `my`. Writing such a file as QPY 11+
/// therefore adds the suffix Qiskit adds: a counter in QPY 18 (`my_gate_0`), hex digits before.
struct CustomNameMigration {
    let sourceVersion: Int
    let targetVersion: Int
    private var counter = 0

    init(sourceVersion: Int, targetVersion: Int) {
        self.sourceVersion = sourceVersion
        self.targetVersion = targetVersion
    }

    var isNeeded: Bool { sourceVersion < 11 && targetVersion >= 11 }

    mutating func migrate(_ circuit: QuantumCircuit) -> QuantumCircuit {
        var circuit = circuit
        var renames: [String: String] = [:]
        for index in circuit.customDefinitions.indices {
            let definition = circuit.customDefinitions[index]
            let plain = definition.kind == UInt8(ascii: "g") || definition.kind == UInt8(ascii: "i")
                || (definition.kind == UInt8(ascii: "c") && sourceVersion < 10)
            guard plain else { continue }
            let renamed = definition.name + "_" + suffix(for: definition.name)
            renames[definition.name] = renamed
            circuit.customDefinitions[index].name = renamed
        }
        for index in circuit.customDefinitions.indices {
            if case .circuit(let body)? = circuit.customDefinitions[index].body {
                circuit.customDefinitions[index].body = .circuit(migrate(body))
            }
            if var base = circuit.customDefinitions[index].baseGate {
                base.name = renames[base.name] ?? base.name
                circuit.customDefinitions[index].baseGate = base
            }
        }
        for index in circuit.instructions.indices {
            let name = circuit.instructions[index].name
            circuit.instructions[index].name = renames[name] ?? name
            for parameter in circuit.instructions[index].parameters.indices {
                circuit.instructions[index].parameters[parameter] = migrate(circuit.instructions[index].parameters[parameter])
            }
        }
        return circuit
    }

    private mutating func migrate(_ parameter: InstructionParameter) -> InstructionParameter {
        switch parameter {
        case .circuit(let circuit): return .circuit(migrate(circuit))
        case .tuple(let items):
            var migrated: [InstructionParameter] = []
            for item in items { migrated.append(migrate(item)) }
            return .tuple(migrated)
        default: return parameter
        }
    }

    private mutating func suffix(for name: String) -> String {
        defer { counter += 1 }
        if targetVersion >= 18 { return String(counter) }
        let uuid = ParameterUUID.derived(fromName: "\(name)#\(counter)")
        return uuid.bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
