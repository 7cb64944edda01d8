/// A pulse calibration attached to a circuit (QPY 5 to 17): the schedule that implements a gate
/// on given qubits with given parameters.
public struct CircuitCalibration: Hashable, Sendable {
    public var gate: String
    public var qubits: [Int64]
    public var parameters: [Value]
    public var schedule: ScheduleBlock

    public init(gate: String, qubits: [Int64], parameters: [Value], schedule: ScheduleBlock) {
        self.gate = gate
        self.qubits = qubits
        self.parameters = parameters
        self.schedule = schedule
    }
}

/// A transpiled circuit's layout (QPY 8+).
public struct CircuitLayout: Hashable, Sendable {
    /// For each physical qubit, the virtual bit placed there (`nil`: a bit without register).
    public var initialLayout: [LayoutBit?]?
    /// For each input-mapping position, the physical qubit.
    public var inputMapping: [UInt32]?
    /// For each physical position, the index of the circuit qubit mapped there.
    public var finalLayout: [UInt32]?
    /// Quantum registers of the layout's virtual bits that are not in the circuit.
    public var extraRegisters: [CircuitRegister]
    /// `_input_qubit_count` (QPY 10+; negative: `None`).
    public var inputQubitCount: Int32

    public init(initialLayout: [LayoutBit?]?, inputMapping: [UInt32]?, finalLayout: [UInt32]?,
                extraRegisters: [CircuitRegister], inputQubitCount: Int32) {
        self.initialLayout = initialLayout
        self.inputMapping = inputMapping
        self.finalLayout = finalLayout
        self.extraRegisters = extraRegisters
        self.inputQubitCount = inputQubitCount
    }
}

/// A virtual bit of an initial layout: its index in a register of that name.
public struct LayoutBit: Hashable, Sendable {
    public var register: String
    public var index: Int32

    public init(register: String, index: Int32) {
        self.register = register
        self.index = index
    }
}
