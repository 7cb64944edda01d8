/// The QPY file header: format version, the writer's Qiskit version, and (QPY 10+) the symbolic
/// encoding flag.
public struct QPYFileHeader: Hashable, Sendable {
    /// The QPY format version (1 to 18).
    public var version: Int
    /// The Qiskit release that wrote the file (major, minor, patch).
    public var qiskitVersion: QiskitVersion
    /// The symbolic-encoding byte of QPY 10+ (`p` sympy, `e` symengine); `nil` before QPY 10.
    public var symbolicEncoding: SymbolicEncoding?

    public init(version: Int, qiskitVersion: QiskitVersion, symbolicEncoding: SymbolicEncoding?) {
        self.version = version
        self.qiskitVersion = qiskitVersion
        self.symbolicEncoding = symbolicEncoding
    }
}

/// A Qiskit release number as the header stores it: three bytes.
public struct QiskitVersion: Hashable, Sendable, CustomStringConvertible {
    public var major: UInt8
    public var minor: UInt8
    public var patch: UInt8

    public init(major: UInt8, minor: UInt8, patch: UInt8) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    public var description: String { "\(major).\(minor).\(patch)" }
}

/// The file-wide symbolic encoding flag of QPY 10+. It is not a file-wide switch in practice:
/// Qiskit writes symengine only in some places (see each ``SymbolicExpression``'s own encoding).
public enum SymbolicEncoding: Hashable, Sendable {
    /// `p`: sympy `srepr` text.
    case sympy
    /// `e`: symengine's binary serialization.
    case symengine
    /// Any other byte, kept as read.
    case other(UInt8)

    /// The header byte.
    public var byte: UInt8 {
        switch self {
        case .sympy: return UInt8(ascii: "p")
        case .symengine: return UInt8(ascii: "e")
        case .other(let byte): return byte
        }
    }

    public init(byte: UInt8) {
        switch byte {
        case UInt8(ascii: "p"): self = .sympy
        case UInt8(ascii: "e"): self = .symengine
        default: self = .other(byte)
        }
    }
}
