/// A quantum circuit as QPY stores it: header fields, registers, standalone variables, custom
/// definitions, instructions, calibrations (QPY 5–17) and layout (QPY 8+).
public struct QuantumCircuit: Hashable, Sendable {
    public var name: String
    /// The global phase: a float in QPY 1; a number, parameter or expression from QPY 2.
    public var globalPhase: Value
    public var numQubits: UInt32
    public var numClbits: UInt32
    /// The circuit metadata, as ordered JSON.
    public var metadata: JSONValue
    /// Quantum registers first, then classical ones, in file order.
    public var registers: [CircuitRegister]
    /// Standalone classical variables and stretches (QPY 12+), in file order.
    public var variables: [VariableDeclaration]
    /// Annotation namespaces and their serializer states (QPY 15+).
    public var annotationNamespaces: [AnnotationNamespace]
    /// Definitions of custom gates and instructions used by ``instructions``.
    public var customDefinitions: [CustomDefinition]
    public var instructions: [CircuitInstruction]
    /// Pulse calibrations (QPY 5 to 17; Qiskit 2.x writes none).
    public var calibrations: [CircuitCalibration]
    /// The transpiler layout (QPY 8+); `nil` when the file says there is none.
    public var layout: CircuitLayout?
    /// Storage details the content does not determine.
    public var storage: CircuitStorage

    public init(
        name: String, globalPhase: Value = .float(0), numQubits: UInt32 = 0, numClbits: UInt32 = 0,
        metadata: JSONValue = .emptyObject, registers: [CircuitRegister] = [], variables: [VariableDeclaration] = [],
        annotationNamespaces: [AnnotationNamespace] = [], customDefinitions: [CustomDefinition] = [],
        instructions: [CircuitInstruction] = [], calibrations: [CircuitCalibration] = [], layout: CircuitLayout? = nil,
        storage: CircuitStorage = CircuitStorage()
    ) {
        self.name = name
        self.globalPhase = globalPhase
        self.numQubits = numQubits
        self.numClbits = numClbits
        self.metadata = metadata
        self.registers = registers
        self.variables = variables
        self.annotationNamespaces = annotationNamespaces
        self.customDefinitions = customDefinitions
        self.instructions = instructions
        self.calibrations = calibrations
        self.layout = layout
        self.storage = storage
    }
}

/// How a circuit's bytes were laid out where the content leaves a choice.
public struct CircuitStorage: Hashable, Sendable {
    /// The metadata bytes as written, when Qiskit's serialization of the value differs (an empty
    /// string: no metadata bytes at all).
    public var metadataText: String?
    /// The QPY 18 parameter-vector table in file order (`nil`: derive it from the vectors used).
    public var vectorTable: [ParameterVectorDeclaration]?
    /// The custom-definition count the header states, when it is smaller than the number of
    /// definitions written (Qiskit 1.x's QPY 10 writer repeats definitions without counting them).
    public var definitionCountInHeader: UInt64?

    public init(metadataText: String? = nil, vectorTable: [ParameterVectorDeclaration]? = nil, definitionCountInHeader: UInt64? = nil) {
        self.metadataText = metadataText
        self.vectorTable = vectorTable
        self.definitionCountInHeader = definitionCountInHeader
    }
}

/// A `ParameterVector` as the QPY 18 vector table declares it.
public struct ParameterVectorDeclaration: Hashable, Sendable {
    public var name: String
    public var size: UInt64
    /// The vector's root UUID (element `i` has this UUID plus `i`).
    public var rootUUID: ParameterUUID

    public init(name: String, size: UInt64, rootUUID: ParameterUUID) {
        self.name = name
        self.size = size
        self.rootUUID = rootUUID
    }
}

/// A quantum or classical register: its name and, for each of its bits, the bit's index in the
/// circuit (`-1`: that bit is not in the circuit).
public struct CircuitRegister: Hashable, Sendable {
    public var kind: BitKind
    public var name: String
    /// Whether the register owns its bits (Qiskit's old register-owned bit model).
    public var standalone: Bool
    /// Whether the register belongs to the circuit (QPY 4+; always true before).
    public var inCircuit: Bool
    public var indices: [Int64]
    /// QPY 18's `register_attachment` byte as read (1: stored as a contiguous range); `nil`
    /// derives it from the indices.
    public var attachment: UInt8?

    public init(kind: BitKind, name: String, standalone: Bool, inCircuit: Bool = true, indices: [Int64], attachment: UInt8? = nil) {
        self.kind = kind
        self.name = name
        self.standalone = standalone
        self.inCircuit = inCircuit
        self.indices = indices
        self.attachment = attachment
    }

    /// Whether the bits are consecutive circuit bits (QPY 18 then stores only the first index).
    public var isContiguous: Bool {
        guard let first = indices.first, first >= 0 else { return false }
        return indices.enumerated().allSatisfy { $0.element == first + Int64($0.offset) }
    }

    /// Whether QPY 18 can store the register as a range (first index and size): consecutive
    /// circuit bits, or no bits at all (Qiskit stores an empty register as the range of no bits
    /// from bit 0xFFFFFFFF).
    public var canBeStoredAsRange: Bool { indices.isEmpty || isContiguous }

    /// The `register_attachment` byte Qiskit writes for these bits: 1 for a range, else 0.
    public var defaultAttachment: UInt8 { canBeStoredAsRange ? 1 : 0 }
}

/// Qubits, clbits, or ancilla qubits (QPY 18 distinguishes AncillaRegister).
public enum BitKind: String, Hashable, Sendable {
    case quantum, classical, ancilla

    public var key: UInt8 {
        switch self {
        case .quantum: return UInt8(ascii: "q")
        case .classical: return UInt8(ascii: "c")
        case .ancilla: return UInt8(ascii: "a")
        }
    }
}

/// A standalone classical variable or stretch (QPY 12+).
public struct VariableDeclaration: Hashable, Sendable {
    public var uuid: ParameterUUID
    /// `I` input, `C` captured, `L` local variable; `A` captured, `O` local stretch (QPY 14+).
    public var usage: UInt8
    public var type: ClassicalType
    public var name: String

    public init(uuid: ParameterUUID, usage: UInt8, type: ClassicalType, name: String) {
        self.uuid = uuid
        self.usage = usage
        self.type = type
        self.name = name
    }
}

/// An annotation namespace and the opaque state its serializer wrote (QPY 15+).
public struct AnnotationNamespace: Hashable, Sendable {
    public var namespace: String
    public var state: [UInt8]

    public init(namespace: String, state: [UInt8]) {
        self.namespace = namespace
        self.state = state
    }
}
