import QPYExpression

/// A circuit parameter (`Parameter`): a name and the UUID that is its identity.
public struct Parameter: Hashable, Sendable {
    public var name: String
    public var uuid: ParameterUUID

    public init(name: String, uuid: ParameterUUID) {
        self.name = name
        self.uuid = uuid
    }
}

/// An element of a `ParameterVector`: the vector's name and size, the element's index and UUID.
public struct ParameterVectorElement: Hashable, Sendable {
    public var vectorName: String
    public var vectorSize: UInt64
    public var index: UInt64
    public var uuid: ParameterUUID

    public init(vectorName: String, vectorSize: UInt64, index: UInt64, uuid: ParameterUUID) {
        self.vectorName = vectorName
        self.vectorSize = vectorSize
        self.index = index
        self.uuid = uuid
    }

    /// The element's own name, `vector[index]`, as it appears in expressions.
    public var name: String { "\(vectorName)[\(index)]" }
}

/// A symbol of a ParameterExpression: a parameter or a vector element.
public enum ParameterSymbol: Hashable, Sendable {
    case parameter(Parameter)
    case vectorElement(ParameterVectorElement)

    /// The name expressions use for the symbol.
    public var name: String {
        switch self {
        case .parameter(let parameter): return parameter.name
        case .vectorElement(let element): return element.name
        }
    }

    /// The symbol's UUID.
    public var uuid: ParameterUUID {
        switch self {
        case .parameter(let parameter): return parameter.uuid
        case .vectorElement(let element): return element.uuid
        }
    }
}
