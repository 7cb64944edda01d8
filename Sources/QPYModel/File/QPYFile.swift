/// A whole QPY file: its header and its programs. The canonical intermediate representation that
/// every format (binary QPY, JSON, `.qpyasm` text) decodes to and encodes from.
public struct QPYFile: Hashable, Sendable {
    /// The header fields as read, so that writing with no options reproduces the input bytes.
    public var header: QPYFileHeader
    /// The programs: all circuits or all schedule blocks.
    public var programs: QPYPrograms

    public init(header: QPYFileHeader, programs: QPYPrograms) {
        self.header = header
        self.programs = programs
    }
}

/// The programs of a file; QPY files hold programs of one kind only.
public enum QPYPrograms: Hashable, Sendable {
    /// Circuits (program type key `q`, or no key before QPY 5).
    case circuits([QuantumCircuit])
    /// Pulse programs (program type key `s`, QPY 5 to 13).
    case scheduleBlocks([ScheduleBlock])

    /// How many programs there are.
    public var count: Int {
        switch self {
        case .circuits(let circuits): return circuits.count
        case .scheduleBlocks(let blocks): return blocks.count
        }
    }

    /// The kind of program, as `inspect` names it.
    public var kindName: String {
        switch self {
        case .circuits: return "QuantumCircuit"
        case .scheduleBlocks: return "ScheduleBlock"
        }
    }
}
