import QPYExpression
import QPYModel

/// The parameters and vectors a text declares, by the names the text uses for them, and the
/// resolution of every other name to a parameter with a UUID derived from its name.
struct SymbolScope {
    struct Vector {
        var realName: String
        var length: UInt64
    }

    /// Declared parameters and vector elements, by local name.
    private(set) var parameters: [String: ParameterSymbol] = [:]
    /// Declared vectors, by local name.
    private(set) var vectors: [String: Vector] = [:]

    mutating func declare(vector name: String, _ vector: Vector) { vectors[name] = vector }
    mutating func declare(parameter name: String, _ symbol: ParameterSymbol) { parameters[name] = symbol }

    /// `w[3]` → (`w`, 3); `nil` when the name has no canonical `[index]` suffix.
    static func splitElement(_ name: String) -> (base: String, index: UInt64)? {
        guard name.hasSuffix("]"), let open = name.lastIndex(of: "[") else { return nil }
        let digits = name[name.index(after: open)..<name.index(before: name.endIndex)]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits == "0" || !digits.hasPrefix("0"),
              let index = UInt64(digits), open > name.startIndex else { return nil }
        return (String(name[..<open]), index)
    }

    enum Resolution {
        case symbol(ParameterSymbol)
        /// The name is an element of a declared vector, but past its end.
        case outOfRange(vector: String, length: UInt64)
    }

    /// The symbol a local name stands for.
    func resolve(_ name: String) -> Resolution {
        if let symbol = parameters[name] { return .symbol(symbol) }
        if let (base, index) = Self.splitElement(name), let vector = vectors[base] {
            guard index < vector.length else { return .outOfRange(vector: base, length: vector.length) }
            let realName = "\(vector.realName)[\(index)]"
            return .symbol(.vectorElement(ParameterVectorElement(
                vectorName: vector.realName, vectorSize: vector.length, index: index, uuid: .derived(fromName: realName))))
        }
        return .symbol(.parameter(Parameter(name: name, uuid: .derived(fromName: name))))
    }
}
