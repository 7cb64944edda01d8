/// A pulse program (`ScheduleBlock`): a named, aligned sequence of instructions and nested blocks,
/// with the references it calls (QPY 7+).
public struct ScheduleBlock: Hashable, Sendable {
    public var name: String
    /// The block's metadata, as ordered JSON.
    public var metadata: JSONValue
    public var alignment: AlignmentContext
    public var elements: [ScheduleElement]
    /// The references mapping (QPY 7+), in file order; `nil` for files before QPY 7.
    public var references: [ScheduleReference]?
    /// Storage details that the content does not determine (kept so bytes round-trip).
    public var storage: BlockStorage

    public init(
        name: String, metadata: JSONValue = .emptyObject, alignment: AlignmentContext = AlignmentContext(kind: .left),
        elements: [ScheduleElement] = [], references: [ScheduleReference]? = [], storage: BlockStorage = BlockStorage()
    ) {
        self.name = name
        self.metadata = metadata
        self.alignment = alignment
        self.elements = elements
        self.references = references
        self.storage = storage
    }
}

/// One element of a schedule block: an instruction or a nested block.
public indirect enum ScheduleElement: Hashable, Sendable {
    case instruction(PulseInstruction)
    case block(ScheduleBlock)
}

/// One entry of a block's references mapping: the reference key and, when assigned, the subroutine.
public struct ScheduleReference: Hashable, Sendable {
    /// The key parts (`("cr45p", "q0", "q1")`), joined with `,` in QPY.
    public var key: [String]
    /// The assigned subroutine, or `nil` when unassigned.
    public var block: ScheduleBlock?

    public init(key: [String], block: ScheduleBlock?) {
        self.key = key
        self.block = block
    }
}

/// How a block's bytes were laid out where the content leaves a choice.
public struct BlockStorage: Hashable, Sendable {
    /// The metadata bytes as written, kept only when re-serializing ``ScheduleBlock/metadata`` the
    /// way Qiskit does would not reproduce them.
    public var metadataText: String?

    public init(metadataText: String? = nil) { self.metadataText = metadataText }
}
