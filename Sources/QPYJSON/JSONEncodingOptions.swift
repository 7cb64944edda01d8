/// Options for writing qpyconv JSON.
public struct JSONEncodingOptions: Sendable {
    /// Spaces per indentation level.
    public var indent: Int

    public init(indent: Int = 2) { self.indent = indent }
}

/// Options for reading qpyconv JSON.
public struct JSONDecodingOptions: Sendable {
    /// The deepest JSON nesting accepted.
    public var maximumDepth: Int

    public init(maximumDepth: Int = 200) { self.maximumDepth = maximumDepth }
}

/// The version of the JSON document format this build reads and writes (`schema_version`).
public let qpyconvJSONSchemaVersion = 1
