/// Options for writing QPY bytes.
public struct QPYEncodingOptions: Sendable {
    /// The QPY version to write; `nil` writes the version the file was read with, which reproduces
    /// the input bytes.
    public var targetVersion: Int?

    public init(targetVersion: Int? = nil) { self.targetVersion = targetVersion }
}
