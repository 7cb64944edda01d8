import QPYModel

/// JSON names for the circuit parts whose QPY form is a byte code.
enum CircuitJSONNames {
    static let definitionKinds: [(UInt8, String)] = [
        (UInt8(ascii: "g"), "gate"), (UInt8(ascii: "i"), "instruction"), (UInt8(ascii: "p"), "pauli_evolution"),
        (UInt8(ascii: "c"), "controlled_gate"), (UInt8(ascii: "a"), "annotated_operation"),
    ]

    static let usages: [(UInt8, String)] = [
        (UInt8(ascii: "I"), "input"), (UInt8(ascii: "C"), "captured"), (UInt8(ascii: "L"), "local"),
        (UInt8(ascii: "A"), "captured_stretch"), (UInt8(ascii: "O"), "local_stretch"),
    ]

    static let unaryOps: [(UInt8, String)] = [(1, "bit_not"), (2, "logic_not"), (3, "negate")]

    static let binaryOps: [(UInt8, String)] = [
        (1, "bit_and"), (2, "bit_or"), (3, "bit_xor"), (4, "logic_and"), (5, "logic_or"), (6, "equal"), (7, "not_equal"),
        (8, "less"), (9, "less_equal"), (10, "greater"), (11, "greater_equal"), (12, "shift_left"), (13, "shift_right"),
        (14, "add"), (15, "sub"), (16, "mul"), (17, "div"),
    ]

    static let modifiers: [(UInt8, String)] = [(UInt8(ascii: "i"), "inverse"), (UInt8(ascii: "c"), "control"), (UInt8(ascii: "p"), "power")]

    static let durationUnits: [(UInt8, String)] = [
        (UInt8(ascii: "n"), "ns"), (UInt8(ascii: "u"), "us"), (UInt8(ascii: "m"), "ms"), (UInt8(ascii: "s"), "s"), (UInt8(ascii: "p"), "ps"),
    ]

    /// The name for a byte code, or the code itself as a one-letter string / number when unknown.
    static func name(_ code: UInt8, in table: [(UInt8, String)]) -> JSONValue {
        if let entry = table.first(where: { $0.0 == code }) { return .string(entry.1) }
        return .number(String(code))
    }

    static func code(_ node: JSONNode, in table: [(UInt8, String)], what: String) throws(JSONDecodingError) -> UInt8 {
        if case .number = node.json.kind { return try node.integer(what, as: UInt8.self) }
        let name = try node.string(what)
        guard let entry = table.first(where: { $0.1 == name }) else {
            throw node.error("unknown \(what) \"\(name)\"; expected one of \(table.map(\.1).joined(separator: ", "))")
        }
        return entry.0
    }
}
