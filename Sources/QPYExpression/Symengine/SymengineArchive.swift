/// The symengine C++ version recorded in a payload's cereal header (`01 | major u16 | minor u16`).
public struct SymengineVersion: Hashable, Sendable, CustomStringConvertible {
    /// The major version (0 for every supported release).
    public var major: UInt16
    /// The minor version (9 to 13 are supported).
    public var minor: UInt16

    /// A version; only 0.9 to 0.13 can be read and written.
    public init(major: UInt16, minor: UInt16) {
        self.major = major
        self.minor = minor
    }

    /// symengine 0.9 (its type ids from `Piecewise` on are one lower than in 0.10–0.13).
    public static let v0_9 = SymengineVersion(major: 0, minor: 9)
    /// symengine 0.10 (0.10–0.13 share one type-id table).
    public static let v0_10 = SymengineVersion(major: 0, minor: 10)
    /// symengine 0.11.
    public static let v0_11 = SymengineVersion(major: 0, minor: 11)
    /// symengine 0.12.
    public static let v0_12 = SymengineVersion(major: 0, minor: 12)
    /// symengine 0.13, what Qiskit 1.x writes with the current wheels.
    public static let v0_13 = SymengineVersion(major: 0, minor: 13)

    /// `major.minor`, e.g. `0.13`.
    public var description: String { "\(major).\(minor)" }
}

/// A symengine native payload (cereal `PortableBinaryOutputArchive`, as `Basic.__reduce__` makes it):
/// the writer's version and the expression it holds.
///
/// Decoding and re-encoding a payload written by symengine 0.9–0.13 gives back the same bytes.
public struct SymengineArchive: Hashable, Sendable {
    /// The version in the header; ``bytes()`` writes the same version and type-id table.
    public var version: SymengineVersion
    /// The expression.
    public var root: Expression

    /// An archive to be written with `version`'s header and type ids.
    public init(version: SymengineVersion, root: Expression) {
        self.version = version
        self.root = root
    }
}
