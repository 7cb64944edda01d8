/// How a block places its children in time.
public struct AlignmentContext: Hashable, Sendable {
    public var kind: AlignmentKind
    /// The context parameters (`equispaced` has one: the duration).
    public var parameters: [Value]

    public init(kind: AlignmentKind, parameters: [Value] = []) {
        self.kind = kind
        self.parameters = parameters
    }
}

/// The alignment contexts QPY can store.
public enum AlignmentKind: Hashable, Sendable {
    /// `l`: AlignLeft.
    case left
    /// `r`: AlignRight.
    case right
    /// `s`: AlignSequential.
    case sequential
    /// `e`: AlignEquispaced(duration).
    case equispaced
    /// Any other key byte, kept as read.
    case other(UInt8)

    public init(key: UInt8) {
        switch key {
        case UInt8(ascii: "l"): self = .left
        case UInt8(ascii: "r"): self = .right
        case UInt8(ascii: "s"): self = .sequential
        case UInt8(ascii: "e"): self = .equispaced
        default: self = .other(key)
        }
    }

    /// The QPY key byte.
    public var key: UInt8 {
        switch self {
        case .left: return UInt8(ascii: "l")
        case .right: return UInt8(ascii: "r")
        case .sequential: return UInt8(ascii: "s")
        case .equispaced: return UInt8(ascii: "e")
        case .other(let key): return key
        }
    }
}
