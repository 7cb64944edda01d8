/// A pulse channel: its kind and its index (an integer or a parameter expression).
public struct Channel: Hashable, Sendable {
    public var kind: ChannelKind
    public var index: Value

    public init(kind: ChannelKind, index: Value) {
        self.kind = kind
        self.index = index
    }
}

/// The channel kinds, with Qiskit's short prefixes (`d0`, `u1`, `m0`, `a0`, `m0` memory…).
public enum ChannelKind: String, CaseIterable, Hashable, Sendable {
    case drive, control, measure, acquire, memorySlot, registerSlot

    /// The QPY key byte.
    public var key: UInt8 {
        switch self {
        case .drive: return UInt8(ascii: "d")
        case .control: return UInt8(ascii: "c")
        case .measure: return UInt8(ascii: "m")
        case .acquire: return UInt8(ascii: "a")
        case .memorySlot: return UInt8(ascii: "e")
        case .registerSlot: return UInt8(ascii: "r")
        }
    }

    public init?(key: UInt8) {
        guard let kind = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = kind
    }

    /// Qiskit's prefix in channel names: `d`, `u`, `m`, `a`, `m` (memory slot) and `c`… as Qiskit
    /// prints them (`DriveChannel(0)` is `d0`).
    public var prefix: String {
        switch self {
        case .drive: return "d"
        case .control: return "u"
        case .measure: return "m"
        case .acquire: return "a"
        case .memorySlot: return "mem"
        case .registerSlot: return "reg"
        }
    }

    /// Qiskit's class name.
    public var className: String {
        switch self {
        case .drive: return "DriveChannel"
        case .control: return "ControlChannel"
        case .measure: return "MeasureChannel"
        case .acquire: return "AcquireChannel"
        case .memorySlot: return "MemorySlot"
        case .registerSlot: return "RegisterSlot"
        }
    }
}
