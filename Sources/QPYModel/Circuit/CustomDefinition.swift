/// The definition of a custom operation used by a circuit's instructions.
public struct CustomDefinition: Hashable, Sendable {
    /// The name instructions refer to (with Qiskit's uuid suffix in QPY 11+).
    public var name: String
    /// `g` Gate, `i` Instruction, `p` PauliEvolutionGate, `c` ControlledGate, `a` AnnotatedOperation.
    public var kind: UInt8
    public var numQubits: UInt32
    public var numClbits: UInt32
    /// The definition body, or `nil` when the operation has none.
    public var body: Body?
    /// The control data (QPY 5+).
    public var numCtrlQubits: UInt32
    public var ctrlState: UInt32
    /// The base operation of a controlled gate or annotated operation (QPY 5+).
    public var baseGate: CircuitInstruction?

    public init(
        name: String, kind: UInt8, numQubits: UInt32, numClbits: UInt32, body: Body?, numCtrlQubits: UInt32 = 0,
        ctrlState: UInt32 = 0, baseGate: CircuitInstruction? = nil
    ) {
        self.name = name
        self.kind = kind
        self.numQubits = numQubits
        self.numClbits = numClbits
        self.body = body
        self.numCtrlQubits = numCtrlQubits
        self.ctrlState = ctrlState
        self.baseGate = baseGate
    }

    public indirect enum Body: Hashable, Sendable {
        /// A circuit that defines the operation.
        case circuit(QuantumCircuit)
        /// A PauliEvolutionGate's operators, time and synthesis.
        case pauliEvolution(PauliEvolutionDefinition)
    }
}

/// The definition of a PauliEvolutionGate.
public struct PauliEvolutionDefinition: Hashable, Sendable {
    /// Whether the gate's operator was a single operator rather than a list.
    public var standalone: Bool
    public var operators: [PauliOperator]
    /// The evolution time.
    public var time: Value
    /// The synthesis, as the JSON text Qiskit wrote.
    public var synthesis: String
    /// Whether a QPY 13–16 file carries QPY 17's per-operator flag byte anyway (a Qiskit 2.x
    /// writer bug, reproduced when writing the same version).
    public var flaggedOperators: Bool

    public init(standalone: Bool, operators: [PauliOperator], time: Value, synthesis: String, flaggedOperators: Bool = false) {
        self.standalone = standalone
        self.operators = operators
        self.time = time
        self.synthesis = synthesis
        self.flaggedOperators = flaggedOperators
    }
}

/// One operator of a PauliEvolutionGate.
public enum PauliOperator: Hashable, Sendable {
    /// A SparsePauliOp as the `.npy` bytes of its `(labels, coeffs)` list.
    case sparsePauliOp([UInt8])
    /// A SparseObservable (QPY 17+), with its arrays as written and whether the lengths were
    /// stored as byte counts (spec, Qiskit 2.3) or element counts (Qiskit 2.4+).
    case sparseObservable(SparseObservable)
}

/// A SparseObservable's arrays.
public struct SparseObservable: Hashable, Sendable {
    public var numQubits: UInt32
    /// Coefficients as (re, im) pairs.
    public var coefficients: [Double]
    public var bitTerms: [UInt16]
    public var indices: [UInt32]
    public var boundaries: [UInt64]
    /// Whether the lengths in the header are byte counts (`true`) or element counts.
    public var lengthsInBytes: Bool

    public init(numQubits: UInt32, coefficients: [Double], bitTerms: [UInt16], indices: [UInt32], boundaries: [UInt64], lengthsInBytes: Bool) {
        self.numQubits = numQubits
        self.coefficients = coefficients
        self.bitTerms = bitTerms
        self.indices = indices
        self.boundaries = boundaries
        self.lengthsInBytes = lengthsInBytes
    }

    public static func == (lhs: SparseObservable, rhs: SparseObservable) -> Bool {
        lhs.numQubits == rhs.numQubits && lhs.coefficients.map(\.bitPattern) == rhs.coefficients.map(\.bitPattern)
            && lhs.bitTerms == rhs.bitTerms && lhs.indices == rhs.indices && lhs.boundaries == rhs.boundaries
            && lhs.lengthsInBytes == rhs.lengthsInBytes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numQubits)
        hasher.combine(coefficients.map(\.bitPattern))
        hasher.combine(bitTerms)
    }
}
