/// One instruction of a circuit: the operation's name (a Qiskit class name or a custom
/// definition's name), its label, condition, qubit and clbit indices, parameters, control data
/// (QPY 5+) and annotations (QPY 15+).
public struct CircuitInstruction: Hashable, Sendable {
    public var name: String
    public var qubits: [UInt32]
    public var clbits: [UInt32]
    public var parameters: [InstructionParameter]
    public var numCtrlQubits: UInt32
    public var ctrlState: UInt32
    /// The fields few instructions set, kept out of line (no element while all have their
    /// defaults, else one): an instruction takes 56 bytes rather than 96, and a transpiled
    /// circuit holds hundreds of thousands of them.
    @usableFromInline var rare: [RareFields]

    /// Whether label, condition, detached counts and annotations all have their defaults (read in
    /// place, without calling their getters: through a pointer those copy the instruction).
    @inlinable public var hasOnlyCommonFields: Bool { rare.isEmpty }

    public var label: String? {
        get { rare.first?.label }
        set { updateRare { $0.label = newValue } }
    }

    public var condition: InstructionCondition {
        get { rare.first?.condition ?? .none }
        set { updateRare { $0.condition = newValue } }
    }

    /// The operation's qubit and clbit counts, when they are stored without arguments (the base
    /// gate of a controlled gate or annotated operation); `nil` for ordinary instructions.
    public var detachedCounts: DetachedCounts? {
        get { rare.first?.detachedCounts }
        set { updateRare { $0.detachedCounts = newValue } }
    }

    public var annotations: [InstructionAnnotation] {
        get { rare.first?.annotations ?? [] }
        set { updateRare { $0.annotations = newValue } }
    }

    public init(
        name: String, label: String? = nil, condition: InstructionCondition = .none, qubits: [UInt32] = [],
        clbits: [UInt32] = [], parameters: [InstructionParameter] = [], detachedCounts: DetachedCounts? = nil,
        numCtrlQubits: UInt32 = 0, ctrlState: UInt32 = 0, annotations: [InstructionAnnotation] = []
    ) {
        self.name = name
        self.qubits = qubits
        self.clbits = clbits
        self.parameters = parameters
        self.numCtrlQubits = numCtrlQubits
        self.ctrlState = ctrlState
        let fields = RareFields(label: label, condition: condition, detachedCounts: detachedCounts, annotations: annotations)
        rare = fields.hasDefaults ? [] : [fields]
    }

    /// Changes the rare fields, storing none when all have their defaults (so that equal
    /// instructions have equal storage).
    private mutating func updateRare(_ change: (inout RareFields) -> Void) {
        var fields = rare.first ?? RareFields()
        change(&fields)
        rare = fields.hasDefaults ? [] : [fields]
    }

    @usableFromInline struct RareFields: Hashable, Sendable {
        var label: String?
        var condition = InstructionCondition.none
        var detachedCounts: DetachedCounts?
        var annotations: [InstructionAnnotation] = []

        var hasDefaults: Bool { label == nil && condition == .none && detachedCounts == nil && annotations.isEmpty }
    }
}

/// Qubit and clbit counts of an operation stored without its arguments.
public struct DetachedCounts: Hashable, Sendable {
    public var qubits: UInt32
    public var clbits: UInt32

    public init(qubits: UInt32, clbits: UInt32) {
        self.qubits = qubits
        self.clbits = clbits
    }
}

/// An instruction's classical condition.
public indirect enum InstructionCondition: Hashable, Sendable {
    case none
    /// A legacy `(register or clbit, value)` condition.
    case target(ClassicalTarget, value: Int64)
    /// A classical expression (QPY 9+).
    case expression(ClassicalExpression)
}

/// A classical register (by name) or a clbit (by circuit index), as conditions and `switch`
/// targets name them.
public enum ClassicalTarget: Hashable, Sendable {
    case register(String)
    case clbit(UInt32)
}

/// One annotation on an instruction (QPY 15+): its namespace index and opaque payload.
public struct InstructionAnnotation: Hashable, Sendable {
    public var namespaceIndex: UInt32
    public var payload: [UInt8]

    public init(namespaceIndex: UInt32, payload: [UInt8]) {
        self.namespaceIndex = namespaceIndex
        self.payload = payload
    }
}

/// An instruction parameter (typed values in instruction context, where integers and floats are
/// little-endian before QPY 18). Values are stored inline; the larger payloads are boxed.
public enum InstructionParameter: Hashable, Sendable {
    /// A number, string, `None`, parameter or parameter expression.
    case value(Value)
    /// `t`: a tuple of parameters.
    case tuple([InstructionParameter])
    /// `r`: a range.
    case range(start: Int64, stop: Int64, step: Int64)
    /// `q`: a circuit (control-flow body).
    indirect case circuit(QuantumCircuit)
    /// `n`: a numpy array, as its `.npy` bytes.
    case numpy([UInt8])
    /// `R`: a classical register or clbit (`switch` targets).
    indirect case target(ClassicalTarget)
    /// `d`: the default case of a `switch`.
    case caseDefault
    /// `x`: a classical expression (QPY 9+).
    indirect case expression(ClassicalExpression)
    /// `m`: a modifier of an annotated operation (QPY 11+).
    indirect case modifier(Modifier)
    /// `b`: a boolean (only Qiskit 2.4+'s reader knows it; never written by Qiskit).
    case bool(Bool)
}

/// An AnnotatedOperation modifier: `i` inverse, `c` control, `p` power.
public struct Modifier: Hashable, Sendable {
    public var kind: UInt8
    public var numCtrlQubits: UInt32
    public var ctrlState: UInt32
    public var power: Double

    public init(kind: UInt8, numCtrlQubits: UInt32, ctrlState: UInt32, power: Double) {
        self.kind = kind
        self.numCtrlQubits = numCtrlQubits
        self.ctrlState = ctrlState
        self.power = power
    }

    public static func == (lhs: Modifier, rhs: Modifier) -> Bool {
        lhs.kind == rhs.kind && lhs.numCtrlQubits == rhs.numCtrlQubits && lhs.ctrlState == rhs.ctrlState
            && lhs.power.bitPattern == rhs.power.bitPattern
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(numCtrlQubits)
        hasher.combine(ctrlState)
        hasher.combine(power.bitPattern)
    }
}
