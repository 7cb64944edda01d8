import QPYModel

/// Classical expressions (`qiskit.circuit.classical.expr`) in infix form, and the typing rules the
/// reader uses to give every node its type. The writer annotates a node (`x:uint[4]`) exactly when
/// its stored type differs from the type these rules give it, so the text stays lossless while
/// the common case (`c == 1`, `!b`, `a && b`) carries no types.
enum ClassicalText {
    static let binaryOperators: [UInt8: String] = [
        1: "&", 2: "|", 3: "^", 4: "&&", 5: "||", 6: "==", 7: "!=", 8: "<", 9: "<=", 10: ">", 11: ">=", 12: "<<", 13: ">>",
        14: "+", 15: "-", 16: "*", 17: "/",
    ]
    static let unaryOperators: [UInt8: String] = [1: "~", 2: "!", 3: "-"]

    /// Binding strength of a binary operator (higher binds tighter).
    static let precedence: [String: Int] = [
        "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, "<=": 7, ">": 7, ">=": 7, "<<": 8, ">>": 8,
        "+": 9, "-": 9, "*": 10, "/": 10,
    ]

    static let durationUnits: [(UInt8, String)] = [
        (UInt8(ascii: "n"), "ns"), (UInt8(ascii: "u"), "us"), (UInt8(ascii: "m"), "ms"), (UInt8(ascii: "s"), "s"), (UInt8(ascii: "p"), "ps"),
    ]

    /// The type a `store`'s value takes from its target (Qiskit lifts the value to the target's
    /// type): the hint for the second parameter of a Store whose first is an expression.
    static func storeHint(_ name: String, _ parameters: [InstructionParameter]) -> ClassicalType? {
        guard name == "Store", parameters.count == 2, case .expression(let target) = parameters[0] else { return nil }
        return type(of: target)
    }

    /// A float literal: the shortest decimal, `NaN`, `Infinity`, `-Infinity`, or `nan(0x…)` for a
    /// NaN with other bits.
    static func floatText(_ value: Double) -> String {
        if value.isFinite { return DoubleDescription.string(value) }
        if value == .infinity { return "Infinity" }
        if value == -.infinity { return "-Infinity" }
        if value.bitPattern == Double.nan.bitPattern { return "NaN" }
        let hex = String(value.bitPattern, radix: 16)
        return "nan(0x" + String(repeating: "0", count: 16 - hex.count) + hex + ")"
    }

    /// Whether the operator's result is a boolean (logic and comparisons).
    static func isBoolean(_ op: UInt8) -> Bool { (4...11).contains(op) }

    static func typeText(_ type: ClassicalType) -> String {
        switch type {
        case .bool: return "bool"
        case .uint(let width): return "uint[\(width)]"
        case .float: return "float"
        case .duration: return "duration"
        }
    }

    static func type(of expression: ClassicalExpression) -> ClassicalType {
        switch expression {
        case .variable(let type, _), .value(let type, _), .cast(let type, _, _), .unary(let type, _, _), .binary(let type, _, _, _),
             .index(let type, _, _), .stretch(let type, _):
            return type
        }
    }

    static func withType(_ expression: ClassicalExpression, _ type: ClassicalType) -> ClassicalExpression {
        switch expression {
        case .variable(_, let variable): return .variable(type, variable)
        case .value(_, let value): return .value(type, value)
        case .cast(_, let implicit, let operand): return .cast(type, implicit: implicit, operand)
        case .unary(_, let op, let operand): return .unary(type, op: op, operand)
        case .binary(_, let op, let lhs, let rhs): return .binary(type, op: op, lhs, rhs)
        case .index(_, let target, let index): return .index(type, target, index)
        case .stretch(_, let index): return .stretch(type, index)
        }
    }

    static func isIntegerLiteral(_ expression: ClassicalExpression) -> Bool {
        if case .value(_, .integer) = expression { return true }
        return false
    }

    /// The smallest big-endian bytes of a non-negative integer (at least one byte).
    static func minimalBytes(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        } while rest > 0
        return bytes
    }

    /// The bit length of a big-endian unsigned integer.
    static func bitLength(_ bytes: [UInt8]) -> UInt32 {
        guard let first = bytes.firstIndex(where: { $0 != 0 }) else { return 0 }
        return UInt32(bytes.count - first - 1) * 8 + UInt32(8 - bytes[first].leadingZeroBitCount)
    }

    /// The type a literal or node gets from the reader's rules, from its children's types and the
    /// type its context suggests.
    static func naturalType(_ expression: ClassicalExpression, hint: ClassicalType?, scope: ClassicalScope) -> ClassicalType {
        switch expression {
        case .variable(_, let variable):
            switch variable {
            case .clbit: return .bool
            case .register(let name): return .uint(width: UInt32(scope.registerSizes[name] ?? 0))
            case .standalone(let index): return scope.variableType(index)
            }
        case .stretch(_, let index): return scope.variableType(index)
        case .value(_, let literal):
            switch literal {
            case .bool: return .bool
            case .integer(let bytes):
                if case .uint? = hint { return hint! }
                return .uint(width: max(1, bitLength(bytes)))
            case .float: return .float
            case .duration: return .duration
            }
        case .cast(let type, _, _): return type
        case .unary(_, let op, let operand): return op == 2 ? .bool : type(of: operand)
        case .binary(_, let op, let lhs, _): return isBoolean(op) ? .bool : type(of: lhs)
        case .index: return .bool
        }
    }
}

/// What the typing rules and names of a classical expression depend on: the circuit's classical
/// registers and standalone variables.
struct ClassicalScope {
    /// Classical register sizes, by name (the first register of each name).
    var registerSizes: [String: Int] = [:]
    var variables: [VariableDeclaration] = []
    /// Variables and registers the text can name with a bare identifier.
    var variableNames: [String: UInt16] = [:]
    var registerNames: Set<String> = []

    static let reserved: Set<String> = [
        "true", "false", "bool", "uint", "float", "duration", "cast", "index", "var", "stretch", "register", "None", "NaN", "Infinity",
        "nan", "time", "unary", "binary",
    ]

    init(circuit: QuantumCircuit) {
        for register in circuit.registers where register.kind == .classical && registerSizes[register.name] == nil {
            registerSizes[register.name] = register.indices.count
        }
        variables = circuit.variables
        var seen: Set<String> = []
        for (index, variable) in circuit.variables.enumerated() where index <= Int(UInt16.max) {
            if !seen.insert(variable.name).inserted { variableNames[variable.name] = nil; continue }
            if SymbolNames.isIdentifier(variable.name), !Self.reserved.contains(variable.name) { variableNames[variable.name] = UInt16(index) }
        }
        for name in registerSizes.keys where SymbolNames.isIdentifier(name) && !Self.reserved.contains(name) && !seen.contains(name) {
            registerNames.insert(name)
        }
    }

    func variableType(_ index: UInt16) -> ClassicalType {
        Int(index) < variables.count ? variables[Int(index)].type : .duration
    }
}
