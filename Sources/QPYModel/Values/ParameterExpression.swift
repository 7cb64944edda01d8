import QPYExpression

/// A `ParameterExpression`: the math as an ``Expression`` tree over symbol names, the symbols with
/// their UUIDs, and how QPY stored it.
public struct ParameterExpression: Hashable, Sendable {
    /// The expression; its symbols are named as in ``symbols``.
    public var expression: Expression
    /// The symbol-map entries in file order (ordinary entries name one symbol each).
    public var symbols: [SymbolMapEntry]
    /// The stored form of the expression payload.
    public var payload: Payload

    public init(expression: Expression, symbols: [SymbolMapEntry], payload: Payload) {
        self.expression = expression
        self.symbols = symbols
        self.payload = payload
    }

    /// How the expression payload was stored.
    public enum Payload: Hashable, Sendable {
        /// sympy `srepr` text (QPY 1 to 12); the tree reprints it exactly.
        case srepr
        /// symengine's binary form (QPY 10 to 12 with the `e` header), with the writer's version.
        case symengine(SymengineVersion)
        /// The QPY 13+ replay program, kept as written (Qiskit 1.3 to 2.1 record the history of
        /// operations, which the tree alone does not determine). `nil` when the program is to be
        /// derived from the tree.
        case replay(ReplayProgram?)
    }
}

/// One entry of a PARAMETER_EXPR symbol map.
public struct SymbolMapEntry: Hashable, Sendable {
    /// The symbol the entry names (or a nested expression, for QPY 13 substitution artefacts).
    public var key: Key
    /// The value's type key; for ordinary entries the same as the symbol's (`p` or `v`).
    public var valueType: UInt8
    /// The value bytes, kept as written (empty for ordinary entries).
    public var value: [UInt8]

    public init(key: Key, valueType: UInt8, value: [UInt8]) {
        self.key = key
        self.valueType = valueType
        self.value = value
    }

    /// An ordinary entry: the symbol stands for itself.
    public static func symbol(_ symbol: ParameterSymbol) -> SymbolMapEntry {
        switch symbol {
        case .parameter: return SymbolMapEntry(key: .symbol(symbol), valueType: UInt8(ascii: "p"), value: [])
        case .vectorElement: return SymbolMapEntry(key: .symbol(symbol), valueType: UInt8(ascii: "v"), value: [])
        }
    }

    public indirect enum Key: Hashable, Sendable {
        case symbol(ParameterSymbol)
        /// A nested expression key (`symbol_type = e`, written by Qiskit 1.3 to 2.1 for `subs`).
        case expression(ParameterExpression)
    }

    /// Whether this is an ordinary entry (a symbol standing for itself).
    public var isOrdinary: Bool {
        guard case .symbol(let symbol) = key, value.isEmpty else { return false }
        switch symbol {
        case .parameter: return valueType == UInt8(ascii: "p")
        case .vectorElement: return valueType == UInt8(ascii: "v")
        }
    }
}

extension SymbolMapEntry {
    /// Two entries of one symbol map that give one UUID to symbols of different names.
    public struct UUIDClash: Hashable, Sendable {
        /// The index of the later entry.
        public var index: Int
        public var uuid: ParameterUUID
        /// The two names, in alphabetical order.
        public var firstName: String
        public var secondName: String

        /// Why QPY 13+ cannot hold such a map.
        public var reason: String {
            "symbols '\(firstName)' and '\(secondName)' share the UUID \(uuid), and a replay program names a parameter by its UUID alone"
        }
    }

    /// The first entry that gives an earlier entry's UUID to a symbol of another name. A QPY 13+
    /// replay program names a parameter by UUID alone, so such a map would read back with one
    /// name in place of the other.
    public static func firstUUIDClash(in entries: [SymbolMapEntry]) -> UUIDClash? {
        var names: [ParameterUUID: String] = [:]
        for (index, entry) in entries.enumerated() {
            guard case .symbol(let symbol) = entry.key else { continue }
            if let other = names.updateValue(symbol.name, forKey: symbol.uuid), other != symbol.name {
                return UUIDClash(index: index, uuid: symbol.uuid, firstName: min(other, symbol.name), secondName: max(other, symbol.name))
            }
        }
        return nil
    }
}
