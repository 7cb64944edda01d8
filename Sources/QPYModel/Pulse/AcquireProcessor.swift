/// An acquisition `Kernel` or `Discriminator`: a name and nested parameters.
public struct AcquireProcessor: Hashable, Sendable {
    public var name: String?
    public var parameters: [ProcessorParameter]

    public init(name: String?, parameters: [ProcessorParameter]) {
        self.name = name
        self.parameters = parameters
    }
}

/// One named parameter of a kernel or discriminator.
public struct ProcessorParameter: Hashable, Sendable {
    public var name: String
    public var value: ProcessorValue

    public init(_ name: String, _ value: ProcessorValue) {
        self.name = name
        self.value = value
    }
}

/// A kernel or discriminator parameter value: a typed value, a nested dict (`D`) or a list (`l`).
public indirect enum ProcessorValue: Hashable, Sendable {
    case value(Value)
    case dictionary([ProcessorParameter])
    case list([ProcessorValue])
}
