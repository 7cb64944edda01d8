import QPYExpression

/// A symbolic pulse (`SymbolicPulse` / `ScalableSymbolicPulse`): a named shape with parameters and
/// envelope, constraint and amplitude-condition expressions.
public struct SymbolicPulse: Hashable, Sendable {
    /// The shape name (`Gaussian`, `Drag`, or a user's own).
    public var pulseType: String
    /// `SymbolicPulse` or `ScalableSymbolicPulse` (QPY 6+); `nil` in QPY 5 files.
    public var className: String?
    public var duration: Value
    /// The pulse parameters in Qiskit's order (QPY mapping order).
    public var parameters: [PulseParameter]
    public var envelope: SymbolicExpression?
    public var constraints: SymbolicExpression?
    public var validAmplitudeConditions: SymbolicExpression?
    public var limitAmplitude: Bool
    public var name: String?

    public init(
        pulseType: String, className: String?, duration: Value, parameters: [PulseParameter],
        envelope: SymbolicExpression?, constraints: SymbolicExpression?, validAmplitudeConditions: SymbolicExpression?,
        limitAmplitude: Bool, name: String?
    ) {
        self.pulseType = pulseType
        self.className = className
        self.duration = duration
        self.parameters = parameters
        self.envelope = envelope
        self.constraints = constraints
        self.validAmplitudeConditions = validAmplitudeConditions
        self.limitAmplitude = limitAmplitude
        self.name = name
    }
}

/// One named pulse parameter.
public struct PulseParameter: Hashable, Sendable {
    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}

/// A pulse expression and the form QPY stored it in.
public struct SymbolicExpression: Hashable, Sendable {
    public var expression: Expression
    public var encoding: Encoding
    /// The zlib stream as written, kept only when compressing the payload again would not
    /// reproduce it (another zlib build or level).
    public var compressedBytes: [UInt8]?

    public init(expression: Expression, encoding: Encoding, compressedBytes: [UInt8]? = nil) {
        self.expression = expression
        self.encoding = encoding
        self.compressedBytes = compressedBytes
    }

    /// The payload form inside the zlib stream.
    public enum Encoding: Hashable, Sendable {
        /// sympy `srepr` text.
        case srepr
        /// symengine's binary form, with the writer's version.
        case symengine(SymengineVersion)
    }
}
