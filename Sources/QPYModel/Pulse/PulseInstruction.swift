/// A pulse instruction: its kind, its operands in Qiskit's order, and its name.
///
/// Operands follow Qiskit's `operands` tuples: `Play(pulse, channel)`, `Delay(duration, channel)`,
/// `SetFrequency/ShiftFrequency(frequency, channel)`, `SetPhase/ShiftPhase(phase, channel)`,
/// `Acquire(duration, channel, mem_slot, reg_slot, kernel, discriminator)`,
/// `RelativeBarrier(*channels)`, `TimeBlockade(duration, channel)`, `Reference(*keys)`.
public struct PulseInstruction: Hashable, Sendable {
    public var kind: PulseInstructionKind
    public var operands: [PulseOperand]
    /// The instruction's name (`None` when `nil`).
    public var name: String?

    public init(kind: PulseInstructionKind, operands: [PulseOperand], name: String? = nil) {
        self.kind = kind
        self.operands = operands
        self.name = name
    }
}

/// The pulse instruction kinds, with their QPY key bytes.
public enum PulseInstructionKind: String, CaseIterable, Hashable, Sendable {
    case acquire, play, delay, setFrequency, shiftFrequency, setPhase, shiftPhase
    case relativeBarrier, timeBlockade, reference

    /// The QPY key byte.
    public var key: UInt8 {
        switch self {
        case .acquire: return UInt8(ascii: "a")
        case .play: return UInt8(ascii: "p")
        case .delay: return UInt8(ascii: "d")
        case .setFrequency: return UInt8(ascii: "f")
        case .shiftFrequency: return UInt8(ascii: "g")
        case .setPhase: return UInt8(ascii: "q")
        case .shiftPhase: return UInt8(ascii: "r")
        case .relativeBarrier: return UInt8(ascii: "b")
        case .timeBlockade: return UInt8(ascii: "t")
        case .reference: return UInt8(ascii: "y")
        }
    }

    public init?(key: UInt8) {
        guard let kind = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = kind
    }

    /// Qiskit's class name.
    public var className: String {
        switch self {
        case .acquire: return "Acquire"
        case .play: return "Play"
        case .delay: return "Delay"
        case .setFrequency: return "SetFrequency"
        case .shiftFrequency: return "ShiftFrequency"
        case .setPhase: return "SetPhase"
        case .shiftPhase: return "ShiftPhase"
        case .relativeBarrier: return "RelativeBarrier"
        case .timeBlockade: return "TimeBlockade"
        case .reference: return "Reference"
        }
    }
}

/// One operand of a pulse instruction.
public enum PulseOperand: Hashable, Sendable {
    /// A number, parameter, expression, string or `None` (generic typed value).
    case value(Value)
    case channel(Channel)
    case waveform(Waveform)
    case symbolicPulse(SymbolicPulse)
    /// `o`: an operand string (reference keys).
    case string(String)
    case kernel(AcquireProcessor)
    case discriminator(AcquireProcessor)
}
